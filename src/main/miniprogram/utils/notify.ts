import { browse } from './api'

/** The moments Mendian writes to a member, each with its own subscription-message template. */
export type Moment = 'orderReady' | 'appointmentReminder' | 'seatOffered'

let templates: Record<Moment, string> | null = null

/** Reads the deployment's template ids once, ahead of the taps that need them (WeChat asks only inside a tap). */
export function loadTemplates(): void {
  if (templates) return
  browse<Record<Moment, string>>('/message-templates')
    .then((t) => {
      templates = t
    })
    .catch(() => {
      // asked again by the next page that loads them
    })
}

/**
 * Asks the member, in WeChat's own dialog, to allow one message for each moment. Call it first in a tap handler,
 * before any await: WeChat refuses the dialog outside a tap. Never fails the action: not being told is an outcome.
 */
export async function askToBeTold(moments: Moment[]): Promise<void> {
  if (!templates) return
  const tmplIds = moments.map((m) => templates![m]).filter(Boolean)
  if (!tmplIds.length) return
  try {
    await wx.requestSubscribeMessage({ tmplIds } as WechatMiniprogram.RequestSubscribeMessageOption)
  } catch {
    // refused or unsupported: the member is not told
  }
}
