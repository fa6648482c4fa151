// What the guard typed or scanned, read before anything is decided: a pass token from the scanner,
// an ID number or a plate typed by hand, and the temperature. The server checks all of it again;
// these checks only keep a typing error out of the record and out of the offline queue.
import { isValidIdNumber, normaliseIdNumber } from '@/utils/identity'

import type { Identity } from './offlineDecision'
import { looksLikePassToken } from './passToken'

export const kMinTemperature = 34.0
export const kMaxTemperature = 43.0

export type TemperatureReading = { ok: true; tenths: number | null } | { ok: false }

/**
 * The temperature in tenths of a degree; null when the field is empty. Three digits without a
 * point are read with one decimal ("365" is 36.5), as a thermometer shows them.
 */
export function parseStationTemperature(text: string): TemperatureReading {
  const t = text.trim().replace(',', '.')
  if (t === '') {
    return { ok: true, tenths: null }
  }
  let value: number
  if (/^[0-9]{3}$/.test(t)) {
    value = Number(t) / 10
  } else if (/^[0-9]{2}(\.[0-9])?$/.test(t)) {
    value = Number(t)
  } else {
    return { ok: false }
  }
  if (!(value >= kMinTemperature && value <= kMaxTemperature)) {
    return { ok: false }
  }
  return { ok: true, tenths: Math.round(value * 10) }
}

/** The provinces a mainland plate starts with (registry::ParsePlate). */
const kPlateProvinces = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领'

/** A plate as the server keeps it: capitals, no spaces, dashes or dots. */
export function normalisePlate(value: string): string {
  return value.replace(/[\s.·•-]+/g, '').toUpperCase()
}

/** Whether `value` (normalised) is a plate: a province, a letter, then 5 or 6 letters or digits. */
export function isPlate(value: string): boolean {
  const p = normalisePlate(value)
  const first = p.charAt(0)
  return first !== '' && kPlateProvinces.includes(first) && /^[A-Z][A-Z0-9]{5,6}$/.test(p.slice(1))
}

/**
 * What a scan means: a pass token; or, from a scanner that read a typed code, an ID number or a
 * plate. Null for anything else (a product barcode, a web address).
 */
export function classifyScan(text: string, today: Date = new Date()): Identity | null {
  const t = text.trim()
  if (looksLikePassToken(t)) {
    return { kind: 'token', token: t }
  }
  if (isValidIdNumber(t, today)) {
    return { kind: 'id_number', value: normaliseIdNumber(t) }
  }
  if (isPlate(t)) {
    return { kind: 'plate', value: normalisePlate(t) }
  }
  return null
}

export type ManualError = 'manual.oneOf' | 'manual.idNumber' | 'manual.plate'

/** The identity of the manual entry (an ID number or a plate, exactly one), or what is wrong. */
export function manualIdentity(idNumber: string, plate: string, today: Date = new Date()): Identity | ManualError {
  const id = normaliseIdNumber(idNumber)
  const p = normalisePlate(plate)
  if ((id === '') === (p === '')) {
    return 'manual.oneOf'
  }
  if (id !== '') {
    return isValidIdNumber(id, today) ? { kind: 'id_number', value: id } : 'manual.idNumber'
  }
  return isPlate(p) ? { kind: 'plate', value: p } : 'manual.plate'
}
