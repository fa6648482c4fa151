// The gate checkpoint (tag `gate`). gateApi is the station's (src/station/): a guard's scan,
// decided and stored once per client_event_id; a batch of scans made offline; the day's gate list
// and the pass key for deciding offline. The shapes only the station sends or reads are here;
// those the console reads too are in types.ts.
import { buildUrl, request, type RequestOptions } from './http'
import type {
  DocType,
  EntranceKind,
  FeverCase,
  FeverCaseCriteria,
  GateDecision,
  GateDirection,
  GateEvent,
  GateEventCriteria,
  GateReason,
  Items,
  Page,
  PassColour,
  Shift,
  ShiftInput,
  Visitor,
  VisitorCriteria,
} from './types'

/** One scan as the station sends it: exactly one of token, id_number and plate. */
export interface GateEventInput {
  entrance_id: number
  token?: string
  id_number?: string
  plate?: string
  direction: GateDirection
  /** °C, 34.0–43.0. */
  temperature?: number
  /** A UUID v4 made by the station: the same event sent again is stored once. */
  client_event_id: string
  /** RFC 3339 UTC, when the station decided. */
  decided_at: string
  /** A short label of the station's device. */
  device: string
}

export interface GateEventResult {
  decision: GateDecision
  reasons: GateReason[]
  event_id: number
  colour: PassColour | null
  /** "王*" */
  person_name: string
  fever_case_id: number | null
  decided_at: string
  received_at: string
}

/** One answer of a batch, in the order sent. */
export type GateBatchResult =
  | { client_event_id: string; status: 201 | 200; body: GateEventResult }
  | { client_event_id: string; status: number; error: { code: string; message: string; field?: string } }

/** The persons whose colour is not green or changed recently: the day's deny list. */
export interface GateListItem {
  /** The 22-character person ref a pass carries. */
  ref: string
  colour: PassColour
  colour_since: string
  valid_until: string
}

export interface GateList {
  generated_at: string
  community_code: string
  items: GateListItem[]
}

export interface PassPublicKey {
  algorithm: string
  key_id: string
  /** 32 bytes, base64url. */
  public_key: string
  encoding: string
  format: string
}

export interface GateEntrance {
  id: number
  name: string
  zone_id: number | null
  kind: EntranceKind
}

/** A visitor as the station registers them (访客登记). */
export interface VisitorInput {
  entrance_id: number
  name: string
  doc_type: DocType
  doc_number: string
  /** A mainland mobile number. */
  phone: string
  /** Whom they visit: a name or a room. */
  host: string
  purpose: string
  /** °C, 34.0–43.0. */
  temperature?: number
  plate?: string
}

export interface VisitorRegistered {
  visitor: Visitor
  /** A visitor is let in or referred to the guard, never denied outright. */
  decision: Extract<GateDecision, 'allow' | 'refer'>
  reasons: GateReason[]
  fever_case_id: number | null
  /** A pass for the day, when let in. */
  pass: { token: string; expires_at: string } | null
}

/** The most events one batch may carry. */
export const kMaxBatchEvents = 500

const community = (code: string) => `/api/v1/communities/${encodeURIComponent(code)}`

export const gateApi = {
  entrances: (code: string) => request<Items<GateEntrance>>('GET', `${community(code)}/entrances`),
  record: (event: GateEventInput, options: Pick<RequestOptions, 'signal'> = {}) =>
    request<GateEventResult>('POST', '/api/v1/gate-events', { body: event, signal: options.signal }),
  /** REQUIRES: at most kMaxBatchEvents events. */
  recordBatch: (events: readonly GateEventInput[], options: Pick<RequestOptions, 'signal'> = {}) =>
    request<{ results: GateBatchResult[] }>('POST', '/api/v1/gate-events/batch', {
      body: { events },
      signal: options.signal,
    }),
  gateList: (code: string) => request<GateList>('GET', `${community(code)}/gate-list`),
  publicKey: () => request<PassPublicKey>('GET', '/api/v1/passes/public-key', { auth: false }),
  registerVisitor: (input: VisitorInput) => request<VisitorRegistered>('POST', '/api/v1/visitors', { body: input }),
  visitorLeft: (id: number) => request<Visitor>('POST', `/api/v1/visitors/${id}/exit`),
  /** The address of a pass's QR image (public, no token), for an `<img src>`. */
  passQrUrl: (token: string) => buildUrl('/api/v1/passes/qr', { token, format: 'svg' }),
}

// The console's side (the gate pages and the fever alerts): the gate log and the fever cases,
// read with the staff token. The station does not call them.
export const gateLogApi = {
  /** The gate log (出入记录), newest first by decided_at. */
  events: (code: string, criteria: GateEventCriteria, limit: number, cursor: string | null, signal?: AbortSignal) =>
    request<Page<GateEvent>>('GET', `${community(code)}/gate-events`, { query: { ...criteria, limit, cursor }, signal }),
  /** Fever cases (发热), newest first. */
  feverCases: (code: string, criteria: FeverCaseCriteria, limit: number, cursor: string | null, signal?: AbortSignal) =>
    request<Page<FeverCase>>('GET', `${community(code)}/fever-cases`, { query: { ...criteria, limit, cursor }, signal }),
  /** The visitor log (访客记录), newest first by in_at. */
  visitors: (code: string, criteria: VisitorCriteria, limit: number, cursor: string | null, signal?: AbortSignal) =>
    request<Page<Visitor>>('GET', `${community(code)}/visitors`, { query: { ...criteria, limit, cursor }, signal }),
}

// The gate-duty shifts (值班安排), read and arranged in the console.
export const shiftsApi = {
  day: (code: string, day: string) => request<Items<Shift>>('GET', `${community(code)}/shifts`, { query: { day } }),
  add: (entranceId: number, input: ShiftInput) => request<Shift>('POST', `/api/v1/entrances/${entranceId}/shifts`, { body: input }),
  remove: (id: number) => request<void>('DELETE', `/api/v1/shifts/${id}`),
}
