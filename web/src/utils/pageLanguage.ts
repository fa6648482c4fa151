// The languages of the pages that do without vue-i18n to keep their first load small (the
// resident's declaration page, the gate station): zh-CN (default) and en, a reactive choice kept
// in localStorage under the console's key, and a tiny message lookup with {name} placeholders.
import { ref } from 'vue'

export type Language = 'zh-CN' | 'en'

/** Every dotted path to a message of a message tree: `form.name`, `pass.green`, ... */
export type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>
}[keyof T & string]

export const kLanguages: ReadonlyArray<{ code: Language; label: string }> = [
  { code: 'zh-CN', label: '中文' },
  { code: 'en', label: 'EN' },
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

/** The message at a dotted `key` of `messages`, or undefined. */
export function lookup(messages: object, key: string): string | undefined {
  let node: string | Tree | undefined = messages as Tree
  for (const part of key.split('.')) {
    if (typeof node !== 'object') {
      return undefined
    }
    node = node[part]
  }
  return typeof node === 'string' ? node : undefined
}

/** `text` with `{name}` placeholders filled from `params`. */
export function fill(text: string, params?: Record<string, string | number>): string {
  if (!params) {
    return text
  }
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}
