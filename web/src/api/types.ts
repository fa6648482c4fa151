// The shapes of the cordon API (docs/openapi.yaml), as the console reads and sends them.
// Field names are the API's snake_case; nothing here is ever `any`.

/** `{"error": {"code", "message", "field"}}`, the one error shape of every route. */
export interface ErrorBody {
  error: {
    code: string
    message: string
    field?: string
  }
}

/** One page of a cursor-paged list. */
export interface Page<T> {
  items: T[]
  next_cursor: string | null
}

/** A list answered whole (no paging). */
export interface Items<T> {
  items: T[]
}

export type Role =
  | 'admin'
  | 'manager'
  | 'team_member'
  | 'volunteer'
  | 'grid_worker'
  | 'guard'
  | 'police'
  | 'property'
  | 'health'
  | 'shop_owner'

export const kRoles: readonly Role[] = [
  'admin',
  'manager',
  'team_member',
  'volunteer',
  'grid_worker',
  'guard',
  'police',
  'property',
  'health',
  'shop_owner',
]

export type ScopeKind = 'all' | 'region' | 'community' | 'zone'

export interface Scope {
  kind: ScopeKind
  code: string
}

export interface User {
  id: number
  username: string
  display_name: string
  role: Role
  scope: Scope
  permissions: string[]
  disabled: boolean
  created_at: string
}

export interface LoginResult {
  token: string
  expires_at: string
  user: User
}

export interface NewUser {
  username: string
  password: string
  role: Role
  scope?: string
  display_name?: string
}

export interface AuditEntry {
  id: number
  at: string
  user_id: number | null
  username: string
  role: string
  action: string
  record_type: string
  record_id: string
  client_address: string
  request_id: string
  detail: Record<string, unknown>
}

export interface AuditCriteria {
  user_id?: number
  action?: string
  record_type?: string
  record_id?: string
  from?: string
  to?: string
}

export interface Community {
  id: number
  code: string
  name: string
  region_code: string
  village: boolean
  created_at: string
}

export interface Zone {
  id: number
  number: number
  code: string
  name: string
}

export interface ZoneWithCounts extends Zone {
  buildings: number
  households: number
  persons: number
}

export interface Building {
  id: number
  zone_id: number
  name: string
}

export interface BuildingWithCounts extends Building {
  households: number
  persons: number
}

export interface Unit {
  id: number
  building_id: number
  name: string
}

export interface UnitWithCounts extends Unit {
  households: number
  persons: number
}

export interface Household {
  id: number
  zone_id: number
  building_id: number
  unit_id: number
  room: string
}

export interface HouseholdListed extends Household {
  building: string
  unit: string
  members: number
}

export interface HouseholdDetail extends Household {
  building: string
  unit: string
  members: Person[]
}

export type EntranceKind = 'people' | 'vehicles' | 'both'

export interface Entrance {
  id: number
  name: string
  kind: EntranceKind
  zone_id: number | null
}

export type DocType =
  | 'resident_id'
  | 'passport'
  | 'hk_macao_permit'
  | 'taiwan_permit'
  | 'foreign_permanent'
  | 'other'

export const kDocTypes: readonly DocType[] = [
  'resident_id',
  'passport',
  'hk_macao_permit',
  'taiwan_permit',
  'foreign_permanent',
  'other',
]

export type Relation = 'head' | 'spouse' | 'child' | 'parent' | 'grandchild' | 'sibling' | 'other'

export const kRelations: readonly Relation[] = [
  'head',
  'spouse',
  'child',
  'parent',
  'grandchild',
  'sibling',
  'other',
]

export type PersonKind = 'owner' | 'tenant' | 'collective' | 'visitor'

export const kPersonKinds: readonly PersonKind[] = ['owner', 'tenant', 'collective', 'visitor']

/** The stored help-needed flags. */
export type PersonFlag = 'disabled' | 'living_alone' | 'chronic'

export const kPersonFlags: readonly PersonFlag[] = ['disabled', 'living_alone', 'chronic']

