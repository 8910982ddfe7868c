import { browse, member, newKey, toast, yuan } from '../../utils/api'
import { countdown, slots } from '../../utils/slots'

interface Team { teamId: number; groupBuyId: number; name: string; storeId: number; productName: string; storePriceFen?: number; priceFen: number; groupSize: number; joined: number; paid: number; status: string; expiresAt: string; serverNow: string }
interface Buy { id: number; name: string; productName: string; storePriceFen: number; priceFen: number; groupSize: number; hours: number; openTeams: Team[]; serverNow: string }

/**
 * Group buy (C7): with `store` the store's group buys and the teams gathering there; with `team` one team as its
 * shared card opens it. Opening or joining places a one-unit order to pay like any other; a team that does not form in
 * time is refunded automatically.
 */
Page({
  data: {
    storeId: 0,
    teamId: 0,
    buys: [] as Array<Buy & { price: string; was: string }>,
    team: null as null | (Team & { price: string; clock: string; open: boolean }),
    mine: '',
    slots: slots(),
    slot: 0,
    busy: false,
  },
  skew: 0,
  timer: 0 as number,
  onLoad(options: Record<string, string | undefined>) {
    this.setData({ storeId: Number(options.store || 0), teamId: Number(options.team || 0) })
  },
  onShow() {
    this.load()
    this.timer = setInterval(() => this.tick(), 1000) as unknown as number
  },
  onHide() {
    clearInterval(this.timer)
  },
  onUnload() {
    clearInterval(this.timer)
  },
  load() {
    if (this.data.teamId) {
      browse<Team>(`/group-teams/${this.data.teamId}`)
        .then((team) => {
          this.skew = Date.parse(team.serverNow) - Date.now()
          this.setData({ team: { ...team, price: yuan(team.priceFen), clock: '', open: false }, storeId: team.storeId })
          this.tick()
        })
        .catch(toast)
      member<Array<{ team: { teamId: number }; orderNo: string; seat: string }>>('GET', '/me/group-teams')
        .then((seats) => this.setData({ mine: seats.find((s) => s.team.teamId === this.data.teamId && s.seat !== 'LEFT')?.orderNo || '' }))
        .catch(() => undefined)
    } else {
      browse<Buy[]>(`/stores/${this.data.storeId}/group-buys`)
        .then((buys) => this.setData({ buys: buys.map((b) => ({ ...b, price: yuan(b.priceFen), was: yuan(b.storePriceFen) })) }))
        .catch(toast)
    }
  },
  tick() {
    const t = this.data.team
    if (!t) return
    const open = t.status === 'OPEN' && Date.parse(t.expiresAt) > Date.now() + this.skew
    this.setData({ 'team.clock': open ? countdown(t.expiresAt, this.skew) : '', 'team.open': open })
  },
  pickSlot(e: WechatMiniprogram.PickerChange) {
    this.setData({ slot: Number(e.detail.value) })
  },
  join(e: WechatMiniprogram.TouchEvent) {
    const groupBuyId = Number(e.currentTarget.dataset.buy)
    const teamId = Number(e.currentTarget.dataset.team || 0)
    this.setData({ busy: true })
    member<{ orderNo: string }>(
      'POST',
      '/checkout/group-buy',
      { groupBuyId, teamId: teamId || undefined, order: { storeId: this.data.storeId, mode: 'PICKUP', pickupAt: this.data.slots[this.data.slot].value } },
      newKey(),
    )
      .then((order) => wx.navigateTo({ url: `/pages/order/index?no=${order.orderNo}` }))
      .catch((err) => {
        toast(err)
        this.load()
      })
      .finally(() => this.setData({ busy: false }))
  },
  /** The share card opens this team. */
  onShareAppMessage() {
    const t = this.data.team
    return { title: t ? `${t.name}：还差 ${t.groupSize - t.paid} 人，一起拼` : '一起拼团', path: `/pages/group/index?team=${this.data.teamId}` }
  },
})
