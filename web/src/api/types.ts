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
