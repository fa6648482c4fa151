// The station's outbox in IndexedDB (fake-indexeddb here) and its upload: order kept across
// chunks, an event retried with the id it was made with, removed only once answered for good,
// refused events moved to the rejected list, a guard's events sent only with their own session.
import 'fake-indexeddb/auto'

import { beforeEach, describe, expect, it } from 'vitest'

import type { GateBatchResult, GateEventInput } from '@/api/gate'
import { ApiError } from '@/api/http'
import {
  batchSender,
  flushQueue,
  IdbQueueStore,
  MemoryQueueStore,
  type QueuedEvent,
  type QueueStore,
  type SendBatch,
} from '@/station/queue'

let dbCount = 0

function event(n: number): GateEventInput {
  return {
    entrance_id: 3,
    token: `token-${n}`,
    direction: 'in',
    client_event_id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    decided_at: new Date(Date.UTC(2026, 10, 30, 8, 0, n)).toISOString(),
    device: 'station-abc123',
  }
}

function queued(n: number, user = 'guard1'): QueuedEvent {
  return { user, event: event(n), shown: { decision: 'refer', reasons: ['offline.unverified'] }, queued_at: event(n).decided_at }
}

const stored = (e: GateEventInput): GateBatchResult => ({
  client_event_id: e.client_event_id,
  status: 201,
  body: {
    decision: 'allow',
    reasons: [{ code: 'colour.green', message: '绿码，通行' }],
    event_id: 1,
    colour: 'green',
    person_name: '王*',
    fever_case_id: null,
    decided_at: e.decided_at,
    received_at: e.decided_at,
  },
})

/** A server that stores every event and remembers each request's ids. */
function recordingServer(answer: (e: GateEventInput) => GateBatchResult = stored) {
  const requests: string[][] = []
  const send: SendBatch = async (events) => {
    requests.push(events.map((e) => e.client_event_id))
    return events.map(answer)
  }
  return { requests, send }
}

const id = (n: number) => event(n).client_event_id

describe.each([
  ['IndexedDB', () => new IdbQueueStore(`cordon-station-test-${++dbCount}`)],
  ['memory', () => new MemoryQueueStore()],
])('the queue in %s', (_name, make: () => QueueStore) => {
  let store: QueueStore

  beforeEach(() => {
    store = make()
  })

  it('keeps events in the order they were added, per guard', async () => {
    for (const n of [5, 1, 9, 2]) {
      expect(await store.append(queued(n))).toBe(true)
    }
    await store.append(queued(7, 'guard2'))
    expect((await store.peek('guard1', 10)).map((q) => q.event.client_event_id)).toEqual([id(5), id(1), id(9), id(2)])
    expect((await store.peek('guard1', 2)).map((q) => q.event.client_event_id)).toEqual([id(5), id(1)])
    expect(await store.count('guard1')).toBe(4)
    expect(await store.count()).toBe(5)
  })

  it('never holds one event twice', async () => {
    expect(await store.append(queued(1))).toBe(true)
    expect(await store.append(queued(1))).toBe(false)
    expect(await store.count()).toBe(1)
  })

  it('removes what was stored and moves what was refused, at once', async () => {
    for (const n of [1, 2, 3]) {
      await store.append(queued(n))
    }
    await store.settle([id(1)], [{ ...queued(3), status: 422, error: { code: 'gate.decided_at', message: 'too old' }, rejected_at: '' }])
    expect((await store.peek('guard1', 10)).map((q) => q.event.client_event_id)).toEqual([id(2)])
    const rejected = await store.rejected('guard1')
    expect(rejected.map((r) => r.event.client_event_id)).toEqual([id(3)])
    expect(rejected[0]?.error.code).toBe('gate.decided_at')
    await store.clearRejected('guard1')
    expect(await store.rejected('guard1')).toEqual([])
  })

  it('keeps cached data', async () => {
    expect(await store.getMeta('public-key')).toBeUndefined()
    await store.setMeta('public-key', { key_id: 'k1', public_key: 'AAAA' })
    expect(await store.getMeta('public-key')).toEqual({ key_id: 'k1', public_key: 'AAAA' })
  })
})

