// The declaration form as the page holds it, and the pure steps around it: the community code in
// the address, the symptom choice with its "none", client-side checks (the server checks again
// and is the one that counts) and the JSON body of submitDeclaration.
import type { DeclarationInput, PublicBuilding, TravelStay } from '@/api/types'
import { isMobilePhone, isValidIdNumber, normaliseIdNumber, normalisePhone } from '@/utils/identity'

import type { MessageKey } from './locales'

/** The symptom choice that means "none of them"; never sent (the body then has `[]`). */
export const kNoSymptoms = 'none'

/** The temperatures a person can have, in °C; the stepper keeps to them and the server agrees. */
export const kMinTemperature = 34.0
export const kMaxTemperature = 43.0
export const kDefaultTemperature = '36.5'

/** The travel rows a resident may add: two weeks of one stop a day is already generous. */
export const kMaxTravelRows = 14

export interface TravelRow {
  /** Keeps a row's inputs in place when an earlier row is removed. */
  key: number
  region_code: string
  /** `YYYY-MM-DD`, or '' before one is chosen. */
  from: string
  to: string
  transport: string
}

export interface DeclarationForm {
  name: string
  id_number: string
  phone: string
  new_arrival: boolean
  /**
   * Declaring for a child (under 18) or an elderly member (65 or older) of the declarer's
   * household: name, ID number and phone above then identify the declarer, and the answers below
   * are the member's. Never for a new arrival (see declaresForDependant).
   */
  for_dependant: boolean
  /** The member's name and ID number; sent only while for_dependant is on. */
  dependant_name: string
  dependant_id_number: string
  /** Only for a new arrival. */
  household_id: number | null
  /** As the stepper gives it: a number, or the text being typed. */
  temperature: number | string
  /** Symptom codes, or just [kNoSymptoms]. */
  symptoms: string[]
  travel: TravelRow[]
  contact_with_cases: boolean
  contact_with_risk_area: boolean
  plate: string
  promise: boolean
}

export function emptyForm(): DeclarationForm {
  return {
    name: '',
    id_number: '',
    phone: '',
    new_arrival: false,
    for_dependant: false,
    dependant_name: '',
    dependant_id_number: '',
    household_id: null,
    temperature: kDefaultTemperature,
    symptoms: [kNoSymptoms],
    travel: [],
    contact_with_cases: false,
    contact_with_risk_area: false,
    plate: '',
    promise: false,
  }
}

let nextRowKey = 1

export function emptyTravelRow(): TravelRow {
  return { key: nextRowKey++, region_code: '', from: '', to: '', transport: '' }
}

/**
 * Whether `form` declares for a household member: only with the switch on and never for a new
 * arrival (someone not yet registered has no household to declare for).
 */
export function declaresForDependant(form: Pick<DeclarationForm, 'for_dependant' | 'new_arrival'>): boolean {
  return form.for_dependant && !form.new_arrival
}

/** The community code of a page address `/d/{code}`; null for any other path. */
export function communityCodeFromPath(pathname: string): string | null {
  const match = /^\/d\/([^/]+)\/?$/.exec(pathname)
  if (!match?.[1]) {
    return null
  }
  try {
    const code = decodeURIComponent(match[1]).trim()
    return code === '' ? null : code
  } catch {
    return null
  }
}

/**
 * The symptom choice after the checkbox group went from `previous` to `next`: ticking "none"
 * clears the symptoms, ticking a symptom clears "none", and clearing everything means "none".
 */
export function nextSymptoms(previous: readonly string[], next: readonly string[]): string[] {
  const symptoms = next.filter((code) => code !== kNoSymptoms)
  if (next.includes(kNoSymptoms) && !previous.includes(kNoSymptoms)) {
    return [kNoSymptoms]
  }
  return symptoms.length === 0 ? [kNoSymptoms] : symptoms
}

/** The temperature as a number with one decimal, or NaN when the text is not a number. */
export function parseTemperature(value: number | string): number {
  const text = typeof value === 'number' ? String(value) : value.trim().replace(',', '.')
  if (text === '' || !/^[0-9]+(\.[0-9]*)?$/.test(text)) {
    return Number.NaN
  }
  return Math.round(Number(text) * 10) / 10
}

/** A plate as sent: capitals, no spaces or dots. */
export function normalisePlate(value: string): string {
  return value.replace(/[\s.·•-]+/g, '').toUpperCase()
}

/** The API's name of a travel row's field: `travel[0].region_code`. */
export function travelField(index: number, name: keyof TravelStay): string {
  return `travel[${index}].${name}`
}

