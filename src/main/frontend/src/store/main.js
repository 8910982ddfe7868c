import * as El from 'element-plus'
import { startConsole } from '@/common/console'
import StoreApp from './StoreApp.vue'
import Queue from './pages/Queue.vue'
import MakeQueue from './pages/MakeQueue.vue'
import Classes from './pages/Classes.vue'
import AfterSales from './pages/AfterSales.vue'
import Stock from './pages/Stock.vue'
import Stocktakes from './pages/Stocktakes.vue'
import Transfers from './pages/Transfers.vue'
import Prices from './pages/Prices.vue'
import Profile from './pages/Profile.vue'
import Report from './pages/Report.vue'
import Coupons from './pages/Coupons.vue'
import Counter from './pages/Counter.vue'
import Appointments from './pages/Appointments.vue'
import BookingStaff from './pages/BookingStaff.vue'

startConsole({
  home: '/store/',
  shell: StoreApp,
  routes: [
    { path: '/', component: Queue },
    { path: '/make-queue', component: MakeQueue },
    { path: '/classes', component: Classes },
    { path: '/after-sales', component: AfterSales },
    { path: '/stock', component: Stock },
    { path: '/stocktakes', component: Stocktakes },
    { path: '/transfers', component: Transfers },
    { path: '/prices', component: Prices },
    { path: '/profile', component: Profile },
    { path: '/report', component: Report },
    { path: '/coupons', component: Coupons },
    { path: '/members', component: Counter },
    { path: '/appointments', component: Appointments },
    { path: '/booking-staff', component: BookingStaff },
  ],
  components: [
    El.ElAlert,
    El.ElBadge,
    El.ElButton,
    El.ElCard,
    El.ElCheckbox,
    El.ElDatePicker,
    El.ElDescriptions,
    El.ElDialog,
    El.ElEmpty,
    El.ElForm,
    El.ElInput,
    El.ElInputNumber,
    El.ElLoading,
    El.ElMenu,
    El.ElPagination,
    El.ElResult,
    El.ElRadio,
    El.ElSelect,
    El.ElSwitch,
    El.ElTable,
    El.ElTag,
  ],
})
