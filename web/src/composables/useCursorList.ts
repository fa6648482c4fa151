// A cursor-paged list on a page: the rows of the current page, whether one is loading, the pager
// (utils/pager.ts) and the moves between pages. One load at a time: a new load aborts the one in
// flight, and so does leaving the page; an aborted load changes nothing, a failed one is reported
// through useErrors. Call it in a component's setup (it uses useErrors and disposes with the
// component's scope).
import { onScopeDispose, reactive, ref, type Ref } from 'vue'

import { useErrors } from '@/composables/useErrors'
import { goNext, goPrev, newPager, pageLoaded, resetPager, type PagerState } from '@/utils/pager'

/** What a list read answers: one page and the cursor of the next (null: the last page). */
export interface CursorPage<T> {
  items: T[]
  next_cursor: string | null
}

/**
 * Reads one page: from `cursor` (null: the first page), at most `limit` rows, abandoned when
 * `signal` aborts (rejecting with an AbortError).
 */
export type CursorFetch<P> = (cursor: string | null, signal: AbortSignal, limit: number) => Promise<P>

export interface CursorListOptions<P> {
  /** Whether a load may run now (e.g. a community is chosen); false: load does nothing. */
  ready?: () => boolean
  /** Called with each page as it is shown, after the rows and the pager are updated. */
  onPage?: (page: P, cursor: string | null) => void
}

export interface CursorList<T> {
  /** The current page's rows. */
  rows: Ref<T[]>
  /** Whether a load is in flight. */
  loading: Ref<boolean>
  /** The rows a page holds; a change takes effect with the next load (call search()). */
  pageSize: Ref<number>
  pager: PagerState
  /** Loads the page at `cursor` (the pager's own cursor reloads the current page). */
  load: (cursor: string | null) => Promise<void>
  /** Back to the first page and loads it: after the criteria changed. */
  search: () => void
  /** Loads the next page, if there is one. */
  next: () => void
  /** Loads the previous page, if there is one. */
  prev: () => void
}

const isAbort = (error: unknown): boolean => error instanceof DOMException && error.name === 'AbortError'

/** A cursor-paged list read through `fetch`, `pageSize` rows a page to begin with. */
export function useCursorList<P extends CursorPage<unknown>>(
  fetch: CursorFetch<P>,
  pageSize: number,
  options: CursorListOptions<P> = {},
): CursorList<P['items'][number]> {
  type T = P['items'][number]
  const { report } = useErrors()
  // Deeply reactive like the views' own `ref<Row[]>([])`: they change rows in place.
  const rows = ref([]) as Ref<T[]>
  const loading = ref(false)
  const size = ref(pageSize)
  const pager = reactive(newPager())
  let inflight: AbortController | null = null

  async function load(cursor: string | null): Promise<void> {
    if (options.ready && !options.ready()) {
      return
    }
    inflight?.abort()
    const controller = new AbortController()
    inflight = controller
    loading.value = true
    try {
      const page = await fetch(cursor, controller.signal, size.value)
      rows.value = page.items
      pageLoaded(pager, page.next_cursor)
      options.onPage?.(page, cursor)
    } catch (error) {
      if (isAbort(error)) {
        return
      }
      report(error)
    } finally {
      // A superseded load leaves the flag to the one that replaced it.
      if (inflight === controller) {
        inflight = null
        loading.value = false
      }
    }
  }

  function search(): void {
    resetPager(pager)
    void load(null)
  }

  function next(): void {
    const cursor = goNext(pager)
    if (cursor !== undefined) {
      void load(cursor)
    }
  }

  function prev(): void {
    const cursor = goPrev(pager)
    if (cursor !== undefined) {
      void load(cursor)
    }
  }

  onScopeDispose(() => inflight?.abort())

  return { rows, loading, pageSize: size, pager, load, search, next, prev }
}
