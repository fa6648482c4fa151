// The last pass of this phone, one per community, kept in localStorage: reopening the page
// shows it at once (even offline, but for the QR image), and an expired one is shown as such.
// Only what the pass screen shows is kept: the token, colour, expiry, reasons and a masked name,
// never the ID or phone number.
import type { DeclarationResult, PassColour, PassReason } from '@/api/types'

export interface StoredPass {
  community_code: string
  community_name: string
  colour: PassColour
  token: string
  /** ISO date-time */
  expires_at: string
  reasons: PassReason[]
  /** The declaration's day, `YYYY-MM-DD`. */
  day: string
  /** The pass holder's name with all but its first and last characters starred. */
  masked_name: string
  /**
   * Declared by a household member for this person (a child or an elderly member); absent when
   * the holder declared for themselves (and in passes kept before this existed).
   */
  for_dependant?: true
}

const kKeyPrefix = 'cordon.pass.'

/** The storage key of the pass for community `code`. */
export function passKey(code: string): string {
  return kKeyPrefix + code
}

/** "王*", "欧**娜": the first and, from three characters on, the last character kept. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim())
  if (chars.length <= 1) {
    return chars.join('')
  }
  if (chars.length === 2) {
    return `${chars[0]}*`
  }
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`
}

/**
 * What to keep of the declaration `result` for `name` in `community`: submitted by `name`
 * themselves, or `forDependant` by a member of their household.
 */
export function passFromResult(
  community: { code: string; name: string },
  name: string,
  result: DeclarationResult,
  forDependant = false,
): StoredPass {
  const pass: StoredPass = {
    community_code: community.code,
    community_name: community.name,
    colour: result.pass.colour,
    token: result.pass.token,
    expires_at: result.pass.expires_at,
    reasons: result.declaration.reasons,
    day: result.declaration.day,
    masked_name: maskName(name),
  }
  if (forDependant) {
    pass.for_dependant = true
  }
  return pass
}

function isColour(value: unknown): value is PassColour {
  return value === 'green' || value === 'yellow' || value === 'red'
}

function isReason(value: unknown): value is PassReason {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as PassReason).rule === 'string' &&
    typeof (value as PassReason).message === 'string'
  )
}

/** `value` as a stored pass of community `code`, or null when it is not one (old or edited). */
function asStoredPass(value: unknown, code: string): StoredPass | null {
  if (typeof value !== 'object' || value === null) {
    return null
  }
  const pass = value as Partial<StoredPass>
  const strings = [pass.community_name, pass.token, pass.expires_at, pass.day, pass.masked_name]
  if (
    pass.community_code !== code ||
    !strings.every((s) => typeof s === 'string') ||
    !isColour(pass.colour) ||
    !Array.isArray(pass.reasons) ||
    !pass.reasons.every(isReason) ||
    (pass.for_dependant !== undefined && pass.for_dependant !== true)
  ) {
    return null
  }
  return pass as StoredPass
}

/** Keeps `pass` as the last of its community. A full or refused storage only loses the copy. */
export function savePass(pass: StoredPass, storage: Storage = localStorage): void {
  try {
    storage.setItem(passKey(pass.community_code), JSON.stringify(pass))
  } catch {
    // Private mode or a full storage: the pass is still on screen, just not kept.
  }
}

/** The last pass kept for community `code`, or null. */
export function loadPass(code: string, storage: Storage = localStorage): StoredPass | null {
  try {
    const text = storage.getItem(passKey(code))
    return text === null ? null : asStoredPass(JSON.parse(text) as unknown, code)
  } catch {
    return null
  }
}

/** Whether `pass` has expired at `now`; a pass whose expiry cannot be read counts as expired. */
export function isExpired(pass: Pick<StoredPass, 'expires_at'>, now: Date): boolean {
  const expires = Date.parse(pass.expires_at)
  return Number.isNaN(expires) || expires <= now.getTime()
}
