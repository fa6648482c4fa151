// The declaration page's form logic: the community code in the address, the symptom choice,
// client-side checks and the JSON body of submitDeclaration.
import { describe, expect, it } from 'vitest'

import type { PublicBuilding } from '@/api/types'
import {
  communityCodeFromPath,
  type DeclarationForm,
  declarationBody,
  emptyForm,
  emptyTravelRow,
  householdLabel,
  isFormField,
  kNoSymptoms,
  localDay,
  nextSymptoms,
  parseTemperature,
  validateDeclaration,
} from '@/declare/declaration'

const kToday = new Date(2026, 10, 30, 9, 0)

function filledForm(overrides: Partial<DeclarationForm> = {}): DeclarationForm {
  return {
    ...emptyForm(),
    name: ' 王伟 ',
    id_number: '11010519491231002x',
    phone: '138 0013 8000',
    promise: true,
    ...overrides,
  }
}

function travel(region: string, from: string, to: string, transport = '') {
  return { ...emptyTravelRow(), region_code: region, from, to, transport }
}

describe('communityCodeFromPath', () => {
  const cases: Array<[string, string | null]> = [
    ['/d/441900003013', '441900003013'],
    ['/d/441900003013/', '441900003013'],
    ['/d/%E5%B2%97%E8%B4%9D', '岗贝'],
    ['/d/', null],
    ['/d', null],
    ['/', null],
    ['/d/441900003013/extra', null],
    ['/x/441900003013', null],
    ['/d/%E0%A4%A', null],
  ]
  it.each(cases)('%j → %j', (path, code) => {
    expect(communityCodeFromPath(path)).toBe(code)
  })
})

describe('nextSymptoms', () => {
  it('starts with none', () => {
    expect(emptyForm().symptoms).toEqual([kNoSymptoms])
  })

  it('drops none when a symptom is ticked', () => {
    expect(nextSymptoms([kNoSymptoms], [kNoSymptoms, 'fever'])).toEqual(['fever'])
  })

  it('clears the symptoms when none is ticked', () => {
    expect(nextSymptoms(['fever', 'cough'], ['fever', 'cough', kNoSymptoms])).toEqual([kNoSymptoms])
  })

  it('falls back to none when the last symptom is unticked', () => {
    expect(nextSymptoms(['fever'], [])).toEqual([kNoSymptoms])
  })

  it('keeps none when it is unticked alone', () => {
    expect(nextSymptoms([kNoSymptoms], [])).toEqual([kNoSymptoms])
  })

  it('adds a second symptom', () => {
    expect(nextSymptoms(['fever'], ['fever', 'cough'])).toEqual(['fever', 'cough'])
  })
})

describe('parseTemperature', () => {
  const cases: Array<[number | string, number]> = [
    [36.5, 36.5],
    ['36.5', 36.5],
    ['37', 37],
    ['37.25', 37.3],
    [' 38,2 ', 38.2],
    ['', Number.NaN],
    ['abc', Number.NaN],
    ['-36', Number.NaN],
  ]
  it.each(cases)('%j → %s', (value, want) => {
    expect(parseTemperature(value)).toEqual(want)
  })
})

describe('declarationBody', () => {
  it('sends a registered resident without household, symptoms "none" as []', () => {
    expect(declarationBody(filledForm(), '441900003013')).toEqual({
      community_code: '441900003013',
      name: '王伟',
      id_number: '11010519491231002X',
      phone: '13800138000',
      temperature: 36.5,
      symptoms: [],
      travel: [],
      contact_with_cases: false,
      contact_with_risk_area: false,
      promise: true,
      new_arrival: false,
    })
  })

  it('maps every field of a full form', () => {
    const form = filledForm({
      temperature: '37.8',
      symptoms: ['fever', 'cough'],
      travel: [travel(' 420100 ', '2026-11-20', '2026-11-22', ' g1234 '), travel('110000', '2026-11-25', '2026-11-25')],
      contact_with_cases: true,
      contact_with_risk_area: true,
      plate: ' 粤s 12345 ',
      new_arrival: true,
      household_id: 56,
    })
    expect(declarationBody(form, '441900003013')).toEqual({
      community_code: '441900003013',
      name: '王伟',
      id_number: '11010519491231002X',
      phone: '13800138000',
      household_id: 56,
      temperature: 37.8,
      symptoms: ['fever', 'cough'],
      travel: [
        { region_code: '420100', from: '2026-11-20', to: '2026-11-22', transport: 'G1234' },
        { region_code: '110000', from: '2026-11-25', to: '2026-11-25' },
      ],
      contact_with_cases: true,
      contact_with_risk_area: true,
      plate: '粤S12345',
      promise: true,
      new_arrival: true,
    })
  })

  it('sends no household for a registered resident even when one was chosen', () => {
    const body = declarationBody(filledForm({ household_id: 56, new_arrival: false }), 'c')
    expect(body).not.toHaveProperty('household_id')
  })

  it('sends the temperature as a number with one decimal', () => {
    expect(declarationBody(filledForm({ temperature: 36.55 }), 'c').temperature).toBe(36.6)
  })
})

