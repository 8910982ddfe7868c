import { yuan } from '@/common/i18n'

/** How the consoles show a coupon's value: "¥5.00", or "15% ≤ ¥20.00" for a capped percent. */
export const couponValue = (c) => (c.type === 'AMOUNT' ? `¥${yuan(c.value)}` : `${c.value}%` + (c.capFen ? ` ≤ ¥${yuan(c.capFen)}` : ''))

/** Element Plus tag colours for a template's status. */
export const COUPON_STATUS_TAG = { PENDING: 'warning', ACTIVE: 'success', REJECTED: 'danger', ENDED: 'info' }
