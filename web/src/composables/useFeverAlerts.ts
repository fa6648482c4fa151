// Fever alerts (发热告警) in the console: while a user who may read fever cases is signed in, the
// newest open case is polled every 15 s; a case newer than the last one alerted pops a
// notification that stays until closed, and the fever page's menu item counts the open cases
// newer than the last seen there. What was alerted and seen is kept per user and community in
// localStorage (utils/gate.ts: FeverMark), so a reload neither alerts twice nor loses the count.
//
// The layout runs the one poller (useFeverAlerts); the fever page marks the cases seen
// (useFeverSeen). A failed poll is quiet and tried again at the next tick: the pages report
// their own errors, and a lost session goes to sign-in through the HTTP wrapper.
import { h, onBeforeUnmount, readonly, ref, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRoute, useRouter } from 'vue-router'

import { gateLogApi } from '@/api/gate'
import { ApiError } from '@/api/http'
import type { FeverCase } from '@/api/types'
import { useSessionStore } from '@/stores/session'
import {
  feverMarkKey,
  feverUpdate,
  markSeen,
  needsFeverScan,
  parseFeverMark,
  type FeverMark,
} from '@/utils/gate'
import { Perm } from '@/utils/permissions'

/** How often the newest open case is asked for. */
const kPollMs = 15_000
/** How many recent open cases one look counts and alerts to: enough for any 15 s at the gates. */
const kScanLimit = 100
/** Cases one notification names; more are told as a count. */
const kMaxNamed = 3
/** The route name of the fever page (router/index.ts). */
export const kFeverRouteName = 'fever'

// Shared by the layout's poller and the fever page.
const badge = ref(0)
/** The newest open case id the poller has met (0: none yet). */
const latestId = ref(0)

function readMark(key: string): FeverMark {
  try {
    return parseFeverMark(localStorage.getItem(key))
  } catch {
    return parseFeverMark(null)
  }
}

function writeMark(key: string, mark: FeverMark): void {
  try {
    localStorage.setItem(key, JSON.stringify(mark))
  } catch {
    // Storage refused (private mode): the mark lasts for this page only.
  }
}

/** The current user's mark key, or '' when signed out or without a community. */
function currentKey(session: ReturnType<typeof useSessionStore>): string {
  const username = session.user?.username
  return username && session.communityCode ? feverMarkKey(username, session.communityCode) : ''
}

/**
 * Runs the fever poller for as long as the calling component (the layout) lives, restarting it
 * when the user or the community changes. REQUIRES: called from a component's setup.
 */
export function useFeverAlerts() {
  const session = useSessionStore()
  const route = useRoute()
  const router = useRouter()
  const { t } = useI18n()

  let timer: ReturnType<typeof setInterval> | null = null
  let inflight: AbortController | null = null
  /** Whether `badge` has been worked out since the poller started. */
  let badgeKnown = false
  const notifications = new Set<ReturnType<typeof ElNotification>>()

  /** One notification, one line per text, with the link to the fever page. */
  function notify(lines: readonly string[]): void {
    const handle = ElNotification({
      type: 'error',
      duration: 0,
      customClass: 'fever-alert',
      message: h('div', { 'data-testid': 'fever-alert' }, [
        ...lines.map((line) => h('div', { class: 'fever-alert-line' }, line)),
        h(
          'a',
          {
            href: router.resolve({ name: kFeverRouteName }).href,
            class: 'fever-alert-link',
            onClick: (event: MouseEvent) => {
              event.preventDefault()
              handle.close()
              void router.push({ name: kFeverRouteName })
            },
          },
          t('gate.fever.openPage'),
        ),
      ]),
      onClose: () => notifications.delete(handle),
    })
    notifications.add(handle)
  }

  /** The new cases of one poll, newest first, in one notification (several stacked at once overlap). */
  function announce(cases: readonly FeverCase[]): void {
    if (cases.length === 0) {
      return
    }
    const lines = cases.slice(0, kMaxNamed).map((c) =>
      t('gate.fever.alert', {
        name: c.person_name || t('gate.fever.unknownPerson'),
        temperature: c.temperature.toFixed(1),
        entrance: c.entrance_name || t('gate.fever.noEntrance'),
      }),
    )
    if (cases.length > kMaxNamed) {
      lines.push(t('gate.fever.alertMore', { n: cases.length - kMaxNamed }))
    }
    notify(lines)
  }

  async function poll(): Promise<void> {
    const code = session.communityCode
    const key = currentKey(session)
    if (inflight || !key) {
      return
    }
    const controller = new AbortController()
    inflight = controller
    try {
      const first = await gateLogApi.feverCases(code, { open: true }, 1, null, controller.signal)
      const newest = first.items[0]?.id ?? 0
      latestId.value = Math.max(latestId.value, newest)
      let mark = readMark(key)
      const before = JSON.stringify(mark)
      if (needsFeverScan(newest, mark, badgeKnown)) {
        const recent = await gateLogApi.feverCases(code, { open: true }, kScanLimit, null, controller.signal)
        const update = feverUpdate(recent.items, mark)
        mark = update.mark
        badge.value = update.badge
        announce(update.notify)
      } else if (newest <= mark.seen) {
        badge.value = 0
      }
      // On the fever page the new case is in sight: alerted, but not counted.
      if (route.name === kFeverRouteName) {
        mark = markSeen(mark, newest)
        badge.value = 0
      }
      badgeKnown = true
      if (JSON.stringify(mark) !== before) {
        writeMark(key, mark)
      }
    } catch (error) {
      // No longer allowed here (permissions or scope changed): stop asking until the next start.
      if (error instanceof ApiError && (error.status === 403 || error.status === 404)) {
        stopTimer()
      }
      // Otherwise (network, server trouble, aborted) try again at the next tick, quietly.
    } finally {
      if (inflight === controller) {
        inflight = null
      }
    }
  }

  function stopTimer(): void {
    if (timer !== null) {
      clearInterval(timer)
      timer = null
    }
  }

  /** Stops polling and closes the alerts on screen (they name persons). */
  function stop(): void {
    stopTimer()
    inflight?.abort()
    inflight = null
    for (const handle of [...notifications]) {
      handle.close()
    }
    notifications.clear()
    badge.value = 0
    latestId.value = 0
    badgeKnown = false
  }

  function start(): void {
    void poll()
    timer = setInterval(() => void poll(), kPollMs)
  }

  // Who polls where: restart on another user or community, stop when signed out or not allowed.
  watch(
    () => (session.signedIn && session.can(Perm.feverRead) ? currentKey(session) : ''),
    (key) => {
      stop()
      if (key) {
        start()
      }
    },
    { immediate: true },
  )

  onBeforeUnmount(stop)

  return { badge: readonly(badge), stop }
}

/** For the fever page: the newest case the poller met, and marking everything up to it seen. */
export function useFeverSeen() {
  const session = useSessionStore()

  /** The user has seen every case up to `newestListed` (and any the poller has met). */
  function markAllSeen(newestListed: number): void {
    const key = currentKey(session)
    if (!key) {
      return
    }
    writeMark(key, markSeen(readMark(key), Math.max(newestListed, latestId.value)))
    badge.value = 0
  }

  return { latestId: readonly(latestId), markAllSeen }
}
