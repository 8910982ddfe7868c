/** What Mendian writes into ext.json for one brand (platform.miniapp.ExtJson). */
export interface Brand {
  tenantId: string
  apiBase: string
  brandName: string
  primaryColor: string
}

/**
 * Reads the brand from ext.json. The extConfig is only present in a brand's copy deployed through the Open Platform;
 * in WeChat DevTools without it the template cannot know its brand, so it says so instead of guessing.
 */
export function loadBrand(): Brand {
  const ext = (wx.getExtConfigSync ? wx.getExtConfigSync() : {}) as {
    tenantId?: string
    apiBase?: string
    theme?: { brandName?: string; primaryColor?: string }
  }
  return {
    tenantId: ext.tenantId || '',
    apiBase: ext.apiBase || '',
    brandName: ext.theme?.brandName || '',
    primaryColor: ext.theme?.primaryColor || '#b3141a',
  }
}
