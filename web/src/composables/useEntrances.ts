// The entrances (出入口) of the current community, for the gate pages' filters and rows. Loaded
// only for users who may read places; others see the entrances the events name.
import { ref } from 'vue'

import { placesApi } from '@/api/places'
import type { Entrance } from '@/api/types'
import { useSessionStore } from '@/stores/session'
import { Perm } from '@/utils/permissions'

import { useErrors } from './useErrors'

export function useEntrances() {
  const session = useSessionStore()
  const { report } = useErrors()
  const entrances = ref<Entrance[]>([])

  async function loadEntrances(): Promise<void> {
    if (!session.can(Perm.placeRead) || !session.communityCode) {
      return
    }
    try {
      entrances.value = (await placesApi.entrances(session.communityCode)).items
    } catch (error) {
      report(error)
    }
  }

  return { entrances, loadEntrances }
}
