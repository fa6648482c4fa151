// The pass as the station reads it offline: the token's two base64url halves, the signed claims
// text (DecodePassClaims of src/domain/health/pass.cpp, as strict), the Ed25519 signature checked
// with the server's public key (@noble/ed25519), and CheckPass's states. A token is
// base64url(claims) + "." + base64url(signature of the claims bytes); the claims text is
// `CP1|<community>|<22-char ref>|<g|y|r>|<issued, unix s>|<expires, unix s>`.
import { verifyAsync } from '@noble/ed25519'

import type { PassColour } from '@/api/types'

import type { PassState } from './decision'

export interface PassClaims {
  communityCode: string
  /** An opaque reference to the person: 22 base64url characters. */
  personRef: string
  colour: PassColour
  /** Unix milliseconds, whole seconds. */
  issuedAt: number
  expiresAt: number
}

/** The longest token the server reads (PassSigner::Verify): anything longer is malformed. */
export const kMaxTokenLength = 512

const kVersion = 'CP1'
const kMaxCommunityCodeLength = 32
const kPersonRefLength = 22
/** 9999-12-31T23:59:59Z, the last second RFC 3339 can write. */
const kMaxSeconds = 253_402_300_799
/** How far ahead of the station's clock a pass may be issued before the clocks are to blame. */
export const kClockSkewMs = 5 * 60_000

const kColourLetters: ReadonlyArray<[PassColour, string]> = [
  ['green', 'g'],
  ['yellow', 'y'],
  ['red', 'r'],
]

const kAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const kAlphabetIndex = new Map([...kAlphabet].map((c, i) => [c, i]))

/**
 * `text` as bytes, read as unpadded base64url the way libsodium reads it: only the 64 letters,
 * no padding, and no stray bits in the last character (one spelling per byte string). Null for
 * anything else.
 */
export function base64UrlDecode(text: string): Uint8Array | null {
  if (text.length % 4 === 1) {
    return null
  }
  const out = new Uint8Array(Math.floor((text.length * 6) / 8))
  let acc = 0
  let bits = 0
  let n = 0
  for (const c of text) {
    const v = kAlphabetIndex.get(c)
    if (v === undefined) {
      return null
    }
    acc = ((acc << 6) | v) & 0xfff
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out[n++] = (acc >> bits) & 0xff
    }
  }
  if ((acc & ((1 << bits) - 1)) !== 0) {
    return null
  }
  return out
}

/** `bytes` as unpadded base64url. */
export function base64UrlEncode(bytes: Uint8Array): string {
  let out = ''
  let acc = 0
  let bits = 0
  for (const b of bytes) {
    acc = ((acc << 8) | b) & 0xffff
    bits += 8
    while (bits >= 6) {
      bits -= 6
      out += kAlphabet.charAt((acc >> bits) & 0x3f)
    }
  }
  if (bits > 0) {
    out += kAlphabet.charAt((acc << (6 - bits)) & 0x3f)
  }
  return out
}

const isDigit = (c: string) => c >= '0' && c <= '9'

/** Decimal seconds in their one canonical spelling; null for any other. */
function parseSeconds(s: string): number | null {
  if (!/^(0|[1-9][0-9]*)$/.test(s) || s.length > 12) {
    return null
  }
  const v = Number(s)
  return v <= kMaxSeconds ? v : null
}

/** The claims of a signed text; null when it is not exactly the CP1 form. */
export function decodePassClaims(text: string): PassClaims | null {
  const fields = text.split('|')
  if (fields.length !== 6 || fields[0] !== kVersion) {
    return null
  }
  const [, community = '', ref = '', letter = '', issuedText = '', expiresText = ''] = fields
  if (
    community.length === 0 ||
    community.length > kMaxCommunityCodeLength ||
    ![...community].every((c) => isDigit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c === '_')
  ) {
    return null
  }
  if (ref.length !== kPersonRefLength || ![...ref].every((c) => kAlphabetIndex.has(c))) {
    return null
  }
  const colour = kColourLetters.find(([, l]) => l === letter)?.[0]
  if (colour === undefined) {
    return null
  }
  const issued = parseSeconds(issuedText)
  const expires = parseSeconds(expiresText)
  if (issued === null || expires === null || expires <= issued) {
    return null
  }
  return { communityCode: community, personRef: ref, colour, issuedAt: issued * 1000, expiresAt: expires * 1000 }
}

/** The signed text of `claims` (EncodePassClaims); milliseconds are dropped. */
export function encodePassClaims(claims: PassClaims): string {
  const letter = kColourLetters.find(([c]) => c === claims.colour)?.[1] ?? 'g'
  return [
    kVersion,
    claims.communityCode,
    claims.personRef,
    letter,
    Math.floor(claims.issuedAt / 1000),
    Math.floor(claims.expiresAt / 1000),
  ].join('|')
}

const floorToSecond = (ms: number) => Math.floor(ms / 1000) * 1000

/**
 * CheckPass: the state of a genuine pass at `now` in community `communityCode`, given when the
 * person's current colour was given (`colourSince`, unknown: null).
 */
export function checkPass(claims: PassClaims, now: number, communityCode: string, colourSince: number | null): PassState {
  if (claims.communityCode !== communityCode) {
    return 'other_community'
  }
  if (claims.issuedAt > now + kClockSkewMs) {
    return 'not_yet_valid'
  }
  if (now >= claims.expiresAt) {
    return 'expired'
  }
  // The pass carries whole seconds while colour_since keeps its milliseconds.
  if (colourSince !== null && floorToSecond(colourSince) > floorToSecond(claims.issuedAt)) {
    return 'stale'
  }
  return 'valid'
}

/** Whether `text` has the shape of a pass token (two base64url halves), before any check. */
export function looksLikePassToken(text: string): boolean {
  return text.length <= kMaxTokenLength && /^[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}$/.test(text)
}

/** Ed25519 signatures are 64 bytes; public keys 32. */
const kSignatureBytes = 64
export const kPublicKeyBytes = 32

export type TokenCheck =
  | { kind: 'genuine'; claims: PassClaims }
  /** Malformed, or the signature does not verify with the key: pass.forged. */
  | { kind: 'forged' }

/**
 * What `token` is, checked with the server's `publicKey`, as PassSigner::Verify would find it.
 * Rejects (throws) only when the signature cannot be checked at all (no WebCrypto SHA-512).
 */
export async function verifyPassToken(token: string, publicKey: Uint8Array): Promise<TokenCheck> {
  const dot = token.indexOf('.')
  if (token.length > kMaxTokenLength || dot < 0) {
    return { kind: 'forged' }
  }
  const text = base64UrlDecode(token.slice(0, dot))
  const signature = base64UrlDecode(token.slice(dot + 1))
  if (text === null || signature === null || signature.length !== kSignatureBytes) {
    return { kind: 'forged' }
  }
  // Strict RFC 8032 (not ZIP 215), as libsodium's crypto_sign_verify_detached on the server.
  if (!(await verifyAsync(signature, text, publicKey, { zip215: false }))) {
    return { kind: 'forged' }
  }
  let claimsText: string
  try {
    claimsText = new TextDecoder('utf-8', { fatal: true }).decode(text)
  } catch {
    return { kind: 'forged' }
  }
  const claims = decodePassClaims(claimsText)
  return claims === null ? { kind: 'forged' } : { kind: 'genuine', claims }
}
