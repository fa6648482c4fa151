// Several servers on one PostgreSQL database, requests sent to them in turn: a session made on
// one is honoured by the other, throttles count on both, a gate event sent to both is stored
// once, and what one writes the other reads at once. Runs when the tests have a PostgreSQL
// server (CORDON_TEST_POSTGRES); SQLite is one process's file.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';

import {
  DEMO,
  POSTGRES,
  assertError,
  makeIdNumber,
  makeTempDir,
  runDemo,
  startServer,
  stopAll,
  tokenFor,
} from './support.mjs';

const GB = DEMO.community;

describe('two servers on one PostgreSQL database', { skip: !POSTGRES && 'needs CORDON_TEST_POSTGRES' }, () => {
  let tmp;
  let servers;
  let turn = 0;
  // The next server in turn.
  const next = () => servers[turn++ % servers.length];

  before(async () => {
    tmp = await makeTempDir('cordon-cluster-');
    await runDemo(tmp.db);
    servers = [await startServer({ db: tmp.db }), await startServer({ db: tmp.db })];
  });

  after(async () => {
    await stopAll();
    await tmp?.cleanup();
  });

  test('a session made on one server is honoured, and ended, on the other', async () => {
    const [a, b] = servers;
    const token = await tokenFor(a, 'manager', DEMO.password);
    const me = await b.api('GET', '/api/v1/auth/me', { token });
    assert.equal(me.status, 200, me.text);
    assert.equal(me.json.username, 'manager');
    const out = await b.api('POST', '/api/v1/auth/logout', { token });
    assert.ok(out.status === 200 || out.status === 204, out.text);
    assertError(await a.api('GET', '/api/v1/auth/me', { token }), 401, 'auth.unauthenticated');
  });

  test('sign-in failures on both servers count toward one block', async () => {
    // Four failures, alternating servers, block the account on both (auth.test: after 4).
    for (let i = 1; i <= 4; i++) {
      const r = await next().login('grid3', `wrong-${i}`);
      assertError(r, 401, 'auth.invalid_credentials', { field: null });
    }
    for (const s of servers) {
      assertError(await s.login('grid3', `wrong-again`), 429, 'auth.throttled', { field: null });
    }
  });

  test('requests in turn: a resident declares on one, the pass is scanned on the other, once', async () => {
    const manager = await tokenFor(servers[0], 'manager', DEMO.password);
    const guard = await tokenFor(servers[1], 'guard1', DEMO.password);
    const list = await next().api('GET', `/api/v1/communities/${GB}/persons?limit=1`, { token: manager });
    assert.equal(list.status, 200, list.text);
    const p = list.json.items[0];
    const full = await next().api('POST', `/api/v1/persons/${p.id}/reveal`, {
      token: manager,
      body: { reason: 'cluster test' },
    });
    assert.equal(full.status, 200, full.text);
    const declared = await next().api('POST', '/api/v1/declarations', {
      body: {
        community_code: GB, name: p.name, id_number: full.json.id_number, phone: full.json.phone,
        temperature: 36.5, symptoms: [], travel: [], contact_with_cases: false, promise: true,
      },
    });
    assert.equal(declared.status, 201, declared.text);
    const entrances = await next().api('GET', `/api/v1/communities/${GB}/entrances`, { token: guard });
    assert.equal(entrances.status, 200, entrances.text);
    const entrance = entrances.json.items.find((e) => e.kind !== 'vehicles');

    // The same scan sent to both servers at once, as a station retrying through a balancer.
    const body = {
      entrance_id: entrance.id, token: declared.json.pass.token, direction: 'in',
      temperature: 36.6, client_event_id: randomUUID(),
    };
    const answers = await Promise.all(servers.map((s) => s.api('POST', '/api/v1/gate-events', { token: guard, body })));
    for (const r of answers) {
      assert.ok(r.status === 200 || r.status === 201, r.text);
      assert.equal(r.json.decision, 'allow', r.text);
    }
    assert.equal(answers[0].json.event_id, answers[1].json.event_id, 'one event for both');
    assert.equal(answers.filter((r) => r.headers.get('idempotent-replayed') === 'true').length, 1);

    // Each server lists it once, and lists the declaration the other stored.
    for (const s of servers) {
      const events = await s.api('GET', `/api/v1/communities/${GB}/gate-events?person_id=${p.id}&limit=50`, { token: manager });
      assert.equal(events.status, 200, events.text);
      assert.equal(events.json.items.filter((e) => e.client_event_id === body.client_event_id).length, 1);
      const decls = await s.api('GET', `/api/v1/communities/${GB}/declarations?limit=5`, { token: manager });
      assert.equal(decls.status, 200, decls.text);
      assert.ok(decls.json.items.some((d) => d.id === declared.json.declaration.id), decls.text);
    }
  });

  test('a shift added or removed on one server counts at the other\'s next scan', async () => {
    const [a, b] = servers;
    const manager = await tokenFor(a, 'manager', DEMO.password);
    const guard = await tokenFor(b, 'guard1', DEMO.password);
    const entrance = (await b.api('GET', `/api/v1/communities/${GB}/entrances`, { token: guard }))
      .json.items.find((e) => e.kind !== 'vehicles');
    // Who the scan counts for, sent by the manager to `s` (a person nobody registered will do).
    let seq = 900;
    const onDuty = async (s) => {
      const body = {
        entrance_id: entrance.id, id_number: makeIdNumber({ region: '440300', seq: seq++ }),
        direction: 'in', temperature: 36.5, client_event_id: randomUUID(),
      };
      const r = await s.api('POST', '/api/v1/gate-events', { token: manager, body });
      assert.equal(r.status, 201, r.text);
      const log = await s.api('GET', `/api/v1/communities/${GB}/gate-events?limit=20`, { token: manager });
      const e = log.json.items.find((x) => x.id === r.json.event_id);
      assert.ok(e, log.text);
      return e;
    };
    // Both servers have decided at this entrance before the table changes.
    for (const s of servers) {
      const e = await onDuty(s);
      assert.equal(e.on_duty_name, e.guard_name);
    }
    const china = new Date(Date.now() + 8 * 3600e3);
    const day = china.toISOString().slice(0, 10);
    const minutes = china.getUTCHours() * 60 + china.getUTCMinutes();
    const hhmm = (m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    const shift = await a.api('POST', `/api/v1/entrances/${entrance.id}/shifts`, {
      token: manager,
      body: { day, starts: hhmm(Math.max(0, minutes - 30)), ends: hhmm(Math.min(24 * 60, minutes + 30)), username: 'guard1' },
    });
    assert.equal(shift.status, 201, shift.text);
    assert.equal((await onDuty(b)).on_duty_name, shift.json.user_name);
    assert.equal((await b.api('DELETE', `/api/v1/shifts/${shift.json.id}`, { token: manager })).status, 204);
    const e = await onDuty(a);
    assert.equal(e.on_duty_name, e.guard_name);
  });

  test('many writes sent round-robin all land, once each', async () => {
    const guard = await tokenFor(servers[0], 'guard1', DEMO.password);
    const entrances = await servers[0].api('GET', `/api/v1/communities/${GB}/entrances`, { token: guard });
    const entrance = entrances.json.items.find((e) => e.kind !== 'vehicles');
    const ids = Array.from({ length: 40 }, () => randomUUID());
    const answers = await Promise.all(ids.map((id) => next().api('POST', '/api/v1/gate-events', {
      token: guard,
      body: { entrance_id: entrance.id, id_number: makeIdNumber({ seq: 556 }), direction: 'in', client_event_id: id },
    })));
    for (const r of answers) {
      assert.ok(r.status === 200 || r.status === 201, r.text);
    }
    assert.equal(new Set(answers.map((r) => r.json.event_id)).size, ids.length);
  });
});
