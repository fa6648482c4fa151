// The gate station's languages: zh-CN (default) and en, with the declaration page's tiny t()
// rather than vue-i18n, to keep the first load small. The choice is shared with the console and
// the declaration page (localStorage `cordon.lang`) and sent as Accept-Language, so the server's
// reasons and errors come back in the same language.
import { ref } from 'vue'

import en from './en'
import zhCN from './zh-CN'

export type Language = 'zh-CN' | 'en'
export type Messages = typeof zhCN

/** Every dotted path to a message, but the reasons (their keys hold dots: see reasonText). */
type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>
}[keyof T & string]

export type MessageKey = Leaves<Omit<Messages, 'reasons'>>

export const kLanguages: ReadonlyArray<{ code: Language; label: string }> = [
  { code: 'zh-CN', label: '中文' },
  { code: 'en', label: 'EN' },
]

const kMessages: Record<Language, Messages> = { 'zh-CN': zhCN, en }

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

/** The page's language; read it (or call t) inside a template or computed to follow changes. */
export const language = ref<Language>(storedLanguage())

export function setLanguage(next: Language): void {
  language.value = next
  document.documentElement.lang = next
  try {
    localStorage.setItem(kStorageKey, next)
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

type Tree = { [key: string]: string | Tree }

function lookup(messages: Messages, key: string): string | undefined {
  let node: string | Tree | undefined = messages as unknown as Tree
  for (const part of key.split('.')) {
    if (typeof node !== 'object') {
      return undefined
    }
    node = node[part]
  }
  return typeof node === 'string' ? node : undefined
}

/** The message `key` in the current language, with `{name}` placeholders filled from `params`. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = lookup(kMessages[language.value], key) ?? key
  if (!params) {
    return text
  }
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}

/** A decision's reason code in words, in the current language; the code itself when unknown. */
export function reasonText(code: string): string {
  const reasons: Record<string, string> = kMessages[language.value].reasons
  return reasons[code] ?? code
}
