// The person registry (tag `persons`): search, register, change, remove, reveal, stats.
import { http } from './http'
import type { Page, Person, PersonCriteria, PersonInput, PersonPatch, RegistryStats, Revealed } from './types'

const community = (code: string) => `/api/v1/communities/${encodeURIComponent(code)}`

export const personsApi = {
  list: (code: string, criteria: PersonCriteria, limit: number, cursor: string | null, signal?: AbortSignal) =>
    http.get<Page<Person>>(`${community(code)}/persons`, { ...criteria, limit, cursor }, signal),
  get: (id: number) => http.get<Person>(`/api/v1/persons/${id}`),
  create: (code: string, input: PersonInput) => http.post<Person>(`${community(code)}/persons`, input),
  update: (id: number, patch: PersonPatch) => http.patch<Person>(`/api/v1/persons/${id}`, patch),
  remove: (id: number, reason: string) => http.delete<undefined>(`/api/v1/persons/${id}`, { reason }),
  reveal: (id: number, reason: string) => http.post<Revealed>(`/api/v1/persons/${id}/reveal`, { reason }),
  stats: (code: string) => http.get<RegistryStats>(`${community(code)}/stats`),
}
