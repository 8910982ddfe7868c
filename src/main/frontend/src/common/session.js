import Keycloak from 'keycloak-js'
import { reactive } from 'vue'
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
  if (config.identityAvailable === false) throw new IdentityUnavailable()
  const kc = new Keycloak({ url: config.keycloakUrl, realm: config.realm, clientId: config.clientId })
  try {
    await kc.init({
      onLoad: 'login-required',
      pkceMethod: 'S256',
      checkLoginIframe: false,
      responseMode: 'query',
      scope: 'openid organization:*',
      locale: chosenLocale() === 'en-US' ? 'en' : 'zh-Hans',
    })
  } catch (e) {
    // Returning from the sign-in page while Keycloak went away: the code cannot be exchanged.
    if (!(await identityAvailable())) throw new IdentityUnavailable()
    throw e
  }
  /**
   * A token good for 30 s more. When Keycloak cannot renew it, the console carries on with the token it holds while
   * that is still valid (the API checks it against keys it already has) and says so; only then does it need Keycloak.
   */
  async function fresh() {
    try {
      await kc.updateToken(30)
      session.identityDown = false
    } catch {
      if (stillValid(kc)) {
        session.identityDown = true
        return
      }
      if (!(await identityAvailable())) {
        session.identityDown = true
        throw new IdentityUnavailable()
      }
      kc.login()
    }
  }
  kc.onTokenExpired = () => fresh().catch(() => {})
  const claims = kc.tokenParsed || {}
  const brands = Array.isArray(claims.organization) ? claims.organization : Object.keys(claims.organization || {})
  const saved = localStorage.getItem(TENANT_KEY)
  const session = reactive({
    /** True while Keycloak cannot be reached: the console keeps working until the current token runs out. */
    identityDown: false,
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
      await fresh()
      return request(method, path, { ...options, token: kc.token, tenant: session.tenant })
    },
    /** A raw fetch with the session's headers, for streams (the store's live order feed). */
    async fetch(path, init = {}) {
      await fresh()
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
  })
  return session
}

/** Keycloak cannot be reached: nobody can sign in or renew a session until it is back. */
export class IdentityUnavailable extends Error {
  constructor() {
    super(
      chosenLocale() === 'en-US'
        ? 'The sign-in service is unavailable; try again shortly'
        : '登录服务暂时不可用，请稍后重试',
    )
  }
}

/** Whether Mendian can reach Keycloak now (the server asks it; a proxy's error page in front of it does not count). */
async function identityAvailable() {
  try {
    return (await request('GET', '/api/console/config')).identityAvailable !== false
  } catch {
    return false
  }
}

function stillValid(kc) {
  try {
    return !kc.isTokenExpired()
  } catch {
    return false // keycloak-js dropped the token (a refused refresh)
  }
}
