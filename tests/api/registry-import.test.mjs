// Spreadsheet import of the person registry: encodings, xlsx from a real spreadsheet program,
// multipart uploads, all-or-nothing validation with row numbers as a spreadsheet shows them,
// error files, idempotent re-imports and refused bodies.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  DEMO,
  XLSX_TYPE,
  assertError,
  assertImportRejected,
  auditEntries,
  breakCheckChar,
  createCommunity,
  csvText,
  encodeGbk,
  fetchBytes,
  idSequence,
  maskId,
  parseCsv,
  phoneSequence,
  postImport,
  startDemoServer,
  stopAll,
  tokensFor,
  xlsxRows,
  assertServerHealthy,
} from './support.mjs';

const DATA = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'data');
const GB = DEMO.community;
const HEADER = ['姓名', '身份证号', '手机号', '片区', '楼栋', '单元', '房号', '与户主关系', '人员类型', '备注'];

const ids = idSequence({ region: '140105', from: '1955-06-01' });
const phones = phoneSequence('173');

let server;
let tmp;
let t;
let nextCommunity = 1;

after(async () => {
  await server?.stop();
  await stopAll();
  await tmp?.cleanup();
});

before(async () => {
  ({ server, tmp } = await startDemoServer());
  t = await tokensFor(server, ['admin', 'manager']);
});

const get = (token, p) => server.api('GET', p, { token });

// A new community with one zone and no places: imports there need no 片区 column.
async function freshCommunity() {
  const code = `441900004${String(nextCommunity++).padStart(3, '0')}`;
  await createCommunity(server, t.admin, { code, name: `导入社区${code.slice(-3)}`, places: false });
  return code;
}

async function personsNamed(token, code, name) {
  const r = await get(token, `/api/v1/communities/${code}/persons?q=${encodeURIComponent(name)}&limit=200`);
  assert.equal(r.status, 200, r.text);
  return r.json.items;
}

async function theOne(token, code, name) {
  const found = (await personsNamed(token, code, name)).filter((p) => p.name === name);
  assert.equal(found.length, 1, `persons named ${name}: ${JSON.stringify(found)}`);
  return found[0];
}

async function personCount(token, code) {
  const r = await get(token, `/api/v1/communities/${code}/stats`);
  assert.equal(r.status, 200, r.text);
  return r.json.persons;
}

function assertApplied(r, { rows, created = 0, updated = 0, unchanged = 0 }) {
  assert.equal(r.status, 200, r.text.slice(0, 800));
  const report = r.json;
  assert.equal(report.applied, true);
  assert.equal(typeof report.id, 'number');
  assert.deepEqual(
    { rows: report.rows, created: report.created, updated: report.updated, unchanged: report.unchanged, error_count: report.error_count },
    { rows, created, updated, unchanged, error_count: 0 },
  );
  assert.deepEqual(report.errors, []);
  return report;
}

async function revealed(id) {
  const r = await server.api('POST', `/api/v1/persons/${id}/reveal`, { token: t.admin, body: { reason: '导入核对' } });
  assert.equal(r.status, 200, r.text);
  return r.json;
}

