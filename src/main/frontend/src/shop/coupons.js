import { yuan } from '@/common/i18n'

/** A coupon's value and condition in the customer's words: "立减 ¥5.00 · 满 ¥50.00 可用". */
export function couponTerms(t, c) {
  const value = c.type === 'PERCENT'
    ? t('coupons.percentOff', { n: c.value }) + (c.capFen ? ` · ${t('coupons.cap', { amount: yuan(c.capFen) })}` : '')
    : t('coupons.off', { amount: yuan(c.value) })
  const threshold = c.thresholdFen > 0 ? t('coupons.threshold', { amount: yuan(c.thresholdFen) }) : t('coupons.noThreshold')
  return `${value} · ${threshold}`
}

/** Why a chosen coupon or discount did not apply, in words ("not-combinable:HQ_COUPON" → "不能与总部券同享"). */
export function refusal(t, te, reason) {
  const [code, kind] = reason.split(':')
  const key = `reasons.${code}`
  if (!te(key)) return reason
  return t(key, { kind: kind && te(`kinds.${kind}`) ? t(`kinds.${kind}`) : kind })
}
