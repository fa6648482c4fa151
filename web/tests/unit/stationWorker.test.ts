// @vitest-environment node
// The station's service worker as the build writes it: the files it caches come from the manifest
// (the station entry and everything it imports, now or later, and nothing of the console), and
// the template still has the two lines the build fills in.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import { describe, expect, it } from 'vitest'

import { renderWorker, stationFiles } from '../../scripts/station-sw-plugin'

const kManifest = {
  'station.html': {
    file: 'assets/station-A.js',
    css: ['assets/station-A.css'],
    imports: ['_vue-B.js', '_identity-C.js'],
    dynamicImports: ['src/station/components/CameraScanner.vue'],
  },
  '_vue-B.js': { file: 'assets/vue-B.js' },
  '_identity-C.js': { file: 'assets/identity-C.js', imports: ['_vue-B.js'] },
  'src/station/components/CameraScanner.vue': {
    file: 'assets/CameraScanner-D.js',
    css: ['assets/CameraScanner-D.css'],
    imports: ['_html5-qrcode-E.js'],
  },
  '_html5-qrcode-E.js': { file: 'assets/html5-qrcode-E.js', assets: ['assets/beep-F.mp3'] },
  'index.html': { file: 'assets/index-G.js', imports: ['_vue-B.js', '_element-plus-H.js'] },
  '_element-plus-H.js': { file: 'assets/element-plus-H.js' },
}

describe('the station service worker', () => {
  it('caches what the station loads, at once and later, and nothing of the console', () => {
    expect(stationFiles(kManifest)).toEqual([
      'assets/CameraScanner-D.css',
      'assets/CameraScanner-D.js',
      'assets/beep-F.mp3',
      'assets/html5-qrcode-E.js',
      'assets/identity-C.js',
      'assets/station-A.css',
      'assets/station-A.js',
      'assets/vue-B.js',
    ])
  })

  it('fails the build when the station is missing from the manifest', () => {
    expect(() => stationFiles({})).toThrow(/station.html/)
  })

  it('fills in the version and the list of the real template', () => {
    const template = readFileSync(fileURLToPath(new URL('../../scripts/station-sw.js', import.meta.url)), 'utf8')
    const worker = renderWorker(template, 'abc123def456', ['/station.html', '/assets/station-A.js'])
    expect(worker).toContain('const kVersion = "abc123def456"')
    expect(worker).toContain('"/assets/station-A.js"')
    expect(() => renderWorker('nothing to fill', 'v', [])).toThrow(/template/)
  })
})
