// Routes of the console. Each page names the permission it needs (meta.permission, or any of
// meta.anyPermission); the guard signs the user in first and sends them to the first page they
// may open when they ask for one they may not.
import { createRouter, createWebHistory, type RouteLocationRaw, type RouteRecordRaw } from 'vue-router'

import { ApiError } from '@/api/http'
import AppLayout from '@/layout/AppLayout.vue'
import { i18n } from '@/locales'
import { useSessionStore } from '@/stores/session'
import { kArrivalsPermission, Perm, type Requirement } from '@/utils/permissions'
// The frame and the sign-in page load with the entry (every visit needs one of them); the
// working pages load on demand.
import LoginView from '@/views/LoginView.vue'

declare module 'vue-router' {
  interface RouteMeta {
    /** The i18n key of the page's title (menu, breadcrumb, document title). */
    titleKey?: string
    /** The i18n key of the menu group above the page, for the breadcrumb. */
    groupKey?: string
    permission?: Requirement
    anyPermission?: readonly string[]
    /** Open without signing in. */
    public?: boolean
  }
}

/** Why the sign-in page is shown, as its `reason` query says. */
export type SignInReason = 'session_expired' | 'unauthenticated'

export const kPages: RouteRecordRaw[] = [
  {
    path: 'dashboard',
    name: 'dashboard',
    component: () => import('@/views/DashboardView.vue'),
    meta: { titleKey: 'layout.menu.dashboard', permission: Perm.personRead },
  },
  {
    path: 'places',
    name: 'places',
    component: () => import('@/views/PlacesView.vue'),
    meta: { titleKey: 'layout.menu.places', permission: Perm.placeRead },
  },
  {
    path: 'persons',
    name: 'persons',
    component: () => import('@/views/PersonsView.vue'),
    meta: { titleKey: 'layout.menu.persons', permission: Perm.personRead },
  },
  {
    path: 'imports',
    name: 'imports',
    component: () => import('@/views/ImportView.vue'),
    meta: { titleKey: 'layout.menu.imports', anyPermission: [Perm.personImport, Perm.personExport] },
  },
  {
    path: 'health/declarations',
    name: 'declarations',
    component: () => import('@/views/health/DeclarationsView.vue'),
    meta: { titleKey: 'layout.menu.declarations', groupKey: 'layout.menu.health', permission: Perm.declarationRead },
  },
  {
    path: 'health/colours',
    name: 'colours',
    component: () => import('@/views/health/ColoursView.vue'),
    meta: { titleKey: 'layout.menu.colours', groupKey: 'layout.menu.health', permission: Perm.declarationRead },
  },
  {
    path: 'health/assist',
    name: 'assist',
    component: () => import('@/views/health/AssistView.vue'),
    meta: { titleKey: 'layout.menu.assist', groupKey: 'layout.menu.health', permission: Perm.declarationAssist },
  },
  {
    path: 'health/arrivals',
    name: 'arrivals',
    component: () => import('@/views/health/ArrivalsView.vue'),
    // Confirming needs write; the list itself is read with registry:person:read.
    meta: { titleKey: 'layout.menu.arrivals', groupKey: 'layout.menu.health', permission: kArrivalsPermission },
  },
  {
    path: 'health/sweep',
    name: 'sweep',
    component: () => import('@/views/health/SweepView.vue'),
    meta: { titleKey: 'layout.menu.sweep', groupKey: 'layout.menu.health', permission: Perm.sweepRead },
  },
  {
    path: 'health/rules',
    name: 'colour-rules',
    component: () => import('@/views/health/ColourRulesView.vue'),
    meta: { titleKey: 'layout.menu.rules', groupKey: 'layout.menu.health', permission: Perm.rulesRead },
  },
  {
    path: 'health/risk-areas',
    name: 'risk-areas',
    component: () => import('@/views/health/RiskAreasView.vue'),
    meta: { titleKey: 'layout.menu.riskAreas', groupKey: 'layout.menu.health', permission: Perm.rulesRead },
  },
  {
    path: 'gate/activity',
    name: 'gate-activity',
    component: () => import('@/views/gate/GateActivityView.vue'),
    meta: { titleKey: 'layout.menu.gateActivity', groupKey: 'layout.menu.gates', permission: Perm.gateEventRead },
  },
  {
    path: 'gate/log',
    name: 'gate-log',
    component: () => import('@/views/gate/GateLogView.vue'),
    meta: { titleKey: 'layout.menu.gateLog', groupKey: 'layout.menu.gates', permission: Perm.gateEventRead },
  },
  {
    path: 'gate/visitors',
    name: 'visitors',
    component: () => import('@/views/gate/VisitorsView.vue'),
    meta: { titleKey: 'layout.menu.visitors', groupKey: 'layout.menu.gates', permission: Perm.gateEventRead },
  },
  {
    // Arranging needs gate:shift:write; the page reads the shifts with gate:event:write.
    path: 'gate/shifts',
    name: 'shifts',
    component: () => import('@/views/gate/ShiftsView.vue'),
    meta: { titleKey: 'layout.menu.shifts', groupKey: 'layout.menu.gates', permission: Perm.gateEventWrite },
  },
  {
    // The name is the fever alerts' link (composables/useFeverAlerts.ts: kFeverRouteName).
    path: 'gate/fever',
    name: 'fever',
    component: () => import('@/views/gate/FeverView.vue'),
    meta: { titleKey: 'layout.menu.fever', groupKey: 'layout.menu.gates', permission: Perm.feverRead },
  },
  {
    path: 'system/users',
    name: 'users',
    component: () => import('@/views/UsersView.vue'),
    meta: { titleKey: 'layout.menu.users', groupKey: 'layout.menu.system', permission: Perm.userRead },
  },
  {
    path: 'system/audit',
    name: 'audit',
    component: () => import('@/views/AuditView.vue'),
    meta: { titleKey: 'layout.menu.audit', groupKey: 'layout.menu.system', permission: Perm.auditRead },
  },
  {
    path: 'account',
    name: 'account',
    component: () => import('@/views/AccountView.vue'),
    meta: { titleKey: 'layout.menu.account', permission: Perm.selfRead },
  },
]

