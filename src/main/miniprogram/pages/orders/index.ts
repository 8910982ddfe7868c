import { member, toast, yuan } from '../../utils/api'
import { statusText } from '../../utils/status'

interface Order { orderNo: string; status: string; totalFen: number; lines: Array<{ productName: string }> }

Page({
  data: { orders: [] as Array<Order & { total: string; state: string; title: string }>, page: 0, total: 0 },
  onShow() {
    this.load(0)
  },
  onPullDownRefresh() {
    this.load(0)
  },
  onReachBottom() {
    if (this.data.orders.length < this.data.total) this.load(this.data.page + 1)
  },
  load(page: number) {
    member<{ items: Order[]; total: number }>('GET', `/orders?page=${page}&size=20`)
      .then((result) => {
        const rows = result.items.map((o) => ({ ...o, total: yuan(o.totalFen), state: statusText(o.status), title: o.lines.map((l) => l.productName).join('、') }))
        this.setData({ orders: page ? [...this.data.orders, ...rows] : rows, page, total: result.total })
      })
      .catch(toast)
      .finally(() => wx.stopPullDownRefresh())
  },
  open(e: WechatMiniprogram.TouchEvent) {
    wx.navigateTo({ url: `/pages/order/index?no=${e.currentTarget.dataset.no}` })
  },
})
