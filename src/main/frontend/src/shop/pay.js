import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { request } from '@/common/api'
import { payInWeChat } from './client'
import { say } from './notice'

/**
 * Paying with WeChat Pay, for an order or a top-up alike (`path` is `/orders/<no>` or `/topups/<no>`). Inside WeChat
 * the payment sheet opens; elsewhere the WeChat Pay sandbox's cashier stands in for it. `onPaid` runs once the
 * payment is confirmed (or after 30 seconds of asking).
 */
export function usePay(shop, onPaid) {
  const { t } = useI18n()
  const paying = ref(false)
  const cashier = ref(null)
  let current = ''

  async function pay(path) {
    current = path
    paying.value = true
    try {
      const params = await shop.call('POST', `${path}/payment`)
      if (await payInWeChat(params)) await awaitPaid()
      else cashier.value = params
    } catch (e) {
      say(e.message)
    } finally {
      paying.value = false
    }
  }

  /** The WeChat Pay sandbox's "customer pays" step: what the customer's thumb does in WeChat's payment sheet. */
  async function confirmInSandbox() {
    paying.value = true
    try {
      // The sheet is the prepay_id's, as in WeChat: unique across every merchant the sandbox serves.
      const prepayId = String(cashier.value.package).replace(/^prepay_id=/, '')
      await request('POST', `/sandbox/wechat/pay/test/prepays/${encodeURIComponent(prepayId)}/pay`)
      cashier.value = null
      await awaitPaid()
    } catch (e) {
      say(e.status === 404 ? t('order.openInWeChat') : e.message)
    } finally {
      paying.value = false
    }
  }

  /** WeChat Pay tells Mendian by callback; until it lands the page asks, for up to 30 seconds. */
  async function awaitPaid() {
    for (let i = 0; i < 30; i++) {
      const state = await shop.call('GET', `${current}/payment`).catch(() => null)
      if (state?.status === 'PAID') break
      await new Promise((r) => setTimeout(r, 1000))
    }
    await onPaid()
  }

  return { paying, cashier, pay, confirmInSandbox }
}

/**
 * Paying a held booking or seat (`held` is its ref, with `status` and `orderNo`): the payment confirms it a moment
 * after it lands, so once paid the page reloads it until it is no longer held (15 seconds at most) and says
 * `confirmed()` when it is confirmed.
 */
export function usePayForHold(shop, held, load, confirmed) {
  const { paying, cashier, pay, confirmInSandbox } = usePay(shop, async () => {
    for (let i = 0; i < 15; i++) {
      await load()
      if (held.value?.status !== 'HELD') break
      await new Promise((r) => setTimeout(r, 1000))
    }
    if (held.value?.status === 'CONFIRMED') say(confirmed())
  })
  return { paying, cashier, confirmInSandbox, pay: () => pay(`/orders/${held.value.orderNo}`) }
}
