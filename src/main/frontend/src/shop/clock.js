import { computed, onMounted, onUnmounted, ref } from 'vue'

/**
 * The server's clock, ticking every second: countdowns run on it, so a phone set a few minutes off still opens and
 * closes a sale or a team on time. Call `sync(serverNow)` with the instant any answer carried.
 */
export function useServerClock() {
  const skew = ref(0)
  const now = ref(Date.now())
  let timer
  onMounted(() => {
    timer = setInterval(() => {
      now.value = Date.now()
    }, 1000)
  })
  onUnmounted(() => clearInterval(timer))
  return {
    serverNow: computed(() => now.value + skew.value),
    sync: (serverNow) => {
      if (serverNow) skew.value = Date.parse(serverNow) - Date.now()
    },
  }
}

/** hh:mm:ss until `to` (ms), or "N 天 hh:mm:ss" through the `days` message when a day or more is left. */
export function countdown(to, serverNow, t, daysKey) {
  const left = Math.max(0, Math.floor((to - serverNow) / 1000))
  const pad = (n) => String(n).padStart(2, '0')
  const days = Math.floor(left / 86400)
  const hms = `${pad(Math.floor((left % 86400) / 3600))}:${pad(Math.floor((left % 3600) / 60))}:${pad(left % 60)}`
  return days > 0 ? t(daysKey, { days, hms }) : hms
}
