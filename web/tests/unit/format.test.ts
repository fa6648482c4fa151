// Masking, search and display helpers, and the person form mapping.
import { describe, expect, it } from 'vitest'

import type { Person } from '@/api/types'
import { formatDateTime, householdLabel, isLast4Query, isMasked, looksLikeResidentId } from '@/utils/format'
import { createPayload, emptyPersonForm, formFieldOf, formFromPerson, payloadFromForm } from '@/utils/person'

describe('format helpers', () => {
  it('tells masked numbers', () => {
    expect(isMasked('110105********002X')).toBe(true)
    expect(isMasked('138****5678')).toBe(true)
    expect(isMasked('11010519491231002X')).toBe(false)
    expect(isMasked('')).toBe(false)
  })

  const last4: Array<[string, boolean]> = [
    ['002X', true],
    ['002x', true],
    ['5678', true],
    [' 56 78 ', true],
    ['張', false],
    ['12345', false],
    ['X002', false],
    ['王小', false],
  ]
  it.each(last4)('isLast4Query(%j) = %s', (q, want) => {
    expect(isLast4Query(q)).toBe(want)
  })

  it('joins an address', () => {
    expect(householdLabel({ building: '12栋', unit: '1单元', room: '301' })).toBe('12栋 1单元 301')
    expect(householdLabel({ building: '12栋', unit: '', room: '301' })).toBe('12栋 301')
    expect(householdLabel({ building: '', unit: '', room: '' })).toBe('')
  })

  it('formats date-times, keeping what it cannot read', () => {
    expect(formatDateTime('')).toBe('')
    expect(formatDateTime('not a date')).toBe('not a date')
    expect(formatDateTime('2020-02-01T08:09:10Z')).toMatch(/^2020-02-0[12] \d\d:09:10$/)
  })

  it('checks the shape of a resident ID', () => {
    expect(looksLikeResidentId('11010519491231002X')).toBe(true)
    expect(looksLikeResidentId('110105194912310021')).toBe(true)
    expect(looksLikeResidentId('110105********002X')).toBe(false)
  })
})

const person: Person = {
  id: 9,
  community_id: 1,
  zone_id: 2,
  household_id: 33,
  name: '张三',
  doc_type: 'resident_id',
  id_number: '110105********002X',
  phone: '138****5678',
  sex: 'male',
  birth_date: '1949-12-31',
  relation: 'head',
  kind: 'owner',
  flags: ['chronic'],
  building: '1栋',
  unit: '1单元',
  room: '101',
  workplace: ' 东城医院 ',
  vehicles: ['粤s12345'],
  out_migrant: false,
  out_migrant_where: '',
  out_migrant_since: '',
  notes: '',
  created_at: '',
  updated_at: '',
  deleted: false,
  age: 76,
  elderly: true,
}

describe('person form', () => {
  it('sends masked numbers back as they were read', () => {
    const body = payloadFromForm(formFromPerson(person))
    expect(body.id_number).toBe('110105********002X')
    expect(body.phone).toBe('138****5678')
    expect(body.household_id).toBe(33)
  })

  it('normalises text and plates, and leaves sex and birth date to a resident ID', () => {
    const body = payloadFromForm(formFromPerson(person))
    expect(body.workplace).toBe('东城医院')
    expect(body.vehicles).toEqual(['粤S12345'])
    expect(body.sex).toBeUndefined()
    expect(body.birth_date).toBeUndefined()
  })

  it('sends sex and birth date for other documents', () => {
    const form = { ...formFromPerson(person), doc_type: 'passport' as const, sex: 'female' as const, birth_date: '1990-01-02' }
    const body = payloadFromForm(form)
    expect(body.sex).toBe('female')
    expect(body.birth_date).toBe('1990-01-02')
  })

  it('drops out-migrant details of someone at home', () => {
    const form = { ...formFromPerson(person), out_migrant: false, out_migrant_where: '深圳', out_migrant_since: '2020-01-01' }
    const body = payloadFromForm(form)
    expect(body.out_migrant_where).toBe('')
    expect(body.out_migrant_since).toBe('')
  })

  it('registers without a household when none is picked', () => {
    const form = { ...emptyPersonForm(), name: ' 李四 ', id_number: '1101 0519 4912 31002X' }
    const body = createPayload(form)
    expect('household_id' in body).toBe(false)
    expect(body.name).toBe('李四')
    expect(body.id_number).toBe('11010519491231002X')
  })

  it('names the form field of a server error', () => {
    expect(formFieldOf('id_number')).toBe('id_number')
    expect(formFieldOf('vehicles[2]')).toBe('vehicles')
    expect(formFieldOf(undefined)).toBeUndefined()
    expect(formFieldOf('')).toBeUndefined()
  })
})