/** The flags a search may ask for: the stored ones and the derived `elderly` (60+). */
export type SearchFlag = PersonFlag | 'elderly'

export const kSearchFlags: readonly SearchFlag[] = ['elderly', 'disabled', 'living_alone', 'chronic']

export type Sex = 'male' | 'female' | ''

export interface Person {
  id: number
  community_id: number
  zone_id: number | null
  household_id: number | null
  name: string
  doc_type: DocType
  id_number: string
  phone: string
  sex: Sex
  birth_date: string
  relation: Relation
  kind: PersonKind
  flags: PersonFlag[]
  building: string
  unit: string
  room: string
  workplace: string
  vehicles: string[]
  out_migrant: boolean
  out_migrant_where: string
  out_migrant_since: string
  notes: string
  created_at: string
  updated_at: string
  deleted: boolean
  age: number | null
  elderly: boolean
}

/** The body of createPerson (and, all fields given, of updatePerson). */
export interface PersonInput {
  name: string
  doc_type: DocType
  id_number: string
  phone: string
  household_id?: number | null
  relation: Relation
  kind: PersonKind
  flags: PersonFlag[]
  workplace: string
  vehicles: string[]
  out_migrant: boolean
  out_migrant_where: string
  out_migrant_since: string
  notes: string
  sex?: Sex
  birth_date?: string
}

export type PersonPatch = Partial<PersonInput>

export interface PersonCriteria {
  q?: string
  zone_id?: number
  building_id?: number
  unit_id?: number
  household_id?: number
  room?: string
  flag?: SearchFlag[]
  kind?: PersonKind
  out_migrant?: boolean
}

export interface Revealed {
  id: number
  id_number: string
  phone: string
}

export interface RegistryStats {
  zones: Array<Zone & { households: number; persons: number }>
  households: number
  persons: number
  flags: {
    elderly: number
    disabled: number
    living_alone: number
    chronic: number
  }
}

export interface ImportRowError {
  row: number
  column: string
  field: string
  code: string
  message: string
}

export interface ImportReport {
  id: number
  applied: boolean
  file_name: string
  rows: number
  created: number
  updated: number
  unchanged: number
  error_count: number
  errors: ImportRowError[]
  created_at: string
}

export type SheetFormat = 'xlsx' | 'csv'

// Health declarations: the resident's phone page, no sign-in (tags `public`, `declarations`).

/** A room a resident can be registered at, as the public address picker lists it. */
export interface PublicHousehold {
  id: number
  room: string
}

export interface PublicUnit {
  id: number
  name: string
  households: PublicHousehold[]
}

export interface PublicBuilding {
  id: number
  name: string
  units: PublicUnit[]
}

/** `GET /public/communities/{code}`: what the declaration page needs to show its form. */
export interface PublicCommunity {
  community: { code: string; name: string }
  buildings: PublicBuilding[]
  /** The symptom codes the form offers, in order (`fever`, `cough`, ...). */
  symptoms: string[]
}

/** A stay away from home in the last 14 days. */
export interface TravelStay {
  /** GB/T 2260 six-digit administrative division code. */
  region_code: string
  /** `YYYY-MM-DD` */
  from: string
  /** `YYYY-MM-DD` */
  to: string
  /** Train or flight number; absent when none was given. */
  transport?: string
}

/** The body of `POST /declarations` (operationId submitDeclaration). */
export interface DeclarationInput {
  community_code: string
  name: string
  id_number: string
  phone: string
  /** Required for a new arrival; absent for a registered resident (the server knows the room). */
  household_id?: number
  /** °C, one decimal */
  temperature: number
  symptoms: string[]
  travel: TravelStay[]
  contact_with_cases: boolean
  contact_with_risk_area: boolean
  /** Vehicle plate; absent when none was given. */
  plate?: string
  promise: boolean
  new_arrival: boolean
  /**
   * Declaring for a child (under 18) or an elderly person (65 or older) of the declarer's
   * household: name, ID number and phone above identify the declarer (registered, not a new
   * arrival), and the declaration and its pass are the member's. 422
   * `declaration.dependant_mismatch` / `declaration.dependant_not_allowed` (field
   * `dependant.id_number`).
   */
  dependant?: { name: string; id_number: string }
}

