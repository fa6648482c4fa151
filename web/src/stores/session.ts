// The signed-in session: token, user, the communities they may work on and the one chosen.
// The token lives in sessionStorage (a closed tab signs out, as on a shared office computer);
// the chosen community in localStorage.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'

import { authApi } from '@/api/auth'
import { placesApi } from '@/api/places'
import type { Community, User } from '@/api/types'
import { allows, allowsAny, Perm, type Requirement } from '@/utils/permissions'

const kTokenKey = 'cordon.token'
const kCommunityKey = 'cordon.community'

function read(storage: Storage, key: string): string | null {
  try {
    return storage.getItem(key)
  } catch {
    return null
  }
}

function write(storage: Storage, key: string, value: string | null): void {
  try {
    if (value === null) {
      storage.removeItem(key)
    } else {
      storage.setItem(key, value)
    }
  } catch {
    // Storage refused (private mode): the value lasts for this page only.
  }
}

/** The community a scope names: a zone code is `<community>-<number>`. */
export function communityOfScope(user: User): string {
  const { kind, code } = user.scope
  if (kind === 'community') {
    return code
  }
  if (kind === 'zone') {
    const dash = code.lastIndexOf('-')
    return dash > 0 ? code.slice(0, dash) : code
  }
  return ''
}

export const useSessionStore = defineStore('session', () => {
  const token = ref<string | null>(read(sessionStorage, kTokenKey))
  const user = ref<User | null>(null)
  const communities = ref<Community[]>([])
  const communityCode = ref<string>(read(localStorage, kCommunityKey) ?? '')

  const permissions = computed<readonly string[]>(() => user.value?.permissions ?? [])
  const signedIn = computed(() => token.value !== null && user.value !== null)
  const community = computed(() => communities.value.find((c) => c.code === communityCode.value) ?? null)
  const zoneBound = computed(() => user.value?.scope.kind === 'zone')

  function can(required: Requirement): boolean {
    return allows(permissions.value, required)
  }

  function canAny(required: readonly string[]): boolean {
    return allowsAny(permissions.value, required)
  }

  function selectCommunity(code: string): void {
    communityCode.value = code
    write(localStorage, kCommunityKey, code || null)
  }

  async function loadCommunities(): Promise<void> {
    if (!user.value) {
      return
    }
    if (can(Perm.placeRead)) {
      communities.value = (await placesApi.communities()).items
    } else {
      communities.value = []
    }
    const codes = communities.value.map((c) => c.code)
    if (!codes.includes(communityCode.value)) {
      selectCommunity(codes[0] ?? communityOfScope(user.value))
    }
  }

  async function login(username: string, password: string): Promise<void> {
    const result = await authApi.login(username, password)
    token.value = result.token
    write(sessionStorage, kTokenKey, result.token)
    user.value = result.user
    await loadCommunities()
  }

  /** After a reload: the user behind the kept token (GET /auth/me). False without a token. */
  async function restore(): Promise<boolean> {
    if (token.value === null) {
      return false
    }
    if (user.value === null) {
      user.value = await authApi.me()
      await loadCommunities()
    }
    return true
  }

  /** Forgets the session here (the server's is revoked by logout, or already gone). */
  function clear(): void {
    token.value = null
    user.value = null
    communities.value = []
    write(sessionStorage, kTokenKey, null)
  }

  async function logout(): Promise<void> {
    try {
      await authApi.logout()
    } catch {
      // Already gone on the server (expired, revoked): signing out here is all that is left.
    } finally {
      clear()
    }
  }

  return {
    token,
    user,
    communities,
    communityCode,
    community,
    permissions,
    signedIn,
    zoneBound,
    can,
    canAny,
    selectCommunity,
    loadCommunities,
    login,
    restore,
    clear,
    logout,
  }
})
