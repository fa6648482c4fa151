// The station's state and what it does, apart from how it looks: the guard's session, each check
// (the server's decision when it answers in time, else the offline one, queued), the outbox and
// its uploads, and the cached pass key and gate list that offline checks need.
//
// Checks run one at a time in the order scanned. The server is asked only while the station
// believes it reachable: after a network failure every check is decided offline at once, and the
// 10-second tick (an upload, or a look at the pass key) finds out when it is back.
import { reactive } from 'vue'

import { authApi } from '@/api/auth'
import { type GateEventInput, type GateEventResult, type GateList, type PassPublicKey, gateApi } from '@/api/gate'
import { ApiError, configureHttp, request } from '@/api/http'
import type { Community, Items, PassColour } from '@/api/types'

import type { Decision, Direction } from './decision'
import { language } from './locales'
import { decideOffline, type GateListIndex, type Identity, indexGateList } from './offlineDecision'
import { base64UrlDecode, kPublicKeyBytes } from './passToken'
import { batchSender, flushQueue, type QueueStore, type RejectedEvent } from './queue'
import {
  clearSession,
  communityOfScope,
  deviceLabel,
  emptyCounts,
  loadSession,
  newEventId,
  saveSession,
  type StationSession,
  userFromAnswer,
} from './session'

/** How long a check waits for the server before deciding offline. */
export const kOnlineTimeoutMs = 4_000
/** How often the outbox is retried (and the server looked for after a failure). */
export const kRetryMs = 10_000
/** How often the pass key and the gate list are fetched again. */
export const kRefreshMs = 5 * 60_000

/** A decision as the guard sees it, from the server or made offline. */
export interface ShownDecision {
  decision: Decision
  /** The server's words; '' for an offline reason, which the page puts into words. */
  reasons: Array<{ code: string; message: string }>
  personName: string
  colour: PassColour | null
  offline: boolean
  method: Identity['kind']
  feverCaseId: number | null
  /** RFC 3339 */
  decidedAt: string
  temperature: number | null
}

/** A check the server refused as asked (a 4xx): nothing was recorded; the guard corrects it. */
export interface CheckRefused {
  code: string
  message: string
  field?: string
}

const kMetaPublicKey = 'public-key'
const kMetaGateList = (code: string) => `gate-list:${code}`

interface KeptKey {
  key_id: string
  public_key: string
}

function keyBytes(kept: KeptKey | undefined): Uint8Array | null {
  const bytes = kept ? base64UrlDecode(kept.public_key) : null
  return bytes !== null && bytes.length === kPublicKeyBytes ? bytes : null
}

function isNetworkFailure(error: unknown): boolean {
  return (error instanceof ApiError && error.status === 0) || (error instanceof DOMException && error.name === 'AbortError')
}

/** A failure that the offline path covers: no answer, a busy or broken server, a lost session. */
function fallsBackOffline(error: unknown): boolean {
  return isNetworkFailure(error) || (error instanceof ApiError && (error.status === 401 || error.status === 408 || error.status === 429 || error.status >= 500))
}

function serverShown(r: GateEventResult, method: Identity['kind'], temperature: number | null): ShownDecision {
  return {
    decision: r.decision,
    reasons: r.reasons,
    personName: r.person_name,
    colour: r.colour,
    offline: false,
    method,
    feverCaseId: r.fever_case_id,
    decidedAt: r.decided_at,
    temperature,
  }
}

export type Station = ReturnType<typeof createStation>

