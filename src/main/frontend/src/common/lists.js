import { reactive, ref } from 'vue'
import { ElMessage, ElMessageBox } from 'element-plus'

/**
 * A paged list as every console table shows it: the page from the API ({items, total}), the pager (1-based on
 * screen, 0-based on the wire), loading and the error in words.
 *
 * @param {(query: {page: number, size: number}) => Promise<{items: any[], total: number}>} fetchPage
 */
export function usePaged(fetchPage, size = 20) {
  const page = ref({ items: [], total: 0 })
  const paging = reactive({ page: 1, size })
  const loading = ref(false)
  const error = ref('')
  async function load() {
    loading.value = true
    try {
      page.value = await fetchPage({ page: paging.page - 1, size: paging.size })
      error.value = ''
    } catch (e) {
      error.value = e.message
    } finally {
      loading.value = false
    }
  }
  return { page, paging, loading, error, load }
}

/**
 * Runs one write with its button busy, says it worked (`done`) or why it did not (the problem's words), and tells the
 * caller which.
 */
export async function submitting(busy, work, done) {
  busy.value = true
  try {
    await work()
    if (done) ElMessage.success(done)
    return true
  } catch (e) {
    ElMessage.error(e.message)
    return false
  } finally {
    busy.value = false
  }
}

/** Asks before a destructive step ("end this sale?"); true when the user confirmed. */
export async function confirmed(message, confirmText, cancelText) {
  try {
    await ElMessageBox.confirm(message, { confirmButtonText: confirmText, cancelButtonText: cancelText, type: 'warning' })
    return true
  } catch {
    return false
  }
}

/**
 * Asks HQ for the note of a decision on a store's proposal (required to reject); answers { note } or null when the
 * user cancelled.
 */
export async function decisionNote(t, approve, title) {
  try {
    const answer = await ElMessageBox.prompt(approve ? t('coupon.approveNote') : t('coupon.rejectNote'), title, {
      confirmButtonText: approve ? t('coupon.approve') : t('coupon.reject'),
      cancelButtonText: t('common.cancel'),
      inputValidator: (v) => approve || !!(v && v.trim()) || t('coupon.rejectNote'),
    })
    return { note: answer.value?.trim() || null }
  } catch {
    return null
  }
}
