// The HTTP wrapper: URLs, error mapping, headers, and the 401 hand-off to the session.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { ApiError, buildUrl, configureHttp, http, kNetworkError, parseContentDisposition, request, toApiError } from '@/api/http'

function jsonResponse(status: number, body: unknown): Response {
  return new Response(body === undefined ? '' : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  })
}

describe('buildUrl', () => {
  const cases: Array<[string, Parameters<typeof buildUrl>[1], string]> = [
    ['/a', undefined, '/a'],
    ['/a', {}, '/a'],
    ['/a', { q: '张', limit: 20 }, '/a?q=%E5%BC%A0&limit=20'],
    ['/a', { q: '', cursor: null, zone_id: undefined }, '/a'],
    ['/a', { flag: ['elderly', 'chronic'] }, '/a?flag=elderly&flag=chronic'],
    ['/a', { out_migrant: false }, '/a?out_migrant=false'],
  ]
  it.each(cases)('%s %j → %s', (path, query, want) => {
    expect(buildUrl(path, query)).toBe(want)
  })
})

describe('toApiError', () => {
  it('keeps the server error shape', () => {
    const e = toApiError(422, { error: { code: 'id_number.check_digit', message: '校验位不正确', field: 'id_number' } })
    expect(e).toBeInstanceOf(ApiError)
    expect(e.status).toBe(422)
    expect(e.code).toBe('id_number.check_digit')
    expect(e.message).toBe('校验位不正确')
    expect(e.field).toBe('id_number')
  })

  it('treats an empty field as none', () => {
    expect(toApiError(404, { error: { code: 'x.not_found', message: 'm', field: '' } }).field).toBeUndefined()
  })

  it('keeps extra members of the body (the import report)', () => {
    const body = { error: { code: 'import.rejected', message: 'm' }, import: { id: 7 } }
    expect(toApiError(422, body).body).toEqual(body)
  })

  it('maps a body without the shape to http.<status>', () => {
    const e = toApiError(502, '<html>Bad gateway</html>', 'Bad Gateway')
    expect(e.code).toBe('http.502')
    expect(e.message).toBe('Bad Gateway')
    expect(e.field).toBeUndefined()
  })

  it('rejects a malformed error member', () => {
    expect(toApiError(400, { error: { code: 5 } }).code).toBe('http.400')
    expect(toApiError(400, { error: null }).code).toBe('http.400')
  })
})

describe('request', () => {
  const onUnauthorized = vi.fn()
  let token: string | null = 'tok'
  let language = 'zh-CN'

  beforeEach(() => {
    token = 'tok'
    language = 'zh-CN'
    onUnauthorized.mockReset()
    configureHttp({ getToken: () => token, getLanguage: () => language, onUnauthorized })
  })

  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('sends the token, the language and JSON', async () => {
    const fetchMock = vi.fn().mockResolvedValue(jsonResponse(200, { id: 1 }))
    vi.stubGlobal('fetch', fetchMock)
    language = 'en'
    const out = await http.post<{ id: number }>('/api/v1/x', { a: 1 })
    expect(out).toEqual({ id: 1 })
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit]
    expect(url).toBe('/api/v1/x')
    const headers = init.headers as Record<string, string>
    expect(headers.Authorization).toBe('Bearer tok')
    expect(headers['Accept-Language']).toBe('en')
    expect(headers['Content-Type']).toBe('application/json')
    expect(init.body).toBe('{"a":1}')
  })

  it('sends no token when signed out, and no body on GET', async () => {
    const fetchMock = vi.fn().mockResolvedValue(jsonResponse(200, {}))
    vi.stubGlobal('fetch', fetchMock)
    token = null
    await http.get('/api/v1/y', { q: 'a' })
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit]
    expect(url).toBe('/api/v1/y?q=a')
    expect((init.headers as Record<string, string>).Authorization).toBeUndefined()
    expect(init.body).toBeUndefined()
  })

  it('resolves 204 to undefined', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(new Response(null, { status: 204 })))
    await expect(http.post('/api/v1/auth/logout')).resolves.toBeUndefined()
  })

  it('throws the server error with its field', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn().mockResolvedValue(
        jsonResponse(422, { error: { code: 'id_number.check_digit', message: 'bad', field: 'id_number' } }),
      ),
    )
    const error = await http.patch('/api/v1/persons/1', {}).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).field).toBe('id_number')
    expect(onUnauthorized).not.toHaveBeenCalled()
  })

  it('hands a 401 to the session, with its code', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn().mockResolvedValue(jsonResponse(401, { error: { code: 'auth.session_expired', message: '登录已过期' } })),
    )
    await expect(http.get('/api/v1/auth/me')).rejects.toMatchObject({ status: 401, code: 'auth.session_expired' })
    expect(onUnauthorized).toHaveBeenCalledTimes(1)
    expect((onUnauthorized.mock.calls[0]?.[0] as ApiError).code).toBe('auth.session_expired')
  })

  it('does not treat a failed sign-in as a lost session', async () => {
    const fetchMock = vi
      .fn()
      .mockResolvedValue(jsonResponse(401, { error: { code: 'auth.invalid_credentials', message: '用户名或密码错误' } }))
    vi.stubGlobal('fetch', fetchMock)
    await expect(
      request('POST', '/api/v1/auth/login', { body: { username: 'a', password: 'b' }, auth: false }),
    ).rejects.toMatchObject({ code: 'auth.invalid_credentials' })
    expect(onUnauthorized).not.toHaveBeenCalled()
    const init = fetchMock.mock.calls[0]?.[1] as RequestInit
    expect((init.headers as Record<string, string>).Authorization).toBeUndefined()
  })

  it('maps a network failure to status 0', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')))
    await expect(http.get('/api/v1/x')).rejects.toMatchObject({ status: 0, code: kNetworkError })
  })
})

describe('parseContentDisposition', () => {
  it('prefers the UTF-8 name', () => {
    const header =
      "attachment; filename=\"persons-441900003001.xlsx\"; filename*=UTF-8''%E4%BA%BA%E5%91%98%E4%BF%A1%E6%81%AF%E8%A1%A8-441900003001.xlsx"
    expect(parseContentDisposition(header, 'x')).toBe('人员信息表-441900003001.xlsx')
  })
  it('falls back to the plain name, then to the default', () => {
    expect(parseContentDisposition('attachment; filename="a.csv"', 'x')).toBe('a.csv')
    expect(parseContentDisposition('attachment; filename=b.csv', 'x')).toBe('b.csv')
    expect(parseContentDisposition(null, 'x.xlsx')).toBe('x.xlsx')
    expect(parseContentDisposition('attachment', 'y')).toBe('y')
  })
})