export type PassColour = 'green' | 'yellow' | 'red'

/** Why a declaration got its colour: the rule and the server's message in the request language. */
export interface PassReason {
  rule: string
  message: string
}

export interface Declaration {
  id: number
  day: string
  colour: PassColour
  reasons: PassReason[]
  submitted_at: string
  assisted: boolean
}

export interface Pass {
  colour: PassColour
  /** Opaque; shown only as the QR image the server draws. */
  token: string
  expires_at: string
}

/** The 201 answer of `POST /declarations`. */
export interface DeclarationResult {
  declaration: Declaration
  pass: Pass
}

// Health declarations as staff see them (tags `declarations`, `rules`, `sweep`): the lists, the
// colour rules and risk areas, and the sweep of those who have not declared.

export const kPassColours: readonly PassColour[] = ['green', 'yellow', 'red']

/** The symptom codes a declaration may name, in the order forms offer them. */
export const kSymptomCodes = [
  'fever',
  'cough',
  'fatigue',
  'sore_throat',
  'shortness_of_breath',
  'diarrhea',
  'loss_of_taste_smell',
] as const

export type SymptomCode = (typeof kSymptomCodes)[number]

/** A reason as staff see it: which kind of rule, the colour it gave, and the facts that met it. */
export interface DeclarationReason extends PassReason {
  when: RuleCondition
  colour: PassColour
  /** The facts in short (`37.8`, `cough,fever`, `420100 high 2026-11-20/2026-11-22`). */
  fact: string
}

/** One declaration as the list and the detail show it. */
export interface DeclarationListed {
  id: number
  person_id: number
  person_name: string
  zone_id: number | null
  household_id: number | null
  /** `YYYY-MM-DD`, the day declared for (China time). */
  day: string
  submitted_at: string
  /** °C, one decimal */
  temperature: number
  symptoms: string[]
  travel: TravelStay[]
  contact_with_cases: boolean
  contact_with_risk_area: boolean
  /** '' when none was given. */
  plate: string
  colour: PassColour
  reasons: DeclarationReason[]
  rules_version: number
  /** Filled in by staff for the person (协助录入). */
  assisted: boolean
  /** The assisting account's name; '' when the person declared themselves. */
  assisted_by_name: string
  /** A later declaration of the same day took its place. */
  superseded: boolean
}

export interface DeclarationCriteria {
  day?: string
  colour?: PassColour
  zone_id?: number
  assisted?: boolean
}

/** How many persons hold each colour now; `none`: no colour valid now (not declared). */
export interface ColourTally {
  green: number
  yellow: number
  red: number
  none: number
}

export interface ZoneColourCount extends ColourTally {
  /** null: persons without a zone. */
  zone_id: number | null
  /** '' for persons without a zone. */
  zone_name: string
}

export interface ColourCounts {
  zones: ZoneColourCount[]
  totals: ColourTally
}

/** The body of `POST /declarations` when staff declare for a registered person (协助录入). */
export interface AssistedDeclarationInput {
  community_code: string
  person_id: number
  /** °C, one decimal */
  temperature: number
  symptoms: string[]
  travel: TravelStay[]
  contact_with_cases: boolean
  contact_with_risk_area: boolean
  plate?: string
  promise: true
}

export type RiskLevel = 'low' | 'medium' | 'high'

export const kRiskLevels: readonly RiskLevel[] = ['low', 'medium', 'high']

/** What a colour rule looks at. */
export type RuleCondition =
  | 'temperature_at_least'
  | 'any_symptom'
  | 'contact_with_cases'
  | 'contact_with_risk_area'
  | 'travel_to_risk_area'