describe('validateDeclaration', () => {
  it('passes a complete form', () => {
    expect(validateDeclaration(filledForm(), kToday)).toEqual({})
  })

  it('names every missing or wrong field by its API name', () => {
    const form = emptyForm()
    form.temperature = '45'
    expect(validateDeclaration(form, kToday)).toEqual({
      name: 'errors.nameRequired',
      id_number: 'errors.idNumberInvalid',
      phone: 'errors.phoneInvalid',
      temperature: 'errors.temperatureRange',
      promise: 'errors.promiseRequired',
    })
  })

  it('rejects a wrong ID check digit and a non-mobile number', () => {
    const errors = validateDeclaration(filledForm({ id_number: '110105194912310021', phone: '12800138000' }), kToday)
    expect(errors).toEqual({ id_number: 'errors.idNumberInvalid', phone: 'errors.phoneInvalid' })
  })

  it.each([
    ['33.9', true],
    ['34.0', false],
    ['43.0', false],
    ['43.1', true],
    ['', true],
  ])('temperature %j wrong: %s', (temperature, wrong) => {
    expect('temperature' in validateDeclaration(filledForm({ temperature }), kToday)).toBe(wrong)
  })

  it('asks a new arrival for the address', () => {
    expect(validateDeclaration(filledForm({ new_arrival: true }), kToday)).toEqual({
      household_id: 'errors.addressRequired',
    })
    expect(validateDeclaration(filledForm({ new_arrival: true, household_id: 56 }), kToday)).toEqual({})
  })

  it('checks each travel row by its index', () => {
    const form = filledForm({
      travel: [
        travel('420100', '2026-11-20', '2026-11-22'),
        travel('4201', '', '2026-12-01'),
        travel('420100', '2026-11-25', '2026-11-24'),
        emptyTravelRow(),
      ],
    })
    expect(validateDeclaration(form, kToday)).toEqual({
      'travel[1].region_code': 'errors.regionCodeInvalid',
      'travel[1].from': 'errors.dateRequired',
      'travel[1].to': 'errors.dateFuture',
      'travel[2].to': 'errors.dateOrder',
      'travel[3].region_code': 'errors.regionCodeInvalid',
      'travel[3].from': 'errors.dateRequired',
      'travel[3].to': 'errors.dateRequired',
    })
  })

  it('takes a stay that ends today', () => {
    const day = localDay(kToday)
    expect(validateDeclaration(filledForm({ travel: [travel('420100', day, day)] }), kToday)).toEqual({})
  })
})

describe('isFormField', () => {
  const form = filledForm({ travel: [travel('420100', '2026-11-20', '2026-11-22')] })
  const cases: Array<[string, boolean]> = [
    ['name', true],
    ['id_number', true],
    ['phone', true],
    ['temperature', true],
    ['promise', true],
    ['plate', true],
    ['travel[0].region_code', true],
    ['travel[0].transport', true],
    ['travel[1].region_code', false],
    ['travel', false],
    ['household_id', false],
    ['community_code', false],
  ]
  it.each(cases)('%j on the form: %s', (field, shown) => {
    expect(isFormField(field, form)).toBe(shown)
  })

  it('shows the address error for a new arrival', () => {
    expect(isFormField('household_id', { ...form, new_arrival: true })).toBe(true)
  })
})

describe('householdLabel', () => {
  const buildings: PublicBuilding[] = [
    { id: 12, name: '1栋', units: [{ id: 34, name: '1单元', households: [{ id: 56, room: '101' }] }] },
  ]
  it('names building, unit and room', () => {
    expect(householdLabel(buildings, 56)).toBe('1栋 1单元 101')
  })
  it('is empty for none or an unknown id', () => {
    expect(householdLabel(buildings, null)).toBe('')
    expect(householdLabel(buildings, 57)).toBe('')
  })
})
