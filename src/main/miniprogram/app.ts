import { loadBrand } from './utils/brand'

// The brand this copy of the template serves comes from ext.json, committed by Mendian for each brand.
App({
  onLaunch() {
    const brand = loadBrand()
    if (brand.brandName) wx.setNavigationBarTitle({ title: brand.brandName })
  },
})
