// Entry of the gate checkpoint station (station.html, served for /station): a guard's phone or
// tablet at an entrance. Apart from the console: no Element Plus, no router, its own few messages;
// it shares the HTTP wrapper (configured by the station with its own token) and the ID number
// check. The outbox opens first, so that nothing is decided before it can be kept.
import { createApp } from 'vue'

import App from './App.vue'
import { language, setLanguage } from './locales'
import { openQueueStore } from './queue'
import { registerStationWorker } from './serviceWorker'
import { createStation } from './station'
import './styles.css'

setLanguage(language.value)

async function main(): Promise<void> {
  const { store, durable } = await openQueueStore()
  const station = createStation(store)
  registerStationWorker(() => {
    station.state.updateReady = true
  })
  // What the device keeps first, so the outbox's figures are right from the first frame.
  await station.load()
  createApp(App, { station, durable }).mount('#app')
  await station.start()
}

void main()
