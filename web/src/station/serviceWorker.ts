// Registers the station's service worker (/station-sw.js, made by the build from the manifest:
// see scripts/station-sw-plugin.ts), scoped to /station so that the console and the declaration
// page never come under it. Once it has run, the page and everything it loads come from its
// cache, and the station opens with the network down.
/** How often an open station asks whether a new version was deployed (it may stay open all day). */
const kUpdateCheckMs = 30 * 60_000

export const kServiceWorkerUrl = '/station-sw.js'
export const kServiceWorkerScope = '/station'

/** Registers the worker in a production build; `onUpdate` when a new version took over. */
export function registerStationWorker(onUpdate: () => void): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) {
    return
  }
  const hadController = navigator.serviceWorker.controller !== null
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    // The first install takes over a page that the network served: nothing to reload for.
    if (hadController) {
      onUpdate()
    }
  })
  navigator.serviceWorker
    .register(kServiceWorkerUrl, { scope: kServiceWorkerScope })
    .then((registration) => {
      setInterval(() => {
        if (navigator.onLine) {
          registration.update().catch(() => undefined)
        }
      }, kUpdateCheckMs)
    })
    .catch(() => {
      // No service worker (plain HTTP on a LAN address): the station works while the page is open.
    })
}
