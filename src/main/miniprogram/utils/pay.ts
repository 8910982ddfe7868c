import { member } from './api'

/** The signed wx.requestPayment arguments Mendian answers for an order or a top-up. */
interface PayParams {
  timeStamp: string
  nonceStr: string
  package: string
  paySign: string
}

/**
 * Pays `path` (`/orders/<no>` or `/topups/<no>`) in WeChat's payment sheet: true once paid, false when the member
 * closed the sheet (the order waits for payment until its pay-by time). Mendian's refusals throw, for the page to say.
 */
export async function payInWeChat(path: string): Promise<boolean> {
  const pay = await member<PayParams>('POST', `${path}/payment`)
  try {
    await wx.requestPayment({ timeStamp: pay.timeStamp, nonceStr: pay.nonceStr, package: pay.package, signType: 'RSA', paySign: pay.paySign })
    return true
  } catch {
    return false
  }
}
