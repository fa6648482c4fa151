// The gate station's service worker, built into dist/station-sw.js by scripts/station-sw-plugin.ts,
// which fills in kVersion and kPrecache from the build manifest: station.html and every file it
// loads, at once or later (the camera scanner). Registered by the station only, scoped to
// /station: the console and the declaration page never come under it.
//
// - install: caches every file of this version (a new build is a new version: its list and its
//   hashed names change), then takes over at once;
// - activate: drops the caches of earlier versions;
// - a visit to /station (or below) is answered with the cached station.html, network or not;
//   its files come from the cache, and any other /assets/ file is cached when first fetched;
// - /api/ is never touched: the page itself decides what to do when the server does not answer.

const kVersion = 'dev'
const kPrecache = /* precache */ []

const kCachePrefix = 'cordon-station-'
const kCacheName = `${kCachePrefix}${kVersion}`
const kPage = '/station.html'

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(kCacheName)
      // Past the HTTP cache: an old copy of station.html must not be kept as this version's.
      await cache.addAll(kPrecache.map((url) => new Request(url, { cache: 'reload' })))
      await self.skipWaiting()
    })(),
  )
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(kCachePrefix) && name !== kCacheName) {
          await caches.delete(name)
        }
      }
      await self.clients.claim()
    })(),
  )
})

function isStationPage(pathname) {
  return pathname === '/station' || pathname.startsWith('/station/') || pathname === kPage
}

async function page(request) {
  const cached = await caches.match(kPage, { cacheName: kCacheName })
  return cached ?? fetch(request)
}

async function cacheFirst(request) {
  const cached = await caches.match(request)
  if (cached) {
    return cached
  }
  const response = await fetch(request)
  if (response.ok && new URL(request.url).pathname.startsWith('/assets/')) {
    const cache = await caches.open(kCacheName)
    await cache.put(request, response.clone())
  }
  return response
}

self.addEventListener('fetch', (event) => {
  const request = event.request
  if (request.method !== 'GET') {
    return
  }
  const url = new URL(request.url)
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) {
    return
  }
  if (request.mode === 'navigate') {
    if (isStationPage(url.pathname)) {
      event.respondWith(page(request))
    }
    return
  }
  event.respondWith(cacheFirst(request))
})
