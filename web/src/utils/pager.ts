// Cursor paging as the API does it: each page answers the opaque cursor of the next one, so going
// back means remembering the cursors of the pages already seen (a stack).

export interface PagerState {
  /** The cursor the current page was loaded with (null: the first page). */
  cursor: string | null
  /** The cursors of the pages before the current one, oldest first. */
  history: Array<string | null>
  /** The current page's `next_cursor` (null: this is the last page). */
  next: string | null
}

export function newPager(): PagerState {
  return { cursor: null, history: [], next: null }
}

/** Back to the first page (after a new search). */
export function resetPager(state: PagerState): void {
  state.cursor = null
  state.history = []
  state.next = null
}

/** Records the `next_cursor` of the page just loaded. */
export function pageLoaded(state: PagerState, nextCursor: string | null): void {
  state.next = nextCursor
}

export const hasNext = (state: PagerState): boolean => state.next !== null
export const hasPrev = (state: PagerState): boolean => state.history.length > 0
/** The current page's number, from 1. */
export const pageNumber = (state: PagerState): number => state.history.length + 1

/** Moves to the next page; returns the cursor to load it with, or undefined on the last page. */
export function goNext(state: PagerState): string | undefined {
  if (state.next === null) {
    return undefined
  }
  state.history.push(state.cursor)
  state.cursor = state.next
  state.next = null
  return state.cursor
}

/** Moves to the previous page; returns the cursor to load it with, or undefined on the first. */
export function goPrev(state: PagerState): string | null | undefined {
  if (state.history.length === 0) {
    return undefined
  }
  state.cursor = state.history.pop() ?? null
  state.next = null
  return state.cursor
}
