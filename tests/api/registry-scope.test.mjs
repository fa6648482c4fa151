// Who sees what of the registry: a zone account sees only its zone, a community manager only its
// community, and a record outside the caller's scope answers exactly like a record that does not
// exist. Roles without the permission get 403.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
  DEMO,
  assertError,
  auditEntries,
  createCommunity,
  csvText,
  fetchBytes,
  idSequence,
  parseCsv,
  postImport,
  startDemoServer,
  stopAll,
  tokenFor,
  tokensFor,
  assertServerHealthy,
} from './support.mjs';

const GB = DEMO.community;
const OTHER = '441900004001';
const NOWHERE = '441900009999'; // a well-formed code no community has
const MISSING = 99_999_999; // an id no record has
const MGR2 = { username: 'mgr2', password: 'mgr2-pass-2020' };

const ids = idSequence({ region: '120101', from: '1970-01-01' });

let server;
let tmp;
let t; // tokens by username
let other; // what createCommunity made
let otherPerson;
let otherRun;
let gbRun;
const gb = {}; // zone ids and one record of each kind in zones 1 and 2 of the demo

after(async () => {
  await server?.stop();
  await stopAll();
  await tmp?.cleanup();
});

const get = (token, p) => server.api('GET', p, { token });

// Both answers are the same 404 with the same body: a caller cannot tell "not yours" from "none".
function assertSame404(res, resMissing, code, what) {
  assertError(res, 404, code);
  assertError(resMissing, 404, code);
  assert.equal(res.text, resMissing.text, `${what}: the answers differ`);
}

