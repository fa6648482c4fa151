// Visitor registration at the station (访客登记): the form's checks and the request body, and the
// visitors this station let in, kept in localStorage so the guard can mark them leaving (访客离开).
// Registration needs the server (it issues the visitor's pass), so nothing here is queued.
// Imported only by the lazily loaded visitor dialog, not by the station's first load.
import type { VisitorInput, VisitorRegistered } from '@/api/gate'
import type { DocType } from '@/api/types'
import { isMobilePhone, isValidIdNumber, normaliseIdNumber, normalisePhone } from '@/utils/identity'

import { isPlate, normalisePlate, parseStationTemperature } from './scanInput'

/** The document types the station offers a visitor, the usual first (codes of the server's DocTypeCode). */
export type VisitorDocType = Extract<DocType, 'resident_id' | 'passport' | 'hk_macao_permit' | 'other'>

export const kVisitorDocTypes: readonly VisitorDocType[] = ['resident_id', 'passport', 'hk_macao_permit', 'other']

// The lengths the server accepts (registry::CleanName in RegisterVisitor).
export const kMaxVisitorName = 50
export const kMaxDocNumber = 32
export const kMaxHost = 100
export const kMaxPurpose = 200

/** The form as typed. */
export interface VisitorForm {
  name: string
  docType: VisitorDocType
  docNumber: string
  phone: string
  host: string
  purpose: string
  /** As typed: '' for none, "365" reads 36.5 (as at the checkpoint). */
  temperature: string
  /** '' for none. */
  plate: string
}

export const emptyVisitorForm = (): VisitorForm => ({
  name: '',
  docType: 'resident_id',
  docNumber: '',
  phone: '',
  host: '',
  purpose: '',
  temperature: '',
  plate: '',
})

/** The fields an error can name: the server's `error.field` values and the form's own checks. */
export type VisitorField = 'name' | 'doc_number' | 'phone' | 'host' | 'purpose' | 'temperature' | 'plate'

export const kVisitorFields: readonly VisitorField[] = ['name', 'doc_number', 'phone', 'host', 'purpose', 'temperature', 'plate']

export function isVisitorField(field: string | undefined): field is VisitorField {
  return (kVisitorFields as readonly string[]).includes(field ?? '')
}

/** What is wrong with a field, as a key of the station's `visitor.error` messages. */
export type VisitorProblem = 'required' | 'idNumber' | 'phone' | 'temperature' | 'plate'

export type VisitorCheck =
  | { ok: true; body: VisitorInput }
  | { ok: false; problems: Partial<Record<VisitorField, VisitorProblem>> }

/**
 * The request body for `form` at entrance `entranceId`, or what is wrong with each field: every
 * text but the plate and temperature is required; a resident ID number must have the right check
 * character, the phone must be a mainland mobile, the temperature 34.0–43.0 and the plate a plate.
 */
export function visitorBody(form: VisitorForm, entranceId: number, today: Date = new Date()): VisitorCheck {
  const problems: Partial<Record<VisitorField, VisitorProblem>> = {}
  const name = form.name.trim()
  const host = form.host.trim()
  const purpose = form.purpose.trim()
  const docNumber = form.docType === 'resident_id' ? normaliseIdNumber(form.docNumber) : form.docNumber.trim()
  const phone = normalisePhone(form.phone)
  const plate = normalisePlate(form.plate)
  for (const [field, value] of [
    ['name', name],
    ['doc_number', docNumber],
    ['phone', phone],
    ['host', host],
    ['purpose', purpose],
  ] as const) {
    if (value === '') {
      problems[field] = 'required'
    }
  }
  if (docNumber !== '' && form.docType === 'resident_id' && !isValidIdNumber(docNumber, today)) {
    problems.doc_number = 'idNumber'
  }
  if (phone !== '' && !isMobilePhone(phone)) {
    problems.phone = 'phone'
  }
  const reading = parseStationTemperature(form.temperature)
  if (!reading.ok) {
    problems.temperature = 'temperature'
  }
  if (plate !== '' && !isPlate(plate)) {
    problems.plate = 'plate'
  }
  if (Object.keys(problems).length > 0 || !reading.ok) {
    return { ok: false, problems }
  }
  const body: VisitorInput = {
    entrance_id: entranceId,
    name,
    doc_type: form.docType,
    doc_number: docNumber,
    phone,
    host,
    purpose,
  }
  if (reading.tenths !== null) {
    body.temperature = reading.tenths / 10
  }
  if (plate !== '') {
    body.plate = plate
  }
  return { ok: true, body }
}

/** A visitor this station let in, as little as the guard needs to mark them leaving. */
export interface KeptVisitor {
  id: number
  /** The name as registered. */
  name: string
  host: string
  /** The masked phone. */
  phone: string
  in_at: string
  /** null while inside. */
  out_at: string | null
}

/** The most visitors kept: far more than one shift registers, so the list never grows unbounded. */
export const kMaxKeptVisitors = 50

/** The localStorage key of the visitors a guard registered at an entrance. */
export const keptVisitorsKey = (username: string, entranceId: number): string =>
  `cordon.station.visitors.${username}.${entranceId}`

export function keptFromAnswer(answer: VisitorRegistered): KeptVisitor {
  const v = answer.visitor
  return { id: v.id, name: v.name, host: v.host, phone: v.phone, in_at: v.in_at, out_at: v.out_at }
}

function isKept(value: unknown): value is KeptVisitor {
  if (typeof value !== 'object' || value === null) {
    return false
  }
  const v = value as Record<string, unknown>
  return (
    typeof v.id === 'number' &&
    Number.isSafeInteger(v.id) &&
    typeof v.name === 'string' &&
    typeof v.host === 'string' &&
    typeof v.phone === 'string' &&
    typeof v.in_at === 'string' &&
    (v.out_at === null || typeof v.out_at === 'string')
  )
}

/** The kept list read from `text`; empty when absent or unreadable, without entries that are not visitors. */
export function parseKeptVisitors(text: string | null): KeptVisitor[] {
  if (!text) {
    return []
  }
  try {
    const value = JSON.parse(text) as unknown
    return Array.isArray(value) ? value.filter(isKept).slice(0, kMaxKeptVisitors) : []
  } catch {
    return []
  }
}

/** `list` with `visitor` first (replacing an entry of the same id), at most kMaxKeptVisitors. */
export function keepVisitor(list: readonly KeptVisitor[], visitor: KeptVisitor): KeptVisitor[] {
  return [visitor, ...list.filter((v) => v.id !== visitor.id)].slice(0, kMaxKeptVisitors)
}

/** Those of `list` still inside, newest first as kept. */
export const visitorsInside = (list: readonly KeptVisitor[]): KeptVisitor[] => list.filter((v) => v.out_at === null)

export function loadKeptVisitors(key: string): KeptVisitor[] {
  try {
    return parseKeptVisitors(localStorage.getItem(key))
  } catch {
    return []
  }
}

export function saveKeptVisitors(key: string, list: readonly KeptVisitor[]): void {
  try {
    localStorage.setItem(key, JSON.stringify(list))
  } catch {
    // Private mode or full: the list lasts as long as the page.
  }
}
