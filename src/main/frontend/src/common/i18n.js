import { createI18n } from 'vue-i18n'

/** The languages every page offers; zh-CN is the default (X7). */
export const LOCALES = [
  { code: 'zh-CN', label: '中文' },
  { code: 'en-US', label: 'English' },
]

const KEY = 'mendian.locale'

export function chosenLocale() {
  const saved = globalThis.localStorage?.getItem(KEY)
  return LOCALES.some((l) => l.code === saved) ? saved : 'zh-CN'
}

/** One i18n instance per page, from that page's messages merged over the shared ones. */
export function makeI18n(messages) {
  const i18n = createI18n({
    legacy: false,
    locale: chosenLocale(),
    fallbackLocale: 'zh-CN',
    messages,
    numberFormats: {
      'zh-CN': { money: { style: 'currency', currency: 'CNY' } },
      'en-US': { money: { style: 'currency', currency: 'CNY', currencyDisplay: 'code' } },
    },
  })
  document.documentElement.lang = i18n.global.locale.value
  return i18n
}

export function switchLocale(i18n, code) {
  i18n.global.locale.value = code
  globalThis.localStorage?.setItem(KEY, code)
  document.documentElement.lang = code
}

/** Money arrives in fen (minor units) everywhere; it is shown in yuan without floating-point arithmetic on the sum. */
export function yuan(fen) {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(Math.trunc(fen))
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/** Yuan typed by a person ("12", "12.3", "12.30") to fen, as text so that no float rounds it; null when empty, NaN when not money. */
export function parseYuan(text) {
  const typed = String(text ?? '').trim()
  if (!typed) return null
  const m = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(typed)
  return m ? Number(m[1]) * 100 + Number((m[2] || '').padEnd(2, '0')) : NaN
}

/** A moment as the person's browser writes it (date and time), or nothing when there is none. */
export function dateTime(at) {
  return at ? new Date(at).toLocaleString() : ''
}

/** A day as the person's browser writes it, or nothing when there is none. */
export function dateOnly(at) {
  return at ? new Date(at).toLocaleDateString() : ''
}
