// The gate checkpoint: a guard's scans decided by pass, ID number and plate; fever opening a
// case; a retried upload stored once; the gate log and its scope.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';

import {
  DEMO,
  assertError,
  createCommunity,
  declareFor,
  makeIdNumber,
  revealedResident,
  tokenFor,
  startDemoServer,
  stopAll,
  tokensFor,
} from './support.mjs';

const GB = DEMO.community;

let server;
let tmp;
let t;
let entrance; // zone 1's entrance

const resident = (q) => revealedResident(server, t.manager, q, 'gate test');
const declare = (p, extra = {}) => declareFor(server, p, extra);

function scan(body, token = t.guard1) {
  return server.api('POST', '/api/v1/gate-events', {
    token,
    body: { entrance_id: entrance.id, direction: 'in', client_event_id: randomUUID(), ...body },
  });
}

before(async () => {
  ({ server, tmp } = await startDemoServer());
  t = await tokensFor(server, ['admin', 'manager', 'guard1', 'grid1', 'doctor1', 'police1']);
  const list = await server.api('GET', `/api/v1/communities/${GB}/entrances`, { token: t.manager });
  assert.equal(list.status, 200, list.text);
  entrance = list.json.items.find((e) => e.zone_id === 1);
  assert.ok(entrance, list.text);
});

after(async () => {
  await stopAll();
  await tmp?.cleanup();
});

