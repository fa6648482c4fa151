// `cordon demo --activity` (what `make run` serves): the demo community with a day of its work,
// made through the same use cases as the API, so that every console page has something to show.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { DEMO, startDemoServer, stopAll, tokensFor } from './support.mjs';

const GB = DEMO.community;

let server;
let tmp;
let t;

const get = async (path, token = t.manager) => {
  const res = await server.api('GET', path, { token });
  assert.equal(res.status, 200, `${path}: ${res.text}`);
  return res.json;
};

before(async () => {
  ({ server, tmp } = await startDemoServer({ activity: true }));
  t = await tokensFor(server, ['manager', 'guard1']);
});

after(async () => {
  await stopAll();
  await tmp?.cleanup();
});

test('most residents have declared today, in all three colours; the rest are left for the sweep', async () => {
  const { totals } = await get(`/api/v1/communities/${GB}/colours`);
  const declared = totals.green + totals.yellow + totals.red;
  assert.ok(totals.green > 0 && totals.yellow > 0 && totals.red > 0, JSON.stringify(totals));
  assert.ok(totals.green > 10 * (totals.yellow + totals.red), JSON.stringify(totals));
  assert.ok(declared > DEMO.persons / 2 && totals.none > 0, JSON.stringify(totals));
  const undeclared = await get(`/api/v1/communities/${GB}/undeclared?limit=1`);
  assert.equal(undeclared.items.length, 1);
});

test('the east gate has scans since the declarations, mostly allowed, and one fever case', async () => {
  const page = await get(`/api/v1/communities/${GB}/gate-events?limit=200`);
  const events = page.items;
  assert.ok(events.length >= 100, `${events.length} events`);
  assert.ok(events.every((e) => e.entrance_name === '东门' && e.method === 'pass'));
  const allowed = events.filter((e) => e.decision === 'allow').length;
  assert.ok(allowed > events.length * 0.9, `${allowed} of ${events.length} allowed`);
  // Every pass was issued before its scan: none is refused as not yet valid or unknown.
  assert.ok(events.every((e) => e.decision === 'allow' || e.colour !== 'green'), JSON.stringify(
    events.filter((e) => e.decision !== 'allow' && e.colour === 'green')));
  const fever = await get(`/api/v1/communities/${GB}/fever-cases`);
  assert.equal(fever.items.length, 1, JSON.stringify(fever));
  assert.equal(fever.items[0].status, 'open');
  assert.ok(fever.items[0].temperature >= 37.3);
});

test('risk areas, peak-hour shifts at every entrance, and two visitors are there too', async () => {
  const areas = await get('/api/v1/risk-areas');
  assert.deepEqual(areas.items.map((a) => [a.region_code, a.level]).sort(), [
    ['420100', 'high'],
    ['440300', 'medium'],
  ]);
  const shifts = await get(`/api/v1/communities/${GB}/shifts`);
  assert.equal(shifts.items.length, 8, JSON.stringify(shifts));
  assert.deepEqual([...new Set(shifts.items.map((s) => `${s.starts}-${s.ends}`))].sort(), [
    '08:30-09:30',
    '17:00-18:30',
  ]);
  const visitors = await get(`/api/v1/communities/${GB}/visitors`);
  assert.equal(visitors.items.length, 2, JSON.stringify(visitors));
  assert.ok(visitors.items.every((v) => v.doc_number.includes('*')), 'visitor ID numbers masked');
});
