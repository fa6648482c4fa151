// The fever poller in a component, with the API mocked: it asks only users who may read fever
// cases, alerts once to a new case, is quiet when a call fails, and stops on sign-out.
import { mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'

import { ApiError } from '@/api/http'
import type { FeverCase, Page, User } from '@/api/types'
import { useFeverAlerts } from '@/composables/useFeverAlerts'
import { i18n } from '@/locales'
import { useSessionStore } from '@/stores/session'
import { Perm } from '@/utils/permissions'

const feverCases = vi.hoisted(() => vi.fn())
vi.mock('@/api/gate', () => ({ gateLogApi: { feverCases } }))
// The stylesheets the auto-import brings with ElNotification: node cannot load CSS.
vi.mock('element-plus/es/components/base/style/css', () => ({}))
vi.mock('element-plus/es/components/notification/style/css', () => ({}))

const kCode = '441900003013'

function fever(id: number): FeverCase {
  return {
    id,
    person_id: id,
    person_name: '王伟',
    gate_event_id: id,
    entrance_id: 1,
    entrance_name: '东门',
    temperature: 38.1,
    source: 'gate',
    status: 'open',
    opened_at: '2026-03-05T01:00:00Z',
  }
}

/** Answers `limit=1` with the newest and any other limit with all of `cases`, newest first. */
function serve(cases: FeverCase[]): void {
  feverCases.mockImplementation((_code: string, _criteria: unknown, limit: number): Promise<Page<FeverCase>> => {
    const sorted = [...cases].sort((a, b) => b.id - a.id)
    return Promise.resolve({ items: sorted.slice(0, limit), next_cursor: null })
  })
}

function signIn(permissions: string[]): void {
  const session = useSessionStore()
  const user: User = {
    id: 1,
    username: 'manager',
    display_name: '社区书记',
    role: 'manager',
    scope: { kind: 'community', code: kCode },
    permissions,
    disabled: false,
    created_at: '',
  }
  session.token = 'token'
  session.user = user
  session.selectCommunity(kCode)
}

let wrapper: VueWrapper | null = null
let badge: () => number = () => 0

async function mountPoller(): Promise<void> {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'home', component: { render: () => null } },
      { path: '/gate/fever', name: 'fever', component: { render: () => null } },
    ],
  })
  await router.push('/')
  const Host = defineComponent({
    setup() {
      const alerts = useFeverAlerts()
      badge = () => alerts.badge.value
      return () => h('div')
    },
  })
  wrapper = mount(Host, { global: { plugins: [router, i18n] } })
}

/** Lets the pending polls answer. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; ++i) {
    await Promise.resolve()
  }
  await vi.advanceTimersByTimeAsync(0)
}

describe('useFeverAlerts', () => {
  const consoleError = vi.spyOn(console, 'error')
  const consoleWarn = vi.spyOn(console, 'warn')

  beforeEach(() => {
    vi.useFakeTimers()
    setActivePinia(createPinia())
    localStorage.clear()
    feverCases.mockReset()
    consoleError.mockClear()
    consoleWarn.mockClear()
  })

  afterEach(() => {
    wrapper?.unmount()
    wrapper = null
    document.body.innerHTML = ''
    vi.useRealTimers()
  })

  it('never asks a user without the fever permission', async () => {
    signIn([Perm.personRead, Perm.gateEventRead])
    serve([fever(1)])
    await mountPoller()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(feverCases).not.toHaveBeenCalled()
    expect(consoleError).not.toHaveBeenCalled()
  })

  it('alerts once to a new case and counts it until the page is seen', async () => {
    localStorage.setItem(`cordon.fever.manager.${kCode}`, JSON.stringify({ seen: 4, notified: 4 }))
    signIn([Perm.feverRead])
    const cases = [fever(4)]
    serve(cases)
    await mountPoller()
    await settle()
    expect(badge()).toBe(0)
    expect(document.body.textContent).not.toContain('发热告警')

    cases.push(fever(5))
    await vi.advanceTimersByTimeAsync(15_000)
    await settle()
    expect(badge()).toBe(1)
    expect(document.body.textContent).toContain('发热告警：王伟 38.1 ℃，东门')
    expect(JSON.parse(localStorage.getItem(`cordon.fever.manager.${kCode}`) ?? '')).toEqual({ seen: 4, notified: 5 })

    // The next poll finds nothing newer: no second look, no second alert.
    feverCases.mockClear()
    await vi.advanceTimersByTimeAsync(15_000)
    await settle()
    expect(feverCases).toHaveBeenCalledTimes(1)
    expect(document.querySelectorAll('[data-testid=fever-alert]')).toHaveLength(1)
    expect(consoleError).not.toHaveBeenCalled()
    expect(consoleWarn).not.toHaveBeenCalled()
  })

  it('is quiet when the server cannot be reached, and tries again', async () => {
    signIn([Perm.feverRead])
    feverCases.mockRejectedValue(new ApiError(0, 'network.error', 'Failed to fetch'))
    await mountPoller()
    await settle()
    await vi.advanceTimersByTimeAsync(15_000)
    await settle()
    expect(feverCases).toHaveBeenCalledTimes(2)
    expect(badge()).toBe(0)
    expect(consoleError).not.toHaveBeenCalled()
  })

  it('stops asking when refused (403)', async () => {
    signIn([Perm.feverRead])
    feverCases.mockRejectedValue(new ApiError(403, 'auth.forbidden', 'forbidden'))
    await mountPoller()
    await settle()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(feverCases).toHaveBeenCalledTimes(1)
    expect(consoleError).not.toHaveBeenCalled()
  })

  it('stops on sign-out and closes its alerts', async () => {
    signIn([Perm.feverRead])
    serve([fever(2), fever(1)])
    await mountPoller()
    await settle()
    expect(badge()).toBe(2)
    expect(document.body.textContent).toContain('发热告警')

    useSessionStore().clear()
    await settle()
    feverCases.mockClear()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(feverCases).not.toHaveBeenCalled()
    expect(badge()).toBe(0)
  })
})