async function allPages(token, p) {
  const items = [];
  let cursor = null;
  for (let i = 0; i < 100; i++) {
    const sep = p.includes('?') ? '&' : '?';
    const r = await get(token, `${p}${sep}limit=200${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(r.status, 200, `${p}: ${r.text}`);
    items.push(...r.json.items);
    cursor = r.json.next_cursor;
    if (!cursor) {
      return items;
    }
  }
  throw new Error(`${p}: too many pages`);
}

before(async () => {
  ({ server, tmp } = await startDemoServer());
  t = await tokensFor(server, ['admin', 'manager', 'grid1', 'guard1', 'shop1', 'volunteer1']);

  other = await createCommunity(server, t.admin, { code: OTHER, manager: MGR2 });
  t.mgr2 = await tokenFor(server, MGR2.username, MGR2.password);
  const created = await server.api('POST', `/api/v1/communities/${OTHER}/persons`, {
    token: t.admin,
    body: { name: '外社区甲', id_number: ids.next(), household_id: other.households[0].id },
  });
  assert.equal(created.status, 201, created.text);
  otherPerson = created.json;
  const run = await postImport(
    server,
    t.admin,
    OTHER,
    csvText([
      ['姓名', '身份证号', '楼栋', '房号'],
      ['外社区乙', ids.next(), '1栋', '102'],
    ]),
  );
  assert.equal(run.status, 200, run.text);
  otherRun = run.json.id;
  // The demo's own import run (the only other person.import entry).
  const runs = await auditEntries(server, t.admin, { action: 'person.import' });
  gbRun = Number(runs.find((e) => e.record_id !== String(otherRun)).record_id);

  const zones = await get(t.manager, `/api/v1/communities/${GB}/zones`);
  assert.equal(zones.status, 200, zones.text);
  assert.equal(zones.json.items.length, DEMO.zones);
  for (const n of [1, 2]) {
    const z = zones.json.items.find((x) => x.number === n);
    gb[`zone${n}`] = z.id;
    gb[`zone${n}Name`] = z.name;
    gb[`zone${n}Persons`] = z.persons;
    gb[`zone${n}Households`] = z.households;
    const p = await get(t.manager, `/api/v1/communities/${GB}/persons?zone_id=${z.id}&limit=1`);
    const h = await get(t.manager, `/api/v1/communities/${GB}/households?zone_id=${z.id}&limit=1`);
    const b = await get(t.manager, `/api/v1/communities/${GB}/buildings?zone_id=${z.id}`);
    for (const r of [p, h, b]) {
      assert.equal(r.status, 200, r.text);
    }
    gb[`person${n}`] = p.json.items[0];
    gb[`household${n}`] = h.json.items[0];
    gb[`building${n}`] = b.json.items[0];
    assert.equal(gb[`person${n}`].zone_id, z.id);
    assert.equal(gb[`household${n}`].zone_id, z.id);
    assert.equal(gb[`building${n}`].zone_id, z.id);
  }
});

describe('a zone account (grid1, zone 1) sees nothing of zone 2', () => {
  test('communities: only its own in the list; another community is not found', async () => {
    const list = await get(t.grid1, '/api/v1/communities');
    assert.equal(list.status, 200, list.text);
    assert.deepEqual(
      list.json.items.map((c) => c.code),
      [GB],
    );
    const own = await get(t.grid1, `/api/v1/communities/${GB}`);
    assert.equal(own.status, 200, own.text);
    assert.equal(own.json.code, GB);
    assertSame404(
      await get(t.grid1, `/api/v1/communities/${OTHER}`),
      await get(t.grid1, `/api/v1/communities/${NOWHERE}`),
      'community.not_found',
      'another community',
    );
  });

  test('zones: only zone 1', async () => {
    const r = await get(t.grid1, `/api/v1/communities/${GB}/zones`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(
      r.json.items.map((z) => z.id),
      [gb.zone1],
    );
    assert.equal(r.json.items[0].persons, gb.zone1Persons);
  });

  test('buildings: only zone 1, and none when zone 2 is asked for', async () => {
    const all = await get(t.grid1, `/api/v1/communities/${GB}/buildings`);
    assert.equal(all.status, 200, all.text);
    assert.ok(all.json.items.length > 0);
    assert.ok(all.json.items.every((b) => b.zone_id === gb.zone1), all.text.slice(0, 300));
    assert.ok(!all.json.items.some((b) => b.id === gb.building2.id));
    const z2 = await get(t.grid1, `/api/v1/communities/${GB}/buildings?zone_id=${gb.zone2}`);
    assert.equal(z2.status, 200, z2.text);
    assert.deepEqual(z2.json.items, []);
  });

  test("units: a zone-2 building's answer is the same as a missing building's", async () => {
    const own = await get(t.grid1, `/api/v1/buildings/${gb.building1.id}/units`);
    assert.equal(own.status, 200, own.text);
    assert.ok(own.json.items.length > 0);
    assertSame404(
      await get(t.grid1, `/api/v1/buildings/${gb.building2.id}/units`),
      await get(t.grid1, `/api/v1/buildings/${MISSING}/units`),
      'building.not_found',
      'units of a zone-2 building',
    );
  });

  test('households: the list holds only zone 1; a zone-2 household is not found', async () => {
    const all = await allPages(t.grid1, `/api/v1/communities/${GB}/households`);
    assert.equal(all.length, gb.zone1Households);
    assert.ok(all.every((h) => h.zone_id === gb.zone1));
    for (const q of [`zone_id=${gb.zone2}`, `building_id=${gb.building2.id}`, `unit_id=${gb.household2.unit_id}`]) {
      const r = await get(t.grid1, `/api/v1/communities/${GB}/households?${q}`);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json.items, [], q);
    }
    const own = await get(t.grid1, `/api/v1/households/${gb.household1.id}`);
    assert.equal(own.status, 200, own.text);
    assert.ok(own.json.members.length > 0);
    assertSame404(
      await get(t.grid1, `/api/v1/households/${gb.household2.id}`),
      await get(t.grid1, `/api/v1/households/${MISSING}`),
      'household.not_found',
      'a zone-2 household',
    );
  });

  test('entrances: only those of zone 1', async () => {
    const r = await get(t.grid1, `/api/v1/communities/${GB}/entrances`);
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.items.length > 0);
    assert.ok(r.json.items.every((e) => e.zone_id === gb.zone1), r.text);
  });

  test('persons: the list holds only zone 1, every filter on zone 2 is empty', async () => {
    const all = await allPages(t.grid1, `/api/v1/communities/${GB}/persons`);
    assert.equal(all.length, gb.zone1Persons);
    assert.ok(all.every((p) => p.zone_id === gb.zone1));
    assert.ok(!all.some((p) => p.id === gb.person2.id));
    for (const q of [
      `zone_id=${gb.zone2}`,
      `building_id=${gb.building2.id}`,
      `household_id=${gb.household2.id}`,
      `unit_id=${gb.household2.unit_id}`,
    ]) {
      const r = await get(t.grid1, `/api/v1/communities/${GB}/persons?${q}`);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json.items, [], q);
      assert.equal(r.json.next_cursor, null);
    }
    // Searching for a zone-2 person by name finds at most namesakes in zone 1.
    const byName = await get(t.grid1, `/api/v1/communities/${GB}/persons?q=${encodeURIComponent(gb.person2.name)}&limit=200`);
    assert.equal(byName.status, 200, byName.text);
    assert.ok(byName.json.items.every((p) => p.zone_id === gb.zone1));
    assert.ok(!byName.json.items.some((p) => p.id === gb.person2.id));
  });

  test("persons: a zone-2 person's answer is the same as a missing person's", async () => {
    const own = await get(t.grid1, `/api/v1/persons/${gb.person1.id}`);
    assert.equal(own.status, 200, own.text);
    assert.equal(own.json.id, gb.person1.id);
    assertSame404(
      await get(t.grid1, `/api/v1/persons/${gb.person2.id}`),
      await get(t.grid1, `/api/v1/persons/${MISSING}`),
      'person.not_found',
      'a zone-2 person',
    );
  });

  test('persons: a zone-2 person cannot be changed, nor a person placed in a zone-2 household', async () => {
    const body = { notes: 'grid1 was here' };
    const a = await server.api('PATCH', `/api/v1/persons/${gb.person2.id}`, { token: t.grid1, body });
    const b = await server.api('PATCH', `/api/v1/persons/${MISSING}`, { token: t.grid1, body });
    assertSame404(a, b, 'person.not_found', 'PATCH a zone-2 person');
    const after2 = await get(t.manager, `/api/v1/persons/${gb.person2.id}`);
    assert.equal(after2.json.notes, gb.person2.notes);
    assert.equal(after2.json.updated_at, gb.person2.updated_at);

    const placed = await server.api('POST', `/api/v1/communities/${GB}/persons`, {
      token: t.grid1,
      body: { name: '越界者', id_number: ids.next(), household_id: gb.household2.id },
    });
    assertError(placed, 404, 'household.not_found', { field: 'household_id' });
  });

  // The ID number must stay unique in the community, so the create is refused; but the answer
  // names a person grid1 cannot see (GET of that id is a 404), which confirms where an ID number
  // is registered and hands over a record id from outside its scope.
  test(
    "persons: a duplicate of a zone-2 person's ID number does not name the hidden person",

    async () => {
      const shown = await server.api('POST', `/api/v1/persons/${gb.person2.id}/reveal`, { token: t.manager, body: { reason: '测试查重' } });
      assert.equal(shown.status, 200, shown.text);
      const r = await server.api('POST', `/api/v1/communities/${GB}/persons`, {
        token: t.grid1,
        body: { name: '查重者', id_number: shown.json.id_number },
      });
      const e = assertError(r, 409, 'person.duplicate', { field: 'id_number' });
      assert.ok(!new RegExp(`(^|\\D)${gb.person2.id}(\\D|$)`).test(e.message), `the message names hidden person ${gb.person2.id}: ${e.message}`);
    },
  );

  test('stats: zone 1 only', async () => {
    const r = await get(t.grid1, `/api/v1/communities/${GB}/stats`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(
      r.json.zones.map((z) => z.id),
      [gb.zone1],
    );
    assert.equal(r.json.persons, gb.zone1Persons);
    assert.equal(r.json.households, gb.zone1Households);
    const whole = await get(t.manager, `/api/v1/communities/${GB}/stats`);
    assert.equal(whole.json.persons, DEMO.persons);
    assert.ok(r.json.flags.elderly <= whole.json.flags.elderly);
  });

  test('export: only zone-1 persons', async () => {
    const r = await fetchBytes(server.url, 'GET', `/api/v1/communities/${GB}/persons/export?format=csv`, {
      token: t.grid1,
    });
    assert.equal(r.status, 200, r.text.slice(0, 300));
    assert.match(r.headers.get('content-type'), /^text\/csv/);
    const rows = parseCsv(r.text);
    const zoneCol = rows[0].indexOf('片区');
    assert.ok(zoneCol >= 0, `no 片区 column in ${rows[0]}`);
    assert.equal(rows.length - 1, gb.zone1Persons);
    assert.ok(rows.slice(1).every((row) => row[zoneCol] === gb.zone1Name));
  });

  test('imports: a grid worker may not import nor read import runs (403, existing or not)', async () => {
    for (const p of [`/api/v1/imports/${gbRun}`, `/api/v1/imports/${MISSING}`, `/api/v1/imports/${gbRun}/errors?format=csv`]) {
      assertError(await get(t.grid1, p), 403, 'auth.forbidden');
    }
    const posted = await postImport(server, t.grid1, GB, csvText([['姓名', '身份证号', '楼栋', '房号']]));
    assertError(posted, 403, 'auth.forbidden');
  });
});

// The routes a community code names, with bodies valid enough to get past validation.
function communityRoutes(code, zoneId) {
  return [
    ['GET', `/api/v1/communities/${code}`],
    ['GET', `/api/v1/communities/${code}/zones`],
    ['GET', `/api/v1/communities/${code}/buildings`],
    ['GET', `/api/v1/communities/${code}/households`],
    ['GET', `/api/v1/communities/${code}/entrances`],
    ['GET', `/api/v1/communities/${code}/persons`],
    ['GET', `/api/v1/communities/${code}/persons?q=${encodeURIComponent('王')}`],
    ['GET', `/api/v1/communities/${code}/stats`],
    ['GET', `/api/v1/communities/${code}/persons/export?format=csv`],
    ['GET', `/api/v1/communities/${code}/persons/export?format=xlsx`],
    ['POST', `/api/v1/communities/${code}/zones`, { number: 9, name: '越界区' }],
    ['POST', `/api/v1/communities/${code}/buildings`, { zone_id: zoneId, name: '越界楼' }],
    ['POST', `/api/v1/communities/${code}/entrances`, { name: '越界门' }],
    ['POST', `/api/v1/communities/${code}/persons`, { name: '越界者', id_number: '__ID__' }],
    ['IMPORT', code],
  ];
}

async function call(token, [method, p, body]) {
  if (method === 'IMPORT') {
    return postImport(
      server,
      token,
      p,
      csvText([
        ['姓名', '身份证号', '片区', '楼栋', '房号'],
        ['越界导入', ids.next(), '1', '越界楼', '101'],
      ]),
    );
  }
  const b = body && body.id_number === '__ID__' ? { ...body, id_number: ids.next() } : body;
  return server.api(method, p, { token, body: b });
}

// Routes that name one record, each with the same route for a record that does not exist.
function recordRoutes({ person, household, building, zone, run }) {
  return [
    [['GET', `/api/v1/persons/${person}`], 'person.not_found'],
    [['PATCH', `/api/v1/persons/${person}`, { notes: '越界' }], 'person.not_found'],
    [['DELETE', `/api/v1/persons/${person}`, { reason: '越界' }], 'person.not_found'],
    [['POST', `/api/v1/persons/${person}/reveal`, { reason: '越界' }], 'person.not_found'],
    [['GET', `/api/v1/households/${household}`], 'household.not_found'],
    [['PATCH', `/api/v1/households/${household}`, { room: '999' }], 'household.not_found'],
    [['DELETE', `/api/v1/households/${household}`], 'household.not_found'],
    [['GET', `/api/v1/buildings/${building}/units`], 'building.not_found'],
    [['PATCH', `/api/v1/buildings/${building}`, { name: '越界楼' }], 'building.not_found'],
    [['DELETE', `/api/v1/buildings/${building}`], 'building.not_found'],
    [['PATCH', `/api/v1/zones/${zone}`, { name: '越界区' }], 'zone.not_found'],
    [['GET', `/api/v1/imports/${run}`], 'import.not_found'],
    [['GET', `/api/v1/imports/${run}/errors?format=csv`], 'import.not_found'],
  ];
}

const withId = ([method, p, body], id) => [method, p.replace(/\/(persons|households|buildings|zones|imports)\/\d+/, `/$1/${id}`), body];

async function assertCommunityHidden(token, code) {
  for (const route of communityRoutes(code, 1)) {
    const hidden = await call(token, route);
    const missing = await call(token, route[0] === 'IMPORT' ? ['IMPORT', NOWHERE] : [route[0], route[1].replace(code, NOWHERE), route[2]]);
    assertError(hidden, 404, 'community.not_found');
    assertError(missing, 404, 'community.not_found');
    assert.equal(hidden.text, missing.text, `${route[0]} ${route[1]}: the answers differ`);
  }
}

async function assertRecordsHidden(token, records) {
  for (const [route, code] of recordRoutes(records)) {
    const hidden = await call(token, route);
    const missing = await call(token, withId(route, MISSING));
    assertError(hidden, 404, code);
    assertError(missing, 404, code);
    assert.equal(hidden.text, missing.text, `${route[0]} ${route[1]}: the answers differ`);
  }
}

describe('a manager of another community (mgr2) sees nothing of 岗贝', () => {
  test('the communities list holds only its own', async () => {
    const r = await get(t.mgr2, '/api/v1/communities');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(
      r.json.items.map((c) => c.code),
      [OTHER],
    );
  });

  test('every community-scoped route answers 404 community.not_found, as for no community', async () => {
    const before = await get(t.manager, `/api/v1/communities/${GB}/stats`);
    await assertCommunityHidden(t.mgr2, GB);
    // Nothing was written into 岗贝.
    const after = await get(t.manager, `/api/v1/communities/${GB}/stats`);
    assert.equal(after.json.persons, before.json.persons);
    const zones = await get(t.manager, `/api/v1/communities/${GB}/zones`);
    assert.equal(zones.json.items.length, DEMO.zones);
    const entrances = await get(t.manager, `/api/v1/communities/${GB}/entrances`);
    assert.ok(!entrances.json.items.some((e) => e.name === '越界门'));
  });

  test("岗贝's records by id answer like records that do not exist", async () => {
    await assertRecordsHidden(t.mgr2, {
      person: gb.person1.id,
      household: gb.household1.id,
      building: gb.building1.id,
      zone: gb.zone1,
      run: gbRun,
    });
    // Nothing changed and nothing was revealed.
    const p = await get(t.manager, `/api/v1/persons/${gb.person1.id}`);
    assert.equal(p.status, 200, p.text);
    assert.equal(p.json.deleted, false);
    assert.equal(p.json.notes, gb.person1.notes);
    const reveals = await auditEntries(server, t.admin, { action: 'person.reveal', record_id: String(gb.person1.id) });
    assert.deepEqual(reveals, []);
  });
});

describe('the manager of 岗贝 sees nothing of the other community', () => {
  test('the communities list holds only 岗贝', async () => {
    const r = await get(t.manager, '/api/v1/communities');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(
      r.json.items.map((c) => c.code),
      [GB],
    );
  });

  test('every community-scoped route answers 404 community.not_found, as for no community', async () => {
    await assertCommunityHidden(t.manager, OTHER);
    const own = await get(t.mgr2, `/api/v1/communities/${OTHER}/stats`);
    assert.equal(own.status, 200, own.text);
    assert.equal(own.json.persons, 2);
  });

  test("the other community's records by id answer like records that do not exist", async () => {
    await assertRecordsHidden(t.manager, {
      person: otherPerson.id,
      household: other.households[0].id,
      building: other.buildings[0].id,
      zone: other.zones[0].id,
      run: otherRun,
    });
    const p = await get(t.mgr2, `/api/v1/persons/${otherPerson.id}`);
    assert.equal(p.status, 200, p.text);
    assert.equal(p.json.deleted, false);
    const run = await get(t.mgr2, `/api/v1/imports/${otherRun}`);
    assert.equal(run.status, 200, run.text);
    assert.equal(run.json.created, 1);
  });
});

describe('roles without the permission', () => {
  test('shop1 (shop owner) may read neither persons nor places', async () => {
    for (const code of [GB, NOWHERE]) {
      assertError(await get(t.shop1, `/api/v1/communities/${code}/persons`), 403, 'auth.forbidden');
      assertError(await get(t.shop1, `/api/v1/communities/${code}/entrances`), 403, 'auth.forbidden');
    }
    assertError(await get(t.shop1, `/api/v1/persons/${gb.person1.id}`), 403, 'auth.forbidden');
  });

  test('guard1 (guard) reads the entrances of its zone but no person', async () => {
    const entrances = await get(t.guard1, `/api/v1/communities/${GB}/entrances`);
    assert.equal(entrances.status, 200, entrances.text);
    assert.ok(entrances.json.items.length > 0);
    assert.ok(entrances.json.items.every((e) => e.zone_id === gb.zone1));
    assertError(await get(t.guard1, `/api/v1/communities/${GB}/persons`), 403, 'auth.forbidden');
    assertError(await get(t.guard1, `/api/v1/persons/${gb.person1.id}`), 403, 'auth.forbidden');
    assertError(await get(t.guard1, `/api/v1/communities/${GB}/stats`), 403, 'auth.forbidden');
  });

  test('volunteer1 (volunteer) may not read persons', async () => {
    assertError(await get(t.volunteer1, `/api/v1/communities/${GB}/persons`), 403, 'auth.forbidden');
    assertError(await get(t.volunteer1, `/api/v1/persons/${gb.person1.id}`), 403, 'auth.forbidden');
  });
});

describe('the server', () => {
  test('is still running and reported no sanitizer error', () => {
    assertServerHealthy(server);
  });
});
