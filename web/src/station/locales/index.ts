// The gate station's languages: zh-CN (default) and en, with the declaration page's tiny t()
// rather than vue-i18n, to keep the first load small. The choice is shared with the console and
// the declaration page (localStorage `cordon.lang`) and sent as Accept-Language, so the server's
// reasons and errors come back in the same language.
import { fill, language, lookup, type Language, type Leaves } from '@/utils/pageLanguage'

import en from './en'
import zhCN from './zh-CN'

export { isLanguage, kLanguages, language, setLanguage, type Language } from '@/utils/pageLanguage'

export type Messages = typeof zhCN

/** Every dotted path to a message, but the reasons (their keys hold dots: see reasonText). */
export type MessageKey = Leaves<Omit<Messages, 'reasons'>>

const kMessages: Record<Language, Messages> = { 'zh-CN': zhCN, en }

/** The message `key` in the current language, with `{name}` placeholders filled from `params`. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return fill(lookup(kMessages[language.value], key) ?? key, params)
}

/** A decision's reason code in words, in the current language; the code itself when unknown. */
export function reasonText(code: string): string {
  const reasons: Record<string, string> = kMessages[language.value].reasons
  return reasons[code] ?? code
}
