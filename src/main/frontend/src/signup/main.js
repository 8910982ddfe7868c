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
} from 'element-plus'
import { installElements } from '@/common/element'
import Signup from './Signup.vue'
import { makeI18n } from '@/common/i18n'
import zhMessages from '@/locales/zh-CN.json'
import enMessages from '@/locales/en-US.json'

const i18n = makeI18n({ 'zh-CN': zhMessages, 'en-US': enMessages })
// ElForm brings its items, ElRadio its group and buttons, ElSteps its steps.
installElements(createApp(Signup).use(i18n), i18n, [
  ElAlert,
  ElButton,
  ElCard,
  ElForm,
  ElInput,
  ElRadio,
  ElResult,
  ElSteps,
]).mount('#app')
