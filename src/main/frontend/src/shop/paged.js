import { ref } from 'vue'

/**
 * A member's list read 20 at a time with "more" appending the next page (orders, appointments): the items, the
 * total, whether a read is under way and the words of the last failure.
 */
export function usePaged(shop, path) {
  const items = ref([])
  const total = ref(0)
  const loading = ref(false)
  const error = ref('')
  let page = 0

  async function load(more = false) {
    loading.value = true
    try {
      page = more ? page + 1 : 0
      const result = await shop.call('GET', path, { query: { page, size: 20 } })
      items.value = more ? [...items.value, ...result.items] : result.items
      total.value = result.total
      error.value = ''
    } catch (e) {
      error.value = e.message
    } finally {
      loading.value = false
    }
  }

  return { items, total, loading, error, load }
}
