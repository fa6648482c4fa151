// Declaring for a child or an elderly member of one's household: the switch, the member's name
// and ID number in the body only when it is on, their client-side checks, their server errors on
// their fields, and the switch ignored for a new arrival.
import { describe, expect, it } from 'vitest'

import {
  type DeclarationForm,
  declarationBody,
  declaresForDependant,
  emptyForm,
  isFormField,
  kDependantIdNumber,
  kDependantName,
  validateDeclaration,
} from '@/declare/declaration'

const kToday = new Date(2026, 10, 30, 9, 0)
/** A valid ID number of someone born 2015-03-07: a child. */
const kChildId = '441900201503070012'

function declarer(overrides: Partial<DeclarationForm> = {}): DeclarationForm {
  return {
    ...emptyForm(),
    name: '王伟',
    id_number: '11010519491231002X',
    phone: '13800138000',
    promise: true,
    ...overrides,
  }
}

describe('declaring for a household member', () => {
  it('starts off, with empty member fields', () => {
    const form = emptyForm()
    expect(form.for_dependant).toBe(false)
    expect(form.dependant_name).toBe('')
    expect(form.dependant_id_number).toBe('')
    expect(declaresForDependant(form)).toBe(false)
  })

  it('sends no dependant with the switch off, whatever the member fields hold', () => {
    const body = declarationBody(declarer({ dependant_name: '王小明', dependant_id_number: kChildId }), 'c')
    expect(body).not.toHaveProperty('dependant')
    expect(validateDeclaration(declarer({ dependant_id_number: 'nonsense' }), kToday)).toEqual({})
  })

  it('sends the member trimmed and normalised with the switch on, the declarer unchanged', () => {
    const form = declarer({
      for_dependant: true,
      dependant_name: ' 王小明 ',
      dependant_id_number: ' 4419 0020 1503 070012 ',
    })
    expect(validateDeclaration(form, kToday)).toEqual({})
    const body = declarationBody(form, '441900003013')
    expect(body.dependant).toEqual({ name: '王小明', id_number: kChildId })
    expect(body).toMatchObject({ name: '王伟', id_number: '11010519491231002X', phone: '13800138000' })
    expect(body.new_arrival).toBe(false)
    expect(body).not.toHaveProperty('household_id')
  })

  it('asks for the member name and a valid member ID number', () => {
    expect(validateDeclaration(declarer({ for_dependant: true }), kToday)).toEqual({
      [kDependantName]: 'errors.dependantNameRequired',
      [kDependantIdNumber]: 'errors.dependantIdNumberInvalid',
    })
    expect(
      validateDeclaration(declarer({ for_dependant: true, dependant_name: '  ', dependant_id_number: kChildId }), kToday),
    ).toEqual({ 'dependant.name': 'errors.dependantNameRequired' })
  })

  it.each([
    ['a wrong check digit', '441900201503070011'],
    ['too short', '4419002015030700'],
    ['a birth date after today', '441900202712010010'],
    ['letters', '44190020150307ABCD'],
  ])('refuses a member ID number with %s', (_what, id) => {
    const errors = validateDeclaration(declarer({ for_dependant: true, dependant_name: '王小明', dependant_id_number: id }), kToday)
    expect(errors).toEqual({ 'dependant.id_number': 'errors.dependantIdNumberInvalid' })
  })

  it("refuses the declarer's own ID number as the member's", () => {
    const form = declarer({ for_dependant: true, dependant_name: '王伟', dependant_id_number: '110105194912310 02x' })
    expect(validateDeclaration(form, kToday)).toEqual({ 'dependant.id_number': 'errors.dependantIsSelf' })
  })

  it('keeps the declarer checks when declaring for a member', () => {
    const form = declarer({ for_dependant: true, dependant_name: '王小明', dependant_id_number: kChildId, phone: '123' })
    expect(validateDeclaration(form, kToday)).toEqual({ phone: 'errors.phoneInvalid' })
  })

  it('ignores the switch for a new arrival: no dependant sent, no member checks', () => {
    const form = declarer({ new_arrival: true, household_id: 56, for_dependant: true, dependant_name: '', dependant_id_number: 'x' })
    expect(declaresForDependant(form)).toBe(false)
    expect(validateDeclaration(form, kToday)).toEqual({})
    const body = declarationBody(form, 'c')
    expect(body).not.toHaveProperty('dependant')
    expect(body.household_id).toBe(56)
  })

  it('shows the server errors on the member fields only while they are on screen', () => {
    const on = declarer({ for_dependant: true })
    expect(isFormField('dependant.id_number', on)).toBe(true)
    expect(isFormField('dependant.name', on)).toBe(true)
    expect(isFormField('dependant', on)).toBe(false)
    expect(isFormField('dependant.id_number', declarer())).toBe(false)
    expect(isFormField('dependant.id_number', { ...on, new_arrival: true })).toBe(false)
  })
})