describe('CSV encodings', () => {
  test('UTF-8 with a byte-order mark', async () => {
    const code = await freshCommunity();
    const rows = [
      ['张伟', ids.next(), phones.next(), '', '1', '1', '101', '户主', '业主', '第一行'],
      ['王芳', ids.next(), phones.next(), '', '1', '1', '101', '配偶', '业主', ''],
      ['李娜', ids.next(), '', '', '2', '3', '502', '户主', '租户', '含，全角逗号'],
    ];
    const r = await postImport(server, t.admin, code, csvText([HEADER, ...rows], { bom: true }), {
      query: { file_name: 'persons.csv' },
    });
    const report = assertApplied(r, { rows: 3, created: 3 });
    assert.equal(report.file_name, 'persons.csv');
    assert.equal(await personCount(t.admin, code), 3);

    const zhang = await theOne(t.admin, code, '张伟');
    assert.deepEqual(
      [zhang.building, zhang.unit, zhang.room, zhang.relation, zhang.kind, zhang.notes],
      ['1栋', '1单元', '101', 'head', 'owner', '第一行'],
    );
    assert.equal(zhang.id_number, maskId(rows[0][1]));
    const li = await theOne(t.admin, code, '李娜');
    assert.deepEqual([li.building, li.unit, li.room, li.kind, li.phone, li.notes], ['2栋', '3单元', '502', 'tenant', '', '含，全角逗号']);
    // The first header cell was read without its BOM: 姓名 was found, so were the names.
    const wang = await theOne(t.admin, code, '王芳');
    assert.equal(wang.household_id, zhang.household_id);
    assert.deepEqual(await revealed(wang.id), { id: wang.id, id_number: rows[1][1], phone: rows[1][2] });

    // The stored run answers with the same report.
    const run = await get(t.admin, `/api/v1/imports/${report.id}`);
    assert.equal(run.status, 200, run.text);
    assert.deepEqual(run.json, report);
    const audit = await auditEntries(server, t.admin, { action: 'person.import', record_id: String(report.id) });
    assert.equal(audit.length, 1);
    assert.deepEqual(audit[0].detail, { rows: 3, created: 3, updated: 0, unchanged: 0 });
  });

  test('English headers in another order, LF line ends, no BOM', async () => {
    const code = await freshCommunity();
    const id = ids.next();
    const r = await postImport(
      server,
      t.admin,
      code,
      csvText(
        [
          ['Room', 'Building', 'ID number', 'Name', 'Phone'],
          ['0301', 'A座', id, '李明', phones.next()],
        ],
        { eol: '\n' },
      ),
    );
    assertApplied(r, { rows: 1, created: 1 });
    const p = await theOne(t.admin, code, '李明');
    assert.deepEqual([p.building, p.room], ['A座', '0301']);
  });

  const gbkRows = () => [
    ['郭靖', ids.next(), phones.next(), '', '桃花岛', '1', '101', '户主', '业主', '射雕'],
    ['黄蓉', ids.next(), phones.next(), '', '桃花岛', '1', '101', '配偶', '业主', '丐帮帮主'],
  ];

  test('GBK, detected without being told', async () => {
    const code = await freshCommunity();
    const rows = gbkRows();
    const body = encodeGbk(csvText([HEADER, ...rows]));
    assert.ok(!body.equals(Buffer.from(csvText([HEADER, ...rows]), 'utf8')), 'iconv did not re-encode');
    const r = await postImport(server, t.admin, code, body);
    assertApplied(r, { rows: 2, created: 2 });
    const guo = await theOne(t.admin, code, '郭靖');
    assert.deepEqual([guo.building, guo.notes], ['桃花岛', '射雕']);
    assert.equal((await theOne(t.admin, code, '黄蓉')).notes, '丐帮帮主');
  });

  test('GBK with ?encoding=gb18030 (and refused when declared UTF-8)', async () => {
    const code = await freshCommunity();
    const rows = gbkRows();
    const body = encodeGbk(csvText([HEADER, ...rows]));
    const wrong = await postImport(server, t.admin, code, body, { query: { encoding: 'utf-8' } });
    assertError(wrong, 422, 'sheet.encoding');
    assert.equal(await personCount(t.admin, code), 0);

    const r = await postImport(server, t.admin, code, body, { query: { encoding: 'gb18030' } });
    assertApplied(r, { rows: 2, created: 2 });
    assert.equal((await theOne(t.admin, code, '郭靖')).building, '桃花岛');

    const unknown = await postImport(server, t.admin, code, body, { query: { encoding: 'latin1' } });
    assertError(unknown, 400, 'request.invalid_query', { field: 'encoding' });
  });
});

