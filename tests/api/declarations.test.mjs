// Health declarations end to end against a demo community: the resident's public declaration and
// its pass, staff-assisted declarations and their audit, the colour rules and risk areas, and the
// sweep of those who have not declared shrinking as visits are recorded.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
  DEMO,
  assertError,
  assertServerHealthy,
  auditEntries,
  fetchBytes,
  makeIdNumber,
  startDemoServer,
  stopAll,
  tokensFor,
  xlsxRows,
} from './support.mjs';

const GB = DEMO.community;

let server;
let tmp;
let t;

// A demo resident with their full numbers, read through revealPerson.
async function resident(q, { token = t.manager } = {}) {
  const list = await server.api('GET', `/api/v1/communities/${GB}/persons?limit=1&${q}`, { token });
  assert.equal(list.status, 200, list.text);
  const p = list.json.items[0];
  const full = await server.api('POST', `/api/v1/persons/${p.id}/reveal`, {
    token: t.manager,
    body: { reason: 'declaration test' },
  });
  assert.equal(full.status, 200, full.text);
  return { ...p, id_number: full.json.id_number, phone: full.json.phone };
}

function declaration(p, extra = {}) {
  return {
    community_code: GB,
    name: p.name,
    id_number: p.id_number,
    phone: p.phone,
    temperature: 36.5,
    symptoms: [],
    travel: [],
    contact_with_cases: false,
    promise: true,
    ...extra,
  };
}

async function declare(body, opts = {}) {
  return server.api('POST', '/api/v1/declarations', { body, ...opts });
}

before(async () => {
  // Behind a trusted proxy (this test), so that a test may speak from an address of its own and
  // keep its mismatches out of the others' throttle.
  ({ server, tmp } = await startDemoServer({ args: ['--trusted-proxy', '127.0.0.1'] }));
  t = await tokensFor(server, ['admin', 'manager', 'grid1', 'grid2', 'team1', 'police1', 'guard1']);
});

after(async () => {
  await stopAll();
  await tmp?.cleanup();
});

