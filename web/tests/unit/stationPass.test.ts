// The pass as the station reads it offline: base64url as strict as libsodium, the CP1 claims as
// strict as DecodePassClaims (tampered texts rejected), CheckPass's states, the Ed25519 signature
// with a key pair made here, and the offline decision against the gate list.
import { getPublicKeyAsync, signAsync, utils } from '@noble/ed25519'
import { beforeAll, describe, expect, it } from 'vitest'

import type { GateList } from '@/api/gate'
import { decideOffline, indexGateList, type OfflineContext, offlinePassState } from '@/station/offlineDecision'
import {
  base64UrlDecode,
  base64UrlEncode,
  checkPass,
  decodePassClaims,
  encodePassClaims,
  looksLikePassToken,
  type PassClaims,
  verifyPassToken,
} from '@/station/passToken'

const kCommunity = '441900003013'
const kRef = 'AbCdEfGhIjKlMnOpQrSt_-'
const kIssued = 1_764_460_800 // 2025-11-30T00:00:00Z
const kExpires = kIssued + 86_400

const kClaims: PassClaims = {
  communityCode: kCommunity,
  personRef: kRef,
  colour: 'green',
  issuedAt: kIssued * 1000,
  expiresAt: kExpires * 1000,
}
const kText = `CP1|${kCommunity}|${kRef}|g|${kIssued}|${kExpires}`

const bytes = (text: string) => new TextEncoder().encode(text)

describe('base64url', () => {
  it('round-trips every length', () => {
    for (let n = 0; n < 40; n++) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff)
      const text = base64UrlEncode(data)
      expect(text).toMatch(/^[A-Za-z0-9_-]*$/)
      expect(base64UrlDecode(text)).toEqual(data)
    }
  })

  it('reads the RFC 4648 test vectors without padding', () => {
    expect(base64UrlEncode(bytes('foobar'))).toBe('Zm9vYmFy')
    expect(base64UrlEncode(bytes('fo'))).toBe('Zm8')
    expect(new TextDecoder().decode(base64UrlDecode('Zm9vYg') ?? new Uint8Array())).toBe('foob')
    expect(base64UrlEncode(Uint8Array.of(0xfb, 0xff))).toBe('-_8')
  })

  it.each([
    ['padding', 'Zm8='],
    ['the standard alphabet', 'a+b/'],
    ['a length no bytes have', 'Zm9vY'],
    ['stray bits in the last character', 'Zm9'],
    ['spaces', 'Zm9v YmFy'],
  ])('refuses %s', (_why, text) => {
    expect(base64UrlDecode(text)).toBeNull()
  })
})

describe('decodePassClaims', () => {
  it('reads the CP1 form and writes it back the same', () => {
    expect(decodePassClaims(kText)).toEqual(kClaims)
    expect(encodePassClaims(kClaims)).toBe(kText)
    expect(decodePassClaims(`CP1|ABC_1|${kRef}|r|0|1`)).toEqual({
      communityCode: 'ABC_1',
      personRef: kRef,
      colour: 'red',
      issuedAt: 0,
      expiresAt: 1000,
    })
  })

  it.each([
    ['another version', `CP2|${kCommunity}|${kRef}|g|${kIssued}|${kExpires}`],
    ['a field short', `CP1|${kCommunity}|${kRef}|g|${kIssued}`],
    ['a field more', `${kText}|1`],
    ['an empty community', `CP1||${kRef}|g|${kIssued}|${kExpires}`],
    ['a community with a dash', `CP1|441900003013-1|${kRef}|g|${kIssued}|${kExpires}`],
    ['a community too long', `CP1|${'1'.repeat(33)}|${kRef}|g|${kIssued}|${kExpires}`],
    ['a ref one short', `CP1|${kCommunity}|${kRef.slice(1)}|g|${kIssued}|${kExpires}`],
    ['a ref one long', `CP1|${kCommunity}|${kRef}A|g|${kIssued}|${kExpires}`],
    ['a ref outside base64url', `CP1|${kCommunity}|${kRef.slice(1)}+|g|${kIssued}|${kExpires}`],
    ['an unknown colour', `CP1|${kCommunity}|${kRef}|x|${kIssued}|${kExpires}`],
    ['a capital colour', `CP1|${kCommunity}|${kRef}|G|${kIssued}|${kExpires}`],
    ['a colour word', `CP1|${kCommunity}|${kRef}|green|${kIssued}|${kExpires}`],
    ['a leading zero', `CP1|${kCommunity}|${kRef}|g|0${kIssued}|${kExpires}`],
    ['a negative time', `CP1|${kCommunity}|${kRef}|g|-1|${kExpires}`],
    ['a time with a point', `CP1|${kCommunity}|${kRef}|g|${kIssued}.5|${kExpires}`],
    ['a time with a plus', `CP1|${kCommunity}|${kRef}|g|+${kIssued}|${kExpires}`],
    ['expiry at issue', `CP1|${kCommunity}|${kRef}|g|${kIssued}|${kIssued}`],
    ['expiry before issue', `CP1|${kCommunity}|${kRef}|g|${kExpires}|${kIssued}`],
    ['a time past 9999', `CP1|${kCommunity}|${kRef}|g|${kIssued}|253402300800`],
    ['a trailing space', `${kText} `],
    ['nothing', ''],
  ])('refuses %s', (_why, text) => {
    expect(decodePassClaims(text)).toBeNull()
  })
})