describe('xlsx saved by LibreOffice', () => {
  test('the fixture workbook holds what its source CSV says', () => {
    const fromXlsx = xlsxRows(readFileSync(path.join(DATA, 'persons_import_libreoffice.xlsx')));
    const fromCsv = parseCsv(readFileSync(path.join(DATA, 'persons_import_libreoffice.csv'), 'utf8'));
    const trim = (r) => {
      const out = [...r];
      while (out.length > 0 && out[out.length - 1] === '') {
        out.pop();
      }
      return out;
    };
    // The blank CSV line is row 4, absent from the sheet.
    assert.deepEqual(fromXlsx.map(trim), fromCsv.map((r) => (r.length === 1 && r[0] === '' ? [] : trim(r))));
  });

  test('imports every row, with number cells and rich text read right', async () => {
    const code = await freshCommunity();
    const body = readFileSync(path.join(DATA, 'persons_import_libreoffice.xlsx'));
    const r = await postImport(server, t.admin, code, body, { type: XLSX_TYPE });
    assertApplied(r, { rows: 4, created: 4 });

    const ming = await theOne(t.admin, code, '欧阳明');
    assert.deepEqual(
      [ming.building, ming.unit, ming.room, ming.relation, ming.kind, [...ming.flags].sort(), ming.notes, ming.sex, ming.birth_date],
      // A resident ID's birth date is not shown beside its mask (the two would make the number).
      ['3栋', '1单元', '0101', 'head', 'owner', ['chronic', 'living_alone'], '有"引号"的备注', 'male', ''],
    );
    assert.deepEqual(await revealed(ming.id), { id: ming.id, id_number: '320102194910010015', phone: '13800138000' });

    const hong = await theOne(t.admin, code, '欧阳红');
    assert.deepEqual([hong.relation, hong.workplace, hong.vehicles, hong.household_id], ['spouse', '东莞市人民医院', ['粤S12345'], ming.household_id]);
    assert.equal((await revealed(hong.id)).phone, '13900139000');

    const guang = await theOne(t.admin, code, '司马光');
    assert.deepEqual(
      [guang.building, guang.unit, guang.room, guang.kind, guang.workplace, [...guang.vehicles].sort(), guang.out_migrant, guang.out_migrant_where, guang.out_migrant_since, guang.notes],
      ['12栋', '2单元', '1202', 'tenant', '华为终端', ['粤B34567', '粤S23456'], true, '深圳市', '2020-01-15', '含,逗号'],
    );
    assert.equal((await revealed(guang.id)).phone, '15900159000');

    const wan = await theOne(t.admin, code, '上官婉');
    assert.deepEqual(
      [wan.relation, wan.flags, wan.phone, wan.id_number, wan.sex, wan.birth_date, wan.household_id],
      ['child', ['disabled'], '', '440106********018X', 'female', '', guang.household_id],
    );
    assert.equal((await revealed(wan.id)).id_number, '44010620000229018X');

    const buildings = await get(t.admin, `/api/v1/communities/${code}/buildings`);
    assert.deepEqual(buildings.json.items.map((b) => b.name).sort(), ['12栋', '3栋']);
  });

  test('the older fixture is rejected row by row: its 人员类型 words are not import words', async () => {
    const code = await freshCommunity();
    const body = readFileSync(path.join(DATA, 'persons_libreoffice.xlsx'));
    const r = await postImport(server, t.admin, code, body, { type: XLSX_TYPE });
    const report = assertImportRejected(r);
    assert.equal(report.rows, 4); // rows 2, 3, 5 and 6: the blank row 4 is not a row
    assert.deepEqual(
      report.errors.map((e) => [e.row, e.column, e.field, e.code]),
      [
        [2, '人员类型', 'kind', 'import.value'],
        [3, '人员类型', 'kind', 'import.value'],
        [6, '人员类型', 'kind', 'import.value'],
      ],
    );
    assert.ok(report.errors[0].message.includes('常住'), report.errors[0].message);
    assert.equal(await personCount(t.admin, code), 0);
  });
});

