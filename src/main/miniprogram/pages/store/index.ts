import { browse, member, toast, yuan } from '../../utils/api'

interface Category { id: number; name: string }
interface Product { id: number; name: string; fromPriceFen: number; images?: string[] }
interface Sku { id: number; code: string; specs?: Record<string, string>; priceFen: number }
interface Stock { skuId: number; inStock: boolean; remaining?: number }
interface Cart { stores: Array<{ storeId: number; items: Array<{ quantity: number }>; itemsFen: number }> }

Page({
  data: {
    storeId: 0,
    categories: [] as Category[],
    active: 0,
    query: '',
    products: [] as Array<Product & { price: string }>,
    detail: null as null | { name: string; skus: Array<Sku & { price: string; label: string; soldOut: boolean }> },
    chosen: 0,
    quantity: 1,
    count: 0,
    total: '0.00',
    flash: 0,
    groups: 0,
    services: 0,
    courses: 0,
  },
  onLoad(options: Record<string, string | undefined>) {
    const storeId = Number(options.id)
    this.setData({ storeId })
    browse<{ name: string }>(`/stores/${storeId}`).then((s) => wx.setNavigationBarTitle({ title: s.name })).catch(toast)
    browse<Category[]>(`/stores/${storeId}/categories`).then((categories) => this.setData({ categories })).catch(toast)
    // Activities of the store, anonymous and cached a second or two: links above the menu.
    browse<unknown[]>(`/stores/${storeId}/flash-sales`).then((l) => this.setData({ flash: l.length })).catch(() => undefined)
    browse<unknown[]>(`/stores/${storeId}/group-buys`).then((l) => this.setData({ groups: l.length })).catch(() => undefined)
    browse<unknown[]>(`/stores/${storeId}/service-items`).then((l) => this.setData({ services: l.length })).catch(() => undefined)
    browse<unknown[]>(`/stores/${storeId}/courses`).then((l) => this.setData({ courses: l.length })).catch(() => undefined)
    this.load()
  },
  onShow() {
    this.cart()
  },
  load() {
    const category = this.data.active ? this.data.categories[this.data.active - 1].id : ''
    browse<{ items: Product[] }>(`/stores/${this.data.storeId}/products`, { categoryId: category, q: this.data.query, size: 50 })
      .then((page) => this.setData({ products: page.items.map((p) => ({ ...p, price: yuan(p.fromPriceFen) })) }))
      .catch(toast)
  },
  activity(e: WechatMiniprogram.TouchEvent) {
    wx.navigateTo({ url: `/pages/${e.currentTarget.dataset.page}/index?store=${this.data.storeId}` })
  },
  pick(e: WechatMiniprogram.TouchEvent) {
    this.setData({ active: Number(e.currentTarget.dataset.index) })
    this.load()
  },
  search(e: WechatMiniprogram.Input) {
    this.setData({ query: e.detail.value })
    this.load()
  },
  async open(e: WechatMiniprogram.TouchEvent) {
    try {
      const id = e.currentTarget.dataset.id
      const product = await browse<{ name: string; skus: Sku[] }>(`/stores/${this.data.storeId}/products/${id}`)
      const stock = await browse<Stock[]>(`/stores/${this.data.storeId}/stock`, { skuIds: product.skus.map((s) => s.id).join(',') })
      const soldOut = new Set(stock.filter((s) => !s.inStock).map((s) => s.skuId))
      const skus = product.skus.map((s) => ({ ...s, price: yuan(s.priceFen), label: Object.values(s.specs || {}).join(' / ') || s.code, soldOut: soldOut.has(s.id) }))
      this.setData({ detail: { name: product.name, skus }, chosen: skus.find((s) => !s.soldOut)?.id || 0, quantity: 1 })
    } catch (err) {
      toast(err)
    }
  },
  close() {
    this.setData({ detail: null })
  },
  choose(e: WechatMiniprogram.TouchEvent) {
    this.setData({ chosen: Number(e.currentTarget.dataset.id) })
  },
  more() {
    this.setData({ quantity: Math.min(99, this.data.quantity + 1) })
  },
  less() {
    this.setData({ quantity: Math.max(1, this.data.quantity - 1) })
  },
  async add() {
    try {
      await member('PUT', `/cart/stores/${this.data.storeId}/items/${this.data.chosen}`, { quantity: this.data.quantity })
      wx.showToast({ title: '已加入购物车', icon: 'success' })
      this.setData({ detail: null })
      this.cart()
    } catch (err) {
      toast(err)
    }
  },
  cart() {
    member<Cart>('GET', '/cart')
      .then((cart) => {
        const mine = cart.stores.find((s) => s.storeId === this.data.storeId)
        this.setData({ count: mine ? mine.items.reduce((n, i) => n + i.quantity, 0) : 0, total: yuan(mine ? mine.itemsFen : 0) })
      })
      .catch(() => this.setData({ count: 0 }))
  },
  checkout() {
    wx.navigateTo({ url: `/pages/checkout/index?store=${this.data.storeId}` })
  },
})