/** The JSON body of submitDeclaration for `form` in community `communityCode`. */
export function declarationBody(form: DeclarationForm, communityCode: string): DeclarationInput {
  const body: DeclarationInput = {
    community_code: communityCode,
    name: form.name.trim(),
    id_number: normaliseIdNumber(form.id_number),
    phone: normalisePhone(form.phone),
    temperature: parseTemperature(form.temperature),
    symptoms: form.symptoms.filter((code) => code !== kNoSymptoms),
    travel: form.travel.map((row) => {
      const stay: TravelStay = { region_code: row.region_code.trim(), from: row.from, to: row.to }
      const transport = row.transport.trim().toUpperCase()
      if (transport !== '') {
        stay.transport = transport
      }
      return stay
    }),
    contact_with_cases: form.contact_with_cases,
    contact_with_risk_area: form.contact_with_risk_area,
    promise: form.promise,
    new_arrival: form.new_arrival,
  }
  // A registered resident's room is known to the server; only a new arrival says where they live.
  if (form.new_arrival && form.household_id !== null) {
    body.household_id = form.household_id
  }
  if (declaresForDependant(form)) {
    body.dependant = { name: form.dependant_name.trim(), id_number: normaliseIdNumber(form.dependant_id_number) }
  }
  const plate = normalisePlate(form.plate)
  if (plate !== '') {
    body.plate = plate
  }
  return body
}

/** The API's names of the household member's fields, as its errors name them. */
export const kDependantName = 'dependant.name'
export const kDependantIdNumber = 'dependant.id_number'

/** Field errors by the API's field name (`phone`, `travel[0].from`), as message keys. */
export type ClientErrors = Record<string, MessageKey>

/** `date` as local `YYYY-MM-DD`. */
export function localDay(date: Date): string {
  const pad = (n: number) => (n < 10 ? `0${n}` : String(n))
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/**
 * What is wrong with `form` before it is sent, on `today`; empty when nothing is. Every travel
 * row is checked, a blank one too (it is to be filled in or removed), so a row's index is the
 * same in the form, in these errors and in the server's.
 */
export function validateDeclaration(form: DeclarationForm, today: Date): ClientErrors {
  const errors: ClientErrors = {}
  if (form.name.trim() === '') {
    errors.name = 'errors.nameRequired'
  }
  if (!isValidIdNumber(form.id_number, today)) {
    errors.id_number = 'errors.idNumberInvalid'
  }
  if (!isMobilePhone(form.phone)) {
    errors.phone = 'errors.phoneInvalid'
  }
  const temperature = parseTemperature(form.temperature)
  if (!(temperature >= kMinTemperature && temperature <= kMaxTemperature)) {
    errors.temperature = 'errors.temperatureRange'
  }
  if (form.new_arrival && form.household_id === null) {
    errors.household_id = 'errors.addressRequired'
  }
  if (declaresForDependant(form)) {
    if (form.dependant_name.trim() === '') {
      errors[kDependantName] = 'errors.dependantNameRequired'
    }
    if (!isValidIdNumber(form.dependant_id_number, today)) {
      errors[kDependantIdNumber] = 'errors.dependantIdNumberInvalid'
    } else if (normaliseIdNumber(form.dependant_id_number) === normaliseIdNumber(form.id_number)) {
      errors[kDependantIdNumber] = 'errors.dependantIsSelf'
    }
  }
  const day = localDay(today)
  form.travel.forEach((row, index) => {
    if (!/^[1-9][0-9]{5}$/.test(row.region_code.trim())) {
      errors[travelField(index, 'region_code')] = 'errors.regionCodeInvalid'
    }
    for (const name of ['from', 'to'] as const) {
      if (row[name] === '') {
        errors[travelField(index, name)] = 'errors.dateRequired'
      } else if (row[name] > day) {
        errors[travelField(index, name)] = 'errors.dateFuture'
      }
    }
    if (row.from !== '' && row.to !== '' && row.to < row.from && !errors[travelField(index, 'to')]) {
      errors[travelField(index, 'to')] = 'errors.dateOrder'
    }
  })
  if (!form.promise) {
    errors.promise = 'errors.promiseRequired'
  }
  return errors
}

const kTopFields = new Set([
  'name',
  'id_number',
  'phone',
  'temperature',
  'symptoms',
  'contact_with_cases',
  'contact_with_risk_area',
  'plate',
  'promise',
])

/**
 * Whether the form shows an error for the API field `field` beside an input, rather than in the
 * page's general message: the address only for a new arrival, a travel row's fields while the
 * row is there.
 */
export function isFormField(field: string, form: DeclarationForm): boolean {
  if (kTopFields.has(field)) {
    return true
  }
  if (field === 'household_id') {
    return form.new_arrival
  }
  if (field === kDependantName || field === kDependantIdNumber) {
    return declaresForDependant(form)
  }
  const travel = /^travel\[([0-9]+)\]\.(region_code|from|to|transport)$/.exec(field)
  return travel !== null && Number(travel[1]) < form.travel.length
}

/** The building / unit / room of household `id`, as "1栋 1单元 101"; '' when not listed. */
export function householdLabel(buildings: readonly PublicBuilding[], id: number | null): string {
  if (id === null) {
    return ''
  }
  for (const building of buildings) {
    for (const unit of building.units) {
      const household = unit.households.find((h) => h.id === id)
      if (household) {
        return `${building.name} ${unit.name} ${household.room}`
      }
    }
  }
  return ''
}
