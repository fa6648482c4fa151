// Pure logic of the gate pages: days and hours in China time, the gate activity by entrance and
// hour, how a gate log row reads, which fever cases are new to the user, and the duty shifts'
// times and grouping.
import {
  kGateDecisions,
  type Entrance,
  type FeverCase,
  type FeverCaseCriteria,
  type GateDecision,
  type GateEvent,
  type GateMethod,
  type Shift,
} from '@/api/types'

// China keeps UTC+8 all year (no daylight saving), so a day there is a fixed UTC interval,
// whatever the time zone of the browser.
const kChinaOffsetMs = 8 * 3600 * 1000
const kDayMs = 24 * 3600 * 1000

export const kHoursPerDay = 24

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n)
}

/** The calendar day of `at` in China (UTC+8), `YYYY-MM-DD`. */
export function chinaDay(at: Date): string {
  const shifted = new Date(at.getTime() + kChinaOffsetMs)
  return `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`
}

/** A time as RFC 3339 in UTC to the second (`2026-03-04T16:00:00Z`), as the API's filters take it. */
export function rfc3339(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/**
 * The bounds of China day `day` (`YYYY-MM-DD`) as the gate log's `from` (inclusive) and `to`
 * (exclusive); null when `day` is not a real day.
 */
export function chinaDayBounds(day: string): { from: string; to: string } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!m) {
    return null
  }
  const [year, month, date] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const midnightUtc = Date.UTC(year, month - 1, date)
  const check = new Date(midnightUtc)
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date) {
    return null
  }
  const start = midnightUtc - kChinaOffsetMs
  return { from: rfc3339(new Date(start)), to: rfc3339(new Date(start + kDayMs)) }
}

/** The China day and hour (0–23) of an API time; null when it cannot be read. */
export function chinaDayHour(iso: string): { day: string; hour: number } | null {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) {
    return null
  }
  const at = new Date(ms)
  return { day: chinaDay(at), hour: new Date(ms + kChinaOffsetMs).getUTCHours() }
}

/** The scans of one entrance on one day: by decision and hour, and the totals. */
export interface EntranceActivity {
  entranceId: number
  name: string
  /** Scans by China hour (24 entries each). */
  allow: number[]
  deny: number[]
  refer: number[]
  /** Scans going in and going out. */
  in: number
  out: number
  total: number
}

const zeroHours = (): number[] => new Array<number>(kHoursPerDay).fill(0)

function emptyActivity(entranceId: number, name: string): EntranceActivity {
  return { entranceId, name, allow: zeroHours(), deny: zeroHours(), refer: zeroHours(), in: 0, out: 0, total: 0 }
}

export type ActivityEvent = Pick<GateEvent, 'entrance_id' | 'entrance_name' | 'direction' | 'decision' | 'decided_at'>

/**
 * The scans of China day `day` by entrance and hour (of `decided_at`). Every entrance of
 * `entrances` has a row, in that order, scanned or not; entrances met only in `events` follow
 * by id, named as the events name them (`#id` when they do not). Events of other days are left
 * out.
 */
export function bucketActivity(
  events: readonly ActivityEvent[],
  day: string,
  entrances: ReadonlyArray<Pick<Entrance, 'id' | 'name'>> = [],
): EntranceActivity[] {
  const rows = new Map<number, EntranceActivity>()
  for (const e of entrances) {
    rows.set(e.id, emptyActivity(e.id, e.name))
  }
  const extra: EntranceActivity[] = []
  for (const event of events) {
    const when = chinaDayHour(event.decided_at)
    if (!when || when.day !== day || !kGateDecisions.includes(event.decision)) {
      continue
    }
    let row = rows.get(event.entrance_id)
    if (!row) {
      row = emptyActivity(event.entrance_id, event.entrance_name || `#${event.entrance_id}`)
      rows.set(event.entrance_id, row)
      extra.push(row)
    }
    row[event.decision][when.hour] = (row[event.decision][when.hour] ?? 0) + 1
    if (event.direction === 'in' || event.direction === 'out') {
      row[event.direction] += 1
    }
    row.total += 1
  }
  const listed = entrances.map((e) => rows.get(e.id)).filter((r): r is EntranceActivity => r !== undefined)
  return [...listed, ...extra.sort((a, b) => a.entranceId - b.entranceId)]
}

