// The station's offline decision table: the server's cases (tests/domain/gate/decision_test.cpp),
// one for one, so that a guard offline is told what the server would have said; then the
// station's own case, a person it cannot check offline.
import { describe, expect, it } from 'vitest'

import { decide, type Decision, type Facts, kOfflineUnverified, type PassState } from '@/station/decision'
import type { PassColour } from '@/api/types'

interface Case {
  why: string
  facts: Facts
  want: Decision
  reasons: string[]
}

function pass(state: PassState, colour: PassColour, tenths?: number): Facts {
  return { direction: 'in', passState: state, colour, temperatureTenths: tenths ?? null }
}

function byId(colour: PassColour | null, known = true, tenths?: number): Facts {
  return { direction: 'in', colour, personKnown: known, temperatureTenths: tenths ?? null }
}

function leaving(f: Facts): Facts {
  return { ...f, direction: 'out' }
}

function forged(): Facts {
  return { direction: 'in', passForged: true }
}

const kServerCases: Case[] = [
  { why: 'a valid green pass', facts: pass('valid', 'green', 365), want: 'allow', reasons: ['colour.green'] },
  { why: 'a valid green pass, no thermometer', facts: pass('valid', 'green'), want: 'allow', reasons: ['colour.green'] },
  { why: '37.2 is no fever', facts: pass('valid', 'green', 372), want: 'allow', reasons: ['colour.green'] },
  { why: '37.3 is a fever', facts: pass('valid', 'green', 373), want: 'refer', reasons: ['temperature.fever'] },
  { why: 'a yellow pass', facts: pass('valid', 'yellow'), want: 'deny', reasons: ['colour.yellow'] },
  { why: 'a red pass', facts: pass('valid', 'red'), want: 'refer', reasons: ['colour.red'] },
  {
    why: 'yellow with a fever: denied, both reasons',
    facts: pass('valid', 'yellow', 380),
    want: 'deny',
    reasons: ['colour.yellow', 'temperature.fever'],
  },
  { why: 'a stale pass', facts: pass('stale', 'green'), want: 'deny', reasons: ['pass.stale'] },
  { why: 'an expired pass', facts: pass('expired', 'green'), want: 'deny', reasons: ['pass.expired'] },
  { why: 'a pass from the future', facts: pass('not_yet_valid', 'green'), want: 'deny', reasons: ['pass.not_yet_valid'] },
  { why: "another community's pass", facts: pass('other_community', 'green'), want: 'deny', reasons: ['pass.other_community'] },
  { why: 'a forged pass', facts: forged(), want: 'deny', reasons: ['pass.forged'] },
  { why: 'an ID number with a green colour', facts: byId('green'), want: 'allow', reasons: ['colour.green'] },
  { why: 'an ID number without a valid declaration', facts: byId(null), want: 'refer', reasons: ['colour.none'] },
  { why: 'an unknown ID number', facts: byId(null, false), want: 'refer', reasons: ['person.unknown'] },
  {
    why: 'an unknown person with a fever',
    facts: byId(null, false, 385),
    want: 'refer',
    reasons: ['person.unknown', 'temperature.fever'],
  },
  { why: 'leaving with a yellow colour', facts: leaving(pass('valid', 'yellow')), want: 'allow', reasons: ['exit'] },
  { why: 'leaving with an expired pass', facts: leaving(pass('expired', 'green')), want: 'allow', reasons: ['exit'] },
  { why: 'leaving with a fever', facts: leaving(byId('green', true, 390)), want: 'refer', reasons: ['temperature.fever'] },
  {
    why: 'a forged pass with a fever: denied first',
    facts: { ...forged(), temperatureTenths: 390 },
    want: 'deny',
    reasons: ['pass.forged', 'temperature.fever'],
  },
]

const kOfflineCases: Case[] = [
  {
    why: 'offline, an ID number cannot be checked',
    facts: { direction: 'in', unverified: true },
    want: 'refer',
    reasons: [kOfflineUnverified],
  },
  {
    why: 'offline, a plate with a fever',
    facts: { direction: 'in', unverified: true, temperatureTenths: 381 },
    want: 'refer',
    reasons: [kOfflineUnverified, 'temperature.fever'],
  },
  {
    why: 'offline, leaving needs no check',
    facts: { direction: 'out', unverified: true },
    want: 'allow',
    reasons: ['exit'],
  },
  {
    why: 'a forged pass is denied, checked or not',
    facts: { direction: 'in', passForged: true, unverified: true },
    want: 'deny',
    reasons: ['pass.forged'],
  },
]

describe('decide', () => {
  it.each(kServerCases)('as the server: $why', ({ facts, want, reasons }) => {
    expect(decide(facts)).toEqual({ decision: want, reasons })
  })

  it.each(kOfflineCases)('offline: $why', ({ facts, want, reasons }) => {
    expect(decide(facts)).toEqual({ decision: want, reasons })
  })
})
