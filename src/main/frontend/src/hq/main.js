import { createApp } from 'vue'
import { createRouter, createWebHashHistory } from 'vue-router'
import * as El from 'element-plus'
import { installElements } from '@/common/element'
import HqApp from './HqApp.vue'
import Overview from './pages/Overview.vue'
import Orders from './pages/Orders.vue'
import Stores from './pages/Stores.vue'
import Regions from './pages/Regions.vue'
import Catalogue from './pages/Catalogue.vue'
import Staff from './pages/Staff.vue'
import Stock from './pages/Stock.vue'
import Plan from './pages/Plan.vue'
import MiniApp from './pages/MiniApp.vue'
import { makeI18n } from '@/common/i18n'
import zhMessages from '@/locales/zh-CN.json'
import enMessages from '@/locales/en-US.json'
import { signIn } from '@/common/session'

const i18n = makeI18n({ 'zh-CN': zhMessages, 'en-US': enMessages })
// The console is a tool used all day: hash routes keep deep links working without server-side routing.
const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', component: Overview, meta: { title: 'hq.nav.overview' } },
    { path: '/orders', component: Orders, meta: { title: 'hq.nav.orders' } },
    { path: '/stores', component: Stores },
    { path: '/regions', component: Regions },
    { path: '/catalogue', component: Catalogue },
    { path: '/staff', component: Staff },
    { path: '/stock', component: Stock },
    { path: '/plan', component: Plan },
    { path: '/miniapp', component: MiniApp },
  ],
})

signIn('/hq/').then((session) => {
  const app = createApp(HqApp, { session }).provide('session', session).use(i18n).use(router)
  // Each brings its parts (ElContainer its header, aside and main; ElTable its columns; ElMenu its items...).
  installElements(app, i18n, [
    El.ElAlert,
    El.ElButton,
    El.ElCard,
    El.ElCheckbox,
    El.ElContainer,
    El.ElDatePicker,
    El.ElDescriptions,
    El.ElDialog,
    El.ElDrawer,
    El.ElForm,
    El.ElInput,
    El.ElInputNumber,
    El.ElLoading,
    El.ElMenu,
    El.ElPagination,
    El.ElProgress,
    El.ElRadio,
    El.ElResult,
    El.ElSelect,
    El.ElSkeleton,
    El.ElTable,
    El.ElTag,
    El.ElTimeline,
    El.ElTree,
  ]).mount('#app')
})
