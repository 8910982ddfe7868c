import { member, toast, yuan } from '../../utils/api'
import { appointmentStatus } from '../../utils/status'
import { payInWeChat } from '../../utils/pay'

interface Appointment { id: number; code: string; itemName: string; localDate: string; localTime: string; timeZone: string; staffName?: string; status: string; priceFen: number; feeFen: number; closeReason?: string; orderNo?: string }

/** One appointment: the code to show at the store; confirming a hold, cancelling. */
Page({
  data: { id: 0, a: null as (Appointment & { statusText: string; price: string; fee: string }) | null, busy: false },
  onLoad(options: Record<string, string | undefined>) {
    this.setData({ id: Number(options.id) })
    this.load()
  },
  load() {
    member<Appointment>('GET', `/appointments/${this.data.id}`).then((a) => this.show(a)).catch(toast)
  },
  show(a: Appointment) {
    this.setData({ a: { ...a, statusText: appointmentStatus(a.status), price: yuan(a.priceFen), fee: yuan(a.feeFen) } })
  },
  /** A prepaid item: paying its order confirms the hold; the page reads it again once WeChat Pay closes. */
  async pay() {
    const a = this.data.a
    if (!a?.orderNo) return
    this.setData({ busy: true })
    try {
      if (await payInWeChat(`/orders/${a.orderNo}`)) setTimeout(() => this.load(), 1500)
    } catch (e) {
      toast(e)
    } finally {
      this.setData({ busy: false })
    }
  },
  act(e: WechatMiniprogram.TouchEvent) {
    const path = String(e.currentTarget.dataset.act)
    this.setData({ busy: true })
    member<Appointment>('POST', `/appointments/${this.data.id}/${path}`, path === 'cancel' ? { reason: null } : undefined)
      .then((a) => this.show(a))
      .catch(toast)
      .finally(() => this.setData({ busy: false }))
  },
})
