// The guard's session at the station, kept in localStorage so that a reload, a flat battery or a
// page opened with the network down carries on where it was: the token, who signed in, the
// community and entrance chosen, and the shift's running counts. Also the station's device label
// and its event ids.
import type { GateEntrance } from '@/api/gate'
import type { Scope } from '@/api/types'

import type { Decision } from './decision'

export type ShiftCounts = Record<Decision, number>

/** Who signed in, as /auth/me tells it (only what the station shows or needs). */
export interface StationUser {
  username: string
  display_name: string
  role: string
  scope: Scope
}

export interface StationSession {
  token: string
  user: StationUser
  /** The community the guard works in; null until known. */
  communityCode: string | null
  entrance: GateEntrance | null
  /** RFC 3339: the shift's counts run from here. */
  signedInAt: string
  counts: ShiftCounts
}

const kSessionKey = 'cordon.station.session'
const kDeviceKey = 'cordon.station.device'

export function emptyCounts(): ShiftCounts {
  return { allow: 0, deny: 0, refer: 0 }
}

/** `scope` as the API gives it: `{kind, code}`, or the text form `zone:441900003013-1`. */
export function parseScope(scope: unknown): Scope | null {
  if (typeof scope === 'string') {
    const colon = scope.indexOf(':')
    const kind = colon < 0 ? scope : scope.slice(0, colon)
    const code = colon < 0 ? '' : scope.slice(colon + 1)
    return kind === 'all' || kind === 'region' || kind === 'community' || kind === 'zone' ? { kind, code } : null
  }
  if (typeof scope === 'object' && scope !== null) {
    const { kind, code } = scope as { kind?: unknown; code?: unknown }
    if ((kind === 'all' || kind === 'region' || kind === 'community' || kind === 'zone') && typeof code === 'string') {
      return { kind, code }
    }
  }
  return null
}

/**
 * The community of a community or zone scope: the code up to the zone's '-'
 * (`zone` `441900003013-1` → `441900003013`); null for a wider scope.
 */
export function communityOfScope(scope: Scope): string | null {
  if (scope.kind !== 'community' && scope.kind !== 'zone') {
    return null
  }
  const dash = scope.code.indexOf('-')
  const code = dash < 0 ? scope.code : scope.code.slice(0, dash)
  return code === '' ? null : code
}

/**
 * The user of an /auth/me or /auth/login answer: the user object itself, or one wrapped as
 * `{"user": {...}}`. Null when neither has a username and a scope.
 */
export function userFromAnswer(answer: unknown): StationUser | null {
  if (typeof answer !== 'object' || answer === null) {
    return null
  }
  const inner = 'user' in answer ? (answer as { user: unknown }).user : answer
  if (typeof inner !== 'object' || inner === null) {
    return null
  }
  const u = inner as Record<string, unknown>
  const scope = parseScope(u.scope)
  if (typeof u.username !== 'string' || scope === null) {
    return null
  }
  return {
    username: u.username,
    display_name: typeof u.display_name === 'string' ? u.display_name : u.username,
    role: typeof u.role === 'string' ? u.role : '',
    scope,
  }
}

function isCounts(value: unknown): value is ShiftCounts {
  if (typeof value !== 'object' || value === null) {
    return false
  }
  const c = value as Record<string, unknown>
  return ['allow', 'deny', 'refer'].every((k) => typeof c[k] === 'number' && Number.isInteger(c[k]) && (c[k] as number) >= 0)
}

function isEntrance(value: unknown): value is GateEntrance {
  if (typeof value !== 'object' || value === null) {
    return false
  }
  const e = value as Record<string, unknown>
  return typeof e.id === 'number' && typeof e.name === 'string'
}

/** The kept session, or null when there is none or it cannot be read. */
export function loadSession(storage: Storage = localStorage): StationSession | null {
  try {
    const text = storage.getItem(kSessionKey)
    if (text === null) {
      return null
    }
    const s = JSON.parse(text) as Partial<StationSession>
    const user = userFromAnswer(s.user)
    if (typeof s.token !== 'string' || s.token === '' || user === null || typeof s.signedInAt !== 'string') {
      return null
    }
    return {
      token: s.token,
      user,
      communityCode: typeof s.communityCode === 'string' ? s.communityCode : null,
      entrance: isEntrance(s.entrance) ? s.entrance : null,
      signedInAt: s.signedInAt,
      counts: isCounts(s.counts) ? s.counts : emptyCounts(),
    }
  } catch {
    return null
  }
}

export function saveSession(session: StationSession, storage: Storage = localStorage): void {
  try {
    storage.setItem(kSessionKey, JSON.stringify(session))
  } catch {
    // Private mode or full: the session lasts for this page only.
  }
}

export function clearSession(storage: Storage = localStorage): void {
  try {
    storage.removeItem(kSessionKey)
  } catch {
    // Nothing was kept.
  }
}

/**
 * A UUID v7 (RFC 9562): the time in milliseconds, then random bits. Events a station makes in
 * turn get ids in order, so the server's index of them grows at its end instead of touching a
 * random page for every event.
 */
export function newEventId(now: number = Date.now()): string {
  const b = crypto.getRandomValues(new Uint8Array(16))
  let ms = Math.max(0, Math.floor(now))
  for (let i = 5; i >= 0; i--) {
    b[i] = ms % 256
    ms = Math.floor(ms / 256)
  }
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x70
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** This device's label, `station-` and six hex digits made once and kept. */
export function deviceLabel(storage: Storage = localStorage): string {
  try {
    const kept = storage.getItem(kDeviceKey)
    if (kept !== null && /^station-[0-9a-f]{6}$/.test(kept)) {
      return kept
    }
    const made = `station-${newEventId().slice(-6)}`
    storage.setItem(kDeviceKey, made)
    return made
  } catch {
    return 'station'
  }
}