/** The sum over `rows` of each decision by hour, and of the totals. */
export function activityTotals(rows: readonly EntranceActivity[]): EntranceActivity {
  const sum = emptyActivity(0, '')
  for (const row of rows) {
    for (let h = 0; h < kHoursPerDay; ++h) {
      for (const d of ['allow', 'deny', 'refer'] as const) {
        sum[d][h] = (sum[d][h] ?? 0) + (row[d][h] ?? 0)
      }
    }
    sum.in += row.in
    sum.out += row.out
    sum.total += row.total
  }
  return sum
}

/** The count of one decision in a row, over the day. */
export const decisionCount = (row: EntranceActivity, decision: GateDecision): number =>
  row[decision].reduce((a, b) => a + b, 0)

/** The Element Plus tag type of a decision: 通行 green, 禁止 red, 复核 orange. */
export const kDecisionTagType: Record<GateDecision, 'success' | 'danger' | 'warning'> = {
  allow: 'success',
  deny: 'danger',
  refer: 'warning',
}

/** The chart colours of the decisions, as the tags show them. */
export const kDecisionHex: Record<GateDecision, string> = {
  allow: '#67c23a',
  deny: '#f56c6c',
  refer: '#e6a23c',
}

export const kGateMethods: readonly GateMethod[] = ['pass', 'id_number', 'plate']

/** From this temperature (°C) a gate refers the person and opens a fever case (decision.h). */
export const kFeverTemperature = 37.3

/** How far apart deciding and receiving may be before the row shows both (an offline upload). */
export const kLateUploadMs = 60 * 1000

/** Whether the event reached the server more than a minute after the station decided it. */
export function uploadedLate(event: Pick<GateEvent, 'decided_at' | 'received_at'>): boolean {
  const decided = Date.parse(event.decided_at)
  const received = Date.parse(event.received_at)
  return !Number.isNaN(decided) && !Number.isNaN(received) && Math.abs(received - decided) > kLateUploadMs
}

/** The fever page's filter: 未处理 (open), 已关闭 or 全部. */
export type FeverFilter = 'open' | 'closed' | 'all'

export const kFeverFilters: readonly FeverFilter[] = ['open', 'closed', 'all']

export function feverCriteria(filter: FeverFilter): FeverCaseCriteria {
  return filter === 'all' ? {} : { open: filter === 'open' }
}

/**
 * What the user has had of the fever cases, kept per user and community in localStorage: the
 * newest case id they saw on the fever page (the badge counts open cases above it) and the
 * newest they were alerted to (each case alerts once).
 */
export interface FeverMark {
  seen: number
  notified: number
}

export const kNoFeverMark: FeverMark = { seen: 0, notified: 0 }

/** The localStorage key of a user's mark in a community. */
export const feverMarkKey = (username: string, communityCode: string): string =>
  `cordon.fever.${username}.${communityCode}`

const wholeId = (v: unknown): number => (typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : 0)

/** The mark kept as `text`; none (zeros) when absent or unreadable. */
export function parseFeverMark(text: string | null): FeverMark {
  if (!text) {
    return { ...kNoFeverMark }
  }
  try {
    const value = JSON.parse(text) as unknown
    if (typeof value !== 'object' || value === null) {
      return { ...kNoFeverMark }
    }
    const { seen, notified } = value as { seen?: unknown; notified?: unknown }
    return { seen: wholeId(seen), notified: wholeId(notified) }
  } catch {
    return { ...kNoFeverMark }
  }
}

/**
 * Whether the newest open case (`newestId`, 0 for none) calls for a look at the recent open
 * cases: it is newer than the last alerted, or the badge is not known yet (after start) and it
 * is newer than the last seen.
 */
