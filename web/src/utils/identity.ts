// Checks of a resident's own numbers, as the phone page validates them before sending: the
// 18-character resident ID number of GB 11643-1999 and a mainland mobile number. The server
// checks the same again; these only spare the resident a round trip.

/** The weights of the 17 body digits, 2^(18-i) mod 11 (GB 11643-1999 §8.2). */
const kWeights: readonly number[] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]

/** The check character for a weighted sum mod 11 (ISO 7064 MOD 11-2). */
const kCheckChars = '10X98765432'

/** The earliest birth year accepted: older numbers are typing errors, not people. */
const kEarliestBirthYear = 1900

/**
 * The check character (`0`–`9` or `X`) of the first 17 digits of `body`.
 * REQUIRES: `body` starts with 17 ASCII digits.
 */
export function idCheckDigit(body: string): string {
  let sum = 0
  for (let i = 0; i < kWeights.length; i++) {
    sum += (body.charCodeAt(i) - 48) * (kWeights[i] ?? 0)
  }
  return kCheckChars.charAt(sum % 11)
}

/** The ID number as typed, without spaces and with a capital X. */
export function normaliseIdNumber(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase()
}

/** Whether `yyyymmdd` is a real date no later than `today`. */
function isBirthDate(yyyymmdd: string, today: Date): boolean {
  const year = Number(yyyymmdd.slice(0, 4))
  const month = Number(yyyymmdd.slice(4, 6))
  const day = Number(yyyymmdd.slice(6, 8))
  const date = new Date(year, month - 1, day)
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) {
    return false
  }
  return year >= kEarliestBirthYear && date.getTime() <= today.getTime()
}

/**
 * Whether `value` (normalised) is an 18-character resident ID number: 17 digits whose 7th–14th
 * are a real birth date, and the right check character.
 */
export function isValidIdNumber(value: string, today: Date = new Date()): boolean {
  const id = normaliseIdNumber(value)
  if (!/^[1-9][0-9]{16}[0-9X]$/.test(id)) {
    return false
  }
  return isBirthDate(id.slice(6, 14), today) && idCheckDigit(id) === id.charAt(17)
}

/** Whether `value` (spaces and dashes ignored) is a mainland mobile number: 1[3-9] and 9 digits. */
export function isMobilePhone(value: string): boolean {
  return /^1[3-9][0-9]{9}$/.test(normalisePhone(value))
}

/** The phone number as typed, without spaces or dashes. */
export function normalisePhone(value: string): string {
  return value.replace(/[\s-]+/g, '')
}
