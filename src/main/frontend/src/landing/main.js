import { createApp } from 'vue'
import Landing from './Landing.vue'
import { makeI18n } from '@/common/i18n'
import zh from '@/locales/zh-CN.json'
import en from '@/locales/en-US.json'

createApp(Landing)
  .use(makeI18n({ 'zh-CN': zh, 'en-US': en }))
  .mount('#app')
