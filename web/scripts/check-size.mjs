// After `vite build`: the first load of the pages opened on phones — the resident's declaration
// page (declare.html) and the gate checkpoint station (station.html) — that is the HTML and the JS
// and CSS it loads before any dynamic import, must each stay under kBudgetBytes gzipped, because
// they are opened on cheap phones over mobile data; and none of it may be the console's Element
// Plus (nor, for the station, the camera scanner, which loads only when opened). Reads
// dist/.vite/manifest.json (build.manifest), prints the figures, exits 1 over budget. Also checks
// that the station's service worker was written.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

/** The budget of a first load, gzipped at zlib's default level (as a server would send it). */
const kBudgetBytes = 150 * 1024

/** What marks a file as the console's: its chunk name or source path. */
const kConsoleOnly = /element-plus|@element-plus|echarts|vue-router|pinia|vue-i18n/

/** The pages checked: the manifest key of each entry (its HTML file) and what it must not load first. */
const kPages = [
  { entry: 'declare.html', label: 'declare page', forbidden: kConsoleOnly },
  { entry: 'station.html', label: 'station page', forbidden: new RegExp(`${kConsoleOnly.source}|vant|html5-qrcode`) },
]

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist')

/** @type {Record<string, {file: string, src?: string, name?: string, imports?: string[], css?: string[]}>} */
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'))

const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`

/** Checks one page; returns false when it fails. */
function checkPage({ entry, label, forbidden }) {
  if (!manifest[entry]) {
    console.error(`check-size: ${entry} is not an entry of dist/.vite/manifest.json`)
    return false
  }
  // The entry's chunk and every chunk it imports statically, each once; their CSS with them.
  const files = new Set([entry])
  const seen = new Set()
  const pending = [entry]
  const offending = []
  while (pending.length > 0) {
    const key = pending.pop()
    if (seen.has(key)) {
      continue
    }
    seen.add(key)
    const chunk = manifest[key]
    files.add(chunk.file)
    for (const css of chunk.css ?? []) {
      files.add(css)
    }
    if (forbidden.test(`${key} ${chunk.name ?? ''} ${chunk.src ?? ''}`)) {
      offending.push(key)
    }
    pending.push(...(chunk.imports ?? []))
  }

  let total = 0
  const rows = []
  for (const file of [...files].sort()) {
    const gzipped = gzipSync(readFileSync(join(dist, file))).length
    total += gzipped
    rows.push(`  ${(gzipped / 1024).toFixed(1).padStart(7)} kB  ${file}`)
  }
  console.log(`${label}, first load (gzip):\n${rows.join('\n')}\n  ${kB(total).padStart(10)}  total, budget < ${kB(kBudgetBytes)}`)

  let ok = true
  if (offending.length > 0) {
    console.error(`check-size: the ${label} loads chunks it must not load first: ${offending.join(', ')}`)
    ok = false
  }
  if (total >= kBudgetBytes) {
    console.error(`check-size: the ${label}'s ${kB(total)} is over the budget of ${kB(kBudgetBytes)}`)
    ok = false
  }
  return ok
}

let failed = false
for (const page of kPages) {
  if (!checkPage(page)) {
    failed = true
  }
}
if (!existsSync(join(dist, 'station-sw.js'))) {
  console.error('check-size: dist/station-sw.js was not written (scripts/station-sw-plugin.ts)')
  failed = true
}
process.exit(failed ? 1 : 0)
