/** Pickup times every 15 minutes from 15 minutes ahead for 12 hours; Mendian checks them against the store's hours. */
export function slots(): Array<{ value: string; label: string }> {
  const start = new Date(Date.now() + 15 * 60000)
  start.setMinutes(Math.ceil(start.getMinutes() / 15) * 15, 0, 0)
  return Array.from({ length: 48 }, (_, i) => {
    const at = new Date(start.getTime() + i * 15 * 60000)
    return { value: at.toISOString(), label: `${at.getMonth() + 1}月${at.getDate()}日 ${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}` }
  })
}

/** hh:mm:ss (or "N 天 hh:mm:ss") until `to`, on the server's clock (`skew` = server minus phone, in ms). */
export function countdown(to: string, skew: number): string {
  const left = Math.max(0, Math.floor((Date.parse(to) - (Date.now() + skew)) / 1000))
  const pad = (n: number): string => String(n).padStart(2, '0')
  const days = Math.floor(left / 86400)
  const hms = `${pad(Math.floor((left % 86400) / 3600))}:${pad(Math.floor((left % 3600) / 60))}:${pad(left % 60)}`
  return days > 0 ? `${days} 天 ${hms}` : hms
}
