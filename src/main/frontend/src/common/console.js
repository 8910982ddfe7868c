import { createApp, h } from 'vue'
import { ElButton, ElResult } from 'element-plus'
import { createRouter, createWebHashHistory } from 'vue-router'
import { installElements } from '@/common/element'
import { makeI18n } from '@/common/i18n'
import { IdentityUnavailable, signIn } from '@/common/session'
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
  return signIn(home).then(
    (session) => {
      const app = createApp(shell, { session }).provide('session', session).use(i18n).use(router)
      installElements(app, i18n, components).mount('#app')
    },
    (e) => {
      if (!(e instanceof IdentityUnavailable)) throw e
      identityUnavailable(i18n)
    },
  )
}

/** Instead of a browser error page on Keycloak's address: what is unavailable, what still works, and a retry. */
function identityUnavailable(i18n) {
  const { t } = i18n.global
  const page = {
    render: () =>
      h('main', { class: 'identity-unavailable' }, [
        h(
          ElResult,
          { icon: 'warning', title: t('common.identityUnavailable'), subTitle: t('common.identityUnavailableDetail') },
          { extra: () => h(ElButton, { type: 'primary', onClick: () => location.reload() }, () => t('common.retry')) },
        ),
      ]),
  }
  createApp(page).use(i18n).mount('#app')
}