describe('multipart/form-data', () => {
  test('a CSV file part', async () => {
    const code = await freshCommunity();
    const form = new FormData();
    form.append('note', 'ignored');
    form.append('file', new Blob([csvText([HEADER, ['表单甲', ids.next(), phones.next(), '', '5', '1', '101', '户主', '业主', '']])], { type: 'text/csv' }), 'upload.csv');
    const r = await postImport(server, t.admin, code, form);
    const report = assertApplied(r, { rows: 1, created: 1 });
    assert.equal(report.file_name, 'upload.csv');
    assert.equal((await theOne(t.admin, code, '表单甲')).building, '5栋');
  });

  test('an xlsx file part', async () => {
    const code = await freshCommunity();
    const form = new FormData();
    form.append('file', new Blob([readFileSync(path.join(DATA, 'persons_import_libreoffice.xlsx'))], { type: XLSX_TYPE }), 'book.xlsx');
    const r = await postImport(server, t.admin, code, form);
    const report = assertApplied(r, { rows: 4, created: 4 });
    assert.equal(report.file_name, 'book.xlsx');
  });

  test('a form without a file part: 422 import.no_file', async () => {
    const code = await freshCommunity();
    const form = new FormData();
    form.append('note', 'no file here');
    const r = await postImport(server, t.admin, code, form);
    assertError(r, 422, 'import.no_file');
  });
});

