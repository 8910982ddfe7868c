import { member, toast } from '../../utils/api'
import { appointmentStatus } from '../../utils/status'

interface Appointment { id: number; itemName: string; localDate: string; localTime: string; staffName?: string; status: string }

/** The member's appointments, latest start first. */
Page({
  data: { list: [] as Array<Appointment & { statusText: string }> },
  onShow() {
    member<{ items: Appointment[] }>('GET', '/appointments?size=50')
      .then((page) => this.setData({ list: page.items.map((a) => ({ ...a, statusText: appointmentStatus(a.status) })) }))
      .catch(toast)
  },
  open(e: WechatMiniprogram.TouchEvent) {
    wx.navigateTo({ url: `/pages/appointment/index?id=${e.currentTarget.dataset.id}` })
  },
})
