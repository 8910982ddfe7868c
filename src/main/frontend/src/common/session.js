import Keycloak from 'keycloak-js'
import { request } from './api'
import { chosenLocale } from './i18n'

const TENANT_KEY = 'mendian.tenant'

/**
 * Signs the person in through Keycloak (authorization code with PKCE, the public console client), keeps the token
 * fresh, and knows which brand the console works for: the token's `organization` claim lists the person's brands;
 * with several, the chosen one travels as X-Tenant on every call (docs: keycloak-realms/README.md).
 */
export async function signIn(home) {
  const config = await request('GET', '/api/console/config')
  const kc = new Keycloak({ url: config.keycloakUrl, realm: config.realm, clientId: config.clientId })
  await kc.init({
    onLoad: 'login-required',
    pkceMethod: 'S256',
    checkLoginIframe: false,
    responseMode: 'query',
    scope: 'openid organization:*',
    locale: chosenLocale() === 'en-US' ? 'en' : 'zh-Hans',
  })
  kc.onTokenExpired = () => kc.updateToken(30).catch(() => kc.login())
  const claims = kc.tokenParsed || {}
  const brands = Array.isArray(claims.organization) ? claims.organization : Object.keys(claims.organization || {})
  const saved = localStorage.getItem(TENANT_KEY)
  const session = {
    name: claims.name || claims.preferred_username || claims.email || '',
    email: claims.email || '',
    brands,
    /** The person's grants in the chosen brand, as {role, scope} ('all', 'region/7', 'store/42'). */
    grants() {
      return (Array.isArray(claims.grants) ? claims.grants : [])
        .map((g) => g.split(':'))
        .filter((p) => p.length === 3 && p[0] === session.tenant)
        .map(([, role, scope]) => ({ role, scope }))
    },
    tenant: brands.length === 1 ? brands[0] : brands.includes(saved) ? saved : null,
    choose(brand) {
      session.tenant = brand
      localStorage.setItem(TENANT_KEY, brand)
    },
    async call(method, path, options = {}) {
      await kc.updateToken(30).catch(() => kc.login())
      return request(method, path, { ...options, token: kc.token, tenant: session.tenant })
    },
    /** A raw fetch with the session's headers, for streams (the store's live order feed). */
    async fetch(path, init = {}) {
      await kc.updateToken(30).catch(() => kc.login())
      const headers = { ...(init.headers || {}), Authorization: `Bearer ${kc.token}` }
      if (session.tenant) headers['X-Tenant'] = session.tenant
      return fetch(new URL(path, location.origin), { ...init, headers })
    },
    async download(path, query, filename) {
      const url = new URL(path, location.origin)
      for (const [k, v] of Object.entries(query || {})) if (v) url.searchParams.set(k, v)
      const response = await session.fetch(url.pathname + url.search)
      if (!response.ok) throw new Error((await response.json().catch(() => ({}))).detail || `HTTP ${response.status}`)
      const link = document.createElement('a')
      link.href = URL.createObjectURL(await response.blob())
      link.download = filename
      link.click()
      URL.revokeObjectURL(link.href)
    },
    logout() {
      localStorage.removeItem(TENANT_KEY)
      kc.logout({ redirectUri: location.origin + home })
    },
  }
  return session
}
