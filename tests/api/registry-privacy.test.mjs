// ID and phone numbers: masked in every answer that holds a person, shown in full only by
// revealPerson (which leaves an audit entry without the numbers) and in exports for the roles that
// may reveal.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
  DEMO,
  assertError,
  assertImportRejected,
  assertNoNumbers,
  auditEntries,
  breakCheckChar,
  csvText,
  fetchBytes,
  idSequence,
  makeIdNumber,
  maskId,
  maskPhone,
  parseCsv,
  phoneSequence,
  postImport,
  startDemoServer,
  stopAll,
  tokensFor,
  unzipText,
  xlsxRows,
  assertServerHealthy,
} from './support.mjs';

const GB = DEMO.community;

const ids = idSequence({ region: '130102', from: '1975-03-01' });
const phones = phoneSequence('172');
// Every full number this file sends: none may come back except from reveal and a full export.
const secrets = { ids: [], phones: [] };
const newId = () => {
  const id = ids.next();
  secrets.ids.push(id);
  return id;
};
const newPhone = () => {
  const p = phones.next();
  secrets.phones.push(p);
  return p;
};

let server;
let tmp;
let t;
let zone1;
let household; // a zone-1 household of the demo
const people = {}; // persons made here, with their numbers

after(async () => {
  await server?.stop();
  await stopAll();
  await tmp?.cleanup();
});

const get = (token, p) => server.api('GET', p, { token });

const reveal = (token, id, body) => server.api('POST', `/api/v1/persons/${id}/reveal`, { token, body });

async function createPerson(key, extra = {}) {
  const idNumber = extra.id_number ?? newId();
  const phone = extra.phone ?? newPhone();
  const r = await server.api('POST', `/api/v1/communities/${GB}/persons`, {
    token: t.manager,
    body: { name: `隐私${key}`, household_id: household.id, relation: 'other', ...extra, id_number: idNumber, phone },
  });
  assert.equal(r.status, 201, r.text);
  people[key] = { ...r.json, idNumber, phoneNumber: phone, createText: r.text };
  return people[key];
}

before(async () => {
  ({ server, tmp } = await startDemoServer());
  t = await tokensFor(server, ['admin', 'manager', 'grid1', 'police1', 'doctor1', 'property1']);
  const zones = await get(t.manager, `/api/v1/communities/${GB}/zones`);
  zone1 = zones.json.items.find((z) => z.number === 1);
  const hs = await get(t.manager, `/api/v1/communities/${GB}/households?zone_id=${zone1.id}&limit=1`);
  household = hs.json.items[0];
  await createPerson('甲');
  await createPerson('乙');
  await createPerson('丙');
  // An ID number that ends in X (sequence 006 gives check character X for this birth date).
  await createPerson('丁', { id_number: makeIdNumber({ region: '130102', birth: '19991231', seq: 6 }) });
  secrets.ids.push(people.丁.idNumber);
});

