// Communities and the places inside one (tag `places`).
import { http } from './http'
import type {
  BuildingWithCounts,
  Community,
  Entrance,
  HouseholdDetail,
  HouseholdListed,
  Items,
  Page,
  UnitWithCounts,
  ZoneWithCounts,
} from './types'

const community = (code: string) => `/api/v1/communities/${encodeURIComponent(code)}`

export interface HouseholdCriteria {
  zone_id?: number
  building_id?: number
  unit_id?: number
  room?: string
  limit?: number
  cursor?: string | null
}

export const placesApi = {
  communities: () => http.get<Items<Community>>('/api/v1/communities'),
  zones: (code: string) => http.get<Items<ZoneWithCounts>>(`${community(code)}/zones`),
  buildings: (code: string, zoneId?: number) =>
    http.get<Items<BuildingWithCounts>>(`${community(code)}/buildings`, { zone_id: zoneId }),
  units: (buildingId: number) => http.get<Items<UnitWithCounts>>(`/api/v1/buildings/${buildingId}/units`),
  households: (code: string, criteria: HouseholdCriteria) =>
    http.get<Page<HouseholdListed>>(`${community(code)}/households`, { ...criteria }),
  household: (id: number) => http.get<HouseholdDetail>(`/api/v1/households/${id}`),
  entrances: (code: string) => http.get<Items<Entrance>>(`${community(code)}/entrances`),
}
