// The cursor-paged list composable in a component, with the fetch answering by hand: a new load
// aborts the one in flight (whose late answer then changes nothing), the pager walks forward and
// back with the right cursors, failures are reported, aborts are not, and unmounting aborts.
import { mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'

import { useCursorList, type CursorList, type CursorListOptions, type CursorPage } from '@/composables/useCursorList'

const report = vi.hoisted(() => vi.fn())
vi.mock('@/composables/useErrors', () => ({ useErrors: () => ({ report, text: String }) }))

type Page = CursorPage<string>

interface Call {
  cursor: string | null
  signal: AbortSignal
  limit: number
  resolve: (page: Page) => void
  reject: (error: unknown) => void
}

/** The fetch's calls, oldest first, each answered when the test says. */
let calls: Call[] = []

function fetchPage(cursor: string | null, signal: AbortSignal, limit: number): Promise<Page> {
  return new Promise<Page>((resolve, reject) => {
    calls.push({ cursor, signal, limit, resolve, reject })
    // As the HTTP wrapper does: an abort rejects with an AbortError.
    signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))
  })
}

let wrapper: VueWrapper | null = null

function mountList(options: CursorListOptions<Page> = {}): CursorList<string> {
  let list: CursorList<string> | null = null
  const Host = defineComponent({
    setup() {
      list = useCursorList(fetchPage, 20, options)
      return () => h('div')
    },
  })
  wrapper = mount(Host)
  if (!list) {
    throw new Error('not mounted')
  }
  return list
}

/** Lets the answered calls reach the list. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; ++i) {
    await Promise.resolve()
  }
}

const last = (): Call => {
  const call = calls.at(-1)
  if (!call) {
    throw new Error('no call')
  }
  return call
}

describe('useCursorList', () => {
  beforeEach(() => {
    calls = []
    report.mockReset()
  })

  afterEach(() => {
    wrapper?.unmount()
    wrapper = null
  })

  it('loads the first page with the page size and shows it', async () => {
    const list = mountList()
    list.search()
    expect(list.loading.value).toBe(true)
    expect(last()).toMatchObject({ cursor: null, limit: 20 })
    last().resolve({ items: ['a', 'b'], next_cursor: 'c2' })
    await settle()
    expect(list.rows.value).toEqual(['a', 'b'])
    expect(list.loading.value).toBe(false)
    expect(list.pager.next).toBe('c2')

    list.pageSize.value = 50
    list.search()
    expect(last()).toMatchObject({ cursor: null, limit: 50 })
  })

  it('aborts a superseded load, whose end leaves the new one loading', async () => {
    const list = mountList()
    list.search()
    const first = last()
    list.search()
    const second = last()
    expect(first.signal.aborted).toBe(true)
    expect(second.signal.aborted).toBe(false)
    await settle()
    expect(list.loading.value).toBe(true)
    expect(report).not.toHaveBeenCalled()

    second.resolve({ items: ['new'], next_cursor: null })
    await settle()
    expect(list.rows.value).toEqual(['new'])
    expect(list.loading.value).toBe(false)
  })

  it('walks forward and back with the right cursors', async () => {
    const list = mountList()
    list.search()
    last().resolve({ items: ['p1'], next_cursor: 'c2' })
    await settle()

    list.next()
    expect(last().cursor).toBe('c2')
    last().resolve({ items: ['p2'], next_cursor: 'c3' })
    await settle()
    list.next()
    expect(last().cursor).toBe('c3')
    last().resolve({ items: ['p3'], next_cursor: null })
    await settle()
    expect(list.rows.value).toEqual(['p3'])
    expect(list.pager.history).toEqual([null, 'c2'])

    // The last page: no further.
    const count = calls.length
    list.next()
    expect(calls).toHaveLength(count)

    list.prev()
    expect(last().cursor).toBe('c2')
    last().resolve({ items: ['p2'], next_cursor: 'c3' })
    await settle()
    list.prev()
    expect(last().cursor).toBeNull()
    last().resolve({ items: ['p1'], next_cursor: 'c2' })
    await settle()
    expect(list.rows.value).toEqual(['p1'])

    // The first page: no further back; a search starts again from it.
    list.prev()
    expect(calls).toHaveLength(count + 2)
    list.next()
    list.search()
    expect(list.pager).toMatchObject({ cursor: null, history: [], next: null })
    expect(last().cursor).toBeNull()
  })

  it('reports a failure and keeps the rows it had', async () => {
    const list = mountList()
    list.search()
    last().resolve({ items: ['a'], next_cursor: null })
    await settle()

    const failure = new Error('boom')
    void list.load(null)
    last().reject(failure)
    await settle()
    expect(report).toHaveBeenCalledExactlyOnceWith(failure)
    expect(list.rows.value).toEqual(['a'])
    expect(list.loading.value).toBe(false)
  })

  it('ignores an abort, from a new load or from leaving the page', async () => {
    const list = mountList()
    list.search()
    list.search()
    const pending = last()
    await settle()
    expect(report).not.toHaveBeenCalled()

    wrapper?.unmount()
    wrapper = null
    expect(pending.signal.aborted).toBe(true)
    await settle()
    expect(report).not.toHaveBeenCalled()
  })

  it('loads nothing until ready, and passes each page on', async () => {
    let ready = false
    const pages: Array<[Page, string | null]> = []
    const list = mountList({ ready: () => ready, onPage: (page, cursor) => pages.push([page, cursor]) })
    list.search()
    expect(calls).toHaveLength(0)
    expect(list.loading.value).toBe(false)

    ready = true
    list.search()
    const page = { items: ['a'], next_cursor: 'c2' }
    last().resolve(page)
    await settle()
    expect(pages).toEqual([[page, null]])
  })
})
