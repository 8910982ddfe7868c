import * as El from 'element-plus'
import { startConsole } from '@/common/console'
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
import Marketing from './pages/Marketing.vue'
import Members from './pages/Members.vue'
import OrderAhead from './pages/OrderAhead.vue'
import Courses from './pages/Courses.vue'
import Booking from './pages/Booking.vue'

startConsole({
  home: '/hq/',
  shell: HqApp,
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
    { path: '/marketing', component: Marketing },
    { path: '/members', component: Members },
    { path: '/booking', component: Booking },
    { path: '/order-ahead', component: OrderAhead },
    { path: '/courses', component: Courses },
  ],
  components: [
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
    El.ElSwitch,
    El.ElTable,
    El.ElTag,
    El.ElTimeline,
    El.ElTree,
  ],
})
