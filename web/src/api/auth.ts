// Sign-in, sign-out and the signed-in user (tag `auth`).
import { http, request } from './http'
import type { LoginResult, User } from './types'

export const authApi = {
  /** POST /auth/login. A 401 here is a wrong name or password, not a lost session. */
  login: (username: string, password: string) =>
    request<LoginResult>('POST', '/api/v1/auth/login', { body: { username, password }, auth: false }),
  logout: () => http.post<undefined>('/api/v1/auth/logout'),
  me: () => http.get<User>('/api/v1/auth/me'),
}