describe('masking in every answer that holds a person', () => {
  test('the create answer shows masked numbers only', () => {
    const p = people.甲;
    assert.equal(p.id_number, maskId(p.idNumber));
    assert.equal(p.phone, maskPhone(p.phoneNumber));
    assert.match(p.id_number, /^\d{6}\*{8}\d{3}[\dX]$/);
    assert.match(p.phone, /^1\d\d\*{4}\d{4}$/);
    assertNoNumbers(p.createText, secrets, 'POST persons');
  });

  test('get, list, search by last 4 digits and household members are masked', async () => {
    const p = people.甲;
    const one = await get(t.manager, `/api/v1/persons/${p.id}`);
    assert.equal(one.status, 200, one.text);
    assert.equal(one.json.id_number, maskId(p.idNumber));
    assert.equal(one.json.phone, maskPhone(p.phoneNumber));
    assertNoNumbers(one.text, secrets, 'GET person');

    const list = await get(t.manager, `/api/v1/communities/${GB}/persons?household_id=${household.id}&limit=200`);
    assert.equal(list.status, 200, list.text);
    const mine = list.json.items.filter((x) => x.name.startsWith('隐私'));
    assert.equal(mine.length, 4);
    assertNoNumbers(list.text, secrets, 'GET persons');

    for (const q of [p.idNumber.slice(-4), p.phoneNumber.slice(-4), '隐私甲']) {
      const found = await get(t.manager, `/api/v1/communities/${GB}/persons?q=${encodeURIComponent(q)}&limit=200`);
      assert.equal(found.status, 200, found.text);
      assert.ok(found.json.items.some((x) => x.id === p.id), `q=${q} does not find the person`);
      assertNoNumbers(found.text, secrets, `GET persons?q=${q}`);
    }

    const h = await get(t.manager, `/api/v1/households/${household.id}`);
    assert.equal(h.status, 200, h.text);
    const member = h.json.members.find((m) => m.id === p.id);
    assert.ok(member, 'the person is not among the members');
    assert.equal(member.id_number, maskId(p.idNumber));
    assert.equal(member.phone, maskPhone(p.phoneNumber));
    assertNoNumbers(h.text, secrets, 'GET household');

    // A zone account sees the same masks.
    const grid = await get(t.grid1, `/api/v1/persons/${p.id}`);
    assert.equal(grid.status, 200, grid.text);
    assert.equal(grid.json.id_number, maskId(p.idNumber));
    assertNoNumbers(grid.text, secrets, 'GET person as grid1');
  });

  test('the update answer is masked, also after a new phone number', async () => {
    const p = people.乙;
    const phone = newPhone();
    const r = await server.api('PATCH', `/api/v1/persons/${p.id}`, { token: t.manager, body: { phone, notes: '换了号码' } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.phone, maskPhone(phone));
    assert.equal(r.json.id_number, maskId(p.idNumber));
    assert.equal(r.json.notes, '换了号码');
    assertNoNumbers(r.text, secrets, 'PATCH person');
    const shown = await reveal(t.manager, p.id, { reason: '核对新号码' });
    assert.equal(shown.status, 200, shown.text);
    assert.equal(shown.json.phone, phone);
    p.phoneNumber = phone;
  });

  // The mask hides exactly digits 7-14 of an ID number, which are the birth date; the answer also
  // carries birth_date, so the two together are the whole number, for any role, without a reveal
  // and without an audit entry.
  test(
    'a person answer does not let anyone rebuild the ID number (mask + birth_date)',

    async () => {
      const p = people.甲;
      for (const who of ['grid1', 'manager']) {
        const one = await get(t[who], `/api/v1/persons/${p.id}`);
        assert.equal(one.status, 200, one.text);
        const rebuilt = one.json.id_number.slice(0, 6) + String(one.json.birth_date ?? '').replaceAll('-', '') + one.json.id_number.slice(14);
        assert.notEqual(rebuilt, p.idNumber, `${who} rebuilds ${p.idNumber} from ${one.json.id_number} and ${one.json.birth_date}`);
      }
    },
  );

  test('stats and the households list carry no numbers', async () => {
    for (const p of [`/api/v1/communities/${GB}/stats`, `/api/v1/communities/${GB}/households?zone_id=${zone1.id}&limit=200`]) {
      const r = await get(t.manager, p);
      assert.equal(r.status, 200, r.text);
      assertNoNumbers(r.text, secrets, p);
    }
  });
});

describe('reveal', () => {
  test('as the manager: the full numbers, and exactly one audit entry without them', async () => {
    const p = people.甲;
    const reason = '核对身份：疫苗登记';
    const r = await reveal(t.manager, p.id, { reason });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json, { id: p.id, id_number: p.idNumber, phone: p.phoneNumber });

    const entries = await auditEntries(server, t.admin, { action: 'person.reveal', record_id: String(p.id) });
    assert.equal(entries.length, 1, JSON.stringify(entries));
    const [e] = entries;
    assert.equal(e.action, 'person.reveal');
    assert.equal(e.record_type, 'person');
    assert.equal(e.record_id, String(p.id));
    assert.equal(e.username, 'manager');
    assert.equal(e.request_id, r.requestId);
    assert.equal(e.detail.reason, reason);
    assert.deepEqual(e.detail.fields, ['id_number', 'phone']);
    assertNoNumbers(JSON.stringify(e), secrets, 'the reveal audit entry');
  });

  test('a person without a phone: only id_number is named in the audit entry', async () => {
    const made = await server.api('POST', `/api/v1/communities/${GB}/persons`, {
      token: t.manager,
      body: { name: '隐私无手机', id_number: newId(), household_id: household.id },
    });
    assert.equal(made.status, 201, made.text);
    assert.equal(made.json.phone, '');
    const r = await reveal(t.manager, made.json.id, { reason: '核对' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.phone, '');
    const entries = await auditEntries(server, t.admin, { action: 'person.reveal', record_id: String(made.json.id) });
    assert.equal(entries.length, 1);
    assert.deepEqual(entries[0].detail.fields, ['id_number']);
  });

  test('police and health may reveal too; each reveal is one entry', async () => {
    const p = people.丙;
    for (const who of ['police1', 'doctor1']) {
      const r = await reveal(t[who], p.id, { reason: `${who} 核查` });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.id_number, p.idNumber);
    }
    const entries = await auditEntries(server, t.admin, { action: 'person.reveal', record_id: String(p.id) });
    assert.deepEqual(entries.map((e) => e.username).sort(), ['doctor1', 'police1']);
    assertNoNumbers(JSON.stringify(entries), secrets, 'reveal audit entries');
  });

  test('without a reason: 422 person.reason_required, and nothing is written', async () => {
    const p = people.丙;
    const before = await auditEntries(server, t.admin, { action: 'person.reveal', record_id: String(p.id) });
    for (const reason of ['', '   ']) {
      const r = await reveal(t.manager, p.id, { reason });
      assertError(r, 422, 'person.reason_required', { field: 'reason' });
      assertNoNumbers(r.text, secrets, 'reveal without reason');
    }
    const missing = await reveal(t.manager, p.id, {});
    assertError(missing, 400, 'request.missing_field', { field: 'reason' });
    const afterwards = await auditEntries(server, t.admin, { action: 'person.reveal', record_id: String(p.id) });
    assert.equal(afterwards.length, before.length);
  });

  test('roles that may not reveal: 403, and nothing is written', async () => {
    const p = people.丙;
    const before = await auditEntries(server, t.admin, { action: 'person.reveal', record_id: String(p.id) });
    for (const who of ['grid1', 'property1']) {
      const r = await reveal(t[who], p.id, { reason: '想看看' });
      assertError(r, 403, 'auth.forbidden');
      assertNoNumbers(r.text, secrets, `reveal as ${who}`);
    }
    const afterwards = await auditEntries(server, t.admin, { action: 'person.reveal', record_id: String(p.id) });
    assert.equal(afterwards.length, before.length);
  });
});

