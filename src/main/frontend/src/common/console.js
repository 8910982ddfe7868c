import { createApp } from 'vue'
import { createRouter, createWebHashHistory } from 'vue-router'
import { installElements } from '@/common/element'
import { makeI18n } from '@/common/i18n'
import { signIn } from '@/common/session'
import zhMessages from '@/locales/zh-CN.json'
import enMessages from '@/locales/en-US.json'
import './console.css'

/**
 * Starts a console: signs the person in (Keycloak, returning to `home`), then mounts the shell with the session, the
 * consoles' messages, the routes and only the Element Plus components it lists (each brings its parts: ElTable its
 * columns, ElMenu its items...). A console is a tool used all day: hash routes keep deep links working without
 * server-side routing.
 */
export function startConsole({ home, shell, routes, components }) {
  const i18n = makeI18n({ 'zh-CN': zhMessages, 'en-US': enMessages })
  const router = createRouter({ history: createWebHashHistory(), routes })
  return signIn(home).then((session) => {
    const app = createApp(shell, { session }).provide('session', session).use(i18n).use(router)
    installElements(app, i18n, components).mount('#app')
  })
}
