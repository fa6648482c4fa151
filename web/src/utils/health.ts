// Small pure helpers of the health pages: colours as tags and chart series, the colour counts by
// zone, the sweep's flags and visit team, the risk-area form, and new arrivals.
import type {
  Arrival,
  ArrivalCriteria,
  ColourCounts,
  ColourTally,
  PassColour,
  PersonFlag,
  RiskAreaInput,
  RiskLevel,
  SearchFlag,
} from '@/api/types'

/** Element Plus tag types of the colours (success is green, warning yellow, danger red). */
export const kColourTagType: Record<PassColour, 'success' | 'warning' | 'danger'> = {
  green: 'success',
  yellow: 'warning',
  red: 'danger',
}

/** The colours as the residents' pass shows them; grey for no valid colour. */
export const kColourHex: Record<PassColour | 'none', string> = {
  green: '#07c160',
  yellow: '#f5a700',
  red: '#e02020',
  none: '#a8abb2',
}

export const kRiskTagType: Record<RiskLevel, 'info' | 'warning' | 'danger'> = {
  low: 'info',
  medium: 'warning',
  high: 'danger',
}

/** One bar of the colours-by-zone chart. */
export interface ZoneColourRow extends ColourTally {
  zoneId: number | null
  name: string
}

/**
 * The counts by zone as the server orders them, each named; persons without a zone, named
 * `noZoneLabel`, last.
 */
export function zoneColourRows(counts: ColourCounts, noZoneLabel: string): ZoneColourRow[] {
  const zoned = counts.zones.filter((c) => c.zone_id !== null)
  const unzoned = counts.zones.filter((c) => c.zone_id === null)
  return [...zoned, ...unzoned].map((c) => ({
    zoneId: c.zone_id,
    name: c.zone_id === null ? noZoneLabel : c.zone_name || `#${c.zone_id}`,
    green: c.green,
    yellow: c.yellow,
    red: c.red,
    none: c.none,
  }))
}

/** The sum of a tally. */
export const tallyTotal = (t: ColourTally): number => t.green + t.yellow + t.red + t.none

/** The sweep's flags as FlagTags takes them: the stored ones, and the derived `elderly` apart. */
export function splitFlags(flags: readonly SearchFlag[]): { flags: PersonFlag[]; elderly: boolean } {
  return {
    flags: flags.filter((f): f is PersonFlag => f !== 'elderly'),
    elderly: flags.includes('elderly'),
  }
}

/** The three members of a visit team (三人小组), by where they come from. */
export interface TeamForm {
  property: string
  workTeam: string
  police: string
}

/**
 * The prefixes a team member is stored with. They are data, read by whoever opens the task, so
 * they stay in the community's language whatever the language of the screen that set them.
 */
export const kTeamPrefix: Record<keyof TeamForm, string> = {
  property: '物业',
  workTeam: '工作队',
  police: '民警',
}

/** The `team` of createVisitTasks: `物业 张三`, ..., skipping members not named. */
export function teamMembers(form: TeamForm): string[] {
  return (Object.keys(kTeamPrefix) as Array<keyof TeamForm>)
    .map((part) => [kTeamPrefix[part], form[part].trim()] as const)
    .filter(([, name]) => name !== '')
    .map(([prefix, name]) => `${prefix} ${name}`)
}

export interface RiskAreaForm {
  region_code: string
  name: string
  level: RiskLevel
  /** `YYYY-MM-DD` or '' before one is chosen. */
  from: string
  /** '' or null: still listed. */
  until: string | null
}

/** The body of createRiskArea / updateRiskArea. */
export function riskAreaBody(form: RiskAreaForm): RiskAreaInput {
  return {
    region_code: form.region_code.replace(/\s+/g, ''),
    name: form.name.trim(),
    level: form.level,
    from: form.from,
    until: form.until ? form.until : null,
  }
}

/** GB/T 2260 as a risk area names it: 6 digits, or 9 for a street or town; no leading zero. */
export function isRegionCode(code: string): boolean {
  return /^[1-9][0-9]{5}([0-9]{3})?$/.test(code.replace(/\s+/g, ''))
}

/** The address of the community's declaration page, as its QR code holds it. */
export function declarePageUrl(origin: string, communityCode: string): string {
  return `${origin}/d/${encodeURIComponent(communityCode)}`
}

/** The new-arrivals filter: 待确认, 已确认 or 全部. */
export type ArrivalFilter = 'pending' | 'confirmed' | 'all'

export const kArrivalFilters: readonly ArrivalFilter[] = ['pending', 'confirmed', 'all']

/** The query of healthApi.arrivals for a filter. */
export function arrivalCriteria(filter: ArrivalFilter): ArrivalCriteria {
  return filter === 'all' ? {} : { pending: filter === 'pending' }
}

/** How an arrival's status cell reads: a tag, and once confirmed a line saying by whom and when. */
export interface ArrivalStatus {
  pending: boolean
  /** The tag's text. */
  labelKey: 'health.arrivals.pending' | 'health.arrivals.confirmed'
  /** Who confirmed and when, as a message key and its values; null while pending. */
  detail: { key: 'health.arrivals.confirmedBy' | 'health.arrivals.confirmedAt'; values: { name: string; at: string } } | null
}

/**
 * The status of `arrival`. `formatTime` turns `confirmed_at` into local time; an account no longer
 * named (`confirmed_by_name` '') leaves the time alone.
 */
export function arrivalStatus(
  arrival: Pick<Arrival, 'confirmed_at' | 'confirmed_by_name'>,
  formatTime: (iso: string) => string,
): ArrivalStatus {
  if (arrival.confirmed_at === null) {
    return { pending: true, labelKey: 'health.arrivals.pending', detail: null }
  }
  const name = arrival.confirmed_by_name.trim()
  return {
    pending: false,
    labelKey: 'health.arrivals.confirmed',
    detail: {
      key: name ? 'health.arrivals.confirmedBy' : 'health.arrivals.confirmedAt',
      values: { name, at: formatTime(arrival.confirmed_at) },
    },
  }
}

/** `rows` with the row of `updated` (by person) replaced, in place in the order; others as they were. */
export function replaceArrival(rows: readonly Arrival[], updated: Arrival): Arrival[] {
  return rows.map((row) => (row.person_id === updated.person_id ? updated : row))
}
