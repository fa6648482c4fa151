// The last pass kept per community in localStorage: save, load, what is refused, expiry.
import { beforeEach, describe, expect, it } from 'vitest'

import type { DeclarationResult } from '@/api/types'
import { isExpired, loadPass, maskName, passFromResult, passKey, savePass, type StoredPass } from '@/declare/passStore'

const kCommunity = { code: '441900003013', name: '岗贝社区' }

const kResult: DeclarationResult = {
  declaration: {
    id: 9,
    day: '2026-11-30',
    colour: 'yellow',
    reasons: [{ rule: 'fever', message: '体温 37.8 °C ≥ 37.3 °C' }],
    submitted_at: '2026-11-30T08:01:02Z',
    assisted: false,
  },
  pass: { colour: 'yellow', token: 'opaque+token/=', expires_at: '2026-12-01T16:00:00Z' },
}

function pass(): StoredPass {
  return passFromResult(kCommunity, '王小明', kResult)
}

describe('maskName', () => {
  const cases: Array<[string, string]> = [
    ['王', '王'],
    ['王伟', '王*'],
    ['王小明', '王*明'],
    ['欧阳娜娜', '欧**娜'],
    [' 王伟 ', '王*'],
    ['', ''],
  ]
  it.each(cases)('%j → %j', (name, masked) => {
    expect(maskName(name)).toBe(masked)
  })
})

describe('pass store', () => {
  beforeEach(() => {
    localStorage.clear()
  })

  it('keeps what the pass screen shows, and no full name', () => {
    expect(pass()).toEqual({
      community_code: '441900003013',
      community_name: '岗贝社区',
      colour: 'yellow',
      token: 'opaque+token/=',
      expires_at: '2026-12-01T16:00:00Z',
      reasons: [{ rule: 'fever', message: '体温 37.8 °C ≥ 37.3 °C' }],
      day: '2026-11-30',
      masked_name: '王*明',
    })
  })

  it('saves and loads per community', () => {
    savePass(pass())
    expect(loadPass('441900003013')).toEqual(pass())
    expect(loadPass('441900003014')).toBeNull()
    expect(JSON.parse(localStorage.getItem(passKey('441900003013')) ?? '{}')).not.toHaveProperty('name')
  })

  it('replaces the last pass of a community', () => {
    savePass(pass())
    savePass({ ...pass(), colour: 'green', reasons: [] })
    expect(loadPass('441900003013')?.colour).toBe('green')
  })

  it('loads nothing from a broken or foreign entry', () => {
    localStorage.setItem(passKey('441900003013'), '{not json')
    expect(loadPass('441900003013')).toBeNull()
    localStorage.setItem(passKey('441900003013'), JSON.stringify({ ...pass(), colour: 'blue' }))
    expect(loadPass('441900003013')).toBeNull()
    localStorage.setItem(passKey('441900003013'), JSON.stringify({ ...pass(), community_code: 'other' }))
    expect(loadPass('441900003013')).toBeNull()
    localStorage.setItem(passKey('441900003013'), JSON.stringify({ ...pass(), reasons: [{ rule: 1 }] }))
    expect(loadPass('441900003013')).toBeNull()
    localStorage.setItem(passKey('441900003013'), 'null')
    expect(loadPass('441900003013')).toBeNull()
  })

  it('survives a storage that refuses', () => {
    const refusing = {
      getItem: () => {
        throw new Error('denied')
      },
      setItem: () => {
        throw new Error('quota')
      },
    } as unknown as Storage
    expect(() => savePass(pass(), refusing)).not.toThrow()
    expect(loadPass('441900003013', refusing)).toBeNull()
  })

  it('tells an expired pass', () => {
    const p = pass()
    expect(isExpired(p, new Date('2026-12-01T15:59:59Z'))).toBe(false)
    expect(isExpired(p, new Date('2026-12-01T16:00:00Z'))).toBe(true)
    expect(isExpired(p, new Date('2026-12-02T00:00:00Z'))).toBe(true)
    expect(isExpired({ expires_at: 'soon' }, new Date('2026-11-30T00:00:00Z'))).toBe(true)
  })
})
