// Staff accounts (tag `users`) and the audit trail (tag `audit`).
import { http } from './http'
import type { AuditCriteria, AuditEntry, NewUser, Page, Role, User } from './types'

export const usersApi = {
  list: (role: Role | undefined, limit: number, cursor: string | null) =>
    http.get<Page<User>>('/api/v1/users', { role, limit, cursor }),
  create: (input: NewUser) => http.post<User>('/api/v1/users', input),
}

export const auditApi = {
  list: (criteria: AuditCriteria, limit: number, cursor: string | null) =>
    http.get<Page<AuditEntry>>('/api/v1/audit', { ...criteria, limit, cursor }),
}
