// Session helpers: the community a scope names, and how errors are told to the user.
import { describe, expect, it } from 'vitest'

import { ApiError } from '@/api/http'
import { rejectedReport } from '@/api/imports'
import type { User } from '@/api/types'
import { communityOfScope } from '@/stores/session'
import { errorText, isSessionLost } from '@/utils/errors'

function user(kind: User['scope']['kind'], code: string): User {
  return {
    id: 1,
    username: 'u',
    display_name: '',
    role: 'grid_worker',
    scope: { kind, code },
    permissions: [],
    disabled: false,
    created_at: '',
  }
}

describe('communityOfScope', () => {
  it.each([
    ['community', '441900003013', '441900003013'],
    ['zone', '441900003013-1', '441900003013'],
    ['zone', 'gb_1-12', 'gb_1'],
    ['region', '441900003', ''],
    ['all', '', ''],
  ] as const)('%s %s → %j', (kind, code, want) => {
    expect(communityOfScope(user(kind, code))).toBe(want)
  })
})

describe('errors', () => {
  it('shows the server message, or the network text without an answer', () => {
    expect(errorText(new ApiError(422, 'x', '校验位不正确'), 'net')).toBe('校验位不正确')
    expect(errorText(new ApiError(0, 'network.error', 'Failed to fetch'), 'net')).toBe('net')
    expect(errorText(new Error('boom'), 'net')).toBe('net')
  })

  it('leaves a 401 to the sign-in page', () => {
    expect(isSessionLost(new ApiError(401, 'auth.session_expired', ''))).toBe(true)
    expect(isSessionLost(new ApiError(403, 'auth.forbidden', ''))).toBe(false)
    expect(isSessionLost(new Error('x'))).toBe(false)
  })

  it('finds the import report beside import.rejected', () => {
    const report = { id: 2, applied: false, errors: [{ row: 3, column: '身份证号' }] }
    const body = { error: { code: 'import.rejected', message: 'm' }, import: report }
    expect(rejectedReport(new ApiError(422, 'import.rejected', 'm', undefined, body))).toEqual(report)
    expect(rejectedReport(new ApiError(422, 'sheet.format', 'm', undefined, { error: {} }))).toBeNull()
    expect(rejectedReport(new Error('x'))).toBeNull()
  })
})
