// Small display helpers: masked numbers, dates, addresses, search hints.

/** Whether a number is shown masked (the API stars all but a few characters). */
export function isMasked(value: string): boolean {
  return value.includes('*')
}

/** Whether a search text is the last four of an ID or phone number rather than a name. */
export function isLast4Query(q: string): boolean {
  return /^[0-9]{3}[0-9Xx]$/.test(q.replace(/\s+/g, ''))
}

/** "12栋 1单元 301", skipping empty parts; "" without a household. */
export function householdLabel(parts: { building: string; unit: string; room: string }): string {
  return [parts.building, parts.unit, parts.room].filter((p) => p !== '').join(' ')
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n)
}

/** An ISO date-time as local `YYYY-MM-DD HH:mm:ss`; the input itself when it cannot be read. */
export function formatDateTime(iso: string): string {
  if (!iso) {
    return ''
  }
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) {
    return iso
  }
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(
    d.getMinutes(),
  )}:${pad(d.getSeconds())}`
}

/** A number with thousands separators for the language (`5,000`). */
export function formatCount(n: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(n)
}

/** A resident ID number: 17 digits and a digit or X. Only a shape check; the server checks more. */
export function looksLikeResidentId(value: string): boolean {
  return /^[0-9]{17}[0-9Xx]$/.test(value)
}
