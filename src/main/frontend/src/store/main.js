import { createApp } from 'vue'
import { createRouter, createWebHashHistory } from 'vue-router'
import * as El from 'element-plus'
import { installElements } from '@/common/element'
import StoreApp from './StoreApp.vue'
import Queue from './pages/Queue.vue'
import AfterSales from './pages/AfterSales.vue'
import Stock from './pages/Stock.vue'
import Stocktakes from './pages/Stocktakes.vue'
import Transfers from './pages/Transfers.vue'
import Prices from './pages/Prices.vue'
import Profile from './pages/Profile.vue'
import Report from './pages/Report.vue'
import { makeI18n } from '@/common/i18n'
import zhMessages from '@/locales/zh-CN.json'
import enMessages from '@/locales/en-US.json'
import { signIn } from '@/common/session'

const i18n = makeI18n({ 'zh-CN': zhMessages, 'en-US': enMessages })
const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', component: Queue },
    { path: '/after-sales', component: AfterSales },
    { path: '/stock', component: Stock },
    { path: '/stocktakes', component: Stocktakes },
    { path: '/transfers', component: Transfers },
    { path: '/prices', component: Prices },
    { path: '/profile', component: Profile },
    { path: '/report', component: Report },
  ],
})

signIn('/store/').then((session) => {
  const app = createApp(StoreApp, { session }).provide('session', session).use(i18n).use(router)
  installElements(app, i18n, [
    El.ElAlert,
    El.ElBadge,
    El.ElButton,
    El.ElCard,
    El.ElCheckbox,
    El.ElDatePicker,
    El.ElDialog,
    El.ElEmpty,
    El.ElForm,
    El.ElInput,
    El.ElInputNumber,
    El.ElLoading,
    El.ElMenu,
    El.ElPagination,
    El.ElResult,
    El.ElSelect,
    El.ElSwitch,
    El.ElTable,
    El.ElTag,
  ]).mount('#app')
})
