import { reactive } from 'vue'
import { ApiError, request } from '@/common/api'

/**
 * The storefront's member session for one brand (its appid): Mendian's own consumer tokens, kept per appid in
 * localStorage, refreshed once on a 401 (the refresh token rotates), dropped when refreshing fails.
 */
export function shopClient(appid) {
  const key = `mendian.shop.${appid}`
  const state = reactive({ session: JSON.parse(localStorage.getItem(key) || 'null') })
  const base = `/api/shop/${encodeURIComponent(appid)}`

  function keep(session) {
    state.session = session
    if (session) localStorage.setItem(key, JSON.stringify(session))
    else localStorage.removeItem(key)
  }

  async function refresh() {
    try {
      const sandboxUser = state.session.sandboxUser
      keep({ ...(await request('POST', `${base}/session/refresh`, { body: { refreshToken: state.session.refreshToken } })), sandboxUser })
      return true
    } catch {
      keep(null)
      return false
    }
  }

  return {
    appid,
    state,
    get signedIn() {
      return !!state.session
    },
    /** Anonymous browsing (stores, products, stock). */
    get(path, query) {
      return request('GET', base + path, { query })
    },
    /** A member's call; a 401 refreshes the tokens once, then asks the person to sign in again. */
    async call(method, path, options = {}) {
      if (!state.session) throw new ApiError(401, { type: 'sign-in', detail: 'sign-in' })
      try {
        return await request(method, base + path, { ...options, token: state.session.accessToken })
      } catch (e) {
        if (e.status !== 401 || !(await refresh())) throw e
        return request(method, base + path, { ...options, token: state.session.accessToken })
      }
    },
    /**
     * Signs in with a wx.login() code. Outside WeChat (a browser, the demo) the WeChat sandbox plays wx.login() for
     * the name typed; with the sandbox off (production) that answers 404 and the page says to open it in WeChat.
     */
    async signIn(name) {
      const { code } = await request('POST', `/sandbox/wechat/open/test/apps/${encodeURIComponent(appid)}/js-codes`, {
        query: { user: name },
      })
      keep({ ...(await request('POST', `${base}/session`, { body: { code } })), sandboxUser: name })
    },
    /**
     * Asks to be told at the moments named (orderReady, appointmentReminder, seatOffered) before the tap that leads
     * there. In WeChat the mini-program asks with wx.requestSubscribeMessage and WeChat's own dialog takes the member's
     * answer; for a member signed in through the WeChat sandbox (the demo) the sandbox plays them tapping "allow".
     * Elsewhere nothing can be asked. Never fails the action it precedes: not being told is an outcome.
     */
    async allowMessages(moments) {
      const user = state.session?.sandboxUser
      if (!user) return
      try {
        const templates = await request('GET', `${base}/message-templates`)
        for (const moment of moments) {
          await request('POST', `/sandbox/wechat/open/test/apps/${encodeURIComponent(appid)}/subscriptions`, {
            query: { user, template: templates[moment] },
          })
        }
      } catch {
        // nothing to do: the member is simply not told
      }
    },
    /** Asks for an SMS code to the phone (the H5 sign-in outside WeChat). */
    sendCode(phone) {
      return request('POST', `${base}/sms-codes`, { body: { phone } })
    },
    /** Signs in with the SMS code: the member holding the phone, or a new one. */
    async signInBySms(phone, code) {
      keep(await request('POST', `${base}/session/sms`, { body: { phone, code } }))
    },
    /**
     * Binds the phone WeChat vouches for (the getPhoneNumber button's code); when this merges the member into the one
     * who holds the phone, the answer's session replaces ours.
     */
    async bindPhone(code) {
      const bound = await this.call('POST', '/me/phone', { body: { code } })
      if (bound.session) keep(bound.session)
      return bound
    },
    async signOut() {
      await this.call('DELETE', '/session').catch(() => {})
      keep(null)
    },
  }
}

/** Pays an order: WeChat's own payment sheet inside WeChat, else the WeChat Pay sandbox's "customer pays" step. */
export async function payInWeChat(params) {
  const bridge = globalThis.WeixinJSBridge
  if (!bridge) return false
  await new Promise((resolve, reject) =>
    bridge.invoke(
      'getBrandWCPayRequest',
      { appId: params.appId, timeStamp: params.timeStamp, nonceStr: params.nonceStr, package: params.package, signType: params.signType, paySign: params.paySign },
      (res) => (res.err_msg === 'get_brand_wcpay_request:ok' ? resolve() : reject(new Error(res.err_msg))),
    ),
  )
  return true
}
