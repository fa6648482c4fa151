// The health pages' pure helpers: colour counts, sweep flags and teams, risk areas, new arrivals,
// the assisted declaration, printing one element, and the API addresses.
import { afterEach, describe, expect, it, vi } from 'vitest'

import { healthApi } from '@/api/health'
import type { Arrival, ColourCounts } from '@/api/types'
import zhCN from '@/locales/zh-CN'
import { assistedBody, assistMessageKey, emptyAssistForm, isAssistField, validateAssisted, type AssistForm } from '@/utils/assist'
import {
  arrivalCriteria,
  arrivalStatus,
  declarePageUrl,
  isRegionCode,
  kArrivalFilters,
  replaceArrival,
  riskAreaBody,
  splitFlags,
  tallyTotal,
  teamMembers,
  zoneColourRows,
} from '@/utils/health'
import { printElement } from '@/utils/print'

describe('zoneColourRows', () => {
  const counts: ColourCounts = {
    zones: [
      { zone_id: null, zone_name: '', green: 1, yellow: 0, red: 0, none: 4 },
      { zone_id: 3, zone_name: '一片区', green: 10, yellow: 2, red: 1, none: 7 },
      { zone_id: 4, zone_name: '', green: 0, yellow: 0, red: 0, none: 1 },
    ],
    totals: { green: 11, yellow: 2, red: 1, none: 12 },
  }

  it('names each zone and puts persons without one last', () => {
    expect(zoneColourRows(counts, '未分片区')).toEqual([
      { zoneId: 3, name: '一片区', green: 10, yellow: 2, red: 1, none: 7 },
      { zoneId: 4, name: '#4', green: 0, yellow: 0, red: 0, none: 1 },
      { zoneId: null, name: '未分片区', green: 1, yellow: 0, red: 0, none: 4 },
    ])
    expect(tallyTotal(counts.totals)).toBe(26)
  })
})

describe('sweep helpers', () => {
  it('splits the derived elderly flag from the stored ones', () => {
    expect(splitFlags(['elderly', 'living_alone'])).toEqual({ flags: ['living_alone'], elderly: true })
    expect(splitFlags(['chronic'])).toEqual({ flags: ['chronic'], elderly: false })
  })

  it('names the team by where each member comes from, skipping blanks', () => {
    expect(teamMembers({ property: ' 张三 ', workTeam: '李四', police: '王五' })).toEqual([
      '物业 张三',
      '工作队 李四',
      '民警 王五',
    ])
    expect(teamMembers({ property: '', workTeam: '李四', police: ' ' })).toEqual(['工作队 李四'])
  })
})

describe('risk areas', () => {
  it('sends trimmed text and null for a listing still in force', () => {
    expect(riskAreaBody({ region_code: ' 420 100', name: ' 武汉市 ', level: 'high', from: '2026-11-20', until: '' })).toEqual({
      region_code: '420100',
      name: '武汉市',
      level: 'high',
      from: '2026-11-20',
      until: null,
    })
    expect(riskAreaBody({ region_code: '420100', name: 'x', level: 'low', from: '2026-11-20', until: '2026-12-01' }).until).toBe(
      '2026-12-01',
    )
  })

  it.each([
    ['420100', true],
    ['441900003', true],
    ['42010', false],
    ['4201000', false],
    ['020100', false],
    ['42010a', false],
  ])('region code %s → %s', (code, want) => {
    expect(isRegionCode(code)).toBe(want)
  })

  it('links the declaration page of a community', () => {
    expect(declarePageUrl('https://x.example', '441900003013')).toBe('https://x.example/d/441900003013')
  })
})

