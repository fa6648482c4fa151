// The gate pages' pure logic: China days and hours, the activity by entrance and hour, late
// uploads, and which fever cases are new to the user.
import { describe, expect, it } from 'vitest'

import type { FeverCase, GateDecision, GateDirection } from '@/api/types'
import {
  activityTotals,
  bucketActivity,
  chinaDay,
  chinaDayBounds,
  chinaDayHour,
  decisionCount,
  feverCriteria,
  feverMarkKey,
  feverUpdate,
  markSeen,
  needsFeverScan,
  parseFeverMark,
  rfc3339,
  uploadedLate,
  type ActivityEvent,
} from '@/utils/gate'

describe('China days', () => {
  const days: Array<[string, string]> = [
    ['2026-03-04T15:59:59Z', '2026-03-04'],
    ['2026-03-04T16:00:00Z', '2026-03-05'],
    ['2026-03-05T00:30:00+08:00', '2026-03-05'],
    ['2026-12-31T16:00:00Z', '2027-01-01'],
  ]
  it.each(days)('%s is %s in China', (iso, day) => {
    expect(chinaDay(new Date(iso))).toBe(day)
  })

  it('bounds a day from its midnight in UTC+8 to the next, whatever the browser zone', () => {
    expect(chinaDayBounds('2026-03-05')).toEqual({ from: '2026-03-04T16:00:00Z', to: '2026-03-05T16:00:00Z' })
    expect(chinaDayBounds('2026-01-01')).toEqual({ from: '2025-12-31T16:00:00Z', to: '2026-01-01T16:00:00Z' })
    // A leap day, and the end of February.
    expect(chinaDayBounds('2028-02-29')?.to).toBe('2028-02-29T16:00:00Z')
    expect(chinaDayBounds('2026-02-28')?.to).toBe('2026-02-28T16:00:00Z')
  })

  it('refuses what is not a day', () => {
    for (const bad of ['', '2026-3-5', '2026-02-30', '2026-13-01', '2026-03-05T00:00:00Z']) {
      expect(chinaDayBounds(bad), bad).toBeNull()
    }
  })

  it('gives the China hour of a time', () => {
    expect(chinaDayHour('2026-03-04T16:00:00Z')).toEqual({ day: '2026-03-05', hour: 0 })
    expect(chinaDayHour('2026-03-05T15:59:59.900Z')).toEqual({ day: '2026-03-05', hour: 23 })
    expect(chinaDayHour('2026-03-05T09:15:00+08:00')).toEqual({ day: '2026-03-05', hour: 9 })
    expect(chinaDayHour('later')).toBeNull()
  })

  it('writes times to the second in UTC', () => {
    expect(rfc3339(new Date('2026-03-05T09:15:00.123+08:00'))).toBe('2026-03-05T01:15:00Z')
  })
})

describe('bucketActivity', () => {
  const ev = (
    entrance: number,
    decidedAt: string,
    decision: GateDecision = 'allow',
    direction: GateDirection = 'in',
    name = '',
  ): ActivityEvent => ({
    entrance_id: entrance,
    entrance_name: name || `门${entrance}`,
    decided_at: decidedAt,
    decision,
    direction,
  })

  const day = '2026-03-05'
  const events = [
    // 东门 (1): 08:xx China twice allowed, once denied; 23:59 referred going out.
    ev(1, '2026-03-05T00:10:00Z'),
    ev(1, '2026-03-05T00:59:59Z', 'allow', 'out'),
    ev(1, '2026-03-05T00:30:00Z', 'deny'),
    ev(1, '2026-03-05T15:59:00Z', 'refer', 'out'),
    // 西门 (2): 00:00 China exactly.
    ev(2, '2026-03-04T16:00:00Z', 'refer'),
    // An entrance the list does not know (added since, or another zone's).
    ev(9, '2026-03-05T04:00:00+08:00', 'allow', 'in', '北门'),
    // Other days in China: the day before (23:59:59) and after (00:00).
    ev(1, '2026-03-04T15:59:59Z'),
    ev(2, '2026-03-05T16:00:00Z'),
    // Unreadable.
    ev(2, 'soon'),
  ]
  const entrances = [
    { id: 1, name: '东门' },
    { id: 2, name: '西门' },
    { id: 3, name: '南门' },
  ]

  it('counts each decision by China hour per entrance, in the order of the entrances', () => {
    const rows = bucketActivity(events, day, entrances)
    expect(rows.map((r) => [r.entranceId, r.name, r.total, r.in, r.out])).toEqual([
      [1, '东门', 4, 2, 2],
      [2, '西门', 1, 1, 0],
      [3, '南门', 0, 0, 0],
      [9, '北门', 1, 1, 0],
    ])
    const east = rows[0]!
    expect(east.allow[8]).toBe(2)
    expect(east.deny[8]).toBe(1)
    expect(east.refer[23]).toBe(1)
    expect(east.allow.reduce((a, b) => a + b, 0)).toBe(2)
    expect(rows[1]!.refer[0]).toBe(1)
    expect(rows[3]!.allow[4]).toBe(1)
    for (const row of rows) {
      expect(row.allow).toHaveLength(24)
      expect(decisionCount(row, 'allow') + decisionCount(row, 'deny') + decisionCount(row, 'refer')).toBe(row.total)
    }
  })

  it('names entrances from the events when there is no list', () => {
    const rows = bucketActivity([ev(5, '2026-03-05T01:00:00Z', 'allow', 'in', ''), ev(4, '2026-03-05T01:00:00Z')], day)
    expect(rows.map((r) => r.name)).toEqual(['门4', '门5'])
    const unnamed = bucketActivity([{ ...ev(6, '2026-03-05T01:00:00Z'), entrance_name: '' }], day)
    expect(unnamed[0]?.name).toBe('#6')
  })

  it('sums the entrances', () => {
    const sum = activityTotals(bucketActivity(events, day, entrances))
    expect(sum.total).toBe(6)
    expect([sum.in, sum.out]).toEqual([4, 2])
    expect(sum.allow[8]).toBe(2)
    expect(sum.allow[4]).toBe(1)
    expect(decisionCount(sum, 'refer')).toBe(2)
    expect(decisionCount(sum, 'deny')).toBe(1)
  })

  it('is empty for a day without scans and no entrances', () => {
    expect(bucketActivity(events, '2026-03-07')).toEqual([])
    expect(activityTotals([]).total).toBe(0)
  })
})

