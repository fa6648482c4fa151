// The cursor pager: forward through next_cursor, back through the stack of cursors seen.
import { describe, expect, it } from 'vitest'

import { goNext, goPrev, hasNext, hasPrev, newPager, pageLoaded, pageNumber, resetPager } from '@/utils/pager'

describe('cursor pager', () => {
  it('starts on page 1 with nowhere to go', () => {
    const p = newPager()
    expect(pageNumber(p)).toBe(1)
    expect(hasPrev(p)).toBe(false)
    expect(hasNext(p)).toBe(false)
    expect(goNext(p)).toBeUndefined()
    expect(goPrev(p)).toBeUndefined()
  })

  it('walks forward and back with the right cursors', () => {
    const p = newPager()
    pageLoaded(p, 'c2')
    expect(hasNext(p)).toBe(true)
    expect(goNext(p)).toBe('c2')
    expect(pageNumber(p)).toBe(2)
    pageLoaded(p, 'c3')
    expect(goNext(p)).toBe('c3')
    pageLoaded(p, null)
    expect(pageNumber(p)).toBe(3)
    expect(hasNext(p)).toBe(false)
    expect(goNext(p)).toBeUndefined()
    expect(goPrev(p)).toBe('c2')
    expect(pageNumber(p)).toBe(2)
    pageLoaded(p, 'c3')
    expect(goPrev(p)).toBeNull() // the first page loads without a cursor
    expect(pageNumber(p)).toBe(1)
    expect(hasPrev(p)).toBe(false)
  })

  it('does not offer next until the page has loaded', () => {
    const p = newPager()
    pageLoaded(p, 'c2')
    goNext(p)
    expect(hasNext(p)).toBe(false)
  })

  it('resets to the first page', () => {
    const p = newPager()
    pageLoaded(p, 'c2')
    goNext(p)
    resetPager(p)
    expect(p).toEqual(newPager())
  })
})
