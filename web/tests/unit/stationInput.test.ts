// What the station reads before deciding (temperature, plate, what a scan is, the manual entry),
// the guard's session (scope → community, the /auth/me shape, what localStorage keeps), and the
// station's messages in both languages.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { idCheckDigit } from '@/utils/identity'
import en from '@/station/locales/en'
import { language, reasonText, setLanguage, t } from '@/station/locales'
import zhCN from '@/station/locales/zh-CN'
import { classifyScan, isPlate, manualIdentity, normalisePlate, parseStationTemperature } from '@/station/scanInput'
import {
  clearSession,
  communityOfScope,
  deviceLabel,
  emptyCounts,
  loadSession,
  newEventId,
  parseScope,
  saveSession,
  type StationSession,
  userFromAnswer,
} from '@/station/session'

const kToday = new Date(2026, 10, 30)
const body = '11010519491231002'
const kIdNumber = body + idCheckDigit(body)
const kWrongCheck = body + (idCheckDigit(body) === '1' ? '2' : '1')
const kToken = 'Q1AxfDQ0MTkwMDAwMzAxM3xBYkNkRWZHaElqS2xNbk9wUXJTdF8tfGd8MTc2NDQ2MDgwMHwxNzY0NTQ3MjAw.c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJl'

describe('parseStationTemperature', () => {
  it.each([
    ['', null],
    ['36.5', 365],
    [' 37.3 ', 373],
    ['36,8', 368],
    ['365', 365],
    ['38', 380],
    ['34.0', 340],
    ['43', 430],
  ])('reads %j as %j tenths', (text, tenths) => {
    expect(parseStationTemperature(text)).toEqual({ ok: true, tenths })
  })

  it.each(['33.9', '43.1', '98.6', 'abc', '36.55', '3650', '-36', '36.'])('refuses %j', (text) => {
    expect(parseStationTemperature(text).ok).toBe(false)
  })
})

describe('plates', () => {
  it('normalises and checks them as the server does', () => {
    expect(normalisePlate(' 粤s·123-45 ')).toBe('粤S12345')
    expect(isPlate('粤S12345')).toBe(true)
    expect(isPlate('粤sd12345')).toBe(true)
    expect(isPlate('京A1234')).toBe(false)
    expect(isPlate('粤S1234567')).toBe(false)
    expect(isPlate('XS12345')).toBe(false)
    expect(isPlate('粤112345')).toBe(false)
  })
})

describe('classifyScan', () => {
  it('tells a pass from an ID number, a plate and anything else', () => {
    expect(classifyScan(` ${kToken}\n`, kToday)).toEqual({ kind: 'token', token: kToken })
    expect(classifyScan(kIdNumber.toLowerCase(), kToday)).toEqual({ kind: 'id_number', value: kIdNumber })
    expect(classifyScan('粤s12345', kToday)).toEqual({ kind: 'plate', value: '粤S12345' })
    expect(classifyScan('6901234567892', kToday)).toBeNull()
    expect(classifyScan('https://example.org/x', kToday)).toBeNull()
    expect(classifyScan(kWrongCheck, kToday)).toBeNull()
  })
})

describe('manualIdentity', () => {
  it('takes exactly one of an ID number and a plate, checked', () => {
    expect(manualIdentity(kIdNumber, '', kToday)).toEqual({ kind: 'id_number', value: kIdNumber })
    expect(manualIdentity('', '粤S 12345', kToday)).toEqual({ kind: 'plate', value: '粤S12345' })
    expect(manualIdentity('', '', kToday)).toBe('manual.oneOf')
    expect(manualIdentity(kIdNumber, '粤S12345', kToday)).toBe('manual.oneOf')
    expect(manualIdentity(kWrongCheck, '', kToday)).toBe('manual.idNumber')
    expect(manualIdentity('', '粤S1', kToday)).toBe('manual.plate')
  })
})