describe('checkPass', () => {
  const inside = kIssued * 1000 + 3_600_000

  it('names each state as the server does', () => {
    expect(checkPass(kClaims, inside, kCommunity, null)).toBe('valid')
    expect(checkPass(kClaims, inside, '441900003014', null)).toBe('other_community')
    expect(checkPass(kClaims, kExpires * 1000, kCommunity, null)).toBe('expired')
    expect(checkPass(kClaims, kExpires * 1000 - 1, kCommunity, null)).toBe('valid')
    // Five minutes of clock skew are the clock's fault, not the pass's.
    expect(checkPass(kClaims, kIssued * 1000 - 5 * 60_000, kCommunity, null)).toBe('valid')
    expect(checkPass(kClaims, kIssued * 1000 - 5 * 60_000 - 1, kCommunity, null)).toBe('not_yet_valid')
  })

  it('is stale once the colour changed after issue, counting whole seconds', () => {
    expect(checkPass(kClaims, inside, kCommunity, kIssued * 1000 + 999)).toBe('valid')
    expect(checkPass(kClaims, inside, kCommunity, kIssued * 1000 + 1000)).toBe('stale')
    expect(checkPass(kClaims, inside, kCommunity, kIssued * 1000 - 86_400_000)).toBe('valid')
  })

  it('puts another community before any time', () => {
    expect(checkPass(kClaims, kExpires * 1000 + 1, 'elsewhere', kIssued * 1000 + 5000)).toBe('other_community')
  })
})

describe('verifyPassToken', () => {
  let secretKey: Uint8Array
  let publicKey: Uint8Array

  async function token(text: string, key = secretKey): Promise<string> {
    const signature = await signAsync(bytes(text), key)
    return `${base64UrlEncode(bytes(text))}.${base64UrlEncode(signature)}`
  }

  beforeAll(async () => {
    secretKey = utils.randomSecretKey()
    publicKey = await getPublicKeyAsync(secretKey)
  })

  it('accepts a pass signed with the key, and gives its claims', async () => {
    const t = await token(kText)
    expect(looksLikePassToken(t)).toBe(true)
    expect(await verifyPassToken(t, publicKey)).toEqual({ kind: 'genuine', claims: kClaims })
  })

  it('refuses a signature changed by one character', async () => {
    const t = await token(kText)
    const dot = t.indexOf('.')
    const c = t.charAt(dot + 8)
    const changed = `${t.slice(0, dot + 8)}${c === 'Q' ? 'R' : 'Q'}${t.slice(dot + 9)}`
    expect(await verifyPassToken(changed, publicKey)).toEqual({ kind: 'forged' })
  })

  it('refuses claims changed under a good signature', async () => {
    const t = await token(kText)
    const signature = t.slice(t.indexOf('.') + 1)
    const red = kText.replace('|g|', '|r|')
    expect(await verifyPassToken(`${base64UrlEncode(bytes(red))}.${signature}`, publicKey)).toEqual({ kind: 'forged' })
  })

  it('refuses a pass signed with another key', async () => {
    const other = utils.randomSecretKey()
    expect(await verifyPassToken(await token(kText, other), publicKey)).toEqual({ kind: 'forged' })
  })

  it('refuses a genuine signature over text that is not CP1 claims', async () => {
    expect(await verifyPassToken(await token(kText.replace('CP1', 'CP2')), publicKey)).toEqual({ kind: 'forged' })
  })

  it.each([
    ['no dot', 'abcdefghijklmnopqrstuvwxyz'],
    ['a short signature', `${base64UrlEncode(bytes(kText))}.${base64UrlEncode(new Uint8Array(63))}`],
    ['padding', `${base64UrlEncode(bytes(kText))}=.${base64UrlEncode(new Uint8Array(64))}`],
    ['a token too long', `${'A'.repeat(600)}.${base64UrlEncode(new Uint8Array(64))}`],
  ])('refuses %s', async (_why, t) => {
    expect(await verifyPassToken(t, publicKey)).toEqual({ kind: 'forged' })
  })
})

