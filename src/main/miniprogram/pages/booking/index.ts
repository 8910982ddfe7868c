import { browse, member, newKey, toast, yuan } from '../../utils/api'
import { askToBeTold, loadTemplates } from '../../utils/notify'
import { payInWeChat } from '../../utils/pay'

interface Person { id: number; name: string; title?: string }
interface Item { id: number; name: string; minutes: number; priceFen: number; needsStaff: boolean; staff: Person[] }
interface Slot { startsAt: string; localTime: string; localDate: string; left: number; staffIds: number[] }
interface Held { id: number; itemName: string; localDate: string; localTime: string; staffName?: string; priceFen: number; holdExpiresAt: string; orderNo?: string }

function day(offset: number): { value: string; label: string } {
  const d = new Date(Date.now() + offset * 86400000)
  const value = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
  return { value, label: offset === 0 ? '今天' : offset === 1 ? '明天' : `${d.getMonth() + 1}月${d.getDate()}日` }
}

/** Booking a service at a store (C8): item, person (optional), day, an open start; the hold is then confirmed. */
Page({
  data: {
    storeId: 0,
    items: [] as Array<Item & { price: string }>,
    item: 0,
    people: [] as Array<{ id: number; name: string }>,
    person: 0,
    days: Array.from({ length: 7 }, (_, i) => day(i)),
    day: 0,
    slots: [] as Slot[],
    held: null as (Held & { price: string; until: string }) | null,
    busy: false,
  },
  onLoad(options: Record<string, string | undefined>) {
    loadTemplates()
    this.setData({ storeId: Number(options.store) })
    browse<Item[]>(`/stores/${options.store}/service-items`)
      .then((items) => {
        this.setData({ items: items.map((i) => ({ ...i, price: yuan(i.priceFen) })) })
        this.choose(0)
      })
      .catch(toast)
  },
  choose(index: number) {
    const item = this.data.items[index]
    if (!item) return
    this.setData({ item: index, person: 0, people: [{ id: 0, name: '任意' }, ...(item.needsStaff ? item.staff : [])] })
    this.load()
  },
  pickItem(e: WechatMiniprogram.PickerChange) {
    this.choose(Number(e.detail.value))
  },
  pickPerson(e: WechatMiniprogram.PickerChange) {
    this.setData({ person: Number(e.detail.value) })
    this.load()
  },
  pickDay(e: WechatMiniprogram.TouchEvent) {
    this.setData({ day: Number(e.currentTarget.dataset.index) })
    this.load()
  },
  load() {
    const item = this.data.items[this.data.item]
    if (!item) return
    const staffId = this.data.people[this.data.person]?.id || ''
    browse<{ slots: Slot[] }>(`/stores/${this.data.storeId}/service-items/${item.id}/slots`, { date: this.data.days[this.data.day].value, staffId })
      .then((r) => this.setData({ slots: r.slots }))
      .catch(toast)
  },
  book(e: WechatMiniprogram.TouchEvent) {
    const slot = this.data.slots[Number(e.currentTarget.dataset.index)]
    if (!slot || !slot.left) return
    const item = this.data.items[this.data.item]
    const staffId = this.data.people[this.data.person]?.id || undefined
    this.setData({ busy: true })
    askToBeTold(['appointmentReminder']) // WeChat's dialog opens in the tap; the booking goes on meanwhile
    member<Held>('POST', '/appointments', { storeId: this.data.storeId, itemId: item.id, startsAt: slot.startsAt, staffId }, newKey())
      .then((held) => {
        const until = new Date(held.holdExpiresAt)
        this.setData({ held: { ...held, price: yuan(held.priceFen), until: `${String(until.getHours()).padStart(2, '0')}:${String(until.getMinutes()).padStart(2, '0')}` } })
      })
      .catch((err) => {
        toast(err)
        this.load()
      })
      .finally(() => this.setData({ busy: false }))
  },
  async confirm() {
    const held = this.data.held
    if (!held) return
    this.setData({ busy: true })
    try {
      if (held.orderNo) {
        // Paid online: paying its order confirms the booking (the payment reaches booking a moment later).
        // Closing the payment sheet keeps the hold until it lapses; the appointment page offers to pay again.
        await payInWeChat(`/orders/${held.orderNo}`)
        wx.redirectTo({ url: `/pages/appointment/index?id=${held.id}` })
        return
      }
      const a = await member<{ id: number }>('POST', `/appointments/${held.id}/confirm`)
      wx.redirectTo({ url: `/pages/appointment/index?id=${a.id}` })
    } catch (e) {
      toast(e)
    } finally {
      this.setData({ busy: false })
    }
  },
})
