// The decision the station makes without the server: the pass checked with the cached public key,
// its claims against this community and the clock, and the person's colour against the cached
// gate list (the day's deny list), then the server's decision table. Without a pass (an ID number
// or a plate) nothing here says who the person is: the guard is asked to check by hand.
import type { GateList } from '@/api/gate'
import type { PassColour } from '@/api/types'

import { decide, type Direction, type Facts, type PassState, type Verdict } from './decision'
import { checkPass, verifyPassToken, type PassClaims } from './passToken'

/** The gate list, indexed by person ref. */
export interface GateListIndex {
  communityCode: string
  /** When the server made the list, unix ms. */
  generatedAt: number
  byRef: Map<string, { colour: PassColour; colourSince: number }>
}

/** `list` indexed for look-ups; entries that cannot be read are left out. */
export function indexGateList(list: GateList): GateListIndex {
  const byRef = new Map<string, { colour: PassColour; colourSince: number }>()
  for (const item of list.items) {
    const since = Date.parse(item.colour_since)
    if (!Number.isNaN(since) && (item.colour === 'green' || item.colour === 'yellow' || item.colour === 'red')) {
      byRef.set(item.ref, { colour: item.colour, colourSince: since })
    }
  }
  const generatedAt = Date.parse(list.generated_at)
  return { communityCode: list.community_code, generatedAt: Number.isNaN(generatedAt) ? 0 : generatedAt, byRef }
}

/** How the person was identified. */
export type Identity =
  | { kind: 'token'; token: string }
  | { kind: 'id_number'; value: string }
  | { kind: 'plate'; value: string }

export interface OfflineContext {
  communityCode: string
  /** The server's pass key (32 bytes), or null when never loaded. */
  publicKey: Uint8Array | null
  gateList: GateListIndex | null
  /** When the station decides, unix ms. */
  now: number
}

export interface OfflineVerdict extends Verdict {
  /** The pass's colour when it was genuine. */
  colour: PassColour | null
}

/**
 * The state of the genuine pass `claims` offline: CheckPass with the listed person's
 * colour_since, and stale as well when the list holds another colour for them. A person the list
 * does not name held no colour but green when it was made: a yellow or red pass issued before
 * then is out of date. A pass issued after the list was made is newer than anything it says.
 */
export function offlinePassState(claims: PassClaims, ctx: OfflineContext): PassState {
  const list = ctx.gateList !== null && ctx.gateList.communityCode === ctx.communityCode ? ctx.gateList : null
  const listed = list?.byRef.get(claims.personRef) ?? null
  const state = checkPass(claims, ctx.now, ctx.communityCode, listed?.colourSince ?? null)
  if (state !== 'valid' || list === null) {
    return state
  }
  if (listed !== null) {
    return listed.colour === claims.colour ? 'valid' : 'stale'
  }
  return claims.colour !== 'green' && claims.issuedAt <= list.generatedAt ? 'stale' : 'valid'
}

/** The facts the station can establish offline for `identity`. */
export async function offlineFacts(identity: Identity, ctx: OfflineContext): Promise<{ facts: Omit<Facts, 'direction' | 'temperatureTenths'>; colour: PassColour | null }> {
  if (identity.kind !== 'token' || ctx.publicKey === null) {
    return { facts: { unverified: true }, colour: null }
  }
  let check
  try {
    check = await verifyPassToken(identity.token, ctx.publicKey)
  } catch {
    // No SHA-512 here (WebCrypto needs HTTPS): the pass cannot be checked, only looked at.
    return { facts: { unverified: true }, colour: null }
  }
  if (check.kind === 'forged') {
    return { facts: { passForged: true }, colour: null }
  }
  const { claims } = check
  return {
    facts: { passState: offlinePassState(claims, ctx), colour: claims.colour, personKnown: true },
    colour: claims.colour,
  }
}

/** The offline decision for `identity` passing `direction` with `temperatureTenths`. */
export async function decideOffline(
  identity: Identity,
  direction: Direction,
  temperatureTenths: number | null,
  ctx: OfflineContext,
): Promise<OfflineVerdict> {
  const { facts, colour } = await offlineFacts(identity, ctx)
  return { ...decide({ ...facts, direction, temperatureTenths }), colour }
}
