import { ref } from 'vue'
import { yuan } from './i18n'

/**
 * SKUs found in HQ's catalogue as the user types, labelled "product · code · price" for a remote select (activities
 * pick the one SKU they sell at their price).
 */
export function useSkuSearch(session) {
  const skus = ref([])
  const searching = ref(false)
  async function findSkus(q) {
    searching.value = true
    try {
      const found = await session.call('GET', '/api/hq/products', { query: { q: q?.trim() || undefined, size: 20 } })
      skus.value = found.items.flatMap((p) => p.skus.map((s) => ({ id: s.id, label: `${p.name} · ${s.code} · ${yuan(s.basePriceFen)}` })))
    } catch {
      skus.value = []
    } finally {
      searching.value = false
    }
  }
  return { skus, searching, findSkus }
}
