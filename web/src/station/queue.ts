// The station's outbox: every event decided offline waits here, in IndexedDB, until the server
// has it. Events keep the order they were decided in and the client_event_id they were made with,
// so a retry after a lost answer is stored once. An event leaves the queue only when the server
// answered it: stored (2xx), or refused for good (another 4xx than 429), which moves it to the
// rejected list shown to the guard. A 429, a 5xx or no answer keeps it for the next try.
//
// Each event belongs to the guard who made it and is uploaded only with that guard's token, so a
// shift handed over offline does not put one guard's scans under another's name.
//
// The same database keeps the station's cached data (the pass key, the gate list) under `meta`.
import { type DBSchema, type IDBPDatabase, openDB } from 'idb'

import { type GateBatchResult, type GateEventInput, kMaxBatchEvents } from '@/api/gate'
import { ApiError, kNetworkError } from '@/api/http'

import type { Verdict } from './decision'

export interface QueuedEvent {
  /** Queue order, given by the store. */
  seq?: number
  /** The username of the guard who decided it. */
  user: string
  event: GateEventInput
  /** What the guard was shown. */
  shown: Verdict
  queued_at: string
}

export interface RejectedEvent {
  seq?: number
  user: string
  event: GateEventInput
  shown: Verdict
  status: number
  error: { code: string; message: string; field?: string }
  rejected_at: string
}

/** Where the queue lives. REQUIRES of an implementation: order by seq, client ids unique. */
export interface QueueStore {
  /** Appends `item`; false when its client_event_id is queued already (nothing changes). */
  append(item: QueuedEvent): Promise<boolean>
  /** The oldest `limit` events of `user`, oldest first. */
  peek(user: string, limit: number): Promise<QueuedEvent[]>
  /** How many events of `user` wait; of every guard when `user` is undefined. */
  count(user?: string): Promise<number>
  /** In one transaction: removes the events `done` and moves the `rejected` ones to that list. */
  settle(done: readonly string[], rejected: readonly RejectedEvent[]): Promise<void>
  /** The rejected events of `user`, oldest first. */
  rejected(user: string): Promise<RejectedEvent[]>
  clearRejected(user: string): Promise<void>
  getMeta<T>(key: string): Promise<T | undefined>
  setMeta(key: string, value: unknown): Promise<void>
}

interface StationDb extends DBSchema {
  queue: { key: number; value: QueuedEvent; indexes: { client_id: string; user: string } }
  rejected: { key: number; value: RejectedEvent; indexes: { user: string } }
  meta: { key: string; value: unknown }
}

export const kDatabaseName = 'cordon-station'

/** `item` without its seq, for the store to give it one. */
function withoutSeq<T extends { seq?: number }>(item: T): T {
  const copy = { ...item }
  delete copy.seq
  return copy
}
const kDatabaseVersion = 1

/** The queue in IndexedDB (database `cordon-station`). */
export class IdbQueueStore implements QueueStore {
  private readonly db: Promise<IDBPDatabase<StationDb>>

  constructor(name: string = kDatabaseName) {
    this.db = openDB<StationDb>(name, kDatabaseVersion, {
      upgrade(db) {
        const queue = db.createObjectStore('queue', { keyPath: 'seq', autoIncrement: true })
        queue.createIndex('client_id', 'event.client_event_id', { unique: true })
        queue.createIndex('user', 'user')
        const rejected = db.createObjectStore('rejected', { keyPath: 'seq', autoIncrement: true })
        rejected.createIndex('user', 'user')
        db.createObjectStore('meta')
      },
    })
  }

  /** Resolves once the database is open; rejects when IndexedDB is not to be had. */
  ready(): Promise<unknown> {
    return this.db
  }

