// Visitor registration at the station (station/visitor.ts): the form's checks, the request body,
// and the visitors kept for marking them leaving.
import { afterEach, describe, expect, it } from 'vitest'

import type { VisitorRegistered } from '@/api/gate'
import { idCheckDigit } from '@/utils/identity'
import {
  emptyVisitorForm,
  isVisitorField,
  keepVisitor,
  keptFromAnswer,
  keptVisitorsKey,
  kMaxKeptVisitors,
  loadKeptVisitors,
  parseKeptVisitors,
  saveKeptVisitors,
  type KeptVisitor,
  type VisitorForm,
  visitorBody,
  visitorsInside,
} from '@/station/visitor'

const kToday = new Date(2026, 10, 30)
const idBody = '11010519491231002'
const kIdNumber = idBody + idCheckDigit(idBody)

const filled = (overrides: Partial<VisitorForm> = {}): VisitorForm => ({
  ...emptyVisitorForm(),
  name: ' 王伟 ',
  docNumber: kIdNumber.toLowerCase(),
  phone: '138 0013-8000',
  host: '3栋 2单元 301',
  purpose: '探亲',
  ...overrides,
})

describe('visitorBody', () => {
  it('builds the body, trimmed and normalised, without the optional fields left empty', () => {
    expect(visitorBody(filled(), 7, kToday)).toEqual({
      ok: true,
      body: {
        entrance_id: 7,
        name: '王伟',
        doc_type: 'resident_id',
        doc_number: kIdNumber,
        phone: '13800138000',
        host: '3栋 2单元 301',
        purpose: '探亲',
      },
    })
  })

  it('sends the temperature in °C and the plate normalised', () => {
    const checked = visitorBody(filled({ temperature: '365', plate: '粤s 12345' }), 7, kToday)
    expect(checked.ok && checked.body).toMatchObject({ temperature: 36.5, plate: '粤S12345' })
  })

  it('takes another document as typed, without the ID number check', () => {
    const checked = visitorBody(filled({ docType: 'passport', docNumber: ' E12345678 ' }), 7, kToday)
    expect(checked.ok && checked.body).toMatchObject({ doc_type: 'passport', doc_number: 'E12345678' })
  })

  it('names every required field left empty', () => {
    expect(visitorBody(emptyVisitorForm(), 7, kToday)).toEqual({
      ok: false,
      problems: { name: 'required', doc_number: 'required', phone: 'required', host: 'required', purpose: 'required' },
    })
  })

  it.each([
    [{ docNumber: idBody + (idCheckDigit(idBody) === '1' ? '2' : '1') }, 'doc_number', 'idNumber'],
    [{ phone: '12800138000' }, 'phone', 'phone'],
    [{ phone: '0769-22223333' }, 'phone', 'phone'],
    [{ temperature: '45' }, 'temperature', 'temperature'],
    [{ temperature: 'warm' }, 'temperature', 'temperature'],
    [{ plate: 'ABC' }, 'plate', 'plate'],
  ] as const)('refuses %j on %s', (overrides, field, problem) => {
    expect(visitorBody(filled(overrides), 7, kToday)).toEqual({ ok: false, problems: { [field]: problem } })
  })
})

describe('isVisitorField', () => {
  it('knows the fields the server names', () => {
    expect(['name', 'doc_number', 'phone', 'host', 'purpose', 'temperature', 'plate'].every(isVisitorField)).toBe(true)
    expect(isVisitorField('entrance_id')).toBe(false)
    expect(isVisitorField(undefined)).toBe(false)
  })
})

describe('kept visitors', () => {
  const kept = (id: number, out_at: string | null = null): KeptVisitor => ({
    id,
    name: '王伟',
    host: '301',
    phone: '138****8000',
    in_at: '2026-03-05T01:00:00Z',
    out_at,
  })

  afterEach(() => localStorage.clear())

  it('keeps the registered visitor from the answer', () => {
    const answer: VisitorRegistered = {
      visitor: {
        id: 12,
        entrance_id: 7,
        entrance_name: '南门',
        name: '王伟',
        doc_type: 'resident_id',
        doc_number: '110105********0021',
        phone: '138****8000',
        host: '301',
        household_id: null,
        purpose: '探亲',
        temperature: 36.5,
        plate: '',
        in_at: '2026-03-05T01:00:00Z',
        out_at: null,
        registered_by_name: '门岗',
      },
      decision: 'allow',
      reasons: [],
      fever_case_id: null,
      pass: { token: 'x.y', expires_at: '2026-03-05T16:00:00Z' },
    }
    expect(keptFromAnswer(answer)).toEqual(kept(12))
  })

  it('puts the newest first, replaces the same id and stays bounded', () => {
    let list: KeptVisitor[] = []
    for (let id = 1; id <= kMaxKeptVisitors + 5; ++id) {
      list = keepVisitor(list, kept(id))
    }
    expect(list).toHaveLength(kMaxKeptVisitors)
    expect(list[0]?.id).toBe(kMaxKeptVisitors + 5)
    list = keepVisitor(list, kept(kMaxKeptVisitors + 5, '2026-03-05T02:00:00Z'))
    expect(list).toHaveLength(kMaxKeptVisitors)
    expect(visitorsInside(list)).toHaveLength(kMaxKeptVisitors - 1)
  })

  it('reads back what was saved, and nothing from what is not a list of visitors', () => {
    const key = keptVisitorsKey('guard1', 7)
    expect(key).toBe('cordon.station.visitors.guard1.7')
    saveKeptVisitors(key, [kept(1), kept(2, '2026-03-05T02:00:00Z')])
    expect(loadKeptVisitors(key)).toEqual([kept(1), kept(2, '2026-03-05T02:00:00Z')])
    expect(parseKeptVisitors(null)).toEqual([])
    expect(parseKeptVisitors('{')).toEqual([])
    expect(parseKeptVisitors('{"id":1}')).toEqual([])
    expect(parseKeptVisitors(JSON.stringify([kept(1), { id: 'x' }, null]))).toEqual([kept(1)])
  })
})