describe('updates and duplicates', () => {
  test('sending the masked numbers back leaves the stored numbers unchanged', async () => {
    const p = people.丙;
    const current = await get(t.manager, `/api/v1/persons/${p.id}`);
    const r = await server.api('PATCH', `/api/v1/persons/${p.id}`, {
      token: t.manager,
      body: { id_number: current.json.id_number, phone: current.json.phone, notes: '表单原样提交' },
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.id_number, maskId(p.idNumber));
    assert.equal(r.json.phone, maskPhone(p.phoneNumber));
    assert.equal(r.json.notes, '表单原样提交');
    const shown = await reveal(t.manager, p.id, { reason: '核对未变' });
    assert.equal(shown.status, 200, shown.text);
    assert.deepEqual(shown.json, { id: p.id, id_number: p.idNumber, phone: p.phoneNumber });
    // The audit entry of the update names only what changed.
    const updates = await auditEntries(server, t.admin, { action: 'person.update', record_id: String(p.id) });
    assert.equal(updates.length, 1);
    assert.deepEqual(updates[0].detail.changed, ['notes']);
  });

  test('a duplicate ID number: 409 person.duplicate naming the existing person', async () => {
    const p = people.甲;
    const r = await server.api('POST', `/api/v1/communities/${GB}/persons`, {
      token: t.manager,
      body: { name: '冒名者', id_number: p.idNumber, household_id: household.id },
    });
    const e = assertError(r, 409, 'person.duplicate', { field: 'id_number' });
    assert.ok(e.message.includes(String(p.id)), `the message does not name person ${p.id}: ${e.message}`);
    assertNoNumbers(r.text, secrets, 'duplicate');
  });

  test('a duplicate written with a lower-case x is still a duplicate', async () => {
    const p = people.丁;
    assert.ok(p.idNumber.endsWith('X'), p.idNumber);
    const r = await server.api('POST', `/api/v1/communities/${GB}/persons`, {
      token: t.manager,
      body: { name: '冒名者二', id_number: p.idNumber.toLowerCase() },
    });
    const e = assertError(r, 409, 'person.duplicate', { field: 'id_number' });
    assert.ok(e.message.includes(String(p.id)), e.message);
  });

  test('changing a person to another person\'s ID number: 409 person.duplicate', async () => {
    const r = await server.api('PATCH', `/api/v1/persons/${people.乙.id}`, {
      token: t.manager,
      body: { id_number: people.甲.idNumber },
    });
    const e = assertError(r, 409, 'person.duplicate', { field: 'id_number' });
    assert.ok(e.message.includes(String(people.甲.id)), e.message);
    const shown = await reveal(t.manager, people.乙.id, { reason: '核对未变' });
    assert.equal(shown.json.id_number, people.乙.idNumber);
  });

  test('an ID number with a wrong check character: 422 id_number.check_digit on id_number', async () => {
    const bad = breakCheckChar(newId());
    secrets.ids.push(bad);
    const r = await server.api('POST', `/api/v1/communities/${GB}/persons`, {
      token: t.manager,
      body: { name: '错号者', id_number: bad, phone: newPhone() },
    });
    assertError(r, 422, 'id_number.check_digit', { field: 'id_number' });
    assertNoNumbers(r.text, secrets, 'invalid ID');
    const found = await get(t.manager, `/api/v1/communities/${GB}/persons?q=${encodeURIComponent('错号者')}`);
    assert.deepEqual(found.json.items, []);
  });
});

describe('exports', () => {
  const exportAs = (token, format) =>
    fetchBytes(server.url, 'GET', `/api/v1/communities/${GB}/persons/export?format=${format}`, { token });

  function rowOf(rows, name) {
    const header = rows[0];
    const row = rows.find((r) => r[0] === name);
    assert.ok(row, `${name} is not in the export`);
    return { id: row[header.indexOf('身份证号')], phone: row[header.indexOf('手机号')] };
  }

  test('CSV as grid1 is masked', async () => {
    const r = await exportAs(t.grid1, 'csv');
    assert.equal(r.status, 200, r.text.slice(0, 300));
    assert.match(r.headers.get('content-disposition') ?? '', /attachment/);
    const p = people.甲;
    assert.deepEqual(rowOf(parseCsv(r.text), p.name), { id: maskId(p.idNumber), phone: maskPhone(p.phoneNumber) });
    assertNoNumbers(r.text, secrets, 'CSV export as grid1');
    // The demo's numbers are masked as well: no 18-character ID and no 11-digit phone in it.
    assert.ok(!/\d{17}[\dX]/.test(r.text), 'a full ID number in the masked export');
    assert.ok(!/(^|,)1[3-9]\d{9}(,|$)/m.test(r.text), 'a full phone number in the masked export');
  });

  test('xlsx as grid1 is masked', async () => {
    const r = await exportAs(t.grid1, 'xlsx');
    assert.equal(r.status, 200, r.text.slice(0, 300));
    assert.equal(r.buf.subarray(0, 2).toString('latin1'), 'PK');
    const p = people.甲;
    assert.deepEqual(rowOf(xlsxRows(r.buf), p.name), { id: maskId(p.idNumber), phone: maskPhone(p.phoneNumber) });
    assertNoNumbers(unzipText(r.buf), secrets, 'xlsx export as grid1');
  });

  test('CSV as the manager holds the full numbers', async () => {
    const r = await exportAs(t.manager, 'csv');
    assert.equal(r.status, 200, r.text.slice(0, 300));
    for (const key of ['甲', '乙', '丙']) {
      const p = people[key];
      assert.deepEqual(rowOf(parseCsv(r.text), p.name), { id: p.idNumber, phone: p.phoneNumber });
    }
  });
});

describe('imports', () => {
  test('neither the report, nor the stored run, nor the error files echo the numbers', async () => {
    const good = [newId(), newId()];
    const goodPhones = [newPhone(), newPhone()];
    const header = ['姓名', '身份证号', '手机号', '片区', '楼栋', '单元', '房号'];
    const ok = await postImport(
      server,
      t.manager,
      GB,
      csvText([header, ['导入甲', good[0], goodPhones[0], '1', '隐私楼', '1', '101'], ['导入乙', good[1], goodPhones[1], '1', '隐私楼', '1', '102']]),
    );
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.json.created, 2);
    assertNoNumbers(ok.text, secrets, 'import report');

    const badId = breakCheckChar(newId());
    secrets.ids.push(badId);
    const badPhone = '12345678901';
    const rejected = await postImport(
      server,
      t.manager,
      GB,
      csvText([
        header,
        ['导入丙', newId(), newPhone(), '1', '隐私楼', '1', '103'],
        ['导入丁', badId, newPhone(), '1', '隐私楼', '1', '104'],
        ['导入戊', newId(), badPhone, '1', '隐私楼', '1', '105'],
        ['导入己', good[0], newPhone(), '1', '隐私楼', '1', '106'],
        ['导入庚', people.甲.idNumber, newPhone(), '1', '隐私楼', '1', '107'],
      ]),
    );
    const report = assertImportRejected(rejected);
    assert.equal(report.applied, false);
    assert.deepEqual(
      report.errors.map((e) => [e.row, e.code]),
      [
        [3, 'id_number.check_digit'],
        [4, 'phone.format'],
      ],
    );
    assertNoNumbers(rejected.text, { ...secrets, phones: [...secrets.phones, badPhone] }, 'rejected import');

    const run = await get(t.manager, `/api/v1/imports/${report.id}`);
    assert.equal(run.status, 200, run.text);
    assertNoNumbers(run.text, secrets, 'GET import');
    for (const format of ['csv', 'xlsx']) {
      const f = await fetchBytes(server.url, 'GET', `/api/v1/imports/${report.id}/errors?format=${format}`, { token: t.manager });
      assert.equal(f.status, 200, f.text.slice(0, 200));
      assertNoNumbers(format === 'csv' ? f.text : unzipText(f.buf), { ...secrets, phones: [...secrets.phones, badPhone] }, `errors.${format}`);
    }
  });
});

