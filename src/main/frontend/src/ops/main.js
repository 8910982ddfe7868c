import { createApp } from 'vue'
import { createRouter, createWebHashHistory } from 'vue-router'
import * as El from 'element-plus'
import { installElements } from '@/common/element'
import OpsApp from './OpsApp.vue'
import Overview from './pages/Overview.vue'
import Brands from './pages/Brands.vue'
import Invoices from './pages/Invoices.vue'
import MiniApps from './pages/MiniApps.vue'
import { makeI18n } from '@/common/i18n'
import zhMessages from '@/locales/zh-CN.json'
import enMessages from '@/locales/en-US.json'
import { signIn } from '@/common/session'

const i18n = makeI18n({ 'zh-CN': zhMessages, 'en-US': enMessages })
const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', component: Overview },
    { path: '/brands', component: Brands },
    { path: '/invoices', component: Invoices },
    { path: '/miniapps', component: MiniApps },
  ],
})

signIn('/ops/').then((session) => {
  const app = createApp(OpsApp, { session }).provide('session', session).use(i18n).use(router)
  installElements(app, i18n, [
    El.ElAlert,
    El.ElButton,
    El.ElCard,
    El.ElContainer,
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
    El.ElSelect,
    El.ElTable,
    El.ElTag,
    El.ElTimeline,
  ]).mount('#app')
})
