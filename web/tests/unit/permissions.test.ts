// Permission checks and the menu they filter.
import { describe, expect, it } from 'vitest'

import { kMenu, visibleMenu, type MenuEntry } from '@/layout/menu'
import { allows, allowsAny, holds, Perm } from '@/utils/permissions'

const grid = [Perm.placeRead, Perm.personRead, Perm.personWrite, Perm.selfRead]
const admin = [Perm.userRead, Perm.userCreate, Perm.auditRead, Perm.selfRead]

describe('allows', () => {
  const cases: Array<[string, readonly string[], Parameters<typeof allows>[1], boolean]> = [
    ['nothing required', [], undefined, true],
    ['one code held', grid, Perm.personRead, true],
    ['one code missing', grid, Perm.personReveal, false],
    ['every code of a list', grid, [Perm.personRead, Perm.personWrite], true],
    ['one of a list missing', grid, [Perm.personRead, Perm.personDelete], false],
    ['no permissions at all', [], Perm.selfRead, false],
    ['a wildcard segment', ['registry:*:read'], Perm.personRead, true],
    ['a wildcard does not cross actions', ['registry:*:read'], Perm.personWrite, false],
    ['a prefix is not a match', ['registry:person'], Perm.personRead, false],
  ]
  it.each(cases)('%s', (_name, granted, required, want) => {
    expect(allows(granted, required)).toBe(want)
  })

  it('any of a list', () => {
    expect(allowsAny(grid, [Perm.personImport, Perm.personRead])).toBe(true)
    expect(allowsAny(grid, [Perm.personImport, Perm.personExport])).toBe(false)
    expect(holds(admin, Perm.auditRead)).toBe(true)
  })
})

describe('visibleMenu', () => {
  const menuFor = (granted: readonly string[]): string[] => {
    const can = (e: MenuEntry) => (e.anyPermission ? allowsAny(granted, e.anyPermission) : allows(granted, e.permission))
    const flat: string[] = []
    const walk = (entries: MenuEntry[]) => {
      for (const e of entries) {
        flat.push(e.path)
        if (e.children) {
          walk(e.children)
        }
      }
    }
    walk(visibleMenu(kMenu, can))
    return flat
  }

  it('shows a grid worker the registry and new arrivals but not the system pages', () => {
    expect(menuFor(grid)).toEqual(['/dashboard', '/places', '/persons', '/health', '/health/arrivals', '/account'])
  })

  it('shows new arrivals only to those who may both list and confirm them', () => {
    expect(menuFor([Perm.personRead, Perm.personWrite])).toEqual(['/dashboard', '/persons', '/health', '/health/arrivals'])
    expect(menuFor([Perm.personWrite])).toEqual([])
    expect(menuFor([Perm.personRead])).toEqual(['/dashboard', '/persons'])
  })

  it('keeps a group with an allowed child only', () => {
    expect(menuFor([Perm.auditRead])).toEqual(['/system', '/system/audit'])
    expect(menuFor(admin)).toEqual(['/system', '/system/users', '/system/audit', '/account'])
  })

  it('shows import/export for either permission', () => {
    expect(menuFor([Perm.personExport])).toEqual(['/imports'])
  })

  it('shows the declarations group with the pages each health permission opens', () => {
    expect(menuFor([Perm.declarationRead, Perm.sweepRead])).toEqual([
      '/health',
      '/health/declarations',
      '/health/colours',
      '/health/sweep',
    ])
    expect(menuFor([Perm.declarationAssist])).toEqual(['/health', '/health/assist'])
    expect(menuFor([Perm.rulesRead])).toEqual(['/health', '/health/rules', '/health/risk-areas'])
    expect(menuFor(['health:*:read'])).toEqual([
      '/health',
      '/health/declarations',
      '/health/colours',
      '/health/sweep',
      '/health/rules',
      '/health/risk-areas',
      // health:fever:read is a health read too.
      '/gate',
      '/gate/fever',
    ])
  })

  it('shows the gates group only to those who may read the gate log, the shifts or the fever cases', () => {
    expect(menuFor([Perm.gateEventRead, Perm.feverRead])).toEqual([
      '/gate',
      '/gate/activity',
      '/gate/log',
      '/gate/visitors',
      '/gate/fever',
    ])
    expect(menuFor([Perm.gateEventRead])).toEqual(['/gate', '/gate/activity', '/gate/log', '/gate/visitors'])
    expect(menuFor([Perm.feverRead])).toEqual(['/gate', '/gate/fever'])
    // A guard scans at the station (station.html); in the console they only see the duty shifts.
    expect(menuFor([Perm.gateEventWrite, Perm.placeRead])).toEqual(['/places', '/gate', '/gate/shifts'])
  })
})
