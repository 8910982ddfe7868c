import { createApp } from 'vue'
import {
  ElAlert,
  ElButton,
  ElCard,
  ElForm,
  ElInput,
  ElRadio,
  ElResult,
  ElSteps,
  provideGlobalConfig,
} from 'element-plus'
import 'element-plus/dist/index.css'
import '@/common/theme.css'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import en from 'element-plus/es/locale/lang/en'
import Signup from './Signup.vue'
import { makeI18n } from '@/common/i18n'
import zhMessages from '@/locales/zh-CN.json'
import enMessages from '@/locales/en-US.json'

const i18n = makeI18n({ 'zh-CN': zhMessages, 'en-US': enMessages })
const app = createApp(Signup).use(i18n)
// Only the components this page uses, so that it loads quickly (ElForm brings its items, ElRadio its group and
// buttons, ElSteps its steps).
for (const c of [ElAlert, ElButton, ElCard, ElForm, ElInput, ElRadio, ElResult, ElSteps]) {
  app.use(c)
}
provideGlobalConfig({ locale: i18n.global.locale.value === 'en-US' ? en : zhCn }, app, true)
app.mount('#app')