describe('flushQueue', () => {
  let store: QueueStore

  beforeEach(() => {
    store = new IdbQueueStore(`cordon-station-test-${++dbCount}`)
  })

  it('uploads everything in order, in chunks, and empties the queue', async () => {
    for (let n = 1; n <= 7; n++) {
      await store.append(queued(n))
    }
    const server = recordingServer()
    const report = await flushQueue(store, 'guard1', server.send, 3)
    expect(report).toEqual({ uploaded: 7, rejected: 0, stopped: null })
    expect(server.requests).toEqual([[id(1), id(2), id(3)], [id(4), id(5), id(6)], [id(7)]])
    expect(await store.count()).toBe(0)
  })

  it('keeps everything when the network fails, and sends the same ids again', async () => {
    for (const n of [1, 2]) {
      await store.append(queued(n))
    }
    const report = await flushQueue(store, 'guard1', async () => {
      throw new ApiError(0, 'network.error', 'Failed to fetch')
    })
    expect(report.stopped).toBe('network')
    expect(await store.count()).toBe(2)
    const server = recordingServer()
    await flushQueue(store, 'guard1', server.send)
    expect(server.requests).toEqual([[id(1), id(2)]])
    expect(await store.count()).toBe(0)
  })

  it('keeps an event the server could not take now (429, 5xx) and goes on later', async () => {
    for (const n of [1, 2, 3]) {
      await store.append(queued(n))
    }
    const busy = recordingServer((e) =>
      e.client_event_id === id(2)
        ? { client_event_id: e.client_event_id, status: 503, error: { code: 'server.busy', message: 'busy' } }
        : stored(e),
    )
    const first = await flushQueue(store, 'guard1', busy.send)
    expect(first).toEqual({ uploaded: 2, rejected: 0, stopped: 'server' })
    expect((await store.peek('guard1', 10)).map((q) => q.event.client_event_id)).toEqual([id(2)])
    const later = recordingServer()
    expect(await flushQueue(store, 'guard1', later.send)).toEqual({ uploaded: 1, rejected: 0, stopped: null })
    expect(later.requests).toEqual([[id(2)]])
  })

  it('moves an event refused for good (4xx) to the rejected list', async () => {
    for (const n of [1, 2]) {
      await store.append(queued(n))
    }
    const server = recordingServer((e) =>
      e.client_event_id === id(1)
        ? { client_event_id: e.client_event_id, status: 422, error: { code: 'gate.decided_at', message: '扫码时间不合理', field: 'decided_at' } }
        : stored(e),
    )
    expect(await flushQueue(store, 'guard1', server.send)).toEqual({ uploaded: 1, rejected: 1, stopped: null })
    expect(await store.count()).toBe(0)
    const [rejected] = await store.rejected('guard1')
    expect(rejected?.event.client_event_id).toBe(id(1))
    expect(rejected?.status).toBe(422)
    expect(rejected?.shown.reasons).toEqual(['offline.unverified'])
  })

  it('stops on a lost session and keeps the events', async () => {
    await store.append(queued(1))
    const report = await flushQueue(store, 'guard1', async () => {
      throw new ApiError(401, 'auth.unauthenticated', 'sign in')
    })
    expect(report.stopped).toBe('unauthorized')
    expect(await store.count()).toBe(1)
  })

  it('keeps an event the answer does not mention', async () => {
    for (const n of [1, 2]) {
      await store.append(queued(n))
    }
    const report = await flushQueue(store, 'guard1', async (events) => events.slice(1).map(stored))
    expect(report).toEqual({ uploaded: 1, rejected: 0, stopped: 'server' })
    expect((await store.peek('guard1', 10)).map((q) => q.event.client_event_id)).toEqual([id(1)])
  })

  it("sends only the signed-in guard's events", async () => {
    await store.append(queued(1, 'guard2'))
    await store.append(queued(2))
    const server = recordingServer()
    await flushQueue(store, 'guard1', server.send)
    expect(server.requests).toEqual([[id(2)]])
    expect(await store.count('guard2')).toBe(1)
  })
})

describe('batchSender', () => {
  it('uses the batch endpoint', async () => {
    const send = batchSender(
      async (events) => ({ results: events.map(stored) }),
      async () => {
        throw new Error('not used')
      },
    )
    expect((await send([event(1)])).map((r) => r.status)).toEqual([201])
  })

  it('falls back to one request per event, in order, on a server without it', async () => {
    const sent: string[] = []
    const send = batchSender(
      async () => {
        throw new ApiError(404, 'route.not_found', 'no such route')
      },
      async (e) => {
        sent.push(e.client_event_id)
        if (e.client_event_id === id(2)) {
          throw new ApiError(422, 'plate.format', 'bad plate', 'plate')
        }
        return stored(e).status === 201 ? (stored(e) as { body: unknown }).body : null
      },
    )
    const results = await send([event(1), event(2), event(3)])
    expect(sent).toEqual([id(1), id(2), id(3)])
    expect(results.map((r) => r.status)).toEqual([201, 422, 201])
  })

  it('lets a network failure through', async () => {
    const send = batchSender(
      async () => {
        throw new ApiError(0, 'network.error', 'offline')
      },
      async () => null,
    )
    await expect(send([event(1)])).rejects.toMatchObject({ status: 0 })
  })
})
