/**
 * The one API client every face uses. Errors come back from Mendian as RFC 7807 problem+json; they are turned into an
 * ApiError whose message is the problem's words (never raw JSON), with the problem kept for code that needs its type.
 */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`)
    this.status = status
    this.problem = problem || {}
    this.type = this.problem.type || ''
  }

  /** The short name of the problem type (https://mendian.io/problems/not-cancellable → not-cancellable). */
  get code() {
    return this.type.substring(this.type.lastIndexOf('/') + 1)
  }
}

/**
 * @param {string} method
 * @param {string} path   an /api path
 * @param {{body?: any, token?: string, tenant?: string, idempotencyKey?: string, query?: Record<string, any>}} options
 */
export async function request(method, path, options = {}) {
  const url = new URL(path, globalThis.location.origin)
  for (const [k, v] of Object.entries(options.query || {})) {
    if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, v)
  }
  const headers = { Accept: 'application/json, application/problem+json' }
  if (options.body !== undefined) headers['Content-Type'] = 'application/json'
  if (options.token) headers.Authorization = `Bearer ${options.token}`
  if (options.tenant) headers['X-Tenant'] = options.tenant
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey
  let response
  try {
    response = await fetch(url, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    })
  } catch (e) {
    throw new ApiError(0, { title: 'network', detail: e.message })
  }
  const text = await response.text()
  const data = text ? safeJson(text) : null
  if (!response.ok) throw new ApiError(response.status, data && typeof data === 'object' ? data : { detail: text })
  return data
}

function safeJson(text) {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

export const api = {
  get: (path, options) => request('GET', path, options),
  post: (path, body, options = {}) => request('POST', path, { ...options, body }),
  put: (path, body, options = {}) => request('PUT', path, { ...options, body }),
  del: (path, options) => request('DELETE', path, options),
}
