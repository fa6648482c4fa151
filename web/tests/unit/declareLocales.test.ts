// The declaration page's messages: both languages have the same keys and placeholders, none is
// empty, and t() fills placeholders and follows the language.
import { afterEach, describe, expect, it } from 'vitest'

import en from '@/declare/locales/en'
import { language, setLanguage, symptomLabel, t } from '@/declare/locales'
import zhCN from '@/declare/locales/zh-CN'

type Tree = { [key: string]: string | Tree }

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') {
      out.set(path, value)
    } else {
      for (const [k, v] of flatten(value, path)) {
        out.set(k, v)
      }
    }
  }
  return out
}

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort()

describe('declaration page messages', () => {
  const zh = flatten(zhCN as Tree)
  const english = flatten(en as Tree)

  afterEach(() => {
    setLanguage('zh-CN')
  })

  it('have the same keys and placeholders in both languages', () => {
    expect([...english.keys()].sort()).toEqual([...zh.keys()].sort())
    for (const [key, text] of zh) {
      expect(placeholders(english.get(key) ?? ''), key).toEqual(placeholders(text))
      expect(text.trim(), key).not.toBe('')
      expect((english.get(key) ?? '').trim(), key).not.toBe('')
    }
  })

  it('name every symptom the server lists', () => {
    for (const code of ['fever', 'cough', 'fatigue', 'sore_throat', 'shortness_of_breath', 'diarrhea', 'loss_of_taste_smell']) {
      expect(zh.has(`symptom.${code}`), code).toBe(true)
    }
  })

  it('translate and fill placeholders in the current language', () => {
    setLanguage('zh-CN')
    expect(t('pass.green')).toBe('绿码')
    expect(t('form.travelN', { n: 2 })).toBe('第 2 段行程')
    setLanguage('en')
    expect(language.value).toBe('en')
    expect(document.documentElement.lang).toBe('en')
    expect(t('pass.red')).toBe('Red code')
    expect(t('errors.checkFields', { n: 3 })).toBe('3 item(s) need correcting; see the fields marked in red')
    expect(localStorage.getItem('cordon.lang')).toBe('en')
  })

  it('shows an unknown symptom by its code', () => {
    expect(symptomLabel('fever')).toBe('发热')
    expect(symptomLabel('hiccups')).toBe('hiccups')
  })
})
