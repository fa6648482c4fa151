// The resident ID number check digit (GB 11643-1999) and the mobile number shape.
import { describe, expect, it } from 'vitest'

import { idCheckDigit, isMobilePhone, isValidIdNumber, normaliseIdNumber } from '@/utils/identity'

const kToday = new Date(2026, 10, 30)

describe('idCheckDigit', () => {
  const cases: Array<[string, string]> = [
    // The example of GB 11643-1999 itself.
    ['11010519491231002', 'X'],
    ['44190019800101001', '5'],
    ['44052419800101001', '3'],
    ['32010219900307251', '4'],
    ['00000000000000000', '1'],
  ]
  it.each(cases)('of %s is %s', (body, digit) => {
    expect(idCheckDigit(body)).toBe(digit)
  })

  it('reads only the first 17 characters', () => {
    expect(idCheckDigit('11010519491231002X')).toBe('X')
  })
})

describe('isValidIdNumber', () => {
  const cases: Array<[string, boolean]> = [
    ['11010519491231002X', true],
    ['11010519491231002x', true],
    [' 1101 0519 4912 3100 2X ', true],
    ['441900198001010015', true],
    // A wrong check character, the commonest typing error.
    ['44190019800101001X', false],
    ['110105194912310021', false],
    // Right check characters, but not a date, a date to come, a date before 1900.
    ['441900198002300014', false],
    ['441900202712010010', false],
    ['441900189912310014', false],
    // Length and characters.
    ['11010519491231002', false],
    ['11010519491231002XX', false],
    ['1101051949123100X2', false],
    ['01010519491231002X', false],
    ['', false],
  ]
  it.each(cases)('%j is %s', (id, valid) => {
    expect(isValidIdNumber(id, kToday)).toBe(valid)
  })

  it('takes a birth date of today', () => {
    const body = `44190020261130001`
    expect(isValidIdNumber(body + idCheckDigit(body), kToday)).toBe(true)
  })

  it('normalises the typed number', () => {
    expect(normaliseIdNumber(' 11010519491231002x ')).toBe('11010519491231002X')
  })
})

describe('isMobilePhone', () => {
  const cases: Array<[string, boolean]> = [
    ['13800138000', true],
    ['19912345678', true],
    ['138 0013 8000', true],
    ['138-0013-8000', true],
    ['12800138000', false],
    ['1380013800', false],
    ['138001380001', false],
    ['23800138000', false],
    ['+8613800138000', false],
    ['', false],
  ]
  it.each(cases)('%j is %s', (phone, valid) => {
    expect(isMobilePhone(phone)).toBe(valid)
  })
})