  async append(item: QueuedEvent): Promise<boolean> {
    const db = await this.db
    const tx = db.transaction('queue', 'readwrite')
    const known = await tx.store.index('client_id').getKey(item.event.client_event_id)
    if (known !== undefined) {
      await tx.done
      return false
    }
    await tx.store.add(withoutSeq(item))
    await tx.done
    return true
  }

  async peek(user: string, limit: number): Promise<QueuedEvent[]> {
    // Within one index key, IndexedDB orders by primary key: here, the queue order.
    return (await this.db).getAllFromIndex('queue', 'user', IDBKeyRange.only(user), limit)
  }

  async count(user?: string): Promise<number> {
    const db = await this.db
    return user === undefined ? db.count('queue') : db.countFromIndex('queue', 'user', IDBKeyRange.only(user))
  }

  async settle(done: readonly string[], rejected: readonly RejectedEvent[]): Promise<void> {
    const db = await this.db
    const tx = db.transaction(['queue', 'rejected'], 'readwrite')
    const queue = tx.objectStore('queue')
    for (const id of [...done, ...rejected.map((r) => r.event.client_event_id)]) {
      const key = await queue.index('client_id').getKey(id)
      if (key !== undefined) {
        await queue.delete(key)
      }
    }
    for (const r of rejected) {
      await tx.objectStore('rejected').add(withoutSeq(r))
    }
    await tx.done
  }

  async rejected(user: string): Promise<RejectedEvent[]> {
    return (await this.db).getAllFromIndex('rejected', 'user', IDBKeyRange.only(user))
  }

  async clearRejected(user: string): Promise<void> {
    const db = await this.db
    const tx = db.transaction('rejected', 'readwrite')
    for (const key of await tx.store.index('user').getAllKeys(IDBKeyRange.only(user))) {
      await tx.store.delete(key)
    }
    await tx.done
  }

  async getMeta<T>(key: string): Promise<T | undefined> {
    return (await (await this.db).get('meta', key)) as T | undefined
  }

  async setMeta(key: string, value: unknown): Promise<void> {
    await (await this.db).put('meta', value, key)
  }
}

/**
 * The queue in memory: for a browser without IndexedDB (some private modes), where events last
 * only as long as the page, and for tests.
 */
export class MemoryQueueStore implements QueueStore {
  private queue: QueuedEvent[] = []
  private rejects: RejectedEvent[] = []
  private readonly meta = new Map<string, unknown>()
  private nextSeq = 1

  async append(item: QueuedEvent): Promise<boolean> {
    if (this.queue.some((q) => q.event.client_event_id === item.event.client_event_id)) {
      return false
    }
    this.queue.push(structuredClone({ ...item, seq: this.nextSeq++ }))
    return true
  }

  async peek(user: string, limit: number): Promise<QueuedEvent[]> {
    return structuredClone(this.queue.filter((q) => q.user === user).slice(0, limit))
  }

  async count(user?: string): Promise<number> {
    return user === undefined ? this.queue.length : this.queue.filter((q) => q.user === user).length
  }

  async settle(done: readonly string[], rejected: readonly RejectedEvent[]): Promise<void> {
    const gone = new Set([...done, ...rejected.map((r) => r.event.client_event_id)])
    this.queue = this.queue.filter((q) => !gone.has(q.event.client_event_id))
    for (const r of rejected) {
      this.rejects.push(structuredClone({ ...r, seq: this.nextSeq++ }))
    }
  }

  async rejected(user: string): Promise<RejectedEvent[]> {
    return structuredClone(this.rejects.filter((r) => r.user === user))
  }

  async clearRejected(user: string): Promise<void> {
    this.rejects = this.rejects.filter((r) => r.user !== user)
  }

  async getMeta<T>(key: string): Promise<T | undefined> {
    return this.meta.get(key) as T | undefined
  }

  async setMeta(key: string, value: unknown): Promise<void> {
    this.meta.set(key, structuredClone(value))
  }
}

/** Sends events in one request and answers one result per event, in order. */
export type SendBatch = (events: GateEventInput[]) => Promise<GateBatchResult[]>

