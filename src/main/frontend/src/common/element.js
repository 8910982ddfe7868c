import { provideGlobalConfig } from 'element-plus'
import 'element-plus/dist/index.css'
import './theme.css'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import en from 'element-plus/es/locale/lang/en'

/**
 * Registers only the Element Plus components a page uses (each page lists them), so that a light page such as
 * signup does not load the whole library that a console uses, and gives them the page's language.
 */
export function installElements(app, i18n, components) {
  for (const component of components) app.use(component)
  provideGlobalConfig({ locale: i18n.global.locale.value === 'en-US' ? en : zhCn }, app, true)
  return app
}
