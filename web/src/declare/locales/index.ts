// The declaration page's languages: zh-CN (default) and en. A tiny t() over a reactive language
// rather than vue-i18n, to keep the resident's first load small; templates that call t() render
// again when the language changes. The choice is kept in localStorage under the console's key
// and sent as Accept-Language, so the server's messages come back in the same language.
import { fill, language, lookup, type Language, type Leaves } from '@/utils/pageLanguage'

import en from './en'
import zhCN from './zh-CN'

export { isLanguage, kLanguages, language, setLanguage, type Language } from '@/utils/pageLanguage'

export type Messages = typeof zhCN

/** Every dotted path to a message: `form.name`, `pass.green`, ... */
export type MessageKey = Leaves<Messages>

const kMessages: Record<Language, Messages> = { 'zh-CN': zhCN, en }

/** The message `key` in the current language, with `{name}` placeholders filled from `params`. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return fill(lookup(kMessages[language.value], key) ?? key, params)
}

/** The name of a symptom code from the server; the code itself for one this page does not know. */
export function symptomLabel(code: string): string {
  return lookup(kMessages[language.value], `symptom.${code}`) ?? code
}
