// Every message exists in both languages, with the same placeholders, and none is empty.
import { describe, expect, it } from 'vitest'

import en from '@/locales/en'
import zhCN from '@/locales/zh-CN'

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

describe('locales', () => {
  const zh = flatten(zhCN as Tree)
  const english = flatten(en as Tree)

  it('have the same keys', () => {
    expect([...english.keys()].sort()).toEqual([...zh.keys()].sort())
  })

  it('have the same areas', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort())
  })

  it('use the same placeholders', () => {
    for (const [key, text] of zh) {
      expect(placeholders(english.get(key) ?? ''), key).toEqual(placeholders(text))
    }
  })

  it('have no empty message and no special characters vue-i18n would parse', () => {
    for (const messages of [zh, english]) {
      for (const [key, text] of messages) {
        expect(text.trim(), key).not.toBe('')
        expect(text, key).not.toMatch(/[@|$]/)
      }
    }
  })

  it('name every role, flag and kind in English', () => {
    expect(english.get('enums.role.grid_worker')).toBe('Grid worker')
    expect(english.get('layout.menu.persons')).toBe('Persons')
    expect(zh.get('auth.sessionExpired')).toBe('登录已过期，请重新登录')
    expect(zh.get('auth.signInFirst')).toBe('请先登录')
  })
})
