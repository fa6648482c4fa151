// After `vite build`: the first load of the resident's declaration page (declare.html and the
// JS and CSS it loads before any dynamic import) must stay under kBudgetBytes gzipped, because it
// is opened on cheap phones over mobile data; and none of it may be the console's Element Plus.
// Reads dist/.vite/manifest.json (build.manifest), prints the figure, exits 1 over budget.
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

/** The budget of the first load, gzipped at zlib's default level (as a server would send it). */
const kBudgetBytes = 150 * 1024

/** The manifest key of the page's entry: its HTML file, relative to the Vite root. */
const kEntry = 'declare.html'

/** What marks a file as the console's: its chunk name or source path. */
const kConsoleOnly = /element-plus|@element-plus|echarts|vue-router|pinia|vue-i18n/

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist')

/** @type {Record<string, {file: string, src?: string, name?: string, imports?: string[], css?: string[]}>} */
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'))

if (!manifest[kEntry]) {
  console.error(`check-size: ${kEntry} is not an entry of dist/.vite/manifest.json`)
  process.exit(1)
}

// The entry's chunk and every chunk it imports statically, each once; their CSS with them.
const files = new Set([kEntry])
const seen = new Set()
const pending = [kEntry]
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
  if (kConsoleOnly.test(`${key} ${chunk.name ?? ''} ${chunk.src ?? ''}`)) {
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

const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`
console.log(`declare page, first load (gzip):\n${rows.join('\n')}\n  ${kB(total).padStart(10)}  total, budget < ${kB(kBudgetBytes)}`)

let failed = false
if (offending.length > 0) {
  console.error(`check-size: the declare page loads console chunks: ${offending.join(', ')}`)
  failed = true
}
if (total >= kBudgetBytes) {
  console.error(`check-size: ${kB(total)} is over the budget of ${kB(kBudgetBytes)}`)
  failed = true
}
process.exit(failed ? 1 : 0)
