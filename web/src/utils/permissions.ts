// Permission codes (`area:noun:action`) as the server names them. The server decides what a user
// may do; the console only mirrors the codes to hide what a user cannot use.

export const Perm = {
  placeRead: 'registry:place:read',
  personRead: 'registry:person:read',
  personWrite: 'registry:person:write',
  personDelete: 'registry:person:delete',
  personReveal: 'registry:person:reveal',
  personImport: 'registry:person:import',
  personExport: 'registry:person:export',
  declarationRead: 'health:declaration:read',
  declarationAssist: 'health:declaration:assist',
  rulesRead: 'health:rules:read',
  rulesWrite: 'health:rules:write',
  sweepRead: 'health:sweep:read',
  visitWrite: 'health:visit:write',
  feverRead: 'health:fever:read',
  gateEventRead: 'gate:event:read',
  /** Recording scans at a gate: the station (station.html), not a console page. */
  gateEventWrite: 'gate:event:write',
  /** Arranging gate-duty shifts (值班安排); listing them needs gateEventWrite. */
  shiftWrite: 'gate:shift:write',
  userRead: 'system:user:read',
  userCreate: 'system:user:create',
  auditRead: 'system:audit:read',
  selfRead: 'account:self:read',
} as const

export type PermissionCode = (typeof Perm)[keyof typeof Perm]

/**
 * The new-arrivals page (新到访确认) is for those who confirm arrivals, and lists them with the
 * person read permission: both, so the page never opens on a list the server refuses.
 */
export const kArrivalsPermission: readonly string[] = [Perm.personRead, Perm.personWrite]

/** What a route or control needs: one code, every code of a list, or nothing. */
export type Requirement = string | readonly string[] | undefined

function segmentsMatch(granted: string, wanted: string): boolean {
  if (granted === wanted) {
    return true
  }
  // A granted `*` segment covers any value there (e.g. `registry:*:read`).
  const g = granted.split(':')
  const w = wanted.split(':')
  return g.length === w.length && g.every((part, i) => part === '*' || part === w[i])
}

/** Whether `granted` holds the one code `wanted`. */
export function holds(granted: readonly string[], wanted: string): boolean {
  return granted.some((code) => segmentsMatch(code, wanted))
}

/** Whether `granted` meets `required` (every code of a list; nothing required is always met). */
export function allows(granted: readonly string[], required: Requirement): boolean {
  if (required === undefined) {
    return true
  }
  if (typeof required === 'string') {
    return holds(granted, required)
  }
  return required.every((code) => holds(granted, code))
}

/** Whether `granted` holds at least one code of `required`. */
export function allowsAny(granted: readonly string[], required: readonly string[]): boolean {
  return required.some((code) => holds(granted, code))
}
