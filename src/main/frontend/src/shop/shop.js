import { useRoute } from 'vue-router'
import { shopClient } from './client'

const clients = new Map()

/** The member session of the brand in the current route (one per appid, kept for the page's life). */
export function useShop() {
  const appid = useRoute().params.appid
  if (!clients.has(appid)) clients.set(appid, shopClient(appid))
  return clients.get(appid)
}

/** Minutes and metres in words a customer reads at a glance. */
export function distance(meters) {
  return meters < 1000 ? `${meters} m` : `${(meters / 1000).toFixed(1)} km`
}

/**
 * Pickup times every 15 minutes from 15 minutes ahead, for the next 12 hours, labelled in the store's time zone; the
 * API checks them against the store's hours.
 */
export function pickupSlots(zone = 'Asia/Shanghai') {
  const start = new Date(Date.now() + 15 * 60000)
  start.setMinutes(Math.ceil(start.getMinutes() / 15) * 15, 0, 0)
  return Array.from({ length: 48 }, (_, i) => {
    const at = new Date(start.getTime() + i * 15 * 60000)
    return { value: at.toISOString(), label: at.toLocaleString(undefined, { timeZone: zone, weekday: 'short', hour: '2-digit', minute: '2-digit' }) }
  })
}
