import * as El from 'element-plus'
import { startConsole } from '@/common/console'
import OpsApp from './OpsApp.vue'
import Overview from './pages/Overview.vue'
import Brands from './pages/Brands.vue'
import Invoices from './pages/Invoices.vue'
import MiniApps from './pages/MiniApps.vue'

startConsole({
  home: '/ops/',
  shell: OpsApp,
  routes: [
    { path: '/', component: Overview },
    { path: '/brands', component: Brands },
    { path: '/invoices', component: Invoices },
    { path: '/miniapps', component: MiniApps },
  ],
  components: [
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
  ],
})
