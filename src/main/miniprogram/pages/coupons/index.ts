import { member, newKey, toast, yuan } from '../../utils/api'

interface Coupon { id: number; name: string; type: string; value: number; capFen?: number; thresholdFen: number; validUntil: string }

function terms(c: Coupon): string {
  const value = c.type === 'PERCENT' ? `${100 - c.value}折`.replace(/(\d)(\d)折/, '$1.$2折').replace('.0折', '折') : `立减 ¥${yuan(c.value)}`
  return `${value} · ${c.thresholdFen ? `满 ¥${yuan(c.thresholdFen)} 可用` : '无门槛'}`
}

/** My coupons (usable now) and the coupons the brand offers to claim. */
Page({
  data: { mine: [] as Array<Coupon & { terms: string; until: string }>, offered: [] as Array<Coupon & { terms: string }> },
  onShow() {
    this.load()
  },
  load() {
    Promise.all([
      member<{ items: Coupon[] }>('GET', '/me/coupons?status=AVAILABLE&size=50'),
      member<Coupon[]>('GET', '/coupons'),
    ])
      .then(([mine, offered]) =>
        this.setData({
          mine: mine.items.map((c) => ({ ...c, terms: terms(c), until: c.validUntil.slice(0, 10) })),
          offered: offered.map((c) => ({ ...c, terms: terms(c) })),
        }),
      )
      .catch(toast)
  },
  claim(e: WechatMiniprogram.TouchEvent) {
    member('POST', `/coupons/${e.currentTarget.dataset.id}/claim`, undefined, newKey())
      .then(() => {
        wx.showToast({ title: '领取成功', icon: 'success' })
        this.load()
      })
      .catch(toast)
  },
})
