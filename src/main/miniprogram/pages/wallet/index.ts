import { browse, member, newKey, toast, yuan } from '../../utils/api'
import { payInWeChat } from '../../utils/pay'

interface Plan { id: number; name: string; payFen: number; giftFen: number }
interface Wallet { balanceFen: number; principalFen: number; giftFen: number; ledger: Array<{ kind: string; principalFen: number; giftFen: number; note?: string; at: string }> }

const KINDS: Record<string, string> = { TOPUP: '充值', SPEND: '下单支付', RETURN: '退回储值', ADJUST: '门店调整' }

/** Stored value (C6): the balance with the gift shown apart, top-up plans paid through WeChat Pay, and the ledger. */
Page({
  data: {
    balance: '0.00',
    principal: '0.00',
    gift: '0.00',
    plans: [] as Array<Plan & { pay: string; bonus: string }>,
    ledger: [] as Array<{ kind: string; amount: string; at: string }>,
    busy: false,
  },
  onShow() {
    this.load()
  },
  load() {
    browse<Plan[]>('/topup-plans')
      .then((plans) => this.setData({ plans: plans.map((p) => ({ ...p, pay: yuan(p.payFen), bonus: yuan(p.giftFen) })) }))
      .catch(toast)
    member<Wallet>('GET', '/me/wallet')
      .then((w) =>
        this.setData({
          balance: yuan(w.balanceFen),
          principal: yuan(w.principalFen),
          gift: yuan(w.giftFen),
          ledger: w.ledger.map((e) => ({ kind: KINDS[e.kind] || e.kind, amount: yuan(e.principalFen + e.giftFen), at: e.at.replace('T', ' ').slice(0, 16) })),
        }),
      )
      .catch(toast)
  },
  /** Starts a top-up and pays it in WeChat's payment sheet; the balance is credited when WeChat Pay confirms. */
  async topUp(e: WechatMiniprogram.TouchEvent) {
    this.setData({ busy: true })
    try {
      const topup = await member<{ topupNo: string }>('POST', '/topups', { planId: Number(e.currentTarget.dataset.id) }, newKey())
      if (await payInWeChat(`/topups/${topup.topupNo}`)) {
        wx.showToast({ title: '充值成功', icon: 'success' })
        setTimeout(() => this.load(), 1500)
      }
    } catch (err) {
      toast(err)
    } finally {
      this.setData({ busy: false })
    }
  },
})