export const kRuleConditions: readonly RuleCondition[] = [
  'temperature_at_least',
  'any_symptom',
  'contact_with_cases',
  'contact_with_risk_area',
  'travel_to_risk_area',
]

/**
 * One colour rule. The server answers every parameter; a rule only uses those of its kind
 * (temperature; symptoms; min_level and within_days), and the console sends only those.
 */
export interface ColourRule {
  /** Stable and readable, `[a-z0-9_]{1,40}`: `fever`, `high_risk_travel`. */
  id: string
  when: RuleCondition
  colour: PassColour
  /** °C, for temperature_at_least. */
  temperature?: number
  /** For any_symptom: these symptoms, or any at all when empty. */
  symptoms?: string[]
  /** For travel_to_risk_area: areas of this level or worse... */
  min_level?: RiskLevel
  /** ...left within this many days before the declaration. */
  within_days?: number
  note: string
}

/** The body of previewColourRules and putColourRules. */
export interface ColourRuleSetInput {
  /** A colour holds for this many days from its declaration (1: that day only). */
  valid_days: number
  rules: ColourRule[]
}

/** `GET /colour-rules`: the rule set in force. */
export interface ColourRuleSet extends ColourRuleSetInput {
  /** 0 while the built-in rules were never saved. */
  version: number
  /** null while the built-in rules were never saved. */
  created_at: string | null
  created_by_name: string
}

/** `PUT /colour-rules`: the new rule set and how many persons' colour changed with it. */
export interface SavedColourRuleSet extends ColourRuleSet {
  changed: number
  /** As in ColourRulesPreview. */
  changes: Record<string, number>
}

/** `POST /colour-rules/preview`: what saving the rules would change, nothing stored. */
export interface ColourRulesPreview {
  /** Persons re-evaluated. */
  persons: number
  changed: number
  /** By `<from>_to_<to>` (`green_to_yellow`): how many persons would move so. */
  changes: Record<string, number>
}

export interface RiskArea {
  id: number
  /** GB/T 2260: 6 digits, or 9 for a street or town. */
  region_code: string
  name: string
  level: RiskLevel
  /** `YYYY-MM-DD`: listed since. */
  from: string
  /** `YYYY-MM-DD`: lifted after; null while listed. */
  until: string | null
}

export type RiskAreaInput = Omit<RiskArea, 'id'>

/** A created or changed risk area, with how many persons' colour changed with it. */
export interface SavedRiskArea extends RiskArea {
  changed: number
}

/** A person without a colour valid now, as the sweep lists them. */
export interface UndeclaredPerson {
  person_id: number
  name: string
  /** Masked. */
  phone: string
  zone_id: number | null
  household_id: number | null
  building: string
  unit: string
  room: string
  flags: SearchFlag[]
  /** `YYYY-MM-DD`; '' when never declared. */
  last_declared_day: string
}

export interface UndeclaredPage extends Page<UndeclaredPerson> {
  /** All persons the criteria match, not only this page. */
  total: number
}

export interface UndeclaredCriteria {
  zone_id?: number
  building_id?: number
}

export type VisitOutcome = 'declared_with_help' | 'nobody_home' | 'refused' | 'moved_out'

export const kVisitOutcomes: readonly VisitOutcome[] = ['declared_with_help', 'nobody_home', 'refused', 'moved_out']

/** Door-to-door work for one household (走访任务). */
export interface VisitTask {
  id: number
  household_id: number
  zone_id: number | null
  building: string
  unit: string
  room: string
  /** The team as named when the task was set: `物业 张三`. */
  team: string[]
  open: boolean
  visits: number
  last_outcome: VisitOutcome | null
  last_note: string
  created_at: string
  updated_at: string
}

export interface VisitTaskCriteria {
  open?: boolean
  zone_id?: number
}

/** The body of createVisitTasks: one task per household with undeclared persons. */
export interface VisitTasksInput {
  zone_id?: number
  building_id?: number
  team: string[]
}

export interface VisitInput {
  outcome: VisitOutcome
  note: string
}