export function createStation(store: QueueStore) {
  const state = reactive({
    session: loadSession() as StationSession | null,
    /** The browser's own view (navigator.onLine). */
    browserOnline: typeof navigator === 'undefined' ? true : navigator.onLine,
    /** Whether the server answered the last time it was asked. */
    reachable: true,
    /** The session's token was refused: checks go on offline until the guard signs in again. */
    needsSignIn: false,
    pending: 0,
    othersPending: 0,
    rejected: [] as RejectedEvent[],
    uploading: false,
    /** Checks waiting or running. */
    busy: 0,
    last: null as ShownDecision | null,
    /** How many decisions were shown: the banner's data-seq, new with each one. */
    shownSeq: 0,
    direction: 'in' as Direction,
    keyReady: false,
    listGeneratedAt: null as string | null,
    updateReady: false,
  })
  let publicKey: Uint8Array | null = null
  let gateList: GateListIndex | null = null
  const device = deviceLabel()
  /** The token of a sign-in under way, sent before it becomes the session's. */
  let signingInToken: string | null = null

  configureHttp({
    getToken: () => signingInToken ?? state.session?.token ?? null,
    getLanguage: () => language.value,
    onUnauthorized: () => {
      if (state.session !== null && signingInToken === null) {
        state.needsSignIn = true
      }
    },
  })

  const isOnline = () => state.browserOnline && state.reachable

  function persist(): void {
    if (state.session !== null) {
      saveSession(state.session)
    }
  }

  async function refreshCounts(): Promise<void> {
    try {
      const user = state.session?.user.username
      const all = await store.count()
      state.pending = user === undefined ? 0 : await store.count(user)
      state.othersPending = all - state.pending
      state.rejected = user === undefined ? [] : await store.rejected(user)
    } catch {
      // The store failed to answer: the figures stay as they were.
    }
  }

  /** The cached key and gate list of the session's community, into memory. */
  async function loadCached(): Promise<void> {
    try {
      publicKey = keyBytes(await store.getMeta<KeptKey>(kMetaPublicKey))
      state.keyReady = publicKey !== null
      const code = state.session?.communityCode
      const list = code ? await store.getMeta<GateList>(kMetaGateList(code)) : undefined
      gateList = list ? indexGateList(list) : null
      state.listGeneratedAt = list?.generated_at ?? null
    } catch {
      // Nothing cached can be read: offline checks refer to the guard.
    }
  }

  /** Fetches the pass key and the gate list again; marks the server reachable or not. */
  async function refreshData(): Promise<void> {
    try {
      const key = await gateApi.publicKey()
      const bytes = key.algorithm === 'Ed25519' ? keyBytes(key) : null
      if (bytes !== null) {
        publicKey = bytes
        state.keyReady = true
        const kept: KeptKey = { key_id: key.key_id, public_key: key.public_key }
        await store.setMeta(kMetaPublicKey, kept satisfies Pick<PassPublicKey, 'key_id' | 'public_key'>)
      }
      state.reachable = true
    } catch (error) {
      if (isNetworkFailure(error)) {
        state.reachable = false
        return
      }
    }
    const code = state.session?.communityCode
    if (!code || state.needsSignIn) {
      return
    }
    try {
      const list = await gateApi.gateList(code)
      gateList = indexGateList(list)
      state.listGeneratedAt = list.generated_at
      await store.setMeta(kMetaGateList(code), list)
    } catch (error) {
      if (isNetworkFailure(error)) {
        state.reachable = false
      }
    }
  }

  const send = batchSender(
    (events) => gateApi.recordBatch(events),
    (event) => gateApi.record(event),
  )
  let flushing: Promise<void> | null = null

  /** Uploads the guard's outbox, once at a time. */
  function flush(): Promise<void> {
    const user = state.session?.user.username
    if (flushing !== null || user === undefined || state.needsSignIn || !state.browserOnline) {
      return flushing ?? Promise.resolve()
    }
    flushing = (async () => {
      state.uploading = true
      try {
        const report = await flushQueue(store, user, send)
        if (report.stopped === 'network') {
          state.reachable = false
        } else if (report.stopped === 'unauthorized') {
          state.needsSignIn = true
        } else {
          state.reachable = true
        }
      } catch {
        // The store failed: the events stay where they are, for the next tick.
      } finally {
        await refreshCounts()
        state.uploading = false
        flushing = null
      }
    })()
    return flushing
  }

  async function tick(): Promise<void> {
    if (state.session === null || !state.browserOnline) {
      return
    }
    if (state.pending > 0 && !state.needsSignIn) {
      await flush()
    } else if (!state.reachable) {
      await refreshData()
    }
  }

  let chain: Promise<unknown> = Promise.resolve()

  /**
   * Decides `identity` passing the current direction with `temperatureTenths`: the server's answer
   * when it gives one in time, else the offline decision, queued. Resolves to the refusal when the
   * server refused the check as asked (nothing recorded).
   */
  function check(identity: Identity, temperatureTenths: number | null): Promise<CheckRefused | null> {
    const direction = state.direction
    state.busy++
    let settled = false
    // The banner leaves its "checking" state as soon as the decision shows, not when it is kept.
    const settle = () => {
      if (!settled) {
        settled = true
        state.busy--
      }
    }
    const run = chain.then(() => runCheck(identity, direction, temperatureTenths, settle)).finally(settle)
    chain = run.catch(() => undefined)
    return run
  }

  async function runCheck(
    identity: Identity,
    direction: Direction,
    tenths: number | null,
    settle: () => void,
  ): Promise<CheckRefused | null> {
    const session = state.session
    if (session === null || session.entrance === null) {
      return null
    }
    const decidedAt = new Date()
    const temperature = tenths === null ? null : tenths / 10
    const event: GateEventInput = {
      entrance_id: session.entrance.id,
      direction,
      client_event_id: newEventId(),
      decided_at: decidedAt.toISOString(),
      device,
    }
    if (identity.kind === 'token') {
      event.token = identity.token
    } else if (identity.kind === 'id_number') {
      event.id_number = identity.value
    } else {
      event.plate = identity.value
    }
    if (temperature !== null) {
      event.temperature = temperature
    }

    if (isOnline() && !state.needsSignIn) {
      const abort = new AbortController()
      const timer = setTimeout(() => abort.abort(), kOnlineTimeoutMs)
      try {
        const answer = await gateApi.record(event, { signal: abort.signal })
        state.reachable = true
        show(serverShown(answer, identity.kind, temperature))
        settle()
        return null
      } catch (error) {
        if (!fallsBackOffline(error)) {
          // Nothing was decided: the banner must not go on showing the previous person's answer.
          state.last = null
          const e = error instanceof ApiError ? error : new ApiError(0, 'unknown', String(error))
          return { code: e.code, message: e.message, field: e.field }
        }
        if (isNetworkFailure(error)) {
          state.reachable = false
        }
      } finally {
        clearTimeout(timer)
      }
    }

    const verdict = await decideOffline(identity, direction, tenths, {
      communityCode: session.communityCode ?? '',
      publicKey,
      gateList,
      now: decidedAt.getTime(),
    })
    const shown: ShownDecision = {
      decision: verdict.decision,
      reasons: verdict.reasons.map((code) => ({ code, message: '' })),
      personName: '',
      colour: verdict.colour,
      offline: true,
      method: identity.kind,
      feverCaseId: null,
      decidedAt: event.decided_at,
      temperature,
    }
    show(shown)
    settle()
    try {
      await store.append({
        user: session.user.username,
        event,
        shown: { decision: verdict.decision, reasons: verdict.reasons },
        queued_at: new Date().toISOString(),
      })
    } finally {
      await refreshCounts()
    }
    return null
  }

  function show(shown: ShownDecision): void {
    state.last = shown
    state.shownSeq++
    const session = state.session
    if (session !== null) {
      session.counts[shown.decision]++
      persist()
    }
    if (shown.decision !== 'allow') {
      navigator.vibrate?.(shown.decision === 'deny' ? [120, 60, 120] : 200)
    }
  }

  /**
   * Signs `username` in. The same guard signing in again after the session lapsed keeps the
   * entrance and the shift's counts; anyone else starts a new shift.
   */
  async function signIn(username: string, password: string): Promise<void> {
    const login = await authApi.login(username, password)
    const before = state.session
    let me: unknown = null
    signingInToken = login.token
    try {
      me = await request<unknown>('GET', '/api/v1/auth/me')
    } catch {
      // The login's own copy of the user will do.
    } finally {
      signingInToken = null
    }
    const user = userFromAnswer(me) ?? userFromAnswer(login)
    if (user === null) {
      throw new ApiError(0, 'station.user', '')
    }
    const same = before !== null && before.user.username === user.username
    state.session = {
      token: login.token,
      user,
      communityCode: same ? before.communityCode : communityOfScope(user.scope),
      entrance: same ? before.entrance : null,
      signedInAt: same ? before.signedInAt : new Date().toISOString(),
      counts: same ? before.counts : emptyCounts(),
    }
    if (!same) {
      state.last = null
    }
    state.needsSignIn = false
    state.reachable = true
    persist()
    await loadCached()
    await refreshCounts()
    void refreshData()
    void flush()
  }

  function signOut(): void {
    clearSession()
    state.session = null
    state.needsSignIn = false
    state.last = null
    state.pending = 0
    state.rejected = []
    gateList = null
    state.listGeneratedAt = null
    void refreshCounts()
  }

  /** The communities the guard may choose from (for a scope wider than one community). */
  async function communities(): Promise<Community[]> {
    return (await request<Items<Community>>('GET', '/api/v1/communities')).items
  }

  function setCommunity(code: string): void {
    if (state.session === null) {
      return
    }
    state.session.communityCode = code
    state.session.entrance = null
    persist()
    void loadCached().then(refreshData)
  }

  function setEntrance(entrance: StationSession['entrance']): void {
    if (state.session === null) {
      return
    }
    state.session.entrance = entrance
    persist()
  }

  async function clearRejected(): Promise<void> {
    const user = state.session?.user.username
    if (user !== undefined) {
      await store.clearRejected(user)
      await refreshCounts()
    }
  }

  let timers: Array<ReturnType<typeof setInterval>> = []
  const onOnline = () => {
    state.browserOnline = true
    state.reachable = true
    void refreshData().then(flush)
  }
  const onOffline = () => {
    state.browserOnline = false
  }

  /** Loads what this device keeps (the pass key, the gate list, the outbox's figures). */
  async function load(): Promise<void> {
    await loadCached()
    await refreshCounts()
  }

  /** Starts the timers and, online, fetches fresh data and uploads. REQUIRES: load() done. */
  async function start(): Promise<void> {
    window.addEventListener('online', onOnline)
    window.addEventListener('offline', onOffline)
    timers = [setInterval(() => void tick(), kRetryMs), setInterval(() => void (isOnline() && refreshData()), kRefreshMs)]
    if (state.session !== null && state.browserOnline) {
      await refreshData()
      void flush()
    }
  }

  function stop(): void {
    window.removeEventListener('online', onOnline)
    window.removeEventListener('offline', onOffline)
    timers.forEach(clearInterval)
    timers = []
  }

  return {
    state,
    isOnline,
    check,
    flush,
    signIn,
    signOut,
    communities,
    setCommunity,
    setEntrance,
    clearRejected,
    refreshData,
    load,
    start,
    stop,
  }
}