describe('assisted declaration', () => {
  const today = new Date(2026, 10, 22, 10, 0)
  const filled = (): AssistForm => ({
    ...emptyAssistForm(),
    person_id: 42,
    temperature: 37.25,
    symptoms: ['cough'],
    travel: [{ key: 1, region_code: ' 420100 ', from: '2026-11-18', to: '2026-11-20', transport: 'g1234' }],
    contact_with_cases: true,
    plate: '粤s 123·45',
    promise: true,
  })

  it('starts at 36.5 °C without a person, symptoms or travel', () => {
    expect(emptyAssistForm()).toMatchObject({ person_id: null, temperature: 36.5, symptoms: [], travel: [], promise: false })
  })

  it('builds the body the way the phone page does, naming the person by id', () => {
    expect(assistedBody(filled(), 42, '441900003013')).toEqual({
      community_code: '441900003013',
      person_id: 42,
      temperature: 37.3,
      symptoms: ['cough'],
      travel: [{ region_code: '420100', from: '2026-11-18', to: '2026-11-20', transport: 'G1234' }],
      contact_with_cases: true,
      contact_with_risk_area: false,
      plate: '粤S12345',
      promise: true,
    })
    const bare = { ...filled(), plate: ' ', travel: [], symptoms: [] }
    const body = assistedBody(bare, 42, 'c')
    expect(body).not.toHaveProperty('plate')
    expect(body.symptoms).toEqual([])
  })

  it('finds nothing wrong with a filled form', () => {
    expect(validateAssisted(filled(), today)).toEqual({})
  })

  it('checks the person, the temperature, the travel rows and the promise', () => {
    const form: AssistForm = {
      ...emptyAssistForm(),
      temperature: undefined,
      travel: [
        { key: 1, region_code: '4201', from: '', to: '2026-11-23', transport: '' },
        { key: 2, region_code: '420100', from: '2026-11-20', to: '2026-11-19', transport: '' },
      ],
    }
    expect(validateAssisted(form, today)).toEqual({
      person_id: 'health.assist.errors.personRequired',
      temperature: 'health.assist.errors.temperatureRange',
      'travel[0].region_code': 'health.assist.errors.regionCodeInvalid',
      'travel[0].from': 'health.assist.errors.dateRequired',
      'travel[0].to': 'health.assist.errors.dateFuture',
      'travel[1].to': 'health.assist.errors.dateOrder',
      promise: 'health.assist.errors.promiseRequired',
    })
  })

  it('has a console message for every phone-page check it reuses', () => {
    const errors = zhCN.health.assist.errors as Record<string, string>
    for (const key of ['temperatureRange', 'regionCodeInvalid', 'dateRequired', 'dateFuture', 'dateOrder', 'promiseRequired']) {
      const consoleKey = assistMessageKey(`errors.${key}`)
      expect(consoleKey).toBe(`health.assist.errors.${key}`)
      expect(errors[key], key).toBeTruthy()
    }
  })

  it('shows a server error beside its input when the form has that input', () => {
    const form = filled()
    expect(isAssistField('temperature', form)).toBe(true)
    expect(isAssistField('travel[0].from', form)).toBe(true)
    expect(isAssistField('travel[1].from', form)).toBe(false)
    expect(isAssistField('community_code', form)).toBe(false)
  })
})

describe('printElement', () => {
  afterEach(() => {
    document.body.innerHTML = ''
    document.body.className = ''
  })

  it('prints a copy of the element alone, and tidies up after', () => {
    const pass = document.createElement('div')
    pass.className = 'pass'
    pass.textContent = '绿码'
    document.body.appendChild(pass)
    let during = ''
    const print = vi.fn(() => {
      during = `${document.body.className}|${document.querySelector('.print-root')?.textContent ?? ''}`
    })
    const win = {
      document,
      print,
      addEventListener: window.addEventListener.bind(window),
      removeEventListener: window.removeEventListener.bind(window),
    } as unknown as Window
    printElement(pass, win)
    expect(print).toHaveBeenCalledOnce()
    expect(during).toBe('printing|绿码')
    window.dispatchEvent(new Event('afterprint'))
    expect(document.querySelector('.print-root')).toBeNull()
    expect(document.body.classList.contains('printing')).toBe(false)
    expect(document.body.contains(pass)).toBe(true)
  })
})

