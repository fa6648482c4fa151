// The assisted declaration (协助录入): staff fill in the phone page's declaration for a registered
// person. The checks and the body are the phone page's own (src/declare/declaration.ts), so a
// travel row, a temperature or a plate is judged and sent the same way from either screen; the
// person is named by id instead of name, ID number and phone.
import type { AssistedDeclarationInput } from '@/api/types'
import {
  declarationBody,
  emptyForm,
  kDefaultTemperature,
  validateDeclaration,
  type DeclarationForm,
  type TravelRow,
} from '@/declare/declaration'

export interface AssistForm {
  person_id: number | null
  /** °C as the number input holds it; undefined while cleared. */
  temperature: number | undefined
  /** Symptom codes; empty for none. */
  symptoms: string[]
  travel: TravelRow[]
  contact_with_cases: boolean
  contact_with_risk_area: boolean
  plate: string
  /** Confirmed by the person, to the staff member filling in. */
  promise: boolean
}

export function emptyAssistForm(): AssistForm {
  return {
    person_id: null,
    temperature: Number(kDefaultTemperature),
    symptoms: [],
    travel: [],
    contact_with_cases: false,
    contact_with_risk_area: false,
    plate: '',
    promise: false,
  }
}

/** The phone page's form holding the same answers (identity left empty: the id names the person). */
function asDeclaration(form: AssistForm): DeclarationForm {
  return {
    ...emptyForm(),
    temperature: form.temperature ?? '',
    symptoms: [...form.symptoms],
    travel: form.travel,
    contact_with_cases: form.contact_with_cases,
    contact_with_risk_area: form.contact_with_risk_area,
    plate: form.plate,
    promise: form.promise,
  }
}

/** The fields of the phone page's checks that the assisted form has. */
const kAssistField = /^(temperature|promise|travel\[[0-9]+\]\.(region_code|from|to|transport))$/

/** Where the phone page's messages (`errors.x`) live in the console's: `health.assist.errors.x`. */
export const assistMessageKey = (declareKey: string): string => declareKey.replace(/^errors\./, 'health.assist.errors.')

/** Problems with `form` on `today` by API field name, as console i18n keys; empty when none. */
export function validateAssisted(form: AssistForm, today: Date): Record<string, string> {
  const problems: Record<string, string> = {}
  if (form.person_id === null) {
    problems.person_id = 'health.assist.errors.personRequired'
  }
  for (const [field, key] of Object.entries(validateDeclaration(asDeclaration(form), today))) {
    if (kAssistField.test(field)) {
      problems[field] = assistMessageKey(key)
    }
  }
  return problems
}

/** Whether the form shows the API field `field` beside an input (else in its general message). */
export function isAssistField(field: string, form: AssistForm): boolean {
  if (['person_id', 'temperature', 'symptoms', 'contact_with_cases', 'contact_with_risk_area', 'plate', 'promise'].includes(field)) {
    return true
  }
  const travel = /^travel\[([0-9]+)\]\.(region_code|from|to|transport)$/.exec(field)
  return travel !== null && Number(travel[1]) < form.travel.length
}

/**
 * The body of `POST /declarations` for `personId` in community `communityCode`.
 * REQUIRES: validateAssisted(form) found nothing (the promise is given).
 */
export function assistedBody(form: AssistForm, personId: number, communityCode: string): AssistedDeclarationInput {
  const d = declarationBody(asDeclaration(form), communityCode)
  const body: AssistedDeclarationInput = {
    community_code: communityCode,
    person_id: personId,
    temperature: d.temperature,
    symptoms: d.symptoms,
    travel: d.travel,
    contact_with_cases: d.contact_with_cases,
    contact_with_risk_area: d.contact_with_risk_area,
    promise: true,
  }
  if (d.plate !== undefined) {
    body.plate = d.plate
  }
  return body
}

/** The person declared for, as the form shows them (numbers masked as the API gives them). */
export interface AssistPerson {
  id: number
  name: string
  phone: string
  id_number?: string
  building: string
  unit: string
  room: string
}