describe('the scan', () => {
  test('a green pass is allowed; a fever is referred and opens a case', async () => {
    const p = await resident('zone_id=1&q=%E7%8E%8B');
    const d = await declare(p);
    const ok = await scan({ token: d.pass.token, temperature: 36.6 });
    assert.equal(ok.status, 201, ok.text);
    assert.equal(ok.json.decision, 'allow');
    assert.deepEqual(ok.json.reasons.map((r) => r.code), ['colour.green']);
    assert.match(ok.json.reasons[0].message, /绿码/);
    assert.equal(ok.json.fever_case_id, null);
    assert.ok(ok.json.event_id > 0);
    // The guard sees the name masked, and no number.
    assert.equal(ok.json.person_name, `${[...p.name][0]}${'*'.repeat([...p.name].length - 1)}`);
    assert.ok(!ok.text.includes(p.id_number) && !ok.text.includes(p.phone));
    const hot = await scan({ token: d.pass.token, temperature: 38.1 });
    assert.equal(hot.json.decision, 'refer');
    assert.deepEqual(hot.json.reasons.map((r) => r.code), ['temperature.fever']);
    assert.ok(hot.json.fever_case_id > 0);
    const cases = await server.api('GET', `/api/v1/communities/${GB}/fever-cases?open=true`, { token: t.doctor1 });
    assert.equal(cases.status, 200, cases.text);
    const c = cases.json.items.find((x) => x.id === hot.json.fever_case_id);
    assert.ok(c, cases.text);
    assert.equal(c.person_id, p.id);
    assert.equal(c.temperature, 38.1);
    assert.equal(c.gate_event_id, hot.json.event_id);
  });

  test('yellow, stale, forged and unknown are not let in, each with its reason', async () => {
    const p = await resident('zone_id=1&q=%E6%9D%8E');
    const green = await declare(p);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const yellow = await declare(p, { contact_with_cases: true });
    assert.equal(yellow.pass.colour, 'yellow');
    const y = await scan({ token: yellow.pass.token });
    assert.equal(y.json.decision, 'deny');
    assert.deepEqual(y.json.reasons.map((r) => r.code), ['colour.yellow']);
    const stale = await scan({ token: green.pass.token });
    assert.equal(stale.json.decision, 'deny');
    assert.deepEqual(stale.json.reasons.map((r) => r.code), ['pass.stale']);
    const [body, sig] = green.pass.token.split('.');
    const forged = `${body}.${sig.slice(0, 7)}${sig[7] === 'Q' ? 'R' : 'Q'}${sig.slice(8)}`;
    const f = await scan({ token: forged });
    assert.equal(f.json.decision, 'deny');
    assert.deepEqual(f.json.reasons.map((r) => r.code), ['pass.forged']);
    const unknown = await scan({ id_number: makeIdNumber({ seq: 555 }) });
    assert.equal(unknown.json.decision, 'refer');
    assert.deepEqual(unknown.json.reasons.map((r) => r.code), ['person.unknown']);
    const undeclared = await resident('zone_id=1&q=%E5%BC%A0');
    const none = await scan({ id_number: undeclared.id_number });
    assert.equal(none.json.decision, 'refer');
    assert.deepEqual(none.json.reasons.map((r) => r.code), ['colour.none']);
    // Leaving is allowed whatever the colour.
    const out = await scan({ token: yellow.pass.token, direction: 'out' });
    assert.equal(out.json.decision, 'allow');
  });

  test('by ID number and by plate, a declared resident is allowed', async () => {
    const p = await resident('zone_id=1&q=%E5%88%98');
    await declare(p);
    const byId = await scan({ id_number: p.id_number.toLowerCase() });
    assert.equal(byId.json.decision, 'allow', byId.text);
    const car = await server.api('PATCH', `/api/v1/persons/${p.id}`, {
      token: t.manager, body: { vehicles: ['粤S12345'] } });
    assert.equal(car.status, 200, car.text);
    const byPlate = await scan({ plate: '粤s12345' });
    assert.equal(byPlate.json.decision, 'allow', byPlate.text);
    const strange = await scan({ plate: '粤S99999' });
    assert.equal(strange.json.decision, 'refer');
  });

  test('a retried upload is stored once and answered the same way', async () => {
    const p = await resident('zone_id=1&q=%E9%99%88');
    const d = await declare(p);
    const id = randomUUID();
    const decidedAt = new Date(Date.now() - 60_000).toISOString();
    const first = await scan({ token: d.pass.token, client_event_id: id, decided_at: decidedAt, temperature: 38.5 });
    assert.equal(first.status, 201, first.text);
    const again = await scan({ token: d.pass.token, client_event_id: id.toUpperCase(), decided_at: decidedAt, temperature: 38.5 });
    assert.equal(again.status, 201);
    assert.deepEqual(again.json, first.json);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    const log = await server.api('GET', `/api/v1/communities/${GB}/gate-events?person_id=${p.id}&limit=50`, { token: t.manager });
    assert.equal(log.json.items.filter((e) => e.client_event_id === id).length, 1);
    const e = log.json.items.find((x) => x.client_event_id === id);
    assert.equal(e.decided_at, decidedAt);
    assert.ok(Date.parse(e.received_at) > Date.parse(e.decided_at));
    const cases = await server.api('GET', `/api/v1/communities/${GB}/fever-cases?limit=200`, { token: t.manager });
    assert.equal(cases.json.items.filter((c) => c.gate_event_id === e.id).length, 1);
  });

  test('a retry after the colour changed still gets the first answer', async () => {
    const p = await resident('zone_id=1&q=%E5%BC%A0');
    const green = await declare(p);
    const id = randomUUID();
    const first = await scan({ token: green.pass.token, client_event_id: id, temperature: 36.6 });
    assert.equal(first.status, 201, first.text);
    assert.equal(first.json.decision, 'allow');
    // Declared again with a fever: the old pass is stale now, but the event was decided before.
    await declare(p, { temperature: 38.6 });
    const again = await scan({ token: green.pass.token, client_event_id: id, temperature: 36.6 });
    assert.equal(again.status, 201, again.text);
    assert.deepEqual(again.json, first.json);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    const fresh = await scan({ token: green.pass.token, temperature: 36.6 });
    assert.notEqual(fresh.json.decision, 'allow', fresh.text);
  });

  test('an event id another community holds is refused and tells nothing of that event', async () => {
    const other = await createCommunity(server, t.admin, { code: '441900004009', name: '邻社区' });
    const door = await server.api('POST', '/api/v1/communities/441900004009/entrances', {
      token: t.admin, body: { name: '北门', kind: 'people', zone_id: other.zones[0].id },
    });
    assert.equal(door.status, 201, door.text);
    const made = await server.api('POST', '/api/v1/users', {
      token: t.admin,
      body: { username: 'guard-next', password: 'next-door-2020', role: 'guard', scope: 'community:441900004009' },
    });
    assert.equal(made.status, 201, made.text);
    const theirs = await tokenFor(server, 'guard-next', 'next-door-2020');
    const p = await resident('zone_id=1&q=%E6%9D%8E');
    const d = await declare(p);
    const id = randomUUID();
    const ours = await scan({ token: d.pass.token, client_event_id: id });
    assert.equal(ours.status, 201, ours.text);
    const r = await server.api('POST', '/api/v1/gate-events', {
      token: theirs,
      body: { entrance_id: door.json.id, direction: 'in', client_event_id: id, token: d.pass.token },
    });
    assertError(r, 409, 'gate_event.taken', { field: 'client_event_id' });
    assert.ok(!r.text.includes(p.name.slice(1)), r.text);
    // The event stays as the first guard stored it.
    const log = await server.api('GET', `/api/v1/communities/${GB}/gate-events?person_id=${p.id}&limit=50`, { token: t.manager });
    const stored = log.json.items.filter((e) => e.client_event_id === id);
    assert.equal(stored.length, 1);
    assert.equal(stored[0].entrance_id, entrance.id);
  });

  test('bad scans get a clear error, and scope holds', async () => {
    assertError(await scan({ token: 'x', id_number: '1' }), 422, 'gate.identity');
    assertError(await scan({}), 422, 'gate.identity');
    assertError(await scan({ token: 'x', client_event_id: 'not-a-uuid' }), 422, 'gate.client_event_id', { field: 'client_event_id' });
    assertError(await scan({ token: 'x', direction: 'sideways' }), 422, 'gate.direction', { field: 'direction' });
    assertError(await scan({ token: 'x', temperature: 98.6 }), 422, 'temperature.range');
    assertError(await scan({ id_number: '110105198001010010' }), 422, 'id_number.check_digit', { field: 'id_number' });
    assertError(await scan({ token: 'x', decided_at: '2020-01-01T00:00:00Z' }), 422, 'gate.decided_at');
    assertError(await scan({ token: 'x', entrance_id: 999999 }), 404, 'entrance.not_found');
    // guard1 holds zone 1: another zone's entrance is not theirs.
    const list = await server.api('GET', `/api/v1/communities/${GB}/entrances`, { token: t.manager });
    const other = list.json.items.find((x) => x.zone_id !== 1);
    assertError(await scan({ token: 'x', entrance_id: other.id }), 404, 'entrance.not_found');
    assertError(await scan({ token: 'x' }, t.grid1), 403, 'auth.forbidden');
    assertError(await server.api('GET', `/api/v1/communities/${GB}/gate-events`, { token: t.guard1 }), 403, 'auth.forbidden');
    const log = await server.api('GET', `/api/v1/communities/${GB}/gate-events?limit=5`, { token: t.police1 });
    assert.equal(log.status, 200, log.text);
    assert.ok(log.json.items.length > 0);
  });

  test('a station\'s offline queue uploads in one batch, in order, once', async () => {
    const p = await resident('zone_id=1&q=%E9%BB%84');
    const d = await declare(p);
    const now = Date.now();
    const events = Array.from({ length: 20 }, (_, i) => ({
      entrance_id: entrance.id,
      token: d.pass.token,
      direction: i % 2 ? 'out' : 'in',
      temperature: i === 7 ? 38.4 : 36.4,
      client_event_id: randomUUID(),
      decided_at: new Date(now - (20 - i) * 1000).toISOString(),
      device: 'e2e-tablet',
    }));
    // One malformed event in the middle is answered on its own.
    const body = { events: [...events.slice(0, 10), { direction: 'in' }, ...events.slice(10)] };
    const r = await server.api('POST', '/api/v1/gate-events/batch', { token: t.guard1, body });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.results.length, 21);
    assert.equal(r.json.results[10].status, 400);
    assert.equal(r.json.results[10].error.code, 'request.missing_field');
    const good = r.json.results.filter((x) => x.status === 201);
    assert.equal(good.length, 20);
    assert.deepEqual(good.map((x) => x.client_event_id), events.map((e) => e.client_event_id));
    const ids = good.map((x) => x.body.event_id);
    assert.deepEqual([...ids].sort((a, b) => a - b), ids, 'stored in the order sent');
    assert.ok(good[7].body.fever_case_id > 0);
    // Sent again (the network dropped before the answer): nothing new is stored.
    const again = await server.api('POST', '/api/v1/gate-events/batch', { token: t.guard1, body: { events } });
    assert.deepEqual(again.json.results.map((x) => x.body.event_id), ids);
    const log = await server.api('GET', `/api/v1/communities/${GB}/gate-events?person_id=${p.id}&limit=200`, { token: t.manager });
    for (const e of events) {
      assert.equal(log.json.items.filter((x) => x.client_event_id === e.client_event_id).length, 1);
    }
    const tooMany = await server.api('POST', '/api/v1/gate-events/batch', {
      token: t.guard1, body: { events: Array.from({ length: 501 }, () => events[0]) } });
    assertError(tooMany, 422, 'request.too_many', { field: 'events' });
  });

  test('the gate list holds the colours a station needs offline, and nobody\'s numbers', async () => {
    const p = await resident('zone_id=2&q=%E5%91%A8');
    const d = await declare(p, { contact_with_cases: true });
    assert.equal(d.pass.colour, 'yellow');
    const list = await server.api('GET', `/api/v1/communities/${GB}/gate-list`, { token: t.guard1 });
    assert.equal(list.status, 200, list.text);
    assert.equal(list.json.community_code, GB);
    const ref = Buffer.from(d.pass.token.split('.')[0], 'base64url').toString().split('|')[2];
    const item = list.json.items.find((x) => x.ref === ref);
    assert.ok(item, 'the yellow pass is listed');
    assert.equal(item.colour, 'yellow');
    assert.deepEqual(Object.keys(item).sort(), ['colour', 'colour_since', 'ref', 'valid_until']);
    assert.ok(!list.text.includes(p.name) && !list.text.includes(p.id_number));
    assertError(await server.api('GET', `/api/v1/communities/${GB}/gate-list`, { token: t.grid1 }), 403, 'auth.forbidden');
  });

  test('a visitor is registered with a pass for the day, masked, and signs out', async () => {
    const doc = makeIdNumber({ region: '440300', seq: 321 });
    const body = {
      entrance_id: entrance.id, name: '来访者', doc_number: doc, phone: '13912345678',
      host: '3栋2单元501 李阿姨', purpose: '送药', temperature: 36.4, plate: '粤B12345',
    };
    const r = await server.api('POST', '/api/v1/visitors', { token: t.guard1, body });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.decision, 'allow');
    assert.equal(r.json.visitor.phone, '139****5678');
    assert.equal(r.json.visitor.doc_number, `${doc.slice(0, 6)}********${doc.slice(14)}`);
    assert.ok(!r.text.includes(doc) && !r.text.includes('13912345678'));
    assert.ok(r.json.pass.token);
    // The day pass lets them in; once they have left it no longer does.
    const scanIn = await scan({ token: r.json.pass.token });
    assert.equal(scanIn.json.decision, 'allow', scanIn.text);
    const out = await server.api('POST', `/api/v1/visitors/${r.json.visitor.id}/exit`, { token: t.guard1 });
    assert.equal(out.status, 200, out.text);
    assert.ok(out.json.out_at);
    const again = await scan({ token: r.json.pass.token });
    assert.equal(again.json.decision, 'deny');
    assert.deepEqual(again.json.reasons.map((x) => x.code), ['pass.stale']);
    const log = await server.api('GET', `/api/v1/communities/${GB}/visitors?limit=10`, { token: t.manager });
    assert.equal(log.status, 200, log.text);
    assert.ok(log.json.items.some((v) => v.id === r.json.visitor.id && v.out_at && v.host === body.host));
    // A feverish visitor is referred, gets no pass, and a fever case is opened.
    const hot = await server.api('POST', '/api/v1/visitors', {
      token: t.guard1, body: { ...body, doc_number: makeIdNumber({ region: '440300', seq: 322 }), temperature: 38.0 } });
    assert.equal(hot.status, 201, hot.text);
    assert.equal(hot.json.decision, 'refer');
    assert.equal(hot.json.pass, null);
    assert.ok(hot.json.fever_case_id > 0);
    assertError(await server.api('POST', '/api/v1/visitors', { token: t.guard1, body: { ...body, host: '' } }), 422, 'visitor.host', { field: 'host' });
    assertError(await server.api('POST', '/api/v1/visitors', { token: t.guard1, body: { ...body, phone: '123' } }), 422, 'phone.format', { field: 'phone' });
    assertError(await server.api('POST', '/api/v1/visitors/999999/exit', { token: t.guard1 }), 404, 'visitor.not_found');
  });

  test('a scan counts for the guard the shift table has on duty', async () => {
    const china = new Date(Date.now() + 8 * 3600e3);
    const day = china.toISOString().slice(0, 10);
    const minutes = china.getUTCHours() * 60 + china.getUTCMinutes();
    const hhmm = (m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    const starts = hhmm(Math.max(0, minutes - 30));
    const ends = hhmm(Math.min(24 * 60, minutes + 30));
    const shift = await server.api('POST', `/api/v1/entrances/${entrance.id}/shifts`, {
      token: t.manager, body: { day, starts, ends, username: 'guard1' } });
    assert.equal(shift.status, 201, shift.text);
    assert.equal(shift.json.entrance_id, entrance.id);
    const listed = await server.api('GET', `/api/v1/communities/${GB}/shifts?day=${day}`, { token: t.guard1 });
    assert.ok(listed.json.items.some((x) => x.id === shift.json.id && x.starts === starts));
    // The manager scans at the gate while guard1 is on duty: the event counts for guard1.
    const p = await resident('zone_id=1&q=%E6%9D%A8');
    await declare(p);
    const r = await scan({ id_number: p.id_number }, t.manager);
    assert.equal(r.status, 201, r.text);
    const log = await server.api('GET', `/api/v1/communities/${GB}/gate-events?person_id=${p.id}&limit=5`, { token: t.manager });
    const e = log.json.items.find((x) => x.id === r.json.event_id);
    assert.equal(e.on_duty_name, shift.json.user_name);
    assert.notEqual(e.guard_name, e.on_duty_name);
    const other = (await server.api('GET', `/api/v1/communities/${GB}/entrances`, { token: t.manager })).json.items.find((x) => x.zone_id !== 1);
    assertError(await server.api('POST', `/api/v1/entrances/${other.id}/shifts`, {
      token: t.manager, body: { day, starts: '08:30', ends: '09:30', username: 'guard1' } }), 422, 'shift.user', { field: 'username' });
    assertError(await server.api('POST', `/api/v1/entrances/${entrance.id}/shifts`, {
      token: t.manager, body: { day, starts: '09:30', ends: '08:30', username: 'guard1' } }), 422, 'shift.time', { field: 'ends' });
    assertError(await server.api('POST', `/api/v1/entrances/${entrance.id}/shifts`, {
      token: t.guard1, body: { day, starts: '08:30', ends: '09:30', username: 'guard1' } }), 403, 'auth.forbidden');
    assert.equal((await server.api('DELETE', `/api/v1/shifts/${shift.json.id}`, { token: t.manager })).status, 204);
    assertError(await server.api('DELETE', `/api/v1/shifts/${shift.json.id}`, { token: t.manager }), 404, 'shift.not_found');
    // The shift gone, the next scan counts for whoever sends it: the server keeps no stale table.
    const after = await scan({ id_number: p.id_number }, t.manager);
    assert.equal(after.status, 201, after.text);
    const log2 = await server.api('GET', `/api/v1/communities/${GB}/gate-events?person_id=${p.id}&limit=5`, { token: t.manager });
    const e2 = log2.json.items.find((x) => x.id === after.json.event_id);
    assert.equal(e2.on_duty_name, e2.guard_name);
  });

  test('a vehicle is let in only if every passenger may come in', async () => {
    const driver = await resident('zone_id=1&q=%E5%90%B4');
    await declare(driver);
    const car = await server.api('PATCH', `/api/v1/persons/${driver.id}`, { token: t.manager, body: { vehicles: ['粤S6D888'] } });
    assert.equal(car.status, 200, car.text);
    const friend = await resident('zone_id=1&q=%E5%BE%90');
    const green = await declare(friend);
    const ok = await scan({ plate: '粤S6D888', passengers: [{ token: green.pass.token, temperature: 36.5 }] });
    assert.equal(ok.status, 201, ok.text);
    assert.equal(ok.json.decision, 'allow');
    assert.equal(ok.json.passengers.length, 1);
    assert.equal(ok.json.passengers[0].decision, 'allow');
    // A passenger with a fever holds the whole vehicle, and is a gate event of their own.
    const hot = await scan({ plate: '粤S6D888', passengers: [{ token: green.pass.token, temperature: 38.6 }] });
    assert.equal(hot.json.vehicle_decision, 'allow');
    assert.equal(hot.json.decision, 'refer');
    assert.ok(hot.json.passengers[0].fever_case_id > 0);
    const log = await server.api('GET', `/api/v1/communities/${GB}/gate-events?person_id=${friend.id}&limit=10`, { token: t.manager });
    const seat = log.json.items.find((e) => e.id === hot.json.passengers[0].event_id);
    assert.equal(seat.plate, '粤S6D888');
    // Sent again: the vehicle and its passengers are stored once.
    const id = randomUUID();
    const body = { plate: '粤S6D888', client_event_id: id, passengers: [{ token: green.pass.token }] };
    const first = await scan(body);
    const again = await scan(body);
    assert.deepEqual(again.json, first.json);
    assertError(await scan({ token: green.pass.token, passengers: [{ token: green.pass.token }] }), 422, 'gate.passengers');
    assertError(await scan({ plate: '粤S6D888', passengers: [{ token: green.pass.token, temperature: 99 }] }), 422,
      'temperature.range', { field: 'passengers[0].temperature' });
  });
});
