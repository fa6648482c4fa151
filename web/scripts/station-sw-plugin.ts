// A Vite plugin that writes dist/station-sw.js, the gate station's service worker, after the
// build: scripts/station-sw.js with its list of files to cache (kPrecache) and its version
// (kVersion) filled in. The list comes from the build manifest (dist/.vite/manifest.json): the
// station entry and every chunk it imports, statically or dynamically, with their CSS and assets,
// so the worker caches exactly what the station can load, and nothing of the console.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import type { Plugin } from 'vite'

interface ManifestChunk {
  file: string
  imports?: string[]
  dynamicImports?: string[]
  css?: string[]
  assets?: string[]
}

type Manifest = Record<string, ManifestChunk>

/** The manifest key of the station's entry: its HTML file, relative to the Vite root. */
export const kStationEntry = 'station.html'
/** Where the worker is served from; its scope (/station) is set where the page registers it. */
export const kStationWorkerFile = 'station-sw.js'

/** The worker's source, beside this file. */
const templatePath = () => fileURLToPath(new URL('./station-sw.js', import.meta.url))
/** Files of public/ that the station shows. */
const kPublicFiles = ['favicon.svg']

/** The files `entry` loads, at once or later, as paths under dist/ (each once, sorted). */
export function stationFiles(manifest: Manifest, entry: string = kStationEntry): string[] {
  const files = new Set<string>()
  const seen = new Set<string>()
  const pending = [entry]
  while (pending.length > 0) {
    const key = pending.pop() as string
    if (seen.has(key)) {
      continue
    }
    seen.add(key)
    const chunk = manifest[key]
    if (!chunk) {
      throw new Error(`station-sw: ${key} is not in the build manifest`)
    }
    files.add(chunk.file)
    for (const file of [...(chunk.css ?? []), ...(chunk.assets ?? [])]) {
      files.add(file)
    }
    pending.push(...(chunk.imports ?? []), ...(chunk.dynamicImports ?? []))
  }
  return [...files].sort()
}

/** The worker's source: the template with `version` and `urls` filled in. */
export function renderWorker(template: string, version: string, urls: readonly string[]): string {
  const filled = template
    .replace("const kVersion = 'dev'", `const kVersion = ${JSON.stringify(version)}`)
    .replace('const kPrecache = /* precache */ []', `const kPrecache = ${JSON.stringify(urls, null, 2)}`)
  if (!filled.includes(version) || filled.includes('/* precache */')) {
    throw new Error('station-sw: the template no longer has the kVersion and kPrecache lines')
  }
  return filled
}

export function stationServiceWorker(): Plugin {
  return {
    name: 'cordon-station-sw',
    apply: 'build',
    writeBundle(options) {
      const dist = options.dir
      if (!dist) {
        throw new Error('station-sw: the build has no output directory')
      }
      const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Manifest
      const files = stationFiles(manifest)
      // station.html is the page itself; the manifest names it as the entry's source only.
      const urls = ['/station.html', ...kPublicFiles.filter((f) => existsSync(join(dist, f))), ...files].map((f) =>
        f.startsWith('/') ? f : `/${f}`,
      )
      const hash = createHash('sha256')
      hash.update(readFileSync(join(dist, kStationEntry)))
      hash.update(urls.join('\n'))
      const version = hash.digest('hex').slice(0, 12)
      writeFileSync(join(dist, kStationWorkerFile), renderWorker(readFileSync(templatePath(), 'utf8'), version, urls))
    },
  }
}