describe('scope and user', () => {
  it('reads the community of a zone or community scope, object or text', () => {
    expect(communityOfScope({ kind: 'zone', code: '441900003013-1' })).toBe('441900003013')
    expect(communityOfScope({ kind: 'community', code: '441900003013' })).toBe('441900003013')
    expect(communityOfScope({ kind: 'region', code: '441900' })).toBeNull()
    expect(communityOfScope({ kind: 'all', code: '' })).toBeNull()
    expect(parseScope('zone:441900003013-1')).toEqual({ kind: 'zone', code: '441900003013-1' })
    expect(parseScope({ kind: 'community', code: 'X1' })).toEqual({ kind: 'community', code: 'X1' })
    expect(parseScope('planet:earth')).toBeNull()
    expect(parseScope(7)).toBeNull()
  })

  it('takes the user from /auth/me as the server sends it, or wrapped', () => {
    const user = { id: 7, username: 'guard1', display_name: '东门门岗', role: 'guard', scope: { kind: 'zone', code: '441900003013-1' } }
    const want = { username: 'guard1', display_name: '东门门岗', role: 'guard', scope: { kind: 'zone', code: '441900003013-1' } }
    expect(userFromAnswer(user)).toEqual(want)
    expect(userFromAnswer({ user, communities: [] })).toEqual(want)
    expect(userFromAnswer({ user: { ...user, scope: 'zone:441900003013-1' } })).toEqual(want)
    expect(userFromAnswer({ user: { username: 'x' } })).toBeNull()
    expect(userFromAnswer(null)).toBeNull()
  })
})

describe('the kept session', () => {
  beforeEach(() => localStorage.clear())

  const session: StationSession = {
    token: 'tok',
    user: { username: 'guard1', display_name: '东门门岗', role: 'guard', scope: { kind: 'zone', code: '441900003013-1' } },
    communityCode: '441900003013',
    entrance: { id: 3, name: '东门', zone_id: 1, kind: 'both' },
    signedInAt: '2026-11-30T00:00:00.000Z',
    counts: { allow: 3, deny: 1, refer: 0 },
  }

  it('comes back as it was saved, and goes', () => {
    saveSession(session)
    expect(loadSession()).toEqual(session)
    clearSession()
    expect(loadSession()).toBeNull()
  })

  it('is dropped when it cannot be read, and its parts repaired', () => {
    localStorage.setItem('cordon.station.session', '{not json')
    expect(loadSession()).toBeNull()
    localStorage.setItem('cordon.station.session', JSON.stringify({ ...session, token: '' }))
    expect(loadSession()).toBeNull()
    localStorage.setItem('cordon.station.session', JSON.stringify({ ...session, counts: { allow: -1 }, entrance: 'east' }))
    expect(loadSession()).toEqual({ ...session, counts: emptyCounts(), entrance: null })
  })

  it('makes UUID v7 event ids, in time order, and one device label per device', () => {
    const ids = new Set(Array.from({ length: 50 }, () => newEventId()))
    expect(ids.size).toBe(50)
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    }
    // The first 48 bits are the time in milliseconds: a later id sorts after an earlier one.
    const t = Date.UTC(2026, 10, 30, 9, 0, 0)
    const first = newEventId(t)
    expect(parseInt(first.replace('-', '').slice(0, 12), 16)).toBe(t)
    expect(newEventId(t + 1) > first).toBe(true)
    expect(newEventId(t + 86_400_000) > newEventId(t + 1)).toBe(true)
    const label = deviceLabel()
    expect(label).toMatch(/^station-[0-9a-f]{6}$/)
    expect(deviceLabel()).toBe(label)
  })
})

type Tree = { [key: string]: string | Tree }

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}/${key}` : key
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

describe('station messages', () => {
  const zh = flatten(zhCN as Tree)
  const english = flatten(en as Tree)

  afterEach(() => setLanguage('zh-CN'))

  it('have the same keys and placeholders in both languages, none empty', () => {
    expect([...english.keys()].sort()).toEqual([...zh.keys()].sort())
    for (const [key, text] of zh) {
      expect(placeholders(english.get(key) ?? ''), key).toEqual(placeholders(text))
      expect(text.trim(), key).not.toBe('')
      expect((english.get(key) ?? '').trim(), key).not.toBe('')
    }
  })

  it('name every reason the server and the station give', () => {
    const codes = [
      'pass.forged',
      'pass.other_community',
      'pass.expired',
      'pass.not_yet_valid',
      'pass.stale',
      'person.unknown',
      'colour.none',
      'colour.red',
      'colour.yellow',
      'temperature.fever',
      'colour.green',
      'exit',
      'offline.unverified',
    ]
    for (const code of codes) {
      expect(zh.has(`reasons/${code}`), code).toBe(true)
    }
  })

  it('follow the language', () => {
    expect(t('decision.allow')).toBe('通行')
    expect(reasonText('offline.unverified')).toBe('离线无法核验，请人工核对')
    setLanguage('en')
    expect(language.value).toBe('en')
    expect(t('status.pending', { n: 3 })).toBe('3 waiting to upload')
    expect(reasonText('offline.unverified')).toBe('Offline: cannot check, verify by hand')
    expect(reasonText('something.new')).toBe('something.new')
  })
})
