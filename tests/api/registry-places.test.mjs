// Places of a community: zones, buildings, units, households and entrances — created, changed
// and deleted by those who may write places, refused to those who may not, and audited.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
  DEMO,
  assertError,
  assertServerHealthy,
  auditEntries,
  idSequence,
  startDemoServer,
  stopAll,
  tokensFor,
} from './support.mjs';

const GB = DEMO.community;
const ids = idSequence({ region: '150102', from: '1985-01-01' });

let server;
let tmp;
let t;
let zone1;
const made = {}; // what the manager made, by kind
const writes = []; // [action, record_id, username] each write must have left in the audit

after(async () => {
  await server?.stop();
  await stopAll();
  await tmp?.cleanup();
});

before(async () => {
  ({ server, tmp } = await startDemoServer());
  t = await tokensFor(server, ['admin', 'manager', 'property1', 'grid1']);
  const zones = await server.api('GET', `/api/v1/communities/${GB}/zones`, { token: t.manager });
  zone1 = zones.json.items.find((z) => z.number === 1);
});

const get = (token, p) => server.api('GET', p, { token });

// A write expected to succeed with `status`; remembers the audit entry it must leave.
async function write(who, method, p, body, status, action) {
  const r = await server.api(method, p, { token: t[who], body });
  assert.equal(r.status, status, `${who} ${method} ${p}: ${r.status} ${r.text}`);
  if (action) {
    const id = r.json?.id ?? Number(/\/(\d+)(?:\/[a-z]+)?$/.exec(p)?.[1]);
    writes.push([action, String(id), who, r.requestId]);
  }
  return r;
}