describe('the offline decision', () => {
  let secretKey: Uint8Array
  let publicKey: Uint8Array
  const now = kIssued * 1000 + 3_600_000
  // The list was made half an hour after the passes below were issued.
  const generatedAt = new Date(kIssued * 1000 + 1_800_000).toISOString()
  const listedYellow = 'YYYYYYYYYYYYYYYYYYYYYY'
  const changedLater = 'CCCCCCCCCCCCCCCCCCCCCC'
  const list: GateList = {
    generated_at: generatedAt,
    community_code: kCommunity,
    items: [
      { ref: listedYellow, colour: 'yellow', colour_since: new Date(kIssued * 1000 - 86_400_000).toISOString(), valid_until: '2099-01-01T00:00:00Z' },
      { ref: changedLater, colour: 'green', colour_since: new Date(kIssued * 1000 + 60_000).toISOString(), valid_until: '2099-01-01T00:00:00Z' },
      { ref: 'bad', colour: 'purple' as 'red', colour_since: 'yesterday', valid_until: '' },
    ],
  }

  async function passOf(ref: string, letter: 'g' | 'y' | 'r', issued = kIssued): Promise<string> {
    const text = `CP1|${kCommunity}|${ref}|${letter}|${issued}|${kExpires}`
    const signature = await signAsync(bytes(text), secretKey)
    return `${base64UrlEncode(bytes(text))}.${base64UrlEncode(signature)}`
  }

  function ctx(over: Partial<OfflineContext> = {}): OfflineContext {
    return { communityCode: kCommunity, publicKey, gateList: indexGateList(list), now, ...over }
  }

  beforeAll(async () => {
    secretKey = utils.randomSecretKey()
    publicKey = await getPublicKeyAsync(secretKey)
  })

  it('indexes the list, leaving out what it cannot read', () => {
    const index = indexGateList(list)
    expect(index.byRef.size).toBe(2)
    expect(index.generatedAt).toBe(Date.parse(generatedAt))
  })

  it('lets a green pass in, with its colour', async () => {
    const v = await decideOffline({ kind: 'token', token: await passOf(kRef, 'g') }, 'in', 365, ctx())
    expect(v).toEqual({ decision: 'allow', reasons: ['colour.green'], colour: 'green' })
  })

  it('denies a yellow pass the list agrees with', async () => {
    const v = await decideOffline({ kind: 'token', token: await passOf(listedYellow, 'y') }, 'in', null, ctx())
    expect(v).toEqual({ decision: 'deny', reasons: ['colour.yellow'], colour: 'yellow' })
  })

  it('finds a pass stale when the list holds another colour or a later change', async () => {
    expect((await decideOffline({ kind: 'token', token: await passOf(listedYellow, 'g') }, 'in', null, ctx())).reasons).toEqual(['pass.stale'])
    expect((await decideOffline({ kind: 'token', token: await passOf(changedLater, 'g') }, 'in', null, ctx())).reasons).toEqual(['pass.stale'])
  })

  it('finds a yellow pass stale when the list, made after it, names the person no longer', async () => {
    const claims = decodePassClaims(`CP1|${kCommunity}|${kRef}|y|${kIssued}|${kExpires}`) as PassClaims
    expect(offlinePassState(claims, ctx())).toBe('stale')
    const newer = { ...claims, issuedAt: Date.parse(generatedAt) + 1000 }
    expect(offlinePassState(newer, ctx())).toBe('valid')
    expect(offlinePassState(claims, ctx({ gateList: null }))).toBe('valid')
  })

  it('ignores a list of another community', () => {
    const claims = decodePassClaims(`CP1|${kCommunity}|${listedYellow}|g|${kIssued}|${kExpires}`) as PassClaims
    expect(offlinePassState(claims, ctx())).toBe('stale')
    expect(offlinePassState(claims, ctx({ gateList: { ...indexGateList(list), communityCode: 'elsewhere' } }))).toBe('valid')
  })

  it('denies a forged, expired or foreign pass', async () => {
    const good = await passOf(kRef, 'g')
    const forged = `${good.slice(0, -2)}${good.endsWith('AA') ? 'BA' : 'AA'}`
    expect((await decideOffline({ kind: 'token', token: forged }, 'in', null, ctx())).reasons).toEqual(['pass.forged'])
    expect((await decideOffline({ kind: 'token', token: good }, 'in', null, ctx({ now: kExpires * 1000 }))).reasons).toEqual(['pass.expired'])
    expect((await decideOffline({ kind: 'token', token: good }, 'in', null, ctx({ communityCode: '441900003014' }))).reasons).toEqual([
      'pass.other_community',
    ])
  })

  it('refers a fever and lets anyone leave', async () => {
    const yellow = await passOf(listedYellow, 'y')
    expect(await decideOffline({ kind: 'token', token: yellow }, 'out', null, ctx())).toEqual({ decision: 'allow', reasons: ['exit'], colour: 'yellow' })
    expect((await decideOffline({ kind: 'token', token: await passOf(kRef, 'g') }, 'in', 373, ctx())).decision).toBe('refer')
  })

  it('refers to the guard what it cannot check: an ID number, a plate, a pass without the key', async () => {
    const unverified = { decision: 'refer', reasons: ['offline.unverified'], colour: null }
    expect(await decideOffline({ kind: 'id_number', value: '110105194912310029' }, 'in', null, ctx())).toEqual(unverified)
    expect(await decideOffline({ kind: 'plate', value: '粤S12345' }, 'in', null, ctx())).toEqual(unverified)
    expect(await decideOffline({ kind: 'token', token: await passOf(kRef, 'g') }, 'in', null, ctx({ publicKey: null }))).toEqual(unverified)
  })
})
