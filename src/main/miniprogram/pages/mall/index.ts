import { member, newKey, toast } from '../../utils/api'

interface Item { id: number; name: string; couponName: string; points: number; stock?: number; redeemed: number; perMemberLimit: number; mine?: number }

/** The points mall: points buy coupons (and exchange coupons for goods); points and coupon move together. */
Page({
  data: { balance: 0, items: [] as Array<Item & { state: string; blocked: boolean }> },
  onShow() {
    this.load()
  },
  load() {
    Promise.all([member<Item[]>('GET', '/me/mall-items'), member<{ balance: number }>('GET', '/me/points?size=1')])
      .then(([items, points]) =>
        this.setData({
          balance: points.balance,
          items: items.map((i) => {
            const soldOut = i.stock !== undefined && i.stock !== null && i.redeemed >= i.stock
            const limit = (i.mine || 0) >= i.perMemberLimit
            const short = points.balance < i.points
            return { ...i, blocked: soldOut || limit || short, state: soldOut ? '已兑完' : limit ? '已达上限' : short ? '积分不足' : '兑换' }
          }),
        }),
      )
      .catch(toast)
  },
  redeem(e: WechatMiniprogram.TouchEvent) {
    const item = this.data.items.find((i) => i.id === Number(e.currentTarget.dataset.id))
    if (!item) return
    wx.showModal({ title: item.name, content: `用 ${item.points} 积分兑换「${item.couponName}」？` }).then((r) => {
      if (!r.confirm) return
      member('POST', `/mall-items/${item.id}/redeem`, undefined, newKey())
        .then(() => {
          wx.showToast({ title: '兑换成功', icon: 'success' })
          this.load()
        })
        .catch(toast)
    })
  },
})