describe('the manager writes places', () => {
  test('zones: create, refuse a taken or bad number, rename; there is no delete', async () => {
    const z = await write('manager', 'POST', `/api/v1/communities/${GB}/zones`, { number: 5, name: '第五片区' }, 201, 'zone.create');
    assert.deepEqual(
      { number: z.json.number, code: z.json.code, name: z.json.name },
      { number: 5, code: `${GB}-5`, name: '第五片区' },
    );
    made.zone = z.json;
    assertError(
      await server.api('POST', `/api/v1/communities/${GB}/zones`, { token: t.manager, body: { number: 5, name: '重复' } }),
      409,
      'zone.taken',
      { field: 'number' },
    );
    for (const number of [0, 1000]) {
      assertError(
        await server.api('POST', `/api/v1/communities/${GB}/zones`, { token: t.manager, body: { number, name: '越界' } }),
        422,
        'zone.number',
        { field: 'number' },
      );
    }
    const renamed = await write('manager', 'PATCH', `/api/v1/zones/${made.zone.id}`, { name: '新五区' }, 200, 'zone.update');
    assert.equal(renamed.json.name, '新五区');
    assert.equal(renamed.json.number, 5);
    const list = await get(t.manager, `/api/v1/communities/${GB}/zones`);
    const listed = list.json.items.find((x) => x.id === made.zone.id);
    assert.deepEqual([listed.name, listed.buildings, listed.households, listed.persons], ['新五区', 0, 0, 0]);
    const del = await server.api('DELETE', `/api/v1/zones/${made.zone.id}`, { token: t.manager });
    assertError(del, 405, 'route.method_not_allowed');
    assert.match(del.headers.get('allow') ?? '', /PATCH/);
    assertError(await server.api('PATCH', '/api/v1/zones/99999999', { token: t.manager, body: { name: 'x' } }), 404, 'zone.not_found');
  });

  test('buildings: create, refuse a taken name, rename, move', async () => {
    const b = await write('manager', 'POST', `/api/v1/communities/${GB}/buildings`, { zone_id: made.zone.id, name: '50' }, 201, 'building.create');
    assert.deepEqual([b.json.name, b.json.zone_id], ['50栋', made.zone.id]);
    made.building = b.json;
    // "50", "50栋" and "50号楼" are one name; so are "1" and the demo's 1栋.
    for (const name of ['50', '50栋', '50号楼', '1']) {
      assertError(
        await server.api('POST', `/api/v1/communities/${GB}/buildings`, { token: t.manager, body: { zone_id: made.zone.id, name } }),
        409,
        'building.taken',
        { field: 'name' },
      );
    }
    assertError(
      await server.api('POST', `/api/v1/communities/${GB}/buildings`, { token: t.manager, body: { zone_id: 99999999, name: '孤楼' } }),
      404,
      'zone.not_found',
      { field: 'zone_id' },
    );
    const renamed = await write('manager', 'PATCH', `/api/v1/buildings/${made.building.id}`, { name: '51' }, 200, 'building.update');
    assert.deepEqual([renamed.json.name, renamed.json.zone_id], ['51栋', made.zone.id]);
    assertError(
      await server.api('PATCH', `/api/v1/buildings/${made.building.id}`, { token: t.manager, body: { name: '2栋' } }),
      409,
      'building.taken',
      { field: 'name' },
    );
    const listed = await get(t.manager, `/api/v1/communities/${GB}/buildings?zone_id=${made.zone.id}`);
    assert.deepEqual(
      listed.json.items.map((x) => x.name),
      ['51栋'],
    );
  });

  test('units and households: create, refuse taken names, rename a room', async () => {
    const u = await write('manager', 'POST', `/api/v1/buildings/${made.building.id}/units`, { name: '1' }, 201, 'unit.create');
    assert.deepEqual([u.json.name, u.json.building_id], ['1单元', made.building.id]);
    made.unit = u.json;
    assertError(
      await server.api('POST', `/api/v1/buildings/${made.building.id}/units`, { token: t.manager, body: { name: '1单元' } }),
      409,
      'unit.taken',
      { field: 'name' },
    );
    const u2 = await write('manager', 'POST', `/api/v1/buildings/${made.building.id}/units`, { name: '2' }, 201, 'unit.create');
    made.unit2 = u2.json;

    const h = await write('manager', 'POST', `/api/v1/units/${made.unit.id}/households`, { room: '101室' }, 201, 'household.create');
    assert.deepEqual(
      [h.json.room, h.json.unit_id, h.json.building_id, h.json.zone_id],
      ['101', made.unit.id, made.building.id, made.zone.id],
    );
    made.household = h.json;
    assertError(
      await server.api('POST', `/api/v1/units/${made.unit.id}/households`, { token: t.manager, body: { room: '101' } }),
      409,
      'household.taken',
      { field: 'room' },
    );
    const h2 = await write('manager', 'POST', `/api/v1/units/${made.unit.id}/households`, { room: '102' }, 201, 'household.create');
    assertError(
      await server.api('PATCH', `/api/v1/households/${h2.json.id}`, { token: t.manager, body: { room: '101' } }),
      409,
      'household.taken',
      { field: 'room' },
    );
    const renamed = await write('manager', 'PATCH', `/api/v1/households/${h2.json.id}`, { room: '103' }, 200, 'household.update');
    assert.equal(renamed.json.room, '103');
    made.household2 = renamed.json;

    const units = await get(t.manager, `/api/v1/buildings/${made.building.id}/units`);
    assert.deepEqual(
      units.json.items.map((x) => [x.name, x.households]),
      [
        ['1单元', 2],
        ['2单元', 0],
      ],
    );
    const one = await get(t.manager, `/api/v1/households/${made.household.id}`);
    assert.equal(one.status, 200, one.text);
    assert.deepEqual([one.json.building, one.json.unit, one.json.room, one.json.members], ['51栋', '1单元', '101', []]);
    const byRoom = await get(t.manager, `/api/v1/communities/${GB}/households?building_id=${made.building.id}&room=103`);
    assert.deepEqual(
      byRoom.json.items.map((x) => x.id),
      [made.household2.id],
    );
  });

  test('moving a building moves its households and their persons to the new zone', async () => {
    const p = await server.api('POST', `/api/v1/communities/${GB}/persons`, {
      token: t.manager,
      body: { name: '搬楼者', id_number: ids.next(), household_id: made.household.id },
    });
    assert.equal(p.status, 201, p.text);
    assert.equal(p.json.zone_id, made.zone.id);
    made.person = p.json;
    const moved = await write('manager', 'PATCH', `/api/v1/buildings/${made.building.id}`, { zone_id: zone1.id }, 200, 'building.update');
    assert.deepEqual([moved.json.name, moved.json.zone_id], ['51栋', zone1.id]);
    assert.equal((await get(t.manager, `/api/v1/households/${made.household.id}`)).json.zone_id, zone1.id);
    assert.equal((await get(t.manager, `/api/v1/persons/${made.person.id}`)).json.zone_id, zone1.id);
    // grid1 (zone 1) now sees them.
    assert.equal((await get(t.grid1, `/api/v1/persons/${made.person.id}`)).status, 200);
    const back = await write('manager', 'PATCH', `/api/v1/buildings/${made.building.id}`, { zone_id: made.zone.id }, 200, 'building.update');
    assert.equal(back.json.zone_id, made.zone.id);
    assertError(await get(t.grid1, `/api/v1/persons/${made.person.id}`), 404, 'person.not_found');
  });

  test('deleting what is not empty: 409 *.not_empty, and nothing goes', async () => {
    const demoBuilding = (await get(t.manager, `/api/v1/communities/${GB}/buildings?zone_id=${zone1.id}`)).json.items[0];
    for (const [p, code] of [
      [`/api/v1/buildings/${demoBuilding.id}`, 'building.not_empty'],
      [`/api/v1/buildings/${made.building.id}`, 'building.not_empty'],
      [`/api/v1/units/${made.unit.id}`, 'unit.not_empty'],
      [`/api/v1/households/${made.household.id}`, 'household.not_empty'],
    ]) {
      assertError(await server.api('DELETE', p, { token: t.manager }), 409, code);
    }
    assert.equal((await get(t.manager, `/api/v1/buildings/${demoBuilding.id}/units`)).status, 200);
    assert.equal((await get(t.manager, `/api/v1/households/${made.household.id}`)).json.members.length, 1);
  });

  test('deleting, from the bottom up: a household once its member is removed, a unit, a building', async () => {
    await write('manager', 'DELETE', `/api/v1/households/${made.household2.id}`, undefined, 204, 'household.delete');
    await write('manager', 'DELETE', `/api/v1/units/${made.unit2.id}`, undefined, 204, 'unit.delete');
    const gone = await server.api('DELETE', `/api/v1/persons/${made.person.id}`, { token: t.manager, body: { reason: '搬走了' } });
    assert.equal(gone.status, 204, gone.text);
    await write('manager', 'DELETE', `/api/v1/households/${made.household.id}`, undefined, 204, 'household.delete');
    assertError(await get(t.manager, `/api/v1/households/${made.household.id}`), 404, 'household.not_found');
    // The building's remaining unit is empty: it goes with the building.
    await write('manager', 'DELETE', `/api/v1/buildings/${made.building.id}`, undefined, 204, 'building.delete');
    assertError(await get(t.manager, `/api/v1/buildings/${made.building.id}/units`), 404, 'building.not_found');
    assertError(await server.api('DELETE', `/api/v1/units/${made.unit.id}`, { token: t.manager }), 404, 'unit.not_found');
    assertError(await server.api('DELETE', `/api/v1/buildings/${made.building.id}`, { token: t.manager }), 404, 'building.not_found');
    // The removed person keeps their record, without the household.
    const p = await get(t.manager, `/api/v1/persons/${made.person.id}`);
    assert.equal(p.status, 200, p.text);
    assert.equal(p.json.deleted, true);
    assert.equal(p.json.household_id, null);
  });

  test('entrances: create, refuse a taken name or a bad kind, replace, delete', async () => {
    const e = await write('manager', 'POST', `/api/v1/communities/${GB}/entrances`, { name: '测试门', kind: 'people', zone_id: made.zone.id }, 201, 'entrance.create');
    assert.deepEqual([e.json.name, e.json.kind, e.json.zone_id], ['测试门', 'people', made.zone.id]);
    made.entrance = e.json;
    assertError(
      await server.api('POST', `/api/v1/communities/${GB}/entrances`, { token: t.manager, body: { name: '东门' } }),
      409,
      'entrance.taken',
      { field: 'name' },
    );
    assertError(
      await server.api('POST', `/api/v1/communities/${GB}/entrances`, { token: t.manager, body: { name: '怪门', kind: 'boats' } }),
      422,
      'entrance.kind',
      { field: 'kind' },
    );
    const changed = await write('manager', 'PATCH', `/api/v1/entrances/${made.entrance.id}`, { name: '测试门二', kind: 'vehicles', zone_id: zone1.id }, 200, 'entrance.update');
    assert.deepEqual([changed.json.name, changed.json.kind, changed.json.zone_id], ['测试门二', 'vehicles', zone1.id]);
    // PATCH replaces: an absent kind is "both", an absent zone makes it community-wide.
    const replaced = await write('manager', 'PATCH', `/api/v1/entrances/${made.entrance.id}`, { name: '测试门三' }, 200, 'entrance.update');
    assert.deepEqual([replaced.json.name, replaced.json.kind, replaced.json.zone_id], ['测试门三', 'both', null]);
    const list = await get(t.manager, `/api/v1/communities/${GB}/entrances`);
    assert.ok(list.json.items.some((x) => x.id === made.entrance.id && x.name === '测试门三'));
    await write('manager', 'DELETE', `/api/v1/entrances/${made.entrance.id}`, undefined, 204, 'entrance.delete');
    assertError(await server.api('DELETE', `/api/v1/entrances/${made.entrance.id}`, { token: t.manager }), 404, 'entrance.not_found');
    const after = await get(t.manager, `/api/v1/communities/${GB}/entrances`);
    assert.ok(!after.json.items.some((x) => x.id === made.entrance.id));
  });
});

