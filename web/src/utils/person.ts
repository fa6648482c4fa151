// The person form's model and its mapping to and from the API.
import type { DocType, Person, PersonFlag, PersonInput, PersonKind, Relation, Sex } from '@/api/types'

export interface PersonForm {
  name: string
  doc_type: DocType
  id_number: string
  phone: string
  household_id: number | null
  relation: Relation
  kind: PersonKind
  flags: PersonFlag[]
  workplace: string
  vehicles: string[]
  out_migrant: boolean
  out_migrant_where: string
  out_migrant_since: string
  notes: string
  sex: Sex
  birth_date: string
}

export function emptyPersonForm(): PersonForm {
  return {
    name: '',
    doc_type: 'resident_id',
    id_number: '',
    phone: '',
    household_id: null,
    relation: 'other',
    kind: 'owner',
    flags: [],
    workplace: '',
    vehicles: [],
    out_migrant: false,
    out_migrant_where: '',
    out_migrant_since: '',
    notes: '',
    sex: '',
    birth_date: '',
  }
}

/** The form for editing `p`: numbers stay masked as read, and go back so (the server ignores them). */
export function formFromPerson(p: Person): PersonForm {
  return {
    name: p.name,
    doc_type: p.doc_type,
    id_number: p.id_number,
    phone: p.phone,
    household_id: p.household_id,
    relation: p.relation,
    kind: p.kind,
    flags: [...p.flags],
    workplace: p.workplace,
    vehicles: [...p.vehicles],
    out_migrant: p.out_migrant,
    out_migrant_where: p.out_migrant_where,
    out_migrant_since: p.out_migrant_since,
    notes: p.notes,
    sex: p.sex,
    birth_date: p.birth_date,
  }
}

/**
 * The body to send: trimmed text, no spaces in numbers, plates upper-cased. Sex and birth date go
 * only for documents other than a resident ID (the number decides them otherwise), and the
 * out-migrant details only when the person is away.
 */
export function payloadFromForm(form: PersonForm): PersonInput {
  const away = form.out_migrant
  const body: PersonInput = {
    name: form.name.trim(),
    doc_type: form.doc_type,
    id_number: form.id_number.replace(/\s+/g, ''),
    phone: form.phone.replace(/\s+/g, ''),
    household_id: form.household_id,
    relation: form.relation,
    kind: form.kind,
    flags: [...form.flags],
    workplace: form.workplace.trim(),
    vehicles: form.vehicles.map((v) => v.replace(/\s+/g, '').toUpperCase()).filter((v) => v !== ''),
    out_migrant: away,
    out_migrant_where: away ? form.out_migrant_where.trim() : '',
    out_migrant_since: away ? form.out_migrant_since : '',
    notes: form.notes.trim(),
  }
  if (form.doc_type !== 'resident_id') {
    body.sex = form.sex
    body.birth_date = form.birth_date
  }
  return body
}

/** The body of a registration: like payloadFromForm, without a household when none is chosen. */
export function createPayload(form: PersonForm): PersonInput {
  const body = payloadFromForm(form)
  if (body.household_id === null) {
    delete body.household_id
  }
  return body
}

/** The form field a server error names: `vehicles[2]` is the `vehicles` field. */
export function formFieldOf(field: string | undefined): string | undefined {
  if (!field) {
    return undefined
  }
  const bracket = field.indexOf('[')
  return bracket >= 0 ? field.slice(0, bracket) : field
}