describe('uploadedLate', () => {
  it('tells an offline upload (more than a minute between deciding and receiving)', () => {
    expect(uploadedLate({ decided_at: '2026-03-05T01:00:00Z', received_at: '2026-03-05T01:01:00Z' })).toBe(false)
    expect(uploadedLate({ decided_at: '2026-03-05T01:00:00Z', received_at: '2026-03-05T01:01:01Z' })).toBe(true)
    expect(uploadedLate({ decided_at: '2026-03-05T01:00:00Z', received_at: '2026-03-06T09:00:00+08:00' })).toBe(true)
    expect(uploadedLate({ decided_at: '', received_at: '2026-03-05T01:00:00Z' })).toBe(false)
  })
})

describe('fever alerts', () => {
  const fever = (id: number): FeverCase => ({
    id,
    person_id: id * 10,
    person_name: `人${id}`,
    gate_event_id: id * 100,
    entrance_id: 1,
    entrance_name: '东门',
    temperature: 38.1,
    source: 'gate',
    status: 'open',
    opened_at: '2026-03-05T01:00:00Z',
  })

  it('filters open, closed or all', () => {
    expect(feverCriteria('open')).toEqual({ open: true })
    expect(feverCriteria('closed')).toEqual({ open: false })
    expect(feverCriteria('all')).toEqual({})
  })

  it('reads a kept mark, and nothing from what is not one', () => {
    expect(parseFeverMark('{"seen":4,"notified":7}')).toEqual({ seen: 4, notified: 7 })
    for (const bad of [null, '', 'x', '[]', 'null', '{"seen":-1,"notified":"7"}', '{"seen":1.5}']) {
      expect(parseFeverMark(bad), String(bad)).toEqual({ seen: 0, notified: 0 })
    }
    expect(feverMarkKey('manager', '441900003013')).toBe('cordon.fever.manager.441900003013')
  })

  const cases: Array<[string, number, { seen: number; notified: number }, boolean, boolean]> = [
    ['nothing open', 0, { seen: 0, notified: 0 }, false, false],
    ['a case newer than the last alerted', 8, { seen: 5, notified: 7 }, true, true],
    ['the last alerted, badge known', 7, { seen: 5, notified: 7 }, true, false],
    ['the last alerted, after a reload (badge to count)', 7, { seen: 5, notified: 7 }, false, true],
    ['all seen, after a reload', 7, { seen: 7, notified: 7 }, false, false],
    ['an older case left open', 3, { seen: 5, notified: 7 }, false, false],
  ]
  it.each(cases)('needsFeverScan: %s', (_name, newest, mark, badgeKnown, want) => {
    expect(needsFeverScan(newest, mark, badgeKnown)).toBe(want)
  })

  it('alerts once to each new case, newest first, and counts those not seen', () => {
    const first = feverUpdate([fever(12), fever(9), fever(11), fever(4)], { seen: 4, notified: 9 })
    expect(first.notify.map((c) => c.id)).toEqual([12, 11])
    expect(first.badge).toBe(3)
    expect(first.mark).toEqual({ seen: 4, notified: 12 })

    // The next look finds one more: only it alerts; the count keeps growing until the page is seen.
    const second = feverUpdate([fever(13), fever(12), fever(11), fever(9), fever(4)], first.mark)
    expect(second.notify.map((c) => c.id)).toEqual([13])
    expect(second.badge).toBe(4)

    const seen = markSeen(second.mark, 13)
    expect(seen).toEqual({ seen: 13, notified: 13 })
    expect(feverUpdate([fever(13), fever(12)], seen)).toEqual({ notify: [], badge: 0, mark: seen })
  })

  it('alerts to every open case for a user who never saw any', () => {
    const update = feverUpdate([fever(2), fever(1)], parseFeverMark(null))
    expect(update.notify.map((c) => c.id)).toEqual([2, 1])
    expect(update.badge).toBe(2)
  })

  it('never moves a mark back', () => {
    expect(markSeen({ seen: 9, notified: 12 }, 3)).toEqual({ seen: 9, notified: 12 })
    expect(feverUpdate([], { seen: 9, notified: 12 }).mark).toEqual({ seen: 9, notified: 12 })
    // Seeing the page marks the cases alerted too: none of them pops up later.
    expect(markSeen({ seen: 2, notified: 3 }, 8)).toEqual({ seen: 8, notified: 8 })
  })
})