/** Why an upload stopped before the queue was empty. */
export type FlushStop = 'network' | 'unauthorized' | 'server'

export interface FlushReport {
  uploaded: number
  rejected: number
  /** null: everything of the guard's was answered. */
  stopped: FlushStop | null
}

/** Whether an answer's status says "try again later" rather than "never". */
export function isTransientStatus(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500
}

/** Why a request that threw stopped the upload. */
export function stopFor(error: unknown): FlushStop {
  if (error instanceof ApiError) {
    if (error.status === 0) {
      return 'network'
    }
    return error.status === 401 ? 'unauthorized' : 'server'
  }
  return 'network'
}

/**
 * Uploads `user`'s queued events in order, `chunk` at a time, until the queue is empty or an
 * answer says to stop. Each event is removed only once answered for good.
 */
export async function flushQueue(store: QueueStore, user: string, send: SendBatch, chunk: number = kMaxBatchEvents): Promise<FlushReport> {
  const report: FlushReport = { uploaded: 0, rejected: 0, stopped: null }
  for (;;) {
    const items = await store.peek(user, chunk)
    if (items.length === 0) {
      return report
    }
    let results: GateBatchResult[]
    try {
      results = await send(items.map((item) => item.event))
    } catch (error) {
      report.stopped = stopFor(error)
      return report
    }
    const byId = new Map(results.map((r) => [r.client_event_id.toLowerCase(), r]))
    const done: string[] = []
    const rejected: RejectedEvent[] = []
    let keep = false
    for (const item of items) {
      const id = item.event.client_event_id
      const r = byId.get(id.toLowerCase())
      if (r === undefined || isTransientStatus(r.status)) {
        keep = true
      } else if (r.status >= 200 && r.status < 300) {
        done.push(id)
      } else {
        const error = 'error' in r ? r.error : { code: `http.${r.status}`, message: `HTTP ${r.status}` }
        rejected.push({
          user,
          event: item.event,
          shown: item.shown,
          status: r.status,
          error,
          rejected_at: new Date().toISOString(),
        })
      }
    }
    await store.settle(done, rejected)
    report.uploaded += done.length
    report.rejected += rejected.length
    if (keep || done.length + rejected.length === 0) {
      report.stopped = 'server'
      return report
    }
  }
}

/**
 * A SendBatch over the batch endpoint; `single` for a server without it (404 or 405), which
 * then gets the events one by one, in order.
 */
export function batchSender(
  batch: (events: GateEventInput[]) => Promise<{ results: GateBatchResult[] }>,
  single: (event: GateEventInput) => Promise<unknown>,
): SendBatch {
  return async (events) => {
    try {
      return (await batch(events)).results
    } catch (error) {
      if (!(error instanceof ApiError) || (error.status !== 404 && error.status !== 405)) {
        throw error
      }
    }
    const results: GateBatchResult[] = []
    for (const event of events) {
      try {
        const body = (await single(event)) as Extract<GateBatchResult, { body: unknown }>['body']
        results.push({ client_event_id: event.client_event_id, status: 201, body })
      } catch (error) {
        if (!(error instanceof ApiError) || error.status === 0 || error.code === kNetworkError) {
          throw error
        }
        if (error.status === 401) {
          throw error
        }
        results.push({
          client_event_id: event.client_event_id,
          status: error.status,
          error: { code: error.code, message: error.message, field: error.field },
        })
      }
    }
    return results
  }
}

/**
 * The queue in IndexedDB, or in memory when the browser has none to give (`durable` false: the
 * page must stay open until the events are uploaded).
 */
export async function openQueueStore(): Promise<{ store: QueueStore; durable: boolean }> {
  try {
    const store = new IdbQueueStore()
    await store.ready()
    return { store, durable: true }
  } catch {
    return { store: new MemoryQueueStore(), durable: false }
  }
}
