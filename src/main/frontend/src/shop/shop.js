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
