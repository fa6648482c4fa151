// The console's languages: zh-CN (default) and en. The choice is kept in localStorage and sent
// to the server as Accept-Language, so its error messages come back in the same language.
import { createI18n } from 'vue-i18n'

import en from './en'
import zhCN from './zh-CN'

export type MessageSchema = typeof zhCN
export type Language = 'zh-CN' | 'en'

export const kLanguages: ReadonlyArray<{ code: Language; label: string }> = [
  { code: 'zh-CN', label: '中文' },
  { code: 'en', label: 'English' },
]

const kStorageKey = 'cordon.lang'

export function isLanguage(value: unknown): value is Language {
  return value === 'zh-CN' || value === 'en'
}

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(kStorageKey)
    return isLanguage(value) ? value : 'zh-CN'
  } catch {
    return 'zh-CN'
  }
}

export const i18n = createI18n<[MessageSchema], Language, false>({
  legacy: false,
  locale: storedLanguage(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
  missingWarn: false,
  fallbackWarn: false,
})

export function currentLanguage(): Language {
  return i18n.global.locale.value
}

export function setLanguage(language: Language): void {
  i18n.global.locale.value = language
  document.documentElement.lang = language
  try {
    localStorage.setItem(kStorageKey, language)
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}
