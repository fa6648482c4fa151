// How a failed call is told to the user: the server's message (already in the UI language), or
// "cannot reach the server" when there was no answer. A 401 is told by the sign-in page instead
// (the HTTP wrapper hands it to the session), so it is not shown twice.
import { ApiError } from '@/api/http'

/** The text for `error`; `networkText` when the server gave no answer (or no error shape). */
export function errorText(error: unknown, networkText: string): string {
  if (error instanceof ApiError && error.status !== 0) {
    return error.message
  }
  return networkText
}

/** Whether the error is a lost session, already being handled by going to sign-in. */
export function isSessionLost(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401
}