describe('who may write places', () => {
  test('property1 (property) may: building, unit, household, entrance, and delete them', async () => {
    const b = await write('property1', 'POST', `/api/v1/communities/${GB}/buildings`, { zone_id: zone1.id, name: '物业楼' }, 201, 'building.create');
    const u = await write('property1', 'POST', `/api/v1/buildings/${b.json.id}/units`, { name: '1' }, 201, 'unit.create');
    const h = await write('property1', 'POST', `/api/v1/units/${u.json.id}/households`, { room: '201' }, 201, 'household.create');
    await write('property1', 'PATCH', `/api/v1/households/${h.json.id}`, { room: '202' }, 200, 'household.update');
    await write('property1', 'PATCH', `/api/v1/buildings/${b.json.id}`, { name: '物业二号楼' }, 200, 'building.update');
    const e = await write('property1', 'POST', `/api/v1/communities/${GB}/entrances`, { name: '物业门', kind: 'vehicles' }, 201, 'entrance.create');
    await write('property1', 'PATCH', `/api/v1/entrances/${e.json.id}`, { name: '物业门二' }, 200, 'entrance.update');
    await write('property1', 'PATCH', `/api/v1/zones/${zone1.id}`, { name: zone1.name }, 200, 'zone.update');
    await write('property1', 'DELETE', `/api/v1/entrances/${e.json.id}`, undefined, 204, 'entrance.delete');
    await write('property1', 'DELETE', `/api/v1/households/${h.json.id}`, undefined, 204, 'household.delete');
    await write('property1', 'DELETE', `/api/v1/units/${u.json.id}`, undefined, 204, 'unit.delete');
    await write('property1', 'DELETE', `/api/v1/buildings/${b.json.id}`, undefined, 204, 'building.delete');
  });

  test('grid1 (grid worker) may not: 403 auth.forbidden for every place write, nothing written', async () => {
    const b = (await get(t.manager, `/api/v1/communities/${GB}/buildings?zone_id=${zone1.id}`)).json.items[0];
    const u = (await get(t.manager, `/api/v1/buildings/${b.id}/units`)).json.items[0];
    const h = (await get(t.manager, `/api/v1/communities/${GB}/households?unit_id=${u.id}&limit=1`)).json.items[0];
    const e = (await get(t.manager, `/api/v1/communities/${GB}/entrances`)).json.items.find((x) => x.zone_id === zone1.id);
    const before = await auditEntries(server, t.admin, { limit: 1 });
    const attempts = [
      ['POST', `/api/v1/communities/${GB}/zones`, { number: 7, name: '七区' }],
      ['PATCH', `/api/v1/zones/${zone1.id}`, { name: '改名' }],
      ['POST', `/api/v1/communities/${GB}/buildings`, { zone_id: zone1.id, name: '网格楼' }],
      ['PATCH', `/api/v1/buildings/${b.id}`, { name: '网格楼' }],
      ['DELETE', `/api/v1/buildings/${b.id}`],
      ['POST', `/api/v1/buildings/${b.id}/units`, { name: '9' }],
      ['DELETE', `/api/v1/units/${u.id}`],
      ['POST', `/api/v1/units/${u.id}/households`, { room: '909' }],
      ['PATCH', `/api/v1/households/${h.id}`, { room: '909' }],
      ['DELETE', `/api/v1/households/${h.id}`],
      ['POST', `/api/v1/communities/${GB}/entrances`, { name: '网格门' }],
      ['PATCH', `/api/v1/entrances/${e.id}`, { name: '网格门' }],
      ['DELETE', `/api/v1/entrances/${e.id}`],
    ];
    for (const [method, p, body] of attempts) {
      assertError(await server.api(method, p, { token: t.grid1, body }), 403, 'auth.forbidden');
    }
    const afterwards = await auditEntries(server, t.admin, { limit: 1 });
    assert.equal(afterwards[0].id, before[0].id, 'a refused write left an audit entry');
    const zones = await get(t.manager, `/api/v1/communities/${GB}/zones`);
    assert.equal(zones.json.items.find((z) => z.id === zone1.id).name, zone1.name);
    assert.ok(!zones.json.items.some((z) => z.number === 7));
  });
});

describe('audit', () => {
  test('every place write left exactly one entry with its action, record and user', async () => {
    assert.ok(writes.length >= 30, `only ${writes.length} writes recorded`);
    const all = await auditEntries(server, t.admin, {});
    for (const [action, recordId, who, requestId] of writes) {
      const matches = all.filter((e) => e.request_id === requestId);
      assert.equal(matches.length, 1, `${action} ${recordId} by ${who}: ${JSON.stringify(matches)}`);
      const [e] = matches;
      assert.deepEqual(
        [e.action, e.record_id, e.username],
        [action, recordId, who],
        `the entry of ${action} ${recordId}`,
      );
      assert.equal(e.record_type, action.split('.')[0]);
    }
    const creates = all.filter((e) => e.action === 'building.create' && e.username === 'manager');
    assert.ok(creates.some((e) => e.detail.name === '50栋'), JSON.stringify(creates));
  });
});

describe('the server', () => {
  test('is still running and reported no sanitizer error', () => {
    assertServerHealthy(server);
  });
});
