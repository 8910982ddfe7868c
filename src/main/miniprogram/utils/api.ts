import { loadBrand } from './brand'

const SESSION_KEY = 'mendian.session'

interface Session {
  accessToken: string
  refreshToken: string
}

/** A problem+json answer from Mendian, with its words for the customer. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message)
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'

function send<T>(method: Method, path: string, data?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const brand = loadBrand()
  if (!brand.apiBase) return Promise.reject(new ApiError(0, 'no-brand', '此小程序尚未配置品牌（缺少 ext.json）'))
  return new Promise((resolve, reject) =>
    wx.request({
      url: brand.apiBase + path,
      method,
      data: data as WechatMiniprogram.IAnyObject,
      header: { Accept: 'application/json, application/problem+json', ...headers },
      success: (res) => {
        if (res.statusCode >= 200 && res.statusCode < 300) resolve(res.data as T)
        else {
          const problem = (res.data || {}) as { type?: string; detail?: string; title?: string }
          reject(new ApiError(res.statusCode, problem.type || '', problem.detail || problem.title || `HTTP ${res.statusCode}`))
        }
      },
      fail: (err) => reject(new ApiError(0, 'network', err.errMsg)),
    }),
  )
}

function session(): Session | null {
  return (wx.getStorageSync(SESSION_KEY) as Session) || null
}

/** Signs in with wx.login(): Mendian exchanges the code through jscode2session and answers with its own tokens. */
export async function signIn(): Promise<void> {
  const { code } = await wx.login()
  wx.setStorageSync(SESSION_KEY, await send<Session>('POST', '/session', { code }))
}

async function refresh(): Promise<boolean> {
  const current = session()
  if (!current) return false
  try {
    wx.setStorageSync(SESSION_KEY, await send<Session>('POST', '/session/refresh', { refreshToken: current.refreshToken }))
    return true
  } catch {
    wx.removeStorageSync(SESSION_KEY)
    return false
  }
}

/** Anonymous browsing: stores, products, stock. */
export function browse<T>(path: string, query: Record<string, string | number> = {}): Promise<T> {
  const q = Object.entries(query)
    .filter(([, v]) => v !== '' && v !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&')
  return send<T>('GET', q ? `${path}?${q}` : path)
}

/** A member's call: signs in on first use, refreshes once on a 401. */
export async function member<T>(method: Method, path: string, data?: unknown, idempotencyKey?: string): Promise<T> {
  if (!session()) await signIn()
  const headers = (): Record<string, string> => ({
    Authorization: `Bearer ${session()!.accessToken}`,
    ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
  })
  try {
    return await send<T>(method, path, data, headers())
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 401) throw e
    if (!(await refresh())) await signIn()
    return send<T>(method, path, data, headers())
  }
}

/** Fen to yuan without floating point. */
export function yuan(fen: number): string {
  const abs = Math.abs(Math.trunc(fen))
  return `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/** An idempotency key for one checkout attempt. */
export function newKey(): string {
  return `mp-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`
}

export function toast(e: unknown): void {
  wx.showToast({ title: e instanceof Error ? e.message : String(e), icon: 'none', duration: 2500 })
}
