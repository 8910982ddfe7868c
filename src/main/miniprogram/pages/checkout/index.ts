import { slots } from '../../utils/slots'
import { ApiError, browse, member, newKey, toast, yuan } from '../../utils/api'
import { askToBeTold, loadTemplates } from '../../utils/notify'
import { payInWeChat } from '../../utils/pay'

interface Item { skuId: number; productName: string; quantity: number; lineFen?: number; available: boolean; inStock: boolean }
interface StoreCart { storeId: number; items: Item[]; itemsFen: number }
interface Store { name: string; timeZone?: string; fulfilment?: { pickup: boolean; express: boolean; delivery?: { enabled: boolean } } }
interface Placed { orderNo: string }
interface Wait {
  orderAhead: boolean
  paused: boolean
  resumesAt?: string
  pauseReason?: string
  waitMinutes: number
  fullSlots?: string[]
}

const QUARTER = 15 * 60000

/** The pickup times to offer: as soon as possible (unless paused), then every quarter of an hour that is not full. */
function pickupTimes(wait: Wait | null): Array<{ value: string; label: string }> {
  const full = new Set((wait?.fullSlots || []).map((at) => Date.parse(at)))
  const open = (at: number): boolean => !full.has(Math.floor(at / QUARTER) * QUARTER)
  const asap = wait?.orderAhead && !wait.paused && open(Date.now())
    ? [{ value: 'ASAP', label: `尽快取餐（约 ${wait.waitMinutes} 分钟）` }]
    : []
  return [...asap, ...slots().filter((s) => open(Date.parse(s.value)))]
}

const MODES: Record<string, string> = { PICKUP: '到店自提', DELIVERY: '同城配送', EXPRESS: '快递' }

Page({
  data: {
    storeId: 0,
    store: null as Store | null,
    items: [] as Array<Item & { line: string }>,
    total: '0.00',
    modes: [] as Array<{ value: string; label: string }>,
    mode: 'PICKUP',
    slots: [] as Array<{ value: string; label: string }>,
    slot: 0,
    address: { name: '', phone: '', detail: '', latitude: '', longitude: '' },
    note: '',
    key: newKey(),
    placing: false,
    paused: '',
  },
  async onLoad(options: Record<string, string | undefined>) {
    loadTemplates()
    const storeId = Number(options.store)
    try {
      const store = await browse<Store>(`/stores/${storeId}`)
      const f = store.fulfilment
      const modes = Object.keys(MODES)
        .filter((m) => (m === 'PICKUP' ? f?.pickup : m === 'EXPRESS' ? f?.express : f?.delivery?.enabled))
        .map((value) => ({ value, label: MODES[value] }))
      // Order ahead: "as soon as possible" first with the store's wait, unless the store paused it.
      const wait = await browse<Wait>(`/stores/${storeId}/order-ahead`).catch(() => null)
      const paused = wait?.paused
        ? `门店繁忙，暂停提前下单至 ${(wait.resumesAt || '').slice(11, 16)}${wait.pauseReason ? `（${wait.pauseReason}）` : ''}`
        : ''
      this.setData({ storeId, store, modes, mode: modes[0]?.value || 'PICKUP', slots: pickupTimes(wait), paused })
      await this.cart()
    } catch (e) {
      toast(e)
    }
  },
  async cart() {
    const cart = await member<{ stores: StoreCart[] }>('GET', '/cart')
    const mine = cart.stores.find((s) => s.storeId === this.data.storeId)
    this.setData({
      items: (mine?.items || []).map((i) => ({ ...i, line: yuan(i.lineFen || 0) })),
      total: yuan(mine?.itemsFen || 0),
    })
  },
  chooseMode(e: WechatMiniprogram.TouchEvent) {
    this.setData({ mode: String(e.currentTarget.dataset.mode) })
  },
  chooseSlot(e: WechatMiniprogram.PickerChange) {
    this.setData({ slot: Number(e.detail.value) })
  },
  field(e: WechatMiniprogram.Input) {
    this.setData({ [`address.${e.currentTarget.dataset.field}`]: e.detail.value })
  },
  noteInput(e: WechatMiniprogram.Input) {
    this.setData({ note: e.detail.value })
  },
  async pickPlace() {
    try {
      const place = await wx.chooseLocation({})
      this.setData({
        'address.detail': `${place.address}${place.name}`,
        'address.latitude': place.latitude.toFixed(6),
        'address.longitude': place.longitude.toFixed(6),
      })
    } catch {
      // the customer closed the map: nothing changes
    }
  },
  /** Places the order (one idempotency key per visit: a retry after a lost answer places it once) and pays it. */
  async place() {
    const d = this.data
    const order: Record<string, unknown> = { storeId: d.storeId, mode: d.mode, note: d.note || null }
    if (d.mode === 'PICKUP') {
      if (d.slots[d.slot].value !== 'ASAP') order.pickupAt = d.slots[d.slot].value // none: as soon as possible
    } else order.address = d.address
    await askToBeTold(['orderReady']) // first in the tap: WeChat asks only there
    this.setData({ placing: true })
    try {
      const [placed] = await member<Placed[]>('POST', '/checkout', { orders: [order] }, d.key)
      await payInWeChat(`/orders/${placed.orderNo}`) // closed: the order waits for payment until its pay-by time
      wx.redirectTo({ url: `/pages/order/index?no=${placed.orderNo}` })
    } catch (e) {
      if (e instanceof ApiError && e.type.endsWith('/slot-full')) {
        // Taken meanwhile: offer only the times that still have room, select the next one after the refused time
        // (never silently an earlier one or "as soon as possible"), and let the customer confirm it with a new tap.
        const refused = Date.parse(d.slots[d.slot].value === 'ASAP' ? new Date().toISOString() : d.slots[d.slot].value)
        const wait = await browse<Wait>(`/stores/${d.storeId}/order-ahead`).catch(() => null)
        const times = pickupTimes(wait)
        const next = times.findIndex((s) => s.value !== 'ASAP' && Date.parse(s.value) > refused)
        this.setData({ slots: times, slot: Math.max(0, next) })
        wx.showToast({
          title: next >= 0 ? `该时段已约满，已改选 ${times[next].label}，请确认后再提交` : '该时段已约满，请改选其他取货时间',
          icon: 'none',
          duration: 3000,
        })
      } else toast(e)
    } finally {
      this.setData({ placing: false })
    }
  },
})