describe('new arrivals', () => {
  const pending: Arrival = {
    person_id: 5012,
    name: '新来者',
    id_number: '420102********0771',
    phone: '177****1234',
    zone_id: 1,
    household_id: 56,
    building: '1栋',
    unit: '1单元',
    room: '101',
    arrived_at: '2026-11-30T04:05:12.000Z',
    confirmed_at: null,
    confirmed_by_name: '',
  }
  const confirmed: Arrival = { ...pending, confirmed_at: '2026-11-30T05:00:00.000Z', confirmed_by_name: '张三' }
  const at = (iso: string) => `local(${iso})`

  it('asks for each filter', () => {
    expect(kArrivalFilters.map(arrivalCriteria)).toEqual([{ pending: true }, { pending: false }, {}])
  })

  it('reads pending, and confirmed by whom and when', () => {
    expect(arrivalStatus(pending, at)).toEqual({ pending: true, labelKey: 'health.arrivals.pending', detail: null })
    expect(arrivalStatus(confirmed, at)).toEqual({
      pending: false,
      labelKey: 'health.arrivals.confirmed',
      detail: { key: 'health.arrivals.confirmedBy', values: { name: '张三', at: 'local(2026-11-30T05:00:00.000Z)' } },
    })
    expect(arrivalStatus({ ...confirmed, confirmed_by_name: ' ' }, at).detail).toEqual({
      key: 'health.arrivals.confirmedAt',
      values: { name: '', at: 'local(2026-11-30T05:00:00.000Z)' },
    })
  })

  it('names only messages that exist', () => {
    const messages = zhCN.health.arrivals as Record<string, string>
    const unnamed: Arrival = { ...confirmed, confirmed_by_name: '' }
    for (const status of [pending, confirmed, unnamed].map((a) => arrivalStatus(a, at))) {
      expect(messages[status.labelKey.replace('health.arrivals.', '')]).toBeTruthy()
      if (status.detail) {
        expect(messages[status.detail.key.replace('health.arrivals.', '')]).toBeTruthy()
      }
    }
  })

  it('replaces the confirmed row in place', () => {
    const other: Arrival = { ...pending, person_id: 5011, name: '另一位' }
    const rows = [pending, other]
    expect(replaceArrival(rows, confirmed)).toEqual([confirmed, other])
    expect(rows).toEqual([pending, other])
    expect(replaceArrival([other], confirmed)).toEqual([other])
  })
})

describe('healthApi', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  function stubFetch(body: unknown, status = 200) {
    const fetchMock = vi.fn().mockImplementation(
      async () =>
        new Response(body === undefined ? null : JSON.stringify(body), {
          status,
          headers: { 'Content-Type': 'application/json' },
        }),
    )
    vi.stubGlobal('fetch', fetchMock)
    return fetchMock
  }

  const call = (mock: ReturnType<typeof vi.fn>) => mock.mock.calls[0] as [string, RequestInit]

  it('lists declarations with the filters given', async () => {
    const mock = stubFetch({ items: [], next_cursor: null })
    await healthApi.declarations('441900003013', { day: '2026-11-22', colour: 'red', assisted: false }, 20, 'c1')
    expect(call(mock)[0]).toBe(
      '/api/v1/communities/441900003013/declarations?day=2026-11-22&colour=red&assisted=false&limit=20&cursor=c1',
    )
  })

  it('saves the rules and risk areas with PUT', async () => {
    const mock = stubFetch({ id: 1 })
    await healthApi.updateRiskArea(7, { region_code: '420100', name: '武汉市', level: 'high', from: '2026-11-20', until: null })
    const [url, init] = call(mock)
    expect(url).toBe('/api/v1/risk-areas/7')
    expect(init.method).toBe('PUT')
    expect(JSON.parse(String(init.body))).toEqual({
      region_code: '420100',
      name: '武汉市',
      level: 'high',
      from: '2026-11-20',
      until: null,
    })
  })

  it('asks for the sweep and its tasks by zone, building and state', async () => {
    const mock = stubFetch({ items: [], next_cursor: null, total: 0 })
    await healthApi.undeclared('c', { zone_id: 2, building_id: 9 }, 50, null)
    await healthApi.visitTasks('c', { open: false, zone_id: 2 }, 50, null)
    expect(mock.mock.calls.map((c) => c[0])).toEqual([
      '/api/v1/communities/c/undeclared?zone_id=2&building_id=9&limit=50',
      '/api/v1/communities/c/visit-tasks?open=false&zone_id=2&limit=50',
    ])
  })

  it('lists arrivals by state and confirms one with an empty POST', async () => {
    const mock = stubFetch({ items: [], next_cursor: null })
    await healthApi.arrivals('c', { pending: true }, 50, null)
    await healthApi.arrivals('c', {}, 50, '5012')
    await healthApi.confirmArrival(5012)
    expect(mock.mock.calls.map((c) => c[0])).toEqual([
      '/api/v1/communities/c/arrivals?pending=true&limit=50',
      '/api/v1/communities/c/arrivals?limit=50&cursor=5012',
      '/api/v1/persons/5012/confirm-arrival',
    ])
    const init = (mock.mock.calls[2] as [string, RequestInit])[1]
    expect(init.method).toBe('POST')
    expect(init.body).toBeUndefined()
  })
})
