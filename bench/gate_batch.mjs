// Uploads a station's offline queue of N gate events (default 1000) in batches of 500, as the
// station does when the network returns, and prints how long it took as one JSON line.
// Usage: node bench/gate_batch.mjs BASE_URL TOKEN ENTRANCE_ID PASSES_FILE [N]
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'

const [base, token, entrance, passesFile, n = '1000'] = process.argv.slice(2)
const passes = readFileSync(passesFile, 'utf8').split('\n').filter(Boolean)
const count = Number(n)
const now = Date.now()
const events = Array.from({ length: count }, (_, i) => ({
  entrance_id: Number(entrance),
  token: passes[i % passes.length],
  direction: i % 2 ? 'out' : 'in',
  temperature: 36.5,
  client_event_id: randomUUID(),
  decided_at: new Date(now - (count - i) * 1000).toISOString(),
  device: 'bench',
}))
const started = performance.now()
let stored = 0
for (let i = 0; i < events.length; i += 500) {
  const res = await fetch(`${base}/api/v1/gate-events/batch`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ events: events.slice(i, i + 500) }),
  })
  if (res.status !== 200) {
    throw new Error(`batch answered ${res.status}: ${await res.text()}`)
  }
  const body = await res.json()
  stored += body.results.filter((r) => r.status === 201).length
}
const ms = performance.now() - started
if (stored !== count) {
  throw new Error(`stored ${stored} of ${count}`)
}
console.log(JSON.stringify({ events: count, ms: Math.round(ms), per_s: Math.round((count / ms) * 1000) }))
