// The side menu: the pages of the router, grouped, each shown only to users who may open it.
import {
  Calendar,
  DataAnalysis,
  Document,
  EditPen,
  FirstAidKit,
  Guide,
  HomeFilled,
  List,
  Location,
  Notebook,
  OfficeBuilding,
  Postcard,
  Search,
  Setting,
  SetUp,
  Stamp,
  Upload,
  User,
  UserFilled,
  Tickets,
  TrendCharts,
  Warning,
} from '@element-plus/icons-vue'
import type { Component } from 'vue'

import { kArrivalsPermission, Perm, type Requirement } from '@/utils/permissions'

export interface MenuEntry {
  /** The route path (the menu index). */
  path: string
  titleKey: string
  icon: Component
  permission?: Requirement
  anyPermission?: readonly string[]
  children?: MenuEntry[]
  /** A group shown open from the start (the daily work). */
  open?: boolean
  /** The entry's data-testid, for the end-to-end tests. */
  testid?: string
  /** A count shown beside the title (the layout knows each by this name; test id `<name>-badge`). */
  badge?: 'fever'
}

export const kMenu: readonly MenuEntry[] = [
  { path: '/dashboard', titleKey: 'layout.menu.dashboard', icon: HomeFilled, permission: Perm.personRead },
  { path: '/places', titleKey: 'layout.menu.places', icon: OfficeBuilding, permission: Perm.placeRead },
  { path: '/persons', titleKey: 'layout.menu.persons', icon: UserFilled, permission: Perm.personRead },
  {
    path: '/imports',
    titleKey: 'layout.menu.imports',
    icon: Upload,
    anyPermission: [Perm.personImport, Perm.personExport],
  },
  {
    path: '/health',
    titleKey: 'layout.menu.health',
    icon: FirstAidKit,
    open: true,
    children: [
      {
        path: '/health/declarations',
        titleKey: 'layout.menu.declarations',
        icon: List,
        permission: Perm.declarationRead,
        testid: 'nav-declarations',
      },
      {
        path: '/health/colours',
        titleKey: 'layout.menu.colours',
        icon: DataAnalysis,
        permission: Perm.declarationRead,
        testid: 'nav-colours',
      },
      {
        path: '/health/assist',
        titleKey: 'layout.menu.assist',
        icon: EditPen,
        permission: Perm.declarationAssist,
        testid: 'nav-assist',
      },
      {
        path: '/health/arrivals',
        titleKey: 'layout.menu.arrivals',
        icon: Stamp,
        permission: kArrivalsPermission,
        testid: 'nav-arrivals',
      },
      { path: '/health/sweep', titleKey: 'layout.menu.sweep', icon: Search, permission: Perm.sweepRead, testid: 'nav-sweep' },
      { path: '/health/rules', titleKey: 'layout.menu.rules', icon: SetUp, permission: Perm.rulesRead, testid: 'nav-rules' },
      {
        path: '/health/risk-areas',
        titleKey: 'layout.menu.riskAreas',
        icon: Location,
        permission: Perm.rulesRead,
        testid: 'nav-risk-areas',
      },
    ],
  },
  {
    path: '/gate',
    titleKey: 'layout.menu.gates',
    icon: Guide,
    children: [
      {
        path: '/gate/activity',
        titleKey: 'layout.menu.gateActivity',
        icon: TrendCharts,
        permission: Perm.gateEventRead,
        testid: 'nav-gate-activity',
      },
      { path: '/gate/log', titleKey: 'layout.menu.gateLog', icon: Notebook, permission: Perm.gateEventRead, testid: 'nav-gate-log' },
      {
        path: '/gate/visitors',
        titleKey: 'layout.menu.visitors',
        icon: Postcard,
        permission: Perm.gateEventRead,
        testid: 'nav-visitors',
      },
      { path: '/gate/shifts', titleKey: 'layout.menu.shifts', icon: Calendar, permission: Perm.gateEventWrite, testid: 'nav-shifts' },
      {
        path: '/gate/fever',
        titleKey: 'layout.menu.fever',
        icon: Warning,
        permission: Perm.feverRead,
        testid: 'nav-fever',
        badge: 'fever',
      },
    ],
  },
  {
    path: '/system',
    titleKey: 'layout.menu.system',
    icon: Setting,
    children: [
      { path: '/system/users', titleKey: 'layout.menu.users', icon: User, permission: Perm.userRead },
      { path: '/system/audit', titleKey: 'layout.menu.audit', icon: Tickets, permission: Perm.auditRead },
    ],
  },
  { path: '/account', titleKey: 'layout.menu.account', icon: Document, permission: Perm.selfRead },
]

/**
 * The entries `can` allows: a group keeps its allowed children and disappears without any.
 * `can(entry)` decides a leaf.
 */
export function visibleMenu(entries: readonly MenuEntry[], can: (entry: MenuEntry) => boolean): MenuEntry[] {
  const out: MenuEntry[] = []
  for (const entry of entries) {
    if (entry.children) {
      const children = visibleMenu(entry.children, can)
      if (children.length > 0) {
        out.push({ ...entry, children })
      }
    } else if (can(entry)) {
      out.push(entry)
    }
  }
  return out
}
