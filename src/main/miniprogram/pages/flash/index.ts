import { browse, member, newKey, toast, yuan } from '../../utils/api'
import { countdown, slots } from '../../utils/slots'

interface Sale { id: number; name: string; productName: string; storePriceFen: number; priceFen: number; quantity: number; left: number; perMemberLimit: number; startsAt: string; endsAt: string; serverNow: string }

/** A store's flash sales (C7): live ones count down to their end, coming ones to their start, on the server's clock. */
Page({
  data: { storeId: 0, sales: [] as Array<Sale & { price: string; was: string; clock: string; state: string }>, slots: slots(), slot: 0, buying: 0 },
  skew: 0,
  timer: 0 as number,
  raw: [] as Sale[],
  onLoad(options: Record<string, string | undefined>) {
    this.setData({ storeId: Number(options.store) })
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
    browse<Sale[]>(`/stores/${this.data.storeId}/flash-sales`)
      .then((sales) => {
        this.raw = sales
        if (sales.length) this.skew = Date.parse(sales[0].serverNow) - Date.now()
        this.tick()
      })
      .catch(toast)
  },
  tick() {
    const now = Date.now() + this.skew
    this.setData({
      sales: this.raw.map((s) => {
        const state = now < Date.parse(s.startsAt) ? '距开始' : s.left <= 0 ? '已抢光' : '距结束'
        return { ...s, price: yuan(s.priceFen), was: yuan(s.storePriceFen), state, clock: state === '已抢光' ? '' : countdown(state === '距开始' ? s.startsAt : s.endsAt, this.skew) }
      }),
    })
  },
  pickSlot(e: WechatMiniprogram.PickerChange) {
    this.setData({ slot: Number(e.detail.value) })
  },
  buy(e: WechatMiniprogram.TouchEvent) {
    const saleId = Number(e.currentTarget.dataset.id)
    this.setData({ buying: saleId })
    member<{ orderNo: string }>(
      'POST',
      '/checkout/flash',
      { saleId, quantity: 1, order: { storeId: this.data.storeId, mode: 'PICKUP', pickupAt: this.data.slots[this.data.slot].value } },
      newKey(),
    )
      .then((order) => wx.navigateTo({ url: `/pages/order/index?no=${order.orderNo}` }))
      .catch((err) => {
        toast(err)
        this.load()
      })
      .finally(() => this.setData({ buying: 0 }))
  },
})