const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: LoginView,
    meta: { public: true, titleKey: 'auth.title' },
  },
  {
    path: '/',
    component: AppLayout,
    children: [
      { path: '', name: 'home', redirect: () => firstPage() },
      ...kPages,
      {
        path: 'forbidden',
        name: 'forbidden',
        component: () => import('@/views/StatusView.vue'),
        props: { kind: 'forbidden' },
      },
      {
        path: ':rest(.*)*',
        name: 'not-found',
        component: () => import('@/views/StatusView.vue'),
        props: { kind: 'not-found' },
      },
    ],
  },
]

function pageAllowed(meta: RouteRecordRaw['meta']): boolean {
  const session = useSessionStore()
  if (!meta) {
    return true
  }
  if (meta.anyPermission && !session.canAny(meta.anyPermission)) {
    return false
  }
  return session.can(meta.permission)
}

/** The first page of the menu the user may open. */
export function firstPage(): RouteLocationRaw {
  const page = kPages.find((p) => pageAllowed(p.meta))
  return page?.name ? { name: page.name } : { name: 'account' }
}

export function signInLocation(reason: SignInReason | undefined, redirect: string | undefined): RouteLocationRaw {
  const query: Record<string, string> = {}
  if (reason) {
    query.reason = reason
  }
  if (redirect && redirect !== '/' && !redirect.startsWith('/login')) {
    query.redirect = redirect
  }
  return { name: 'login', query }
}

export const router = createRouter({
  history: createWebHistory(),
  routes,
})

router.beforeEach(async (to) => {
  if (to.meta.public) {
    return true
  }
  const session = useSessionStore()
  try {
    if (!(await session.restore())) {
      return signInLocation('unauthenticated', to.fullPath)
    }
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      session.clear()
      return signInLocation(error.code === 'auth.session_expired' ? 'session_expired' : 'unauthenticated', to.fullPath)
    }
    // The server cannot be reached: stay signed in, and let the sign-in page say so.
    ElMessage.error(error instanceof Error ? error.message : String(error))
    return signInLocation(undefined, to.fullPath)
  }
  if (!to.matched.every((record) => pageAllowed(record.meta))) {
    return { name: 'forbidden' }
  }
  return true
})

router.afterEach((to) => {
  const { t } = i18n.global
  const app = t('common.appName')
  document.title = to.meta.titleKey ? `${t(to.meta.titleKey)} - ${app}` : app
})