describe('imports with numbers in the wrong column', () => {
  // A shifted column puts an ID or phone number where a word or a zone is expected; the report's
  // message quotes the cell, and so do the stored run and the error file (and the database keeps
  // it unsealed in import_errors).
  test(
    'the rejected report, the stored run and the error file do not quote the numbers',

    async () => {
      const inRelation = newId();
      const inZone = newPhone();
      const r = await postImport(
        server,
        t.manager,
        GB,
        csvText([
          ['姓名', '身份证号', '片区', '楼栋', '房号', '与户主关系'],
          ['错列甲', newId(), '1', '1', '101', inRelation],
          ['错列乙', newId(), inZone, '错列楼', '101', ''],
        ]),
      );
      const report = assertImportRejected(r);
      assert.deepEqual(
        report.errors.map((e) => [e.row, e.column, e.code]),
        [
          [2, '与户主关系', 'import.value'],
          [3, '片区', 'import.zone_unknown'],
        ],
      );
      const leaked = { ids: [inRelation], phones: [inZone] };
      assertNoNumbers(r.text, leaked, 'rejected import');
      assertNoNumbers((await get(t.manager, `/api/v1/imports/${report.id}`)).text, leaked, 'GET import');
      const f = await fetchBytes(server.url, 'GET', `/api/v1/imports/${report.id}/errors?format=csv`, { token: t.manager });
      assertNoNumbers(f.text, leaked, 'errors.csv');
    },
  );
});

describe('nothing else shows the numbers', () => {
  test('the whole audit trail and the server log hold no full number', async () => {
    const entries = await auditEntries(server, t.admin, {});
    assert.ok(entries.length > 10);
    assertNoNumbers(JSON.stringify(entries), secrets, 'audit trail');
    assertNoNumbers(server.stdout + server.stderr, secrets, 'server log');
  });
});

describe('the server', () => {
  test('is still running and reported no sanitizer error', () => {
    assertServerHealthy(server);
  });
});