export function needsFeverScan(newestId: number, mark: FeverMark, badgeKnown: boolean): boolean {
  return newestId > mark.notified || (!badgeKnown && newestId > mark.seen)
}

export interface FeverUpdate {
  /** The cases to alert to now, newest first. */
  notify: FeverCase[]
  /** The open cases newer than the last seen: the menu's badge. */
  badge: number
  mark: FeverMark
}

/** What the recent open cases (`recent`, any order) mean for a user with `mark`. */
export function feverUpdate(recent: readonly FeverCase[], mark: FeverMark): FeverUpdate {
  const notify = recent.filter((c) => c.id > mark.notified).sort((a, b) => b.id - a.id)
  const newest = recent.reduce((max, c) => Math.max(max, c.id), 0)
  return {
    notify,
    badge: recent.filter((c) => c.id > mark.seen).length,
    mark: { seen: mark.seen, notified: Math.max(mark.notified, newest) },
  }
}

/** The mark once the user has seen every case up to `newestId` (on the fever page). */
export function markSeen(mark: FeverMark, newestId: number): FeverMark {
  const seen = Math.max(mark.seen, newestId)
  return { seen, notified: Math.max(mark.notified, seen) }
}

/**
 * The bounds of China days `first` to `last` (`YYYY-MM-DD`, both included) as a list's `from`
 * (inclusive) and `to` (exclusive); null when either is not a real day or `last` is before
 * `first`.
 */
export function chinaDaysBounds(first: string, last: string): { from: string; to: string } | null {
  const start = chinaDayBounds(first)
  const end = chinaDayBounds(last)
  if (!start || !end || end.to <= start.from) {
    return null
  }
  return { from: start.from, to: end.to }
}

/** The minutes after midnight of a shift's clock time `HH:MM` (00:00–24:00), as gate::ParseClock; null when malformed. */
export function clockMinutes(text: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(text)
  if (!m) {
    return null
  }
  const [hours, minutes] = [Number(m[1]), Number(m[2])]
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) {
    return null
  }
  return hours * 60 + minutes
}

/**
 * Which field of a shift's times is wrong, as gate::ValidateShift names it: `starts` unless it is
 * a time before 24:00, `ends` unless it is after the start; null when both are right.
 */
export function shiftTimeProblem(starts: string, ends: string): 'starts' | 'ends' | null {
  const from = clockMinutes(starts)
  if (from === null || from >= 24 * 60) {
    return 'starts'
  }
  const to = clockMinutes(ends)
  return to === null || to <= from ? 'ends' : null
}

/** One entrance's shifts of a day, by start. */
export interface EntranceShifts {
  entranceId: number
  name: string
  shifts: Shift[]
}

/**
 * The shifts grouped by entrance: every entrance of `entrances` in that order, with shifts or
 * not; entrances met only in `shifts` follow by id, named as the shifts name them.
 */
export function shiftsByEntrance(
  shifts: readonly Shift[],
  entrances: ReadonlyArray<Pick<Entrance, 'id' | 'name'>> = [],
): EntranceShifts[] {
  const groups = new Map<number, EntranceShifts>()
  for (const e of entrances) {
    groups.set(e.id, { entranceId: e.id, name: e.name, shifts: [] })
  }
  const extra: EntranceShifts[] = []
  for (const shift of shifts) {
    let group = groups.get(shift.entrance_id)
    if (!group) {
      group = { entranceId: shift.entrance_id, name: shift.entrance_name || `#${shift.entrance_id}`, shifts: [] }
      groups.set(shift.entrance_id, group)
      extra.push(group)
    }
    group.shifts.push(shift)
  }
  const all = [...entrances.map((e) => groups.get(e.id)).filter((g): g is EntranceShifts => g !== undefined), ...extra.sort((a, b) => a.entranceId - b.entranceId)]
  for (const group of all) {
    group.shifts.sort((a, b) => a.starts.localeCompare(b.starts) || a.ends.localeCompare(b.ends) || a.id - b.id)
  }
  return all
}
