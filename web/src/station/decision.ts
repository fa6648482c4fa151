// The gate's decision table, the server's src/domain/gate/decision.cpp line for line, so that the
// station decides offline exactly as the server would online: allow, deny or refer, with the
// reasons as codes, worst first. Pure; tests/unit/stationDecision.test.ts runs the server's cases.
import type { PassColour } from '@/api/types'

export type Decision = 'allow' | 'refer' | 'deny'
export type Direction = 'in' | 'out'

/** What CheckPass (src/domain/health/pass.cpp) says of a genuine pass. */
export type PassState = 'valid' | 'expired' | 'not_yet_valid' | 'other_community' | 'stale'

/** A fever at the gate: 37.3 °C or more, in tenths of a degree. */
export const kFeverTenths = 373

/** The reason of an offline decision the station cannot check without the server. */
export const kOfflineUnverified = 'offline.unverified'

/** How bad each decision is: the worst found wins. */
const kRank: Record<Decision, number> = { allow: 0, refer: 1, deny: 2 }

/** What the gate learned before deciding (gate::Facts). */
export interface Facts {
  direction: Direction
  /** The state of a pass that was shown; unset when identified another way. */
  passState?: PassState
  /** The signature did not verify, or the token was malformed. */
  passForged?: boolean
  /** The person's colour, from the pass or their status; null: no valid colour. */
  colour?: PassColour | null
  /** Found in the community's registry; true unless known otherwise. */
  personKnown?: boolean
  /**
   * Offline only: the person was named (ID number, plate, or a pass whose signature could not be
   * checked) but nothing here can say who they are or what colour they hold.
   */
  unverified?: boolean
  temperatureTenths?: number | null
}

export interface Verdict {
  decision: Decision
  /** Codes, worst first; `colour.green` when let in, `exit` when leaving, if nothing else. */
  reasons: string[]
}

interface Finding {
  decision: Decision
  code: string
}

const kStateFindings: Record<Exclude<PassState, 'valid'>, Finding> = {
  other_community: { decision: 'deny', code: 'pass.other_community' },
  expired: { decision: 'deny', code: 'pass.expired' },
  not_yet_valid: { decision: 'deny', code: 'pass.not_yet_valid' },
  stale: { decision: 'deny', code: 'pass.stale' },
}

/**
 * The decision for `facts`: a fever refers; a forged pass, one of another community, an expired
 * or stale one, or a yellow colour denies entry; red refers to the clinic; nobody known and no
 * valid colour refer to registration. Leaving is allowed whatever the pass, unless there is a
 * fever. The worst decision wins.
 */
export function decide(facts: Facts): Verdict {
  const found: Finding[] = []
  const entering = facts.direction === 'in'
  if (entering) {
    if (facts.passForged) {
      found.push({ decision: 'deny', code: 'pass.forged' })
    } else if (facts.passState !== undefined && facts.passState !== 'valid') {
      found.push(kStateFindings[facts.passState])
    }
    const passOk = !facts.passForged && (facts.passState === undefined || facts.passState === 'valid')
    if (passOk) {
      if (facts.unverified) {
        found.push({ decision: 'refer', code: kOfflineUnverified })
      } else if (facts.personKnown === false) {
        found.push({ decision: 'refer', code: 'person.unknown' })
      } else if (facts.colour === undefined || facts.colour === null) {
        found.push({ decision: 'refer', code: 'colour.none' })
      } else if (facts.colour === 'red') {
        found.push({ decision: 'refer', code: 'colour.red' })
      } else if (facts.colour === 'yellow') {
        found.push({ decision: 'deny', code: 'colour.yellow' })
      }
    }
  }
  if (facts.temperatureTenths !== undefined && facts.temperatureTenths !== null && facts.temperatureTenths >= kFeverTenths) {
    found.push({ decision: 'refer', code: 'temperature.fever' })
  }
  let decision: Decision = 'allow'
  for (const x of found) {
    if (kRank[x.decision] > kRank[decision]) {
      decision = x.decision
    }
  }
  // Worst first; among equals, in the order found (Array.prototype.sort is stable).
  const reasons = [...found].sort((a, b) => kRank[b.decision] - kRank[a.decision]).map((x) => x.code)
  if (reasons.length === 0) {
    reasons.push(entering ? 'colour.green' : 'exit')
  }
  return { decision, reasons }
}
