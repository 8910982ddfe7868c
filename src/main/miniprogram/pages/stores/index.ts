import { browse, toast } from '../../utils/api'

interface NearbyStore {
  id: number
  name: string
  district?: string
  address: string
  distanceMeters?: number
  openNow: boolean
  pickup?: boolean
  deliversHere?: boolean
  express?: boolean
}

Page({
  data: { stores: [] as Array<NearbyStore & { distance: string }>, loading: true, notice: '' },
  onLoad() {
    this.locate()
  },
  onPullDownRefresh() {
    this.locate()
  },
  /** Nearest stores from WeChat's location (GCJ-02, as Mendian stores them); every store when permission is refused. */
  locate() {
    this.setData({ loading: true })
    wx.getLocation({ type: 'gcj02' })
      .then(({ latitude, longitude }) =>
        browse<NearbyStore[]>('/stores/nearby', { lat: latitude.toFixed(6), lng: longitude.toFixed(6), radius: 50000, limit: 20 }),
      )
      .catch(() => {
        this.setData({ notice: '没有获得位置，以下是全部门店' })
        return browse<{ items: NearbyStore[] }>('/stores', { size: 50 }).then((page) => page.items)
      })
      .then((stores) => this.setData({ stores: stores.map((s) => ({ ...s, distance: distance(s.distanceMeters) })) }))
      .catch(toast)
      .finally(() => {
        this.setData({ loading: false })
        wx.stopPullDownRefresh()
      })
  },
  open(e: WechatMiniprogram.TouchEvent) {
    wx.navigateTo({ url: `/pages/store/index?id=${e.currentTarget.dataset.id}` })
  },
})

function distance(meters?: number): string {
  if (meters === undefined) return ''
  return meters < 1000 ? `${meters} m` : `${(meters / 1000).toFixed(1)} km`
}
