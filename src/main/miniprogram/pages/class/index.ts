import { member, toast, yuan } from '../../utils/api'
import { enrolmentStatus } from '../../utils/status'
import { payInWeChat } from '../../utils/pay'

interface Enrolment { id: number; code: string; courseName: string; status: string; priceFen: number; orderNo?: string; refundFen: number; attended: number; sessions: number; nextSessionLocal?: string; closeReason?: string; fromWaitlist: boolean }

/** One class: the code to show at each session, progress, paying a held seat, cancelling. */
Page({
  data: { id: 0, e: null as (Enrolment & { statusText: string; price: string; refund: string; percent: number }) | null, busy: false },
  onLoad(options: Record<string, string | undefined>) {
    this.setData({ id: Number(options.id) })
    this.load().then(() => {
      if (options.pay && this.data.e?.status === 'HELD') this.pay()
    })
  },
  load(): Promise<void> {
    return member<Enrolment>('GET', `/enrolments/${this.data.id}`).then((e) => this.show(e)).catch(toast)
  },
  show(e: Enrolment) {
    this.setData({
      e: { ...e, statusText: enrolmentStatus(e.status), price: yuan(e.priceFen), refund: yuan(e.refundFen), percent: e.sessions ? Math.round((e.attended / e.sessions) * 100) : 0 },
    })
  },
  /** Paying the tuition confirms the seat; the page reads it again once WeChat Pay closes. */
  async pay() {
    const e = this.data.e
    if (!e?.orderNo) return
    this.setData({ busy: true })
    try {
      if (await payInWeChat(`/orders/${e.orderNo}`)) setTimeout(() => this.load(), 1500)
    } catch (err) {
      toast(err)
    } finally {
      this.setData({ busy: false })
    }
  },
  cancel() {
    wx.showModal({
      content: '取消后，距开课超过退款时限的课节按比例退款，名额将让给候补的同学。确定取消吗？',
      success: (r) => {
        if (!r.confirm) return
        this.setData({ busy: true })
        member<Enrolment>('POST', `/enrolments/${this.data.id}/cancel`, { reason: null })
          .then((e) => this.show(e))
          .catch(toast)
          .finally(() => this.setData({ busy: false }))
      },
    })
  },
})
