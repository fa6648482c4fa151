// The resident's health declaration (tags `public`, `declarations`): no sign-in, so every call
// goes without a token and a 401 is not a lost session.
import { buildUrl, request } from './http'
import type { DeclarationInput, DeclarationResult, PublicCommunity } from './types'

export type QrFormat = 'svg' | 'png'

export const declarationsApi = {
  community: (code: string, signal?: AbortSignal) =>
    request<PublicCommunity>('GET', `/api/v1/public/communities/${encodeURIComponent(code)}`, {
      auth: false,
      signal,
    }),
  submit: (input: DeclarationInput) =>
    request<DeclarationResult>('POST', '/api/v1/declarations', { body: input, auth: false }),
  /** The address of the pass's QR image, for an `<img src>`. */
  qrUrl: (token: string, format: QrFormat = 'svg') => buildUrl('/api/v1/passes/qr', { token, format }),
}
