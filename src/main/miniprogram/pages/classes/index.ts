import { member, toast } from '../../utils/api'
import { enrolmentStatus } from '../../utils/status'

interface Enrolment { id: number; courseName: string; status: string; attended: number; sessions: number; nextSessionLocal?: string }

/** The member's classes, newest first, each with its progress. */
Page({
  data: { list: [] as Array<Enrolment & { statusText: string }> },
  onShow() {
    member<{ items: Enrolment[] }>('GET', '/enrolments?size=50')
      .then((page) => this.setData({ list: page.items.map((e) => ({ ...e, statusText: enrolmentStatus(e.status) })) }))
      .catch(toast)
  },
  open(e: WechatMiniprogram.TouchEvent) {
    wx.navigateTo({ url: `/pages/class/index?id=${e.currentTarget.dataset.id}` })
  },
})
