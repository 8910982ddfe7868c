// Only the Vant components the storefront uses, each with its own stylesheet: the first load stays small.
import { Button, Cell, CellGroup, Checkbox, CheckboxGroup, Empty, Field, Loading, NavBar, Popup, Radio, RadioGroup, Search, Sidebar, SidebarItem, Step, Steps, SubmitBar, Tabbar, TabbarItem, Tag } from 'vant'
import 'vant/es/style/base.css'
import 'vant/es/button/style/index'
import 'vant/es/cell/style/index'
import 'vant/es/cell-group/style/index'
import 'vant/es/checkbox/style/index'
import 'vant/es/checkbox-group/style/index'
import 'vant/es/empty/style/index'
import 'vant/es/field/style/index'
import 'vant/es/loading/style/index'
import 'vant/es/nav-bar/style/index'
import 'vant/es/popup/style/index'
import 'vant/es/radio/style/index'
import 'vant/es/radio-group/style/index'
import 'vant/es/search/style/index'
import 'vant/es/sidebar/style/index'
import 'vant/es/sidebar-item/style/index'
import 'vant/es/step/style/index'
import 'vant/es/steps/style/index'
import 'vant/es/submit-bar/style/index'
import 'vant/es/tabbar/style/index'
import 'vant/es/tabbar-item/style/index'
import 'vant/es/tag/style/index'

export function installVant(app) {
  for (const c of [Button, Cell, CellGroup, Checkbox, CheckboxGroup, Empty, Field, Loading, NavBar, Popup, Radio, RadioGroup, Search, Sidebar, SidebarItem, Step, Steps, SubmitBar, Tabbar, TabbarItem, Tag]) {
    app.use(c)
  }
  return app
}
