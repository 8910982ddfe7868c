import { ApiError, browse, member, newKey, toast, yuan } from '../../utils/api'
import { askToBeTold, loadTemplates } from '../../utils/notify'

interface Course { id: number; code: string; name: string; description?: string; teacherName?: string; priceFen: number; priceNowFen?: number | null; sessionsAhead: number; capacity: number; seatsLeft: number; waiting: number; sessions: Array<{ local: string }> }
interface Enrolment { id: number; status: string }

/**
 * The store's courses open for enrolment: enrolling takes a seat (a priced one is paid on the class's page); a full
 * course offers its waiting list, whose first member is given the next seat that frees.
 */
Page({
  data: { storeId: 0, list: [] as Array<Course & { price: string; now: number; late: boolean; when: string; full: boolean; place?: number }>, busy: 0 },
  onLoad(options: Record<string, string | undefined>) {
    loadTemplates()
    this.setData({ storeId: Number(options.store) })
    this.load()
  },
  load() {
    browse<Course[]>(`/stores/${this.data.storeId}/courses`)
      .then((list) =>
        this.setData({
          list: list.map((c) => ({
            ...c,
            // Once begun (late enrolment) a member pays for the sessions still ahead.
            now: c.priceNowFen ?? c.priceFen,
            price: yuan(c.priceNowFen ?? c.priceFen),
            late: c.sessionsAhead < c.sessions.length,
            when: c.sessions.slice(0, 3).map((s) => s.local).join(' · ') + (c.sessions.length > 3 ? ' …' : ''),
            full: c.seatsLeft === 0 || c.waiting > 0,
          })),
        }),
      )
      .catch(toast)
  },
  async enrol(e: WechatMiniprogram.TouchEvent) {
    const id = Number(e.currentTarget.dataset.id)
    this.setData({ busy: id })
    try {
      const enrolment = await member<Enrolment>('POST', '/enrolments', { courseId: id }, newKey())
      wx.navigateTo({ url: `/pages/class/index?id=${enrolment.id}${enrolment.status === 'HELD' ? '&pay=1' : ''}` })
    } catch (err) {
      toast(err)
      if (err instanceof ApiError) this.load()
    } finally {
      this.setData({ busy: 0 })
    }
  },
  async wait(e: WechatMiniprogram.TouchEvent) {
    const id = Number(e.currentTarget.dataset.id)
    await askToBeTold(['seatOffered']) // first in the tap: WeChat asks only there
    this.setData({ busy: id })
    try {
      const w = await member<{ position: number }>('POST', `/courses/${id}/waitlist`)
      this.setData({ list: this.data.list.map((c) => (c.id === id ? { ...c, place: w.position } : c)) })
      wx.showToast({ title: `已候补，排第 ${w.position} 位`, icon: 'none' })
    } catch (err) {
      toast(err)
    } finally {
      this.setData({ busy: 0 })
    }
  },
})
