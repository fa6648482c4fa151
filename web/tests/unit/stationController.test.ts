// The station's check as a whole, against a stubbed server: the server's answer when it gives
// one; the offline decision, queued with the event as made, when it does not; a refusal shown
// and nothing kept; a lapsed session going on offline; the outbox uploaded with the same ids.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import type { GateEventInput } from '@/api/gate'
import { MemoryQueueStore } from '@/station/queue'
import { saveSession } from '@/station/session'
import { createStation, type Station } from '@/station/station'

const kIdentity = { kind: 'id_number', value: '11010519491231002X' } as const

type Handler = (url: string, init: RequestInit) => Response | Promise<Response>

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

const answer = (decided_at: string) => ({
  decision: 'allow',
  reasons: [{ code: 'colour.green', message: '绿码，通行' }],
  event_id: 41,
  colour: 'green',
  person_name: '王*',
  fever_case_id: null,
  decided_at,
  received_at: decided_at,
})

let handler: Handler
const calls: Array<{ url: string; body: unknown }> = []
let store: MemoryQueueStore
let station: Station

beforeEach(() => {
  localStorage.clear()
  calls.length = 0
  saveSession({
    token: 'tok',
    user: { username: 'guard1', display_name: '东门门岗', role: 'guard', scope: { kind: 'zone', code: '441900003013-1' } },
    communityCode: '441900003013',
    entrance: { id: 3, name: '东门', zone_id: 1, kind: 'both' },
    signedInAt: '2026-11-30T00:00:00.000Z',
    counts: { allow: 0, deny: 0, refer: 0 },
  })
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, body: init.body ? JSON.parse(String(init.body)) : undefined })
      return handler(url, init)
    }),
  )
  store = new MemoryQueueStore()
  station = createStation(store)
})

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('a check', () => {
  it("shows the server's answer when it gives one, and keeps nothing", async () => {
    handler = (_url, init) => json(201, answer(JSON.parse(String(init.body)).decided_at))
    expect(await station.check(kIdentity, 365)).toBeNull()
    expect(calls[0]?.url).toBe('/api/v1/gate-events')
    expect(calls[0]?.body).toMatchObject({ entrance_id: 3, id_number: kIdentity.value, direction: 'in', temperature: 36.5 })
    expect(station.state.last).toMatchObject({ decision: 'allow', offline: false, personName: '王*' })
    expect(station.state.session?.counts.allow).toBe(1)
    expect(await store.count()).toBe(0)
  })

  it('decides offline and queues the event as made when the network fails, then stops asking', async () => {
    handler = () => {
      throw new TypeError('Failed to fetch')
    }
    expect(await station.check(kIdentity, null)).toBeNull()
    expect(station.state.last).toMatchObject({ decision: 'refer', offline: true, reasons: [{ code: 'offline.unverified' }] })
    expect(station.state.reachable).toBe(false)
    const [queued] = await store.peek('guard1', 10)
    expect(queued?.event).toEqual(calls[0]?.body)
    expect(station.state.pending).toBe(1)
    expect(station.state.session?.counts.refer).toBe(1)

    await station.check({ kind: 'plate', value: '粤S12345' }, null)
    expect(calls).toHaveLength(1)
    expect(await store.count()).toBe(2)
  })

  it('shows a refusal and records nothing', async () => {
    handler = () => json(404, { error: { code: 'entrance.not_found', message: '找不到该出入口', field: 'entrance_id' } })
    expect(await station.check(kIdentity, null)).toEqual({ code: 'entrance.not_found', message: '找不到该出入口', field: 'entrance_id' })
    expect(station.state.last).toBeNull()
    expect(await store.count()).toBe(0)
    expect(station.state.session?.counts).toEqual({ allow: 0, deny: 0, refer: 0 })
  })

  it('goes on offline when the session lapsed, and asks the guard to sign in again', async () => {
    handler = () => json(401, { error: { code: 'auth.unauthenticated', message: '请重新登录' } })
    await station.check(kIdentity, null)
    expect(station.state.needsSignIn).toBe(true)
    expect(station.state.last?.offline).toBe(true)
    expect(await store.count()).toBe(1)
  })

  it('falls back offline on a busy server', async () => {
    handler = () => json(503, { error: { code: 'server.busy', message: 'busy' } })
    await station.check(kIdentity, 380)
    expect(station.state.last).toMatchObject({ decision: 'refer', offline: true })
    expect(station.state.last?.reasons.map((r) => r.code)).toEqual(['offline.unverified', 'temperature.fever'])
    expect(await store.count()).toBe(1)
  })
})

describe('the upload', () => {
  it('sends the queued events with the ids they were made with, and empties the outbox', async () => {
    handler = () => {
      throw new TypeError('Failed to fetch')
    }
    await station.check(kIdentity, null)
    await station.check({ kind: 'plate', value: '粤S12345' }, null)
    const made = (await store.peek('guard1', 10)).map((q) => q.event.client_event_id)

    handler = (_url, init) => {
      const events = (JSON.parse(String(init.body)) as { events: GateEventInput[] }).events
      return json(200, { results: events.map((e) => ({ client_event_id: e.client_event_id, status: 201, body: answer(e.decided_at) })) })
    }
    await station.flush()
    const batch = calls.at(-1)
    expect(batch?.url).toBe('/api/v1/gate-events/batch')
    expect((batch?.body as { events: GateEventInput[] }).events.map((e) => e.client_event_id)).toEqual(made)
    expect(await store.count()).toBe(0)
    expect(station.state.pending).toBe(0)
    expect(station.state.reachable).toBe(true)
  })
})