describe('the public declaration', () => {
  test('a resident declares and gets a green pass that verifies', async () => {
    const p = await resident('zone_id=1&q=%E7%8E%8B');
    const r = await declare(declaration(p));
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.declaration.colour, 'green');
    assert.deepEqual(r.json.declaration.reasons, []);
    assert.equal(r.json.declaration.assisted, false);
    assert.equal(r.json.pass.colour, 'green');
    assert.ok(Date.parse(r.json.pass.expires_at) > Date.now());
    // The pass names nobody: its claims are the community, an opaque reference, the colour and
    // two times (the form leaves no room for a number or a name), and neither the ID number, the
    // phone nor the name appears anywhere in the token.
    const token = r.json.pass.token;
    const text = Buffer.from(token.split('.')[0], 'base64url').toString();
    assert.match(text, /^CP1\|441900003013\|[A-Za-z0-9_-]{22}\|g\|\d{10}\|\d{10}$/);
    for (const secret of [p.id_number, p.phone, p.name]) {
      assert.ok(!token.includes(secret) && !text.includes(secret), secret);
    }
    const v = await server.api('POST', '/api/v1/passes/verify', { body: { token } });
    assert.equal(v.status, 200, v.text);
    assert.equal(v.json.state, 'valid');
    assert.equal(v.json.colour, 'green');
    assert.equal(v.json.community_code, GB);
  });

  test('the pass QR code comes as PNG and SVG, and only for a pass this server signed', async () => {
    const p = await resident('zone_id=1&q=%E6%9D%8E');
    const r = await declare(declaration(p));
    assert.equal(r.status, 201, r.text);
    const token = encodeURIComponent(r.json.pass.token);
    const png = await fetchBytes(server.url, 'GET', `/api/v1/passes/qr?token=${token}`);
    assert.equal(png.status, 200);
    assert.equal(png.headers.get('content-type'), 'image/png');
    assert.deepEqual([...png.buf.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const svg = await server.api('GET', `/api/v1/passes/qr?token=${token}&format=svg`);
    assert.equal(svg.status, 200);
    assert.match(svg.text, /^<svg [^>]*viewBox="0 0 \d+ \d+"/);
    const dot = r.json.pass.token.indexOf('.');
    const c = r.json.pass.token[dot + 10];
    const forged = `${r.json.pass.token.slice(0, dot + 10)}${c === 'A' ? 'B' : 'A'}${r.json.pass.token.slice(dot + 11)}`;
    const bad = await server.api('GET', `/api/v1/passes/qr?token=${encodeURIComponent(forged)}`);
    assertError(bad, 422, 'pass.signature');
  });

  test('tampered, foreign and malformed tokens are refused', async () => {
    const p = await resident('zone_id=2&q=%E5%BC%A0');
    const r = await declare(declaration(p));
    assert.equal(r.status, 201, r.text);
    const [body, sig] = r.json.pass.token.split('.');
    // The same claims with another colour, signature kept: the signature no longer matches.
    const claims = Buffer.from(body, 'base64url').toString().replace('|g|', '|r|');
    const tampered = `${Buffer.from(claims).toString('base64url')}.${sig}`;
    for (const token of [tampered, `${body}.${sig.slice(0, 5)}${sig[5] === 'x' ? 'y' : 'x'}${sig.slice(6)}`]) {
      const v = await server.api('POST', '/api/v1/passes/verify', { body: { token } });
      assertError(v, 422, 'pass.signature', { field: 'token' });
    }
    for (const token of ['', 'not-a-token', `${body}`, `${body}.${sig}.x`, 'a'.repeat(600)]) {
      const v = await server.api('POST', '/api/v1/passes/verify', { body: { token } });
      assertError(v, 422, 'pass.malformed', { field: 'token' });
    }
  });

  test('declaring with a fever gives red with the reason, and makes the green pass stale', async () => {
    const p = await resident('zone_id=3&q=%E5%88%98');
    const green = await declare(declaration(p));
    assert.equal(green.status, 201, green.text);
    // A second apart, so that the new colour is dated after the green pass.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const red = await declare(declaration(p, { temperature: 38.2, symptoms: ['cough'] }));
    assert.equal(red.status, 201, red.text);
    assert.equal(red.json.declaration.colour, 'red');
    const rules = red.json.declaration.reasons.map((x) => x.rule);
    assert.ok(rules.includes('fever') && rules.includes('symptoms'), JSON.stringify(rules));
    const fever = red.json.declaration.reasons.find((x) => x.rule === 'fever');
    assert.equal(fever.fact, '38.2');
    assert.match(fever.message, /38\.2/);
    const old = await server.api('POST', '/api/v1/passes/verify', { body: { token: green.json.pass.token } });
    assert.equal(old.json.state, 'stale');
    const now = await server.api('POST', '/api/v1/passes/verify', { body: { token: red.json.pass.token } });
    assert.equal(now.json.state, 'valid');
    assert.equal(now.json.colour, 'red');
    // The day's first declaration is kept, marked superseded.
    const history = await server.api(
      'GET', `/api/v1/communities/${GB}/declarations?limit=200&zone_id=3`, { token: t.manager });
    const mine = history.json.items.filter((d) => d.person_id === p.id);
    assert.equal(mine.length, 1, 'the list shows the live declaration only');
    const first = await server.api('GET', `/api/v1/declarations/${green.json.declaration.id}`, { token: t.manager });
    assert.equal(first.status, 200);
    assert.equal(first.json.superseded, true);
  });

  test('an unknown ID and a wrong phone get the same answer, with no hint', async () => {
    const p = await resident('zone_id=2&q=%E9%99%88');
    const unknown = await declare(declaration({ ...p, id_number: makeIdNumber({ seq: 913 }) }));
    const wrongPhone = await declare(declaration({ ...p, phone: '13900000000' }));
    const wrongName = await declare(declaration({ ...p, name: `${p.name}某` }));
    for (const r of [unknown, wrongPhone, wrongName]) {
      assertError(r, 422, 'declaration.identity_mismatch');
    }
    assert.equal(unknown.json.error.message, wrongPhone.json.error.message);
    assert.equal(unknown.text.replace(/"request_id":"[^"]*"/, ''), wrongPhone.text.replace(/"request_id":"[^"]*"/, ''));
  });

  test('bad input is refused with the field named', async () => {
    const p = await resident('zone_id=4&q=%E9%BB%84');
    const cases = [
      [{ promise: false }, 422, 'declaration.promise', 'promise'],
      [{ temperature: 98.6 }, 422, 'temperature.range', 'temperature'],
      [{ temperature: '36.5' }, 400, 'request.wrong_type', 'temperature'],
      [{ id_number: `${p.id_number.slice(0, 17)}${p.id_number.at(-1) === '0' ? '1' : '0'}` }, 422,
        'id_number.check_digit', 'id_number'],
      [{ symptoms: ['sneezing'] }, 422, 'symptom.code', 'symptoms[0]'],
      [{ travel: [{ region_code: '999999', from: '2020-01-01', to: '2020-01-02' }] }, 422,
        'region.code', 'travel[0].region_code'],
      [{ travel: [{ region_code: '420100', from: 'yesterday', to: '2020-01-02' }] }, 422,
        'travel.dates', 'travel[0].from'],
      [{ travel: [{ region_code: '420100' }] }, 400, 'request.missing_field', 'travel[0].from'],
      [{ plate: 'ABC' }, 422, 'plate.format', 'plate'],
      [{ mystery: 1 }, 400, 'request.unknown_field', 'mystery'],
    ];
    for (const [extra, status, code, field] of cases) {
      const r = await declare(declaration(p, extra));
      assertError(r, status, code, { field });
    }
    const unknownCommunity = await declare(declaration(p, { community_code: '441900009999' }));
    assertError(unknownCommunity, 404, 'community.not_found');
  });

  test('a new arrival is registered pending confirmation, at the address they chose', async () => {
    const dir = await server.api('GET', `/api/v1/public/communities/${GB}`);
    assert.equal(dir.status, 200);
    assert.equal(dir.json.community.name, DEMO.name);
    const household = dir.json.buildings[0].units[0].households[0];
    assert.ok(household.id > 0 && household.room);
    const newcomer = { name: '新来者', id_number: makeIdNumber({ region: '420102', seq: 77 }), phone: '17700001234' };
    const withoutFlag = await declare(declaration(newcomer));
    assertError(withoutFlag, 422, 'declaration.identity_mismatch');
    const noAddress = await declare(declaration(newcomer, { new_arrival: true }));
    assertError(noAddress, 422, 'household.required', { field: 'household_id' });
    const r = await declare(declaration(newcomer, { new_arrival: true, household_id: household.id }));
    assert.equal(r.status, 201, r.text);
    const person = await server.api('GET', `/api/v1/persons/${r.json.declaration.person_id}`, { token: t.manager });
    assert.equal(person.status, 200);
    assert.equal(person.json.household_id, household.id);
    assert.match(person.json.notes, /待确认/);
    // Declaring again the same way finds them now.
    const again = await declare(declaration(newcomer, { temperature: 36.8 }));
    assert.equal(again.status, 201, again.text);
    assert.equal(again.json.declaration.person_id, r.json.declaration.person_id);
    // Staff see them waiting, masked, and confirm them once.
    const id = r.json.declaration.person_id;
    const pending = await server.api('GET', `/api/v1/communities/${GB}/arrivals?pending=true`, { token: t.manager });
    assert.equal(pending.status, 200, pending.text);
    const item = pending.json.items.find((a) => a.person_id === id);
    assert.ok(item, pending.text);
    assert.equal(item.confirmed_at, null);
    assert.equal(item.id_number, `${newcomer.id_number.slice(0, 6)}********${newcomer.id_number.slice(14)}`);
    assert.ok(!pending.text.includes(newcomer.phone));
    const zone = person.json.zone_id;
    const outsider = zone === 2 ? t.grid1 : t.grid2;
    assertError(await server.api('POST', `/api/v1/persons/${id}/confirm-arrival`, { token: outsider }), 404, 'arrival.not_found');
    assertError(await server.api('POST', `/api/v1/persons/${id}/confirm-arrival`, { token: t.guard1 }), 403, 'auth.forbidden');
    const confirmed = await server.api('POST', `/api/v1/persons/${id}/confirm-arrival`, { token: t.manager });
    assert.equal(confirmed.status, 200, confirmed.text);
    assert.ok(confirmed.json.confirmed_at);
    assert.ok(confirmed.json.confirmed_by_name.length > 0);
    assertError(await server.api('POST', `/api/v1/persons/${id}/confirm-arrival`, { token: t.manager }), 409, 'arrival.confirmed');
    const still = await server.api('GET', `/api/v1/communities/${GB}/arrivals?pending=true`, { token: t.manager });
    assert.ok(!still.json.items.some((a) => a.person_id === id));
    const entries = await auditEntries(server, t.admin, { action: 'person.confirm_arrival' });
    assert.ok(entries.some((e) => e.record_id === String(id)));
    // A registered resident is no arrival.
    const p = await resident('zone_id=1&q=%E8%B5%B5');
    assertError(await server.api('POST', `/api/v1/persons/${p.id}/confirm-arrival`, { token: t.manager }), 404, 'arrival.not_found');
  });

});

describe('declaring for a family member', () => {
  // Members of the demo community by household, with their ages, from the first pages.
  async function households() {
    const byHousehold = new Map();
    let cursor = '';
    for (let page = 0; page < 10; page++) {
      const r = await server.api('GET', `/api/v1/communities/${GB}/persons?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { token: t.manager });
      assert.equal(r.status, 200, r.text);
      for (const p of r.json.items) {
        if (p.household_id && p.age !== null) {
          byHousehold.set(p.household_id, [...(byHousehold.get(p.household_id) ?? []), p]);
        }
      }
      if (!r.json.next_cursor) {
        break;
      }
      cursor = encodeURIComponent(r.json.next_cursor);
    }
    return [...byHousehold.values()];
  }
  const adult = (p) => p.age >= 18 && p.age < 60;
  const dependantAge = (p) => p.age < 18 || p.age >= 60;

  async function revealed(p) {
    const full = await server.api('POST', `/api/v1/persons/${p.id}/reveal`, {
      token: t.manager,
      body: { reason: 'declaration for a family member test' },
    });
    assert.equal(full.status, 200, full.text);
    return { ...p, id_number: full.json.id_number, phone: full.json.phone };
  }

  test("a resident declares for their household's child or elder, and only for them", async () => {
    const declare = (body) => server.api('POST', '/api/v1/declarations', {
      body,
      headers: { 'X-Forwarded-For': '198.51.100.77' },
    });
    const all = await households();
    const family = all.find((h) => h.some(adult) && h.some(dependantAge) && h.find(adult).phone);
    assert.ok(family, 'a demo household with an adult and a child or elder');
    const declarer = await revealed(family.find((p) => adult(p) && p.phone));
    const member = await revealed(family.find(dependantAge));

    const r = await declare(declaration(declarer, { dependant: { name: member.name, id_number: member.id_number } }));
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.declaration.person_id, member.id, 'the declaration is the member\'s');
    assert.equal(r.json.declaration.masked_name[0], member.name[0]);
    assert.equal(r.json.pass.colour, 'green');
    const audit = await auditEntries(server, t.admin, { action: 'declaration.for_household' });
    const entry = audit.find((e) => e.record_id === String(member.id));
    assert.ok(entry, 'audited');
    assert.equal(entry.detail.declared_by, declarer.id);

    // A child of another household: the same answer as an unknown number.
    const otherFamily = all.find((h) => h !== family && h.some(dependantAge));
    const stranger = await revealed(otherFamily.find(dependantAge));
    assertError(await declare(declaration(declarer, { dependant: { name: stranger.name, id_number: stranger.id_number } })),
      422, 'declaration.dependant_mismatch', { field: 'dependant.id_number' });
    // The right number with another name.
    assertError(await declare(declaration(declarer, { dependant: { name: '某某某', id_number: member.id_number } })),
      422, 'declaration.dependant_mismatch', { field: 'dependant.id_number' });
    // A broken number is refused as such, named under dependant.
    const broken = `${member.id_number.slice(0, 17)}${member.id_number.at(-1) === '0' ? '1' : '0'}`;
    const bad = await declare(declaration(declarer, { dependant: { name: member.name, id_number: broken } }));
    assert.equal(bad.status, 422, bad.text);
    assert.equal(bad.json.error.field, 'dependant.id_number');
    // Not with the new-arrival path, and not with a wrong shape.
    assertError(await declare(declaration(declarer, { dependant: 'x' })), 400, 'request.wrong_type', { field: 'dependant' });

    // Another adult of a household declares for themselves.
    const couple = all.find((h) => h.filter((p) => adult(p) && p.phone).length >= 2);
    if (couple) {
      const [a, b] = couple.filter((p) => adult(p) && p.phone);
      const one = await revealed(a);
      const two = await revealed(b);
      assertError(await declare(declaration(one, { dependant: { name: two.name, id_number: two.id_number } })),
        422, 'declaration.dependant_not_allowed', { field: 'dependant.id_number' });
    }
  });
});

describe('staff', () => {
  test('an assisted declaration is marked, named and audited', async () => {
    const p = await resident('zone_id=1&q=%E5%91%A8');
    const body = { community_code: GB, person_id: p.id, temperature: 36.4, symptoms: [], travel: [], promise: true };
    const r = await declare(body, { token: t.grid1 });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.declaration.assisted, true);
    assert.ok(r.json.declaration.assisted_by_name.length > 0);
    const entries = await auditEntries(server, t.admin, { action: 'declaration.assist' });
    const entry = entries.find((e) => e.record_id === String(p.id));
    assert.ok(entry, 'no audit entry for the assisted declaration');
    const detail = typeof entry.detail === 'string' ? JSON.parse(entry.detail) : entry.detail;
    assert.equal(detail.declaration_id, r.json.declaration.id);
    const assisted = await server.api('GET', `/api/v1/communities/${GB}/declarations?assisted=true`, { token: t.manager });
    assert.ok(assisted.json.items.some((d) => d.id === r.json.declaration.id));
    // A grid worker of another zone cannot declare for this person, nor see the declaration.
    const other = await declare(body, { token: t.grid2 });
    assertError(other, 404, 'person.not_found');
    const hidden = await server.api('GET', `/api/v1/declarations/${r.json.declaration.id}`, { token: t.grid2 });
    assertError(hidden, 404, 'declaration.not_found');
    // A guard may not declare for anyone; a bad token is not treated as no token.
    assertError(await declare(body, { token: t.guard1 }), 403, 'auth.forbidden');
    assertError(await declare(body, { token: 'nonsense' }), 401, 'auth.unauthenticated');
  });

  test('a printed pass for a person, and the community QR code', async () => {
    const p = await resident('zone_id=2&q=%E6%9D%A8');
    assertError(await server.api('GET', `/api/v1/persons/${p.id}/pass`, { token: t.manager }), 404, 'pass.none');
    const r = await declare(declaration(p));
    assert.equal(r.status, 201);
    const pass = await server.api('GET', `/api/v1/persons/${p.id}/pass`, { token: t.manager });
    assert.equal(pass.status, 200, pass.text);
    assert.equal(pass.json.colour, 'green');
    const v = await server.api('POST', '/api/v1/passes/verify', { body: { token: pass.json.token } });
    assert.equal(v.json.state, 'valid');
    const qr = await server.api('GET', `/api/v1/communities/${GB}/declare-qr?format=svg`, { token: t.manager });
    assert.equal(qr.status, 200);
    assert.match(qr.headers.get('content-type'), /image\/svg\+xml/);
    const key = await server.api('GET', '/api/v1/passes/public-key');
    assert.equal(key.json.algorithm, 'Ed25519');
    assert.equal(Buffer.from(key.json.public_key, 'base64url').length, 32);
  });
});

describe('rules and risk areas', () => {
  test('a new high-risk area turns a traveller yellow, and lifting it turns them back', async () => {
    const p = await resident('zone_id=4&q=%E5%90%B4');
    const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
    const r = await declare(declaration(p, { travel: [{ region_code: '420102', from: today, to: today, transport: 'g1234' }] }));
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.declaration.colour, 'green');
    assert.equal(r.json.declaration.travel[0].transport, 'G1234');
    const preview = await server.api('GET', '/api/v1/colour-rules', { token: t.manager });
    assert.equal(preview.status, 200);
    assert.ok(preview.json.rules.length > 0);
    assertError(await server.api('POST', '/api/v1/risk-areas', {
      token: t.manager, body: { region_code: '420100', name: '武汉市', level: 'high', from: today } }), 403, 'auth.forbidden');
    const area = await server.api('POST', '/api/v1/risk-areas', {
      token: t.admin, body: { region_code: '420100', name: '武汉市', level: 'high', from: today, until: null } });
    assert.equal(area.status, 201, area.text);
    assert.ok(area.json.changed >= 1, area.text);
    const v = await server.api('POST', '/api/v1/passes/verify', { body: { token: r.json.pass.token } });
    assert.equal(v.json.state, 'stale');
    const colours = await server.api('GET', `/api/v1/communities/${GB}/colours`, { token: t.manager });
    assert.ok(colours.json.totals.yellow >= 1, colours.text);
    const bad = await server.api('POST', '/api/v1/risk-areas', {
      token: t.admin, body: { region_code: '42', name: 'x', level: 'high', from: today } });
    assertError(bad, 422, 'risk_area.region_code');
    const removed = await server.api('DELETE', `/api/v1/risk-areas/${area.json.id}`, { token: t.admin });
    assert.equal(removed.status, 204);
    const back = await server.api('GET', `/api/v1/communities/${GB}/colours`, { token: t.manager });
    assert.equal(back.json.totals.yellow, colours.json.totals.yellow - 1);
  });

  test('the rules are versioned; a preview counts changes without making them', async () => {
    const current = await server.api('GET', '/api/v1/colour-rules', { token: t.admin });
    const rules = current.json.rules.map((r) => (r.id === 'fever' ? { ...r, temperature: 36.0 } : r));
    const body = { valid_days: current.json.valid_days, rules };
    const preview = await server.api('POST', '/api/v1/colour-rules/preview', { token: t.admin, body });
    assert.equal(preview.status, 200, preview.text);
    assert.ok(preview.json.changed >= 1, preview.text);
    assert.ok(preview.json.changes.green_to_red >= 1, preview.text);
    const still = await server.api('GET', `/api/v1/communities/${GB}/colours`, { token: t.manager });
    const saved = await server.api('PUT', '/api/v1/colour-rules', { token: t.admin, body });
    assert.equal(saved.status, 200, saved.text);
    assert.equal(saved.json.version, current.json.version + 1);
    assert.equal(saved.json.changed, preview.json.changed, JSON.stringify([preview.json, saved.json.changes]));
    const after = await server.api('GET', `/api/v1/communities/${GB}/colours`, { token: t.manager });
    assert.equal(after.json.totals.red, still.json.totals.red + preview.json.changes.green_to_red);
    const badRule = await server.api('PUT', '/api/v1/colour-rules', {
      token: t.admin, body: { valid_days: 1, rules: [{ ...rules[0], temperature: 50 }] } });
    assertError(badRule, 422, 'rule.temperature', { field: 'rules[0].temperature' });
    // Back to the rules as they were.
    const restored = await server.api('PUT', '/api/v1/colour-rules', {
      token: t.admin, body: { valid_days: current.json.valid_days, rules: current.json.rules } });
    assert.equal(restored.status, 200, restored.text);
  });
});

describe('the sweep', () => {
  test('those who have not declared become visit tasks, and the sweep shrinks as visits are recorded', async () => {
    const before1 = await server.api('GET', `/api/v1/communities/${GB}/undeclared?zone_id=1&limit=500`, { token: t.manager });
    assert.equal(before1.status, 200, before1.text);
    assert.ok(before1.json.total > 0 && before1.json.total < DEMO.persons);
    // A household of zone 1 with someone undeclared.
    const target = before1.json.items.find((u) => u.household_id);
    const members = await server.api('GET', `/api/v1/communities/${GB}/persons?household_id=${target.household_id}&limit=50`, { token: t.manager });
    const created = await server.api('POST', `/api/v1/communities/${GB}/visit-tasks`, {
      token: t.team1, body: { zone_id: 1, team: ['物业 张三', '工作队 李四', '民警 王五'] } });
    assert.equal(created.status, 201, created.text);
    assert.ok(created.json.created > 0);
    const again = await server.api('POST', `/api/v1/communities/${GB}/visit-tasks`, {
      token: t.team1, body: { zone_id: 1, team: ['物业 张三'] } });
    assert.equal(again.json.created, 0, 'one open task per household');
    const tasks = await server.api('GET', `/api/v1/communities/${GB}/visit-tasks?open=true&limit=500`, { token: t.team1 });
    const task = tasks.json.items.find((x) => x.household_id === target.household_id);
    assert.ok(task, 'no task for the household');
    assert.deepEqual(task.team, ['物业 张三', '工作队 李四', '民警 王五']);
    // Nobody home: the task stays open. Then the team helps everyone declare.
    const away = await server.api('POST', `/api/v1/visit-tasks/${task.id}/visits`, {
      token: t.team1, body: { outcome: 'nobody_home', note: '晚上再来' } });
    assert.equal(away.status, 200, away.text);
    assert.equal(away.json.open, true);
    assert.equal(away.json.visits, 1);
    for (const m of members.json.items) {
      const r = await declare({ community_code: GB, person_id: m.id, temperature: 36.6, promise: true }, { token: t.team1 });
      assert.equal(r.status, 201, r.text);
    }
    const done = await server.api('POST', `/api/v1/visit-tasks/${task.id}/visits`, {
      token: t.team1, body: { outcome: 'declared_with_help' } });
    assert.equal(done.json.open, false);
    assertError(await server.api('POST', `/api/v1/visit-tasks/${task.id}/visits`, {
      token: t.team1, body: { outcome: 'refused' } }), 409, 'visit_task.closed');
    const after1 = await server.api('GET', `/api/v1/communities/${GB}/undeclared?zone_id=1&limit=1`, { token: t.manager });
    assert.equal(after1.json.total, before1.json.total - members.json.items.filter(
      (m) => before1.json.items.some((u) => u.person_id === m.id)).length);
    assert.ok(after1.json.total < before1.json.total);
    // A household that moved out leaves the registry, and the sweep.
    const next = (await server.api('GET', `/api/v1/communities/${GB}/visit-tasks?open=true&limit=1`, { token: t.team1 })).json.items[0];
    const gone = await server.api('GET', `/api/v1/communities/${GB}/undeclared?household_id=${next.household_id}&limit=50`, { token: t.manager });
    assert.ok(gone.json.total > 0);
    const moved = await server.api('POST', `/api/v1/visit-tasks/${next.id}/visits`, {
      token: t.team1, body: { outcome: 'moved_out', note: '已搬离' } });
    assert.equal(moved.status, 200, moved.text);
    const after2 = await server.api('GET', `/api/v1/communities/${GB}/undeclared?zone_id=1&limit=1`, { token: t.manager });
    assert.equal(after2.json.total, after1.json.total - gone.json.total);
    assertError(await server.api('POST', `/api/v1/visit-tasks/${next.id}/visits`, {
      token: t.team1, body: { outcome: 'refused' } }), 409, 'visit_task.closed');
    assertError(await server.api('POST', `/api/v1/visit-tasks/${next.id}/visits`, {
      token: t.team1, body: { outcome: 'teleported' } }), 422, 'visit.outcome', { field: 'outcome' });
  });

  test('the sweep is scoped and exports as .xlsx', async () => {
    const mine = await server.api('GET', `/api/v1/communities/${GB}/undeclared?limit=500`, { token: t.grid2 });
    assert.equal(mine.status, 200);
    assert.ok(mine.json.items.every((u) => u.zone_id === 2));
    // Those aged 60 and over are flagged, as the registry shows them.
    const flagged = mine.json.items.filter((u) => u.flags.includes('elderly'));
    const unflagged = mine.json.items.filter((u) => !u.flags.includes('elderly'));
    assert.ok(flagged.length > 0 && unflagged.length > 0);
    for (const u of [...flagged.slice(0, 3), ...unflagged.slice(0, 3)]) {
      const p = await server.api('GET', `/api/v1/persons/${u.person_id}`, { token: t.manager });
      assert.equal(p.json.elderly, u.flags.includes('elderly'), `${u.person_id}: ${p.text}`);
    }
    const other = await server.api('GET', `/api/v1/communities/${GB}/undeclared?zone_id=1`, { token: t.grid2 });
    assert.equal(other.json.total, 0);
    assert.match(mine.json.items[0].phone, /^\d{3}\*{4}\d{4}$/);
    const file = await fetchBytes(server.url, 'GET', `/api/v1/communities/${GB}/undeclared.xlsx?zone_id=2`, { token: t.grid2 });
    assert.equal(file.status, 200);
    const rows = xlsxRows(file.buf);
    assert.deepEqual(rows[0].slice(0, 3), ['姓名', '手机号', '楼栋']);
    assert.equal(rows.length - 1, mine.json.total);
    assertError(await server.api('GET', `/api/v1/communities/${GB}/undeclared`, { token: t.guard1 }), 403, 'auth.forbidden');
  });
});

// Last: it locks this test process's address out of the public page.
describe('abuse of the public page', () => {
  test('repeated mismatches from one address are throttled', async () => {
    let last;
    for (let i = 0; i < 8; i++) {
      last = await declare(declaration({ name: '无此人', id_number: makeIdNumber({ seq: 300 + i }), phone: '13800000000' }));
      if (last.status === 429) {
        break;
      }
    }
    assertError(last, 429, 'declaration.throttled');
    assertServerHealthy(server);
  });
});
