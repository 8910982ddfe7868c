import { member, toast, yuan } from '../../utils/api'

interface Level { name: string; minGrowth: number; discountPercent: number; freeDelivery: boolean; birthdayTemplateId?: number }
interface MyLevel { growth: number; level?: Level; next?: Level; birthday?: string }

/**
 * The member centre (C6): one membership across every store — level and growth, points, stored value, the phone
 * (bound through WeChat's getPhoneNumber button), and the ways in to coupons and the points mall.
 */
Page({
  data: { levelName: '', growth: 0, toNext: '', benefits: '', points: 0, balance: '', gift: '', phone: '', birthday: '' },
  onShow() {
    this.load()
  },
  onPullDownRefresh() {
    this.load()
  },
  load() {
    Promise.all([
      member<MyLevel>('GET', '/me/level'),
      member<{ balance: number }>('GET', '/me/points?size=1'),
      member<{ balanceFen: number; giftFen: number }>('GET', '/me/wallet'),
      member<{ phone?: string }>('GET', '/me'),
    ])
      .then(([level, points, wallet, me]) => {
        const l = level.level
        this.setData({
          levelName: l ? l.name : '尚未定级',
          growth: level.growth,
          toNext: level.next ? `再得 ${level.next.minGrowth - level.growth} 成长值升级为${level.next.name}` : '已是最高等级',
          benefits: l
            ? [l.discountPercent ? `商品 ${l.discountPercent}% 优惠` : '', l.freeDelivery ? '同城配送免运费' : '', l.birthdayTemplateId ? '生日礼券' : '']
                .filter((b) => b)
                .join(' · ')
            : '',
          points: points.balance,
          balance: yuan(wallet.balanceFen),
          gift: yuan(wallet.giftFen),
          phone: me.phone || '',
          birthday: level.birthday || '',
        })
      })
      .catch(toast)
      .finally(() => wx.stopPullDownRefresh())
  },
  /** WeChat's getPhoneNumber button gives a single-use code; Mendian asks WeChat for the number behind it. */
  bindPhone(e: WechatMiniprogram.CustomEvent) {
    const code = (e.detail as { code?: string }).code
    if (!code) return
    member<{ merged: boolean }>('POST', '/me/phone', { code })
      .then((r) => {
        wx.showToast({ title: r.merged ? '已合并到手机号会员' : '手机号已绑定', icon: 'success' })
        this.load()
      })
      .catch(toast)
  },
  /** The birthday (month and day) brings the level's birthday coupon; it is set once. */
  setBirthday(e: WechatMiniprogram.PickerChange) {
    const birthday = String(e.detail.value).slice(5, 10)
    wx.showModal({ title: '设置生日', content: `生日设为 ${birthday}？设置后不可修改` }).then((r) => {
      if (!r.confirm) return
      member('PUT', '/me/birthday', { birthday })
        .then(() => this.load())
        .catch(toast)
    })
  },
  go(e: WechatMiniprogram.TouchEvent) {
    wx.navigateTo({ url: String(e.currentTarget.dataset.url) })
  },
})
