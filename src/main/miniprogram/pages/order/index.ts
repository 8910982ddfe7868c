import { member, toast, yuan } from '../../utils/api'
import { statusText } from '../../utils/status'
import { payInWeChat } from '../../utils/pay'

interface Order {
  orderNo: string
  status: string
  totalFen: number
  pickupCode?: string
  queueNo?: string
  lines: Array<{ skuId: number; productName: string; quantity: number; lineFen: number }>
  timeline: Array<{ status: string; note?: string; at: string }>
}

Page({
  data: { no: '', queue: '', order: null as null | Order, state: '', total: '', steps: [] as Array<{ label: string; at: string }>, lines: [] as Array<{ skuId: number; text: string; amount: string }> },
  timer: 0 as number,
  onLoad(options: Record<string, string | undefined>) {
    this.setData({ no: options.no || '' })
  },
  onShow() {
    this.load()
    // While the store works on it, the page follows along.
    this.timer = setInterval(() => this.load(), 15000) as unknown as number
  },
  onHide() {
    clearInterval(this.timer)
  },
  onUnload() {
    clearInterval(this.timer)
  },
  load() {
    member<Order>('GET', `/orders/${this.data.no}`)
      .then((order) =>
        this.setData({
          order,
          state: statusText(order.status),
          total: yuan(order.totalFen),
          lines: order.lines.map((l) => ({ skuId: l.skuId, text: `${l.productName} × ${l.quantity}`, amount: yuan(l.lineFen) })),
          steps: order.timeline.map((e) => ({ label: statusText(e.status), at: e.at.replace('T', ' ').slice(0, 16) })),
        }),
      )
      .then(() => this.queue())
      .catch(toast)
  },
  /** Order ahead: how many orders are made before this one, and when it should be ready. */
  queue() {
    const order = this.data.order
    if (!order?.queueNo || !['PAID', 'ACCEPTED', 'PREPARING'].includes(order.status)) {
      this.setData({ queue: order?.status === 'READY' && order.queueNo ? '已做好，请凭取餐号取餐' : '' })
      return
    }
    member<{ ahead: number; estimatedReadyAt?: string }>('GET', `/orders/${this.data.no}/queue`)
      .then((q) => {
        const at = q.estimatedReadyAt ? new Date(q.estimatedReadyAt) : null
        const clock = at ? `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}` : ''
        this.setData({ queue: `${q.ahead ? `前面还有 ${q.ahead} 单` : '下一个就是您的'}${clock ? `，预计 ${clock} 可取` : ''}` })
      })
      .catch(() => this.setData({ queue: '' }))
  },
  async pay() {
    try {
      if (await payInWeChat(`/orders/${this.data.no}`)) this.load()
    } catch (e) {
      toast(e)
    }
  },
  async cancel() {
    try {
      await member('POST', `/orders/${this.data.no}/cancel`)
      this.load()
    } catch (e) {
      toast(e)
    }
  },
})
