// The visitor log's day range and the duty shifts' times and grouping (utils/gate.ts).
import { describe, expect, it } from 'vitest'

import type { Shift } from '@/api/types'
import { chinaDaysBounds, clockMinutes, shiftsByEntrance, shiftTimeProblem } from '@/utils/gate'

describe('chinaDaysBounds', () => {
  it('runs from the first China day to the end of the last', () => {
    expect(chinaDaysBounds('2026-03-05', '2026-03-05')).toEqual({ from: '2026-03-04T16:00:00Z', to: '2026-03-05T16:00:00Z' })
    expect(chinaDaysBounds('2026-02-27', '2026-03-01')).toEqual({ from: '2026-02-26T16:00:00Z', to: '2026-03-01T16:00:00Z' })
  })

  it.each([
    ['2026-03-05', '2026-03-04'],
    ['2026-02-30', '2026-03-01'],
    ['', '2026-03-01'],
  ])('refuses %j to %j', (first, last) => {
    expect(chinaDaysBounds(first, last)).toBeNull()
  })
})

describe('clockMinutes', () => {
  it.each([
    ['00:00', 0],
    ['08:30', 510],
    ['23:59', 1439],
    ['24:00', 1440],
    ['24:01', null],
    ['8:30', null],
    ['08:60', null],
    ['25:00', null],
    ['08-30', null],
    ['', null],
  ])('reads %j as %j', (text, minutes) => {
    expect(clockMinutes(text)).toBe(minutes)
  })
})

describe('shiftTimeProblem', () => {
  it.each([
    ['08:30', '09:30', null],
    ['22:00', '24:00', null],
    ['', '09:30', 'starts'],
    ['24:00', '24:00', 'starts'],
    ['08:30', '', 'ends'],
    ['08:30', '08:30', 'ends'],
    ['22:00', '06:00', 'ends'],
  ] as const)('%j–%j: %j', (starts, ends, problem) => {
    expect(shiftTimeProblem(starts, ends)).toBe(problem)
  })
})

describe('shiftsByEntrance', () => {
  const shift = (id: number, entrance: number, starts: string, ends: string): Shift => ({
    id,
    entrance_id: entrance,
    entrance_name: `E${entrance}`,
    day: '2026-03-05',
    starts,
    ends,
    user_id: 1,
    user_name: 'guard',
  })

  it('keeps every entrance in order, sorts by start, and adds entrances only the shifts name', () => {
    const groups = shiftsByEntrance(
      [shift(1, 2, '12:00', '18:00'), shift(2, 9, '08:00', '09:00'), shift(3, 2, '08:00', '12:00')],
      [
        { id: 2, name: '南门' },
        { id: 1, name: '北门' },
      ],
    )
    expect(groups.map((g) => [g.entranceId, g.name, g.shifts.map((s) => s.id)])).toEqual([
      [2, '南门', [3, 1]],
      [1, '北门', []],
      [9, 'E9', [2]],
    ])
  })
})
