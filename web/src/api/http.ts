// The one HTTP wrapper of the console: every API call goes through here. It adds the bearer
// token and the UI language (the server localises error messages from Accept-Language), turns
// every failure into an ApiError carrying the server's {code, message, field}, and reports any
// 401 to the session (which signs out and goes to the sign-in page).
//
// It knows nothing of Vue, the router or the store: main.ts wires those in with configureHttp,
// so the mapping here is plain logic and unit-tested as such.

import type { ErrorBody } from './types'

/** A failed API call: the server's error, or a network failure (`status` 0). */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly field: string | undefined
  /** The whole parsed body, for errors that carry more (e.g. `import` beside import.rejected). */
  readonly body: unknown

  constructor(status: number, code: string, message: string, field?: string, body?: unknown) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.field = field
    this.body = body
  }
}

export interface HttpConfig {
  /** The session token, or null when signed out. */
  getToken: () => string | null
  /** The UI language, sent as Accept-Language (`zh-CN` or `en`). */
  getLanguage: () => string
  /** Called once per 401 answer to a signed-in call. */
  onUnauthorized: (error: ApiError) => void
}

const config: HttpConfig = {
  getToken: () => null,
  getLanguage: () => 'zh-CN',
  onUnauthorized: () => undefined,
}

export function configureHttp(overrides: Partial<HttpConfig>): void {
  Object.assign(config, overrides)
}

export type QueryValue = string | number | boolean | null | undefined | ReadonlyArray<string | number>
export type Query = Record<string, QueryValue>

/** `path?query`, skipping empty values and repeating a key for each item of an array. */
export function buildUrl(path: string, query?: Query): string {
  if (!query) {
    return path
  }
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') {
      continue
    }
    if (Array.isArray(value)) {
      for (const item of value as ReadonlyArray<string | number>) {
        params.append(key, String(item))
      }
    } else {
      params.append(key, String(value))
    }
  }
  const text = params.toString()
  return text ? `${path}?${text}` : path
}

function isErrorBody(body: unknown): body is ErrorBody {
  if (typeof body !== 'object' || body === null || !('error' in body)) {
    return false
  }
  const error = (body as { error: unknown }).error
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  )
}

/**
 * The ApiError for an answer with `status` and parsed `body`. A body without the error shape
 * (a proxy's page, an empty answer) gets the code `http.<status>` and `fallbackMessage`.
 */
export function toApiError(status: number, body: unknown, fallbackMessage = ''): ApiError {
  if (isErrorBody(body)) {
    const { code, message, field } = body.error
    return new ApiError(status, code, message, field || undefined, body)
  }
  return new ApiError(status, `http.${status}`, fallbackMessage || `HTTP ${status}`, undefined, body)
}

/** The code for a request that never got an answer. */
export const kNetworkError = 'network.error'

export interface RequestOptions {
  query?: Query
  /** Sent as JSON. */
  body?: unknown
  signal?: AbortSignal
  /**
   * false for the sign-in call: no token is sent and a 401 (wrong password) is the caller's to
   * show, not a lost session.
   */
  auth?: boolean
}

function headersFor(auth: boolean, json: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': config.getLanguage(),
  }
  if (json) {
    headers['Content-Type'] = 'application/json'
  }
  const token = auth ? config.getToken() : null
  if (token) {
    headers.Authorization = `Bearer ${token}`
  }
  return headers
}

/** Maps a failed answer to its error, telling the session about a 401. */
function fail(status: number, body: unknown, statusText: string, auth: boolean): ApiError {
  const error = toApiError(status, body, statusText)
  if (status === 401 && auth) {
    config.onUnauthorized(error)
  }
  return error
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text()
  if (!text) {
    return undefined
  }
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const auth = options.auth ?? true
  const hasBody = options.body !== undefined
  try {
    return await fetch(buildUrl(path, options.query), {
      method,
      headers: headersFor(auth, hasBody),
      body: hasBody ? JSON.stringify(options.body) : undefined,
      signal: options.signal,
    })
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') {
      throw cause
    }
    throw new ApiError(0, kNetworkError, cause instanceof Error ? cause.message : String(cause))
  }
}

/** One JSON call; resolves to the parsed answer (undefined for 204). */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const auth = options.auth ?? true
  const response = await send(method, path, options)
  const body = await readJson(response)
  if (!response.ok) {
    throw fail(response.status, body, response.statusText, auth)
  }
  return body as T
}

export const http = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, options: RequestOptions = {}) =>
    request<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: <T>(path: string, body?: unknown) => request<T>('DELETE', path, { body }),
}

/**
 * The file name of an attachment, from `Content-Disposition` (RFC 6266): the UTF-8 `filename*`
 * when given, else `filename`, else `fallback`.
 */
export function parseContentDisposition(header: string | null, fallback: string): string {
  if (!header) {
    return fallback
  }
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header)
  if (extended?.[2]) {
    try {
      return decodeURIComponent(extended[2].trim())
    } catch {
      // A malformed escape: fall through to the plain name.
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header)
  const name = plain?.[2] ?? plain?.[1]
  return name ? name.trim() : fallback
}

export interface Download {
  blob: Blob
  fileName: string
}

/** Fetches a file (an export, an error sheet) with the session's token. */
export async function fetchFile(path: string, query: Query | undefined, fallbackName: string): Promise<Download> {
  const response = await send('GET', path, { query })
  if (!response.ok) {
    throw fail(response.status, await readJson(response), response.statusText, true)
  }
  const blob = await response.blob()
  return { blob, fileName: parseContentDisposition(response.headers.get('Content-Disposition'), fallbackName) }
}

export interface UploadOptions {
  query?: Query
  /** Called as the body goes out, with the fraction sent (0..1). */
  onProgress?: (fraction: number) => void
  /** The multipart field that carries the file. */
  field?: string
}

/**
 * Uploads one file as multipart/form-data. XMLHttpRequest rather than fetch, because only it
 * reports upload progress. Resolves to the parsed answer; rejects with an ApiError.
 */
export function uploadFile<T>(path: string, file: File, options: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', buildUrl(path, options.query))
    for (const [name, value] of Object.entries(headersFor(true, false))) {
      xhr.setRequestHeader(name, value)
    }
    xhr.upload.onprogress = (event: ProgressEvent) => {
      if (event.lengthComputable && options.onProgress) {
        options.onProgress(event.total > 0 ? event.loaded / event.total : 1)
      }
    }
    xhr.onload = () => {
      let body: unknown = undefined
      if (xhr.responseText) {
        try {
          body = JSON.parse(xhr.responseText) as unknown
        } catch {
          body = xhr.responseText
        }
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        options.onProgress?.(1)
        resolve(body as T)
      } else {
        reject(fail(xhr.status, body, xhr.statusText, true))
      }
    }
    xhr.onerror = () => reject(new ApiError(0, kNetworkError, 'network error'))
    xhr.onabort = () => reject(new ApiError(0, 'request.aborted', 'aborted'))
    const form = new FormData()
    form.append(options.field ?? 'file', file, file.name)
    xhr.send(form)
  })
}

/** Hands a fetched file to the browser as a download. */
export function saveBlob(download: Download): void {
  const url = URL.createObjectURL(download.blob)
  const link = document.createElement('a')
  link.href = url
  link.download = download.fileName
  link.rel = 'noopener'
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
