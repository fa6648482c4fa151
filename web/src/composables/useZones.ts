// The zones of the current community, for filters and for naming a row's zone. Loaded only for
// users who may read places; others see zones by number.
import { ref } from 'vue'

import { placesApi } from '@/api/places'
import type { Zone } from '@/api/types'
import { useSessionStore } from '@/stores/session'
import { Perm } from '@/utils/permissions'

import { useErrors } from './useErrors'

export function useZones() {
  const session = useSessionStore()
  const { report } = useErrors()
  const zones = ref<Zone[]>([])

  async function loadZones(): Promise<void> {
    if (!session.can(Perm.placeRead) || !session.communityCode) {
      return
    }
    try {
      zones.value = (await placesApi.zones(session.communityCode)).items
    } catch (error) {
      report(error)
    }
  }

  /** The zone's name; `#id` when not listed, '' for none. */
  function zoneName(id: number | null | undefined): string {
    if (id === null || id === undefined) {
      return ''
    }
    return zones.value.find((z) => z.id === id)?.name ?? `#${id}`
  }

  return { zones, loadZones, zoneName }
}
