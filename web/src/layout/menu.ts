// The side menu: the pages of the router, grouped, each shown only to users who may open it.
import {
  Document,
  HomeFilled,
  OfficeBuilding,
  Setting,
  Upload,
  User,
  UserFilled,
  Tickets,
} from '@element-plus/icons-vue'
import type { Component } from 'vue'

import { Perm, type Requirement } from '@/utils/permissions'

export interface MenuEntry {
  /** The route path (the menu index). */
  path: string
  titleKey: string
  icon: Component
  permission?: Requirement
  anyPermission?: readonly string[]
  children?: MenuEntry[]
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
