import { createApp } from 'vue'
import { createRouter, createWebHashHistory } from 'vue-router'
import { makeI18n } from '@/common/i18n'
import { installVant } from './vant'
import ShopApp from './ShopApp.vue'
import Stores from './pages/Stores.vue'
import zhMessages from './locales/zh-CN.json'
import enMessages from './locales/en-US.json'

// The brand travels in the path: /shop/#/<appid>/... (the appid is the one its mini-program carries in ext_json).
// Only the first screen loads with the page; the others arrive when first opened.
const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', component: () => import('./pages/Start.vue') },
    { path: '/:appid', component: Stores },
    { path: '/:appid/login', component: () => import('./pages/Login.vue') },
    { path: '/:appid/stores/:storeId', component: () => import('./pages/Store.vue') },
    { path: '/:appid/stores/:storeId/flash', component: () => import('./pages/Flash.vue') },
    { path: '/:appid/stores/:storeId/group', component: () => import('./pages/Group.vue') },
    { path: '/:appid/stores/:storeId/booking', component: () => import('./pages/Booking.vue') },
    { path: '/:appid/stores/:storeId/courses', component: () => import('./pages/Courses.vue') },
    { path: '/:appid/classes', component: () => import('./pages/Classes.vue'), meta: { member: true } },
    { path: '/:appid/classes/:id', component: () => import('./pages/Class.vue'), meta: { member: true } },
    { path: '/:appid/appointments', component: () => import('./pages/Appointments.vue'), meta: { member: true } },
    { path: '/:appid/appointments/:id', component: () => import('./pages/Appointment.vue'), meta: { member: true } },
    { path: '/:appid/group/:teamId', component: () => import('./pages/Team.vue') },
    { path: '/:appid/stores/:storeId/checkout', component: () => import('./pages/Checkout.vue'), meta: { member: true } },
    { path: '/:appid/me', component: () => import('./pages/Member.vue') },
    { path: '/:appid/coupons', component: () => import('./pages/Coupons.vue') },
    { path: '/:appid/mall', component: () => import('./pages/Mall.vue') },
    { path: '/:appid/wallet', component: () => import('./pages/Wallet.vue') },
    { path: '/:appid/orders', component: () => import('./pages/Orders.vue'), meta: { member: true } },
    { path: '/:appid/orders/:orderNo', component: () => import('./pages/Order.vue'), meta: { member: true } },
  ],
  scrollBehavior: () => ({ top: 0 }),
})

const i18n = makeI18n({ 'zh-CN': zhMessages, 'en-US': enMessages })
installVant(createApp(ShopApp).use(i18n).use(router)).mount('#app')
export { router }