describe('a 1000-row file', () => {
  const N = 1000;
  let rows; // the data rows, rows[i] is spreadsheet row i + 2
  let badRun;

  const sheet = () => csvText([HEADER, ...rows]);

  before(() => {
    rows = [];
    for (let i = 0; i < N; i++) {
      // New buildings in the demo community, which has four zones: 片区 says where they go.
      rows.push([`千行${String(i).padStart(4, '0')}`, ids.next(), phones.next(), String(1 + (i % 2)), `${101 + (i % 2)}`, String(1 + (i % 4)), String(100 + i), '户主', '业主', '']);
    }
  });

  test('errors in rows 3 and 999: 422, nothing imported, both listed with row, column and code', async () => {
    const before = await personCount(t.manager, GB);
    const good3 = rows[1][1];
    rows[1][1] = breakCheckChar(good3); // spreadsheet row 3
    const good999 = rows[997][2];
    rows[997][2] = '1234'; // spreadsheet row 999
    const r = await postImport(server, t.manager, GB, sheet());
    rows[1][1] = good3;
    rows[997][2] = good999;

    const report = assertImportRejected(r);
    badRun = report.id;
    assert.equal(report.rows, N);
    assert.equal(report.error_count, 2);
    assert.deepEqual(
      report.errors.map((e) => ({ row: e.row, column: e.column, field: e.field, code: e.code })),
      [
        { row: 3, column: '身份证号', field: 'id_number', code: 'id_number.check_digit' },
        { row: 999, column: '手机号', field: 'phone', code: 'phone.format' },
      ],
    );
    for (const e of report.errors) {
      assert.ok(e.message.length > 0 && e.message !== e.code);
    }
    assert.equal(await personCount(t.manager, GB), before);
    assert.deepEqual(await personsNamed(t.manager, GB, '千行'), []);
    const buildings = await get(t.manager, `/api/v1/communities/${GB}/buildings`);
    assert.ok(!buildings.json.items.some((b) => ['101栋', '102栋'].includes(b.name)), 'a building was made');

    const stored = await get(t.manager, `/api/v1/imports/${badRun}`);
    assert.equal(stored.status, 200, stored.text);
    assert.deepEqual(stored.json, report);
    const audit = await auditEntries(server, t.admin, { action: 'person.import_rejected', record_id: String(badRun) });
    assert.equal(audit.length, 1);
    assert.deepEqual(audit[0].detail, { rows: N, errors: 2 });
  });

  test('the error file downloads as CSV and as xlsx', async () => {
    const csv = await fetchBytes(server.url, 'GET', `/api/v1/imports/${badRun}/errors?format=csv`, { token: t.manager });
    assert.equal(csv.status, 200, csv.text.slice(0, 300));
    assert.match(csv.headers.get('content-type'), /^text\/csv/);
    assert.match(csv.headers.get('content-disposition') ?? '', /^attachment;/);
    const table = parseCsv(csv.text).filter((r) => r.some((c) => c !== ''));
    assert.equal(table.length, 3, csv.text);
    assert.deepEqual(
      table.slice(1).map((r) => r.slice(0, 3)),
      [
        ['3', '身份证号', 'id_number.check_digit'],
        ['999', '手机号', 'phone.format'],
      ],
    );

    const xlsx = await fetchBytes(server.url, 'GET', `/api/v1/imports/${badRun}/errors?format=xlsx`, { token: t.manager });
    assert.equal(xlsx.status, 200, xlsx.text.slice(0, 300));
    assert.equal(xlsx.headers.get('content-type'), XLSX_TYPE);
    assert.equal(xlsx.buf.subarray(0, 2).toString('latin1'), 'PK');
    assert.deepEqual(
      xlsxRows(xlsx.buf)
        .slice(1)
        .map((r) => r.slice(0, 3)),
      [
        ['3', '身份证号', 'id_number.check_digit'],
        ['999', '手机号', 'phone.format'],
      ],
    );

    // The default format is xlsx; anything else is refused.
    const dflt = await fetchBytes(server.url, 'GET', `/api/v1/imports/${badRun}/errors`, { token: t.manager });
    assert.equal(dflt.headers.get('content-type'), XLSX_TYPE);
    assertError(await get(t.manager, `/api/v1/imports/${badRun}/errors?format=pdf`), 400, 'request.invalid_query', { field: 'format' });
  });

  test('fixed, it imports; imported again, nothing changes', async () => {
    const before = await personCount(t.manager, GB);
    const first = await postImport(server, t.manager, GB, sheet());
    assertApplied(first, { rows: N, created: N });
    assert.equal(await personCount(t.manager, GB), before + N);
    assert.equal((await personsNamed(t.manager, GB, '千行0001')).length, 1);

    const p0 = await theOne(t.manager, GB, '千行0000');
    const p1 = await theOne(t.manager, GB, '千行0001');
    const zones = await get(t.manager, `/api/v1/communities/${GB}/zones`);
    const byNumber = Object.fromEntries(zones.json.items.map((z) => [z.number, z.id]));
    assert.deepEqual([p0.building, p0.zone_id, p1.building, p1.zone_id], ['101栋', byNumber[1], '102栋', byNumber[2]]);

    const again = await postImport(server, t.manager, GB, sheet());
    assertApplied(again, { rows: N, unchanged: N });
    assert.equal(await personCount(t.manager, GB), before + N);
    const p0again = await theOne(t.manager, GB, '千行0000');
    assert.equal(p0again.updated_at, p0.updated_at);
  });

  test('a changed phone updates the person matched by ID number', async () => {
    const before = await personCount(t.manager, GB);
    const person = await theOne(t.manager, GB, '千行0500');
    const phone = phones.next();
    rows[500][2] = phone;
    const r = await postImport(server, t.manager, GB, sheet());
    assertApplied(r, { rows: N, updated: 1, unchanged: N - 1 });
    assert.equal(await personCount(t.manager, GB), before);
    const after = await theOne(t.manager, GB, '千行0500');
    assert.equal(after.id, person.id);
    assert.deepEqual(await revealed(person.id), { id: person.id, id_number: rows[500][1], phone });
  });
});