/**
 * A resident who declared as new here (`new_arrival`), registered at the household they chose
 * and waiting for staff to confirm them (新到访确认).
 */
export interface Arrival {
  person_id: number
  name: string
  /** Masked. */
  id_number: string
  /** Masked. */
  phone: string
  zone_id: number | null
  household_id: number
  building: string
  unit: string
  room: string
  /** When they declared as new here. */
  arrived_at: string
  /** null while pending. */
  confirmed_at: string | null
  /** The confirming account's name; '' while pending. */
  confirmed_by_name: string
}

export interface ArrivalCriteria {
  /** true: pending only; false: confirmed only; absent: both. */
  pending?: boolean
}

// Gate checkpoints as staff read them (tag `gate`): the gate log and the fever cases gates open.

export type GateDirection = 'in' | 'out'

/** How the person was identified: their pass QR (扫码), ID number (身份证) or vehicle plate (车牌). */
export type GateMethod = 'pass' | 'id_number' | 'plate'

export type GateDecision = 'allow' | 'deny' | 'refer'

export const kGateDecisions: readonly GateDecision[] = ['allow', 'deny', 'refer']

/** Why a gate decided as it did: a stable code and the server's message in the request language. */
export interface GateReason {
  code: string
  message: string
}

/** One scan at a gate as the gate log (出入记录) lists it. */
export interface GateEvent {
  id: number
  entrance_id: number
  entrance_name: string
  /** Made by the station; the same scan sent twice is stored once. */
  client_event_id: string
  direction: GateDirection
  method: GateMethod
  /** null: nobody registered matched. */
  person_id: number | null
  /** '' when nobody matched. */
  person_name: string
  /** '' unless identified by plate. */
  plate: string
  /** °C, one decimal; null when not taken. */
  temperature: number | null
  /** The colour the person held then; null without a valid one. */
  colour: PassColour | null
  decision: GateDecision
  reasons: GateReason[]
  guard_name: string
  device: string
  /** When the station decided (offline, possibly long before it was received). */
  decided_at: string
  /** When the server stored it. */
  received_at: string
}

export interface GateEventCriteria {
  entrance_id?: number
  person_id?: number
  plate?: string
  /** RFC 3339; decided_at at or after. */
  from?: string
  /** RFC 3339; decided_at before. */
  to?: string
}

/** A fever found at a gate (发热), open until the clinic closes it. */
export interface FeverCase {
  id: number
  person_id: number | null
  person_name: string
  gate_event_id: number | null
  entrance_id: number | null
  entrance_name: string
  /** °C, one decimal */
  temperature: number
  /** `gate` for a gate's thermometer. */
  source: string
  /** `open`, or how it was closed. */
  status: string
  opened_at: string
}

export interface FeverCaseCriteria {
  /** true: open only; false: closed only; absent: both. */
  open?: boolean
}

/** A visitor registered at a gate (访客), as the visitor log (访客记录) lists them. */
export interface Visitor {
  id: number
  entrance_id: number
  entrance_name: string
  name: string
  doc_type: DocType
  /** Masked by the server. */
  doc_number: string
  /** Masked by the server. */
  phone: string
  /** Whom they visit: a name or a room. */
  host: string
  household_id: number | null
  purpose: string
  /** °C, one decimal; null when not taken. */
  temperature: number | null
  /** '' without a vehicle. */
  plate: string
  in_at: string
  /** null while the visitor is inside. */
  out_at: string | null
  registered_by_name: string
}

export interface VisitorCriteria {
  /** RFC 3339; in_at at or after. */
  from?: string
  /** RFC 3339; in_at before. */
  to?: string
}

/** A gate-duty shift (值班): one account at one entrance for a time of one day, China time. */
export interface Shift {
  id: number
  entrance_id: number
  entrance_name: string
  /** YYYY-MM-DD */
  day: string
  /** HH:MM */
  starts: string
  /** HH:MM */
  ends: string
  user_id: number
  user_name: string
}

export interface ShiftInput {
  day: string
  starts: string
  ends: string
  username: string
}
