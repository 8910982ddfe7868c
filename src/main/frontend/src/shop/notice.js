import { ref } from 'vue'

/**
 * Short messages ("added to the cart", an error in words) in a live region that screen readers announce, instead of
 * Vant's toast, which is an unnamed dialog to assistive technology.
 */
export const notice = ref(null)
let timer = null

export function say(message, kind = 'info') {
  notice.value = { message, kind }
  clearTimeout(timer)
  timer = setTimeout(() => (notice.value = null), 2500)
}