describe('rows the import refuses', () => {
  test('a new building in a community of several zones needs 片区; an unknown zone is named', async () => {
    const before = await personCount(t.manager, GB);
    const r = await postImport(
      server,
      t.manager,
      GB,
      csvText([
        ['姓名', '身份证号', '楼栋', '房号'],
        ['无区甲', ids.next(), '1栋', '1101'], // an existing building: its zone is known
        ['无区乙', ids.next(), '无区楼', '101'],
      ]),
    );
    const report = assertImportRejected(r);
    assert.deepEqual(
      report.errors.map((e) => [e.row, e.column, e.field, e.code]),
      [[3, '片区', 'zone', 'import.zone_required']],
    );

    const unknown = await postImport(
      server,
      t.manager,
      GB,
      csvText([
        ['姓名', '身份证号', '所属片区', '楼栋', '房号'],
        ['无区丙', ids.next(), '9', '无区楼', '101'],
        ['无区丁', ids.next(), '第三片区', '无区楼二', '101'],
      ]),
    );
    const r2 = assertImportRejected(unknown);
    assert.deepEqual(
      r2.errors.map((e) => [e.row, e.column, e.code]),
      [[2, '所属片区', 'import.zone_unknown']],
    );
    assert.ok(r2.errors[0].message.includes('9'), r2.errors[0].message);
    assert.equal(await personCount(t.manager, GB), before);
  });

  test('a repeated ID number in the file names the first row', async () => {
    const code = await freshCommunity();
    const id = ids.next();
    const r = await postImport(
      server,
      t.admin,
      code,
      csvText([
        ['姓名', '身份证号', '楼栋', '房号'],
        ['重复甲', id, '1', '101'],
        ['其他', ids.next(), '1', '102'],
        ['重复乙', id.toLowerCase(), '1', '103'],
      ]),
    );
    const report = assertImportRejected(r);
    assert.deepEqual(
      report.errors.map((e) => [e.row, e.column, e.code]),
      [[4, '身份证号', 'import.duplicate_in_file']],
    );
    assert.match(report.errors[0].message, /(^|\D)2(\D|$)/, 'the message names row 2');
  });

  test('a missing required column, or an empty sheet', async () => {
    const code = await freshCommunity();
    const missing = await postImport(server, t.admin, code, csvText([['姓名', '身份证号', '楼栋'], ['缺列', ids.next(), '1']]));
    const report = assertImportRejected(missing);
    assert.deepEqual(
      report.errors.map((e) => [e.row, e.code]),
      [[1, 'import.missing_column']],
    );
    assert.ok(report.errors[0].message.includes('房号'), report.errors[0].message);

    const empty = await postImport(server, t.admin, code, csvText([HEADER]));
    assert.deepEqual(
      assertImportRejected(empty).errors.map((e) => e.code),
      ['import.empty'],
    );
    assert.equal(await personCount(t.admin, code), 0);
  });
});

describe('bodies that are not a sheet', () => {
  test('binary content, a damaged zip and an old .xls: 422 with a sheet.* code', async () => {
    const code = await freshCommunity();
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const cases = [
      [png, 'text/csv'],
      [png, 'application/octet-stream'],
      [Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(64, 7)]), XLSX_TYPE],
      [Buffer.from('d0cf11e0a1b11ae1000000000000000000000000', 'hex'), 'application/octet-stream'],
    ];
    for (const [body, type] of cases) {
      const r = await postImport(server, t.admin, code, body, { type });
      assert.ok([400, 422].includes(r.status), `${type}: ${r.status} ${r.text}`);
      assert.deepEqual(Object.keys(r.json ?? {}), ['error'], r.text);
      assert.match(r.json.error.code, /^sheet\./, r.text);
    }
    assert.equal(await personCount(t.admin, code), 0);
  });

  test('a JSON (or plain text) Content-Type: 415', async () => {
    const code = await freshCommunity();
    const sheet = csvText([HEADER, ['类型错', ids.next(), '', '', '1', '1', '101', '户主', '业主', '']]);
    for (const type of ['application/json', 'text/plain']) {
      const r = await postImport(server, t.admin, code, sheet, { type });
      assertError(r, 415, 'request.unsupported_media_type');
    }
    assert.equal(await personCount(t.admin, code), 0);
  });
});

describe('the server', () => {
  test('is still running and reported no sanitizer error', () => {
    assertServerHealthy(server);
  });
});
