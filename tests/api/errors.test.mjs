// The error contract: every bad input gets {"error":{"code","message","field"?}} with the right
// status, a localized message, and the server survives garbage on the socket and fuzzed bodies.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
  assertError,
  assertErrorShape,
  createUser,
  hasCjk,
  makeTempDir,
  parseRawResponse,
  prng,
  rawExchange,
  startServer,
  stopAll,
  tokenFor,
} from './support.mjs';

const ADMIN = { username: 'admin', password: 'admin-pass-2020', role: 'admin' };
const GRID = { username: 'gw.bob', password: 'grid-pass-2020', role: 'grid_worker', scope: 'community:441900003001' };
const LOGIN = '/api/v1/auth/login';
const USERS = '/api/v1/users';
const JSON_CT = { 'content-type': 'application/json' };

const tmp = [];
after(async () => {
  await stopAll();
  await Promise.all(tmp.map((t) => t.cleanup()));
});

async function freshServer() {
  const t = await makeTempDir();
  tmp.push(t);
  await createUser(t.db, ADMIN);
  await createUser(t.db, GRID);
  return startServer({ db: t.db });
}

// Sends a raw body to a JSON route.
const post = (server, p, body, opts = {}) =>
  server.api('POST', p, { raw: true, body, ...opts, headers: { ...JSON_CT, ...opts.headers } });

// A valid user body with some fields replaced.
const newUser = (over = {}) => ({
  username: 'new.user',
  password: 'new-user-pass-1',
  role: 'volunteer',
  scope: 'zone:441900003001-1',
  ...over,
});

describe('error responses', () => {
  let server;
  let admin;
  let grid;
  before(async () => {
    server = await freshServer();
    admin = await tokenFor(server, ADMIN.username, ADMIN.password);
    grid = await tokenFor(server, GRID.username, GRID.password);
  });
  after(() => server?.stop());

  test('malformed JSON → 400 request.malformed_json', async () => {
    for (const body of ['{"username":', '{username:"admin"}', "{'a':1}", '{"a":1,}', 'nul', '{"a":1} x', '{"a":"\\q"}', '\u00ff']) {
      const r = await post(server, LOGIN, body);
      assertError(r, 400, 'request.malformed_json', { field: null, lang: 'zh' });
    }
    const u = await post(server, USERS, '{"username":"x",', { token: admin });
    assertError(u, 400, 'request.malformed_json', { field: null });
  });

  test('JSON that is not an object → 400 request.not_object', async () => {
    for (const body of ['[]', '[{"username":"admin"}]', '"admin"', '42', 'null', 'true']) {
      const r = await post(server, LOGIN, body);
      assertError(r, 400, 'request.not_object', { field: null, lang: 'zh' });
    }
  });

  test('empty body → 400 request.body_required', async () => {
    for (const body of ['', '   ', '\r\n\t ']) {
      const r = await post(server, LOGIN, body);
      assertError(r, 400, 'request.body_required', { field: null, lang: 'zh' });
    }
    const none = await server.api('POST', LOGIN, { headers: JSON_CT });
    assertError(none, 400, 'request.body_required', { field: null });
    const u = await post(server, USERS, '', { token: admin });
    assertError(u, 400, 'request.body_required', { field: null });
  });

  test('wrong type → 400 request.wrong_type with the field', async () => {
    const cases = [
      [LOGIN, { username: 5, password: 'x' }, 'username'],
      [LOGIN, { username: 'admin', password: ['x'] }, 'password'],
      [LOGIN, { username: { a: 1 }, password: 'x' }, 'username'],
      [LOGIN, { username: true, password: 'x' }, 'username'],
      [USERS, newUser({ role: 7 }), 'role'],
      [USERS, newUser({ display_name: 5 }), 'display_name'],
      [USERS, newUser({ scope: false }), 'scope'],
    ];
    for (const [p, body, field] of cases) {
      const r = await server.api('POST', p, { body, token: admin });
      assertError(r, 400, 'request.wrong_type', { field, lang: 'zh' });
    }
  });

  test('missing field → 400 request.missing_field with the field', async () => {
    const cases = [
      [LOGIN, { username: 'admin' }, 'password'],
      [LOGIN, { password: 'whatever' }, 'username'],
      [LOGIN, {}, 'username'],
      [LOGIN, { username: null, password: 'whatever' }, 'username'],
      [LOGIN, { username: '', password: 'whatever' }, 'username'],
      [LOGIN, { username: 'admin', password: '' }, 'password'],
      [USERS, { password: 'long-enough-1', role: 'admin' }, 'username'],
      [USERS, { username: 'someone', role: 'admin' }, 'password'],
      [USERS, { username: 'someone', password: 'long-enough-1' }, 'role'],
    ];
    for (const [p, body, field] of cases) {
      const r = await server.api('POST', p, { body, token: admin });
      assertError(r, 400, 'request.missing_field', { field, lang: 'zh' });
    }
  });

  test('unknown field → 400 request.unknown_field with the field', async () => {
    const r = await server.api('POST', LOGIN, { body: { username: 'admin', password: 'x', remember: true } });
    assertError(r, 400, 'request.unknown_field', { field: 'remember', lang: 'zh' });
    const u = await server.api('POST', USERS, { token: admin, body: newUser({ is_admin: true }) });
    assertError(u, 400, 'request.unknown_field', { field: 'is_admin' });
  });

  test('wrong Content-Type → 415 request.unsupported_media_type', async () => {
    const body = JSON.stringify({ username: 'admin' });
    for (const ct of ['text/plain', 'application/x-www-form-urlencoded', 'application/jsonp', 'application/json-patch+json', 'multipart/form-data; boundary=x']) {
      const r = await server.api('POST', LOGIN, { raw: true, body, headers: { 'content-type': ct } });
      assertError(r, 415, 'request.unsupported_media_type', { field: null, lang: 'zh' });
    }
    // No Content-Type at all (a byte array gets none from fetch).
    const none = await server.api('POST', LOGIN, { raw: true, body: Buffer.from(body) });
    assertError(none, 415, 'request.unsupported_media_type', { field: null });
    const u = await server.api('POST', USERS, { token: admin, raw: true, body: JSON.stringify(newUser()), headers: { 'content-type': 'text/json' } });
    assertError(u, 415, 'request.unsupported_media_type');
    // The media type is case-insensitive and may carry parameters.
    for (const ct of ['application/json; charset=utf-8', 'Application/JSON', 'application/json;charset=UTF-8']) {
      const ok = await server.api('POST', LOGIN, { raw: true, body, headers: { 'content-type': ct } });
      assertError(ok, 400, 'request.missing_field', { field: 'password' });
    }
  });

  test('body over the route limit → 413 request.too_large', async () => {
    const big = JSON.stringify({ username: 'admin', password: 'x'.repeat(5000 - 34) });
    assert.equal(big.length, 5000);
    const r = await post(server, LOGIN, big);
    assertError(r, 413, 'request.too_large', { field: null, lang: 'zh' });
    assert.ok(r.json.error.message.includes('4096'), r.json.error.message);
    // Exactly at the limit is read; one byte more is not.
    const at = `{"username":"admin"}${' '.repeat(4096 - 20)}`;
    assert.equal(Buffer.byteLength(at), 4096);
    assertError(await post(server, LOGIN, at), 400, 'request.missing_field', { field: 'password' });
    assertError(await post(server, LOGIN, `${at} `), 413, 'request.too_large');
    // POST /api/v1/users allows 16 KiB.
    const u = await post(server, USERS, JSON.stringify(newUser({ display_name: 'x'.repeat(17_000) })), { token: admin });
    assertError(u, 413, 'request.too_large');
    const fits = await post(server, USERS, JSON.stringify(newUser({ display_name: 'x'.repeat(8_000) })), { token: admin });
    assertError(fits, 422, 'display_name.too_long', { field: 'display_name' });
    // The server is still fine for the next request.
    assert.equal((await server.api('GET', '/healthz')).status, 200);
  });

  test('unknown path → 404 route.not_found', async () => {
    for (const [method, p] of [
      ['GET', '/nope'],
      ['GET', '/api/v2/users'],
      ['POST', '/api/v1/auth'],
      ['GET', '/api/v1/users/1/extra'],
      ['DELETE', '/api/v1/nothing'],
    ]) {
      const r = await server.api(method, p, { token: admin });
      assertError(r, 404, 'route.not_found', { field: null, lang: 'zh' });
    }
  });

  test('wrong method → 405 route.method_not_allowed with Allow', async () => {
    const cases = [
      ['GET', LOGIN, ['POST']],
      ['PUT', '/healthz', ['GET']],
      ['DELETE', USERS, ['GET', 'POST']],
      ['PATCH', '/api/v1/audit', ['GET']],
      ['GET', '/api/v1/auth/logout', ['POST']],
    ];
    for (const [method, p, allowed] of cases) {
      const r = await server.api(method, p, { token: admin });
      assertError(r, 405, 'route.method_not_allowed', { field: null, lang: 'zh' });
      const allow = (r.headers.get('allow') ?? '').split(',').map((s) => s.trim()).filter(Boolean).sort();
      assert.deepEqual(allow, allowed, `${method} ${p}: Allow: ${r.headers.get('allow')}`);
    }
  });

  test('401 and 403 have the error shape', async () => {
    assertError(await server.api('GET', '/api/v1/auth/me'), 401, 'auth.unauthenticated', { field: null, lang: 'zh' });
    assertError(await server.api('GET', USERS, { token: grid }), 403, 'auth.forbidden', { field: null, lang: 'zh' });
    assertError(await server.api('GET', '/api/v1/audit', { token: grid }), 403, 'auth.forbidden');
    assertError(await server.api('POST', USERS, { token: grid, body: newUser() }), 403, 'auth.forbidden');
  });

  test('user validation: 409 username.taken and 422 rule errors', async () => {
    const cases = [
      [newUser({ username: ADMIN.username }), 409, 'username.taken', 'username'],
      [newUser({ username: 'ab' }), 422, 'username.format', 'username'],
      [newUser({ username: 'has space' }), 422, 'username.format', 'username'],
      [newUser({ username: '张三' }), 422, 'username.format', 'username'],
      [newUser({ username: 'x'.repeat(33) }), 422, 'username.format', 'username'],
      [newUser({ password: 'short' }), 422, 'password.too_short', 'password'],
      [newUser({ password: 'p'.repeat(129) }), 422, 'password.too_long', 'password'],
      [newUser({ role: 'king' }), 422, 'role.unknown', 'role'],
      [newUser({ role: 'Admin' }), 422, 'role.unknown', 'role'],
      [newUser({ scope: 'planet:earth' }), 422, 'scope.format', 'scope'],
      [newUser({ scope: 'zone:441900003001-12345' }), 422, 'scope.format', 'scope'],
      [newUser({ scope: 'bad scope!' }), 422, 'scope.format', 'scope'],
      [newUser({ scope: undefined }), 422, 'scope.required', 'scope'],
      [newUser({ scope: 'all' }), 422, 'scope.required', 'scope'],
      [newUser({ display_name: '名'.repeat(22) }), 422, 'display_name.too_long', 'display_name'],
    ];
    for (const [body, status, code, field] of cases) {
      const r = await server.api('POST', USERS, { token: admin, body });
      assertError(r, status, code, { field, lang: 'zh' });
    }
    // None of them created anything.
    const list = await server.api('GET', `${USERS}?limit=100`, { token: admin });
    assert.equal(list.status, 200);
    assert.deepEqual(list.json.items.map((u) => u.username).sort(), [ADMIN.username, GRID.username].sort());
    // And a valid one works, once.
    const ok = await server.api('POST', USERS, { token: admin, body: newUser({ username: 'fine.user' }) });
    assert.equal(ok.status, 201, ok.text);
    assert.equal(ok.json.username, 'fine.user');
    assert.deepEqual(ok.json.scope, { kind: 'zone', code: '441900003001-1' });
    const dup = await server.api('POST', USERS, { token: admin, body: newUser({ username: 'fine.user' }) });
    assertError(dup, 409, 'username.taken', { field: 'username' });
  });

  test('invalid query → 400 request.invalid_query', async () => {
    for (const [q, field] of [
      ['limit=0', 'limit'],
      ['limit=abc', 'limit'],
      ['cursor=-1', 'cursor'],
      ['role=king', 'role'],
    ]) {
      const r = await server.api('GET', `${USERS}?${q}`, { token: admin });
      assertError(r, 400, 'request.invalid_query', { field, lang: 'zh' });
    }
  });

  test('messages: zh-CN by default, English with Accept-Language: en', async () => {
    const requests = [
      () => ['POST', LOGIN, { raw: true, body: '{', headers: JSON_CT }, 400, 'request.malformed_json'],
      () => ['POST', LOGIN, { raw: true, body: '[]', headers: JSON_CT }, 400, 'request.not_object'],
      () => ['POST', LOGIN, { raw: true, body: '', headers: JSON_CT }, 400, 'request.body_required'],
      () => ['POST', LOGIN, { body: { username: 1, password: 'x' } }, 400, 'request.wrong_type'],
      () => ['POST', LOGIN, { body: { username: 'a' } }, 400, 'request.missing_field'],
      () => ['POST', LOGIN, { body: { username: 'a', password: 'b', c: 1 } }, 400, 'request.unknown_field'],
      () => ['POST', LOGIN, { raw: true, body: '{}', headers: { 'content-type': 'text/plain' } }, 415, 'request.unsupported_media_type'],
      () => ['POST', LOGIN, { raw: true, body: 'x'.repeat(5000), headers: JSON_CT }, 413, 'request.too_large'],
      () => ['GET', '/nope', {}, 404, 'route.not_found'],
      () => ['GET', LOGIN, {}, 405, 'route.method_not_allowed'],
      () => ['GET', '/api/v1/auth/me', {}, 401, 'auth.unauthenticated'],
      () => ['GET', '/api/v1/audit', { token: grid }, 403, 'auth.forbidden'],
      () => ['GET', '/api/v1/audit?from=yesterday', { token: admin }, 400, 'request.invalid_query'],
      () => ['POST', USERS, { token: admin, body: newUser({ username: ADMIN.username }) }, 409, 'username.taken'],
      () => ['POST', USERS, { token: admin, body: newUser({ username: 'ab' }) }, 422, 'username.format'],
      () => ['POST', USERS, { token: admin, body: newUser({ password: 'short' }) }, 422, 'password.too_short'],
      () => ['POST', USERS, { token: admin, body: newUser({ role: 'king' }) }, 422, 'role.unknown'],
      () => ['POST', USERS, { token: admin, body: newUser({ scope: 'a:b' }) }, 422, 'scope.format'],
      () => ['POST', USERS, { token: admin, body: newUser({ scope: undefined }) }, 422, 'scope.required'],
    ];
    const variants = [
      [{}, 'zh'],
      [{ 'accept-language': 'zh-CN' }, 'zh'],
      [{ 'accept-language': 'fr-FR' }, 'zh'],
      [{ 'accept-language': 'en' }, 'en'],
      [{ 'accept-language': 'en-US,en;q=0.9' }, 'en'],
      [{ 'accept-language': 'zh-CN;q=0.5, en;q=0.8' }, 'en'],
      [{ 'accept-language': 'EN-gb' }, 'en'],
    ];
    for (const make of requests) {
      const messages = {};
      for (const [headers, lang] of variants) {
        const [method, p, opts, status, code] = make();
        const r = await server.api(method, p, { ...opts, headers: { ...opts.headers, ...headers } });
        const e = assertError(r, status, code, { lang });
        (messages[lang] ??= new Set()).add(e.message);
      }
      const [, p, , , code] = make();
      assert.equal(messages.zh.size, 1, `${code} on ${p}: zh messages differ: ${[...messages.zh]}`);
      assert.equal(messages.en.size, 1, `${code} on ${p}: en messages differ: ${[...messages.en]}`);
      assert.notEqual([...messages.zh][0], [...messages.en][0]);
    }
    // Without any Accept-Language header at all (fetch always sends one), on a raw socket.
    const raw = parseRawResponse(
      await rawExchange(server.port, 'GET /nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'),
    );
    assert.equal(raw.status, 404);
    assert.equal(raw.json.error.code, 'route.not_found');
    assert.ok(hasCjk(raw.json.error.message), raw.body);
  });

  test('every response carries a distinct X-Request-Id', async () => {
    const ids = new Set();
    const responses = await Promise.all([
      server.api('GET', '/healthz'),
      server.api('GET', '/hello'),
      server.api('GET', '/nope'),
      server.api('GET', '/api/v1/auth/me'),
      server.api('GET', '/api/v1/auth/me', { token: admin }),
      server.api('GET', USERS, { token: admin }),
      server.api('POST', LOGIN, { raw: true, body: '{', headers: JSON_CT }),
      server.api('POST', LOGIN, { raw: true, body: 'x'.repeat(5000), headers: JSON_CT }),
    ]);
    for (const r of responses) {
      assert.match(r.requestId ?? '', /^[0-9A-Za-z_-]{8,}$/, `${r.status} ${r.text}`);
      ids.add(r.requestId);
    }
    assert.equal(ids.size, responses.length);
  });
});

describe('garbage on the socket', () => {
  let server;
  before(async () => {
    server = await freshServer();
  });
  after(() => server?.stop());

  async function stillServing() {
    assert.ok(server.alive(), `the server exited (${server.exitCode}):\n${server.stderr}`);
    const h = await server.api('GET', '/healthz');
    assert.equal(h.status, 200);
    assert.equal(h.json.status, 'ok');
  }

  function expectError(text, status, code) {
    const r = parseRawResponse(text);
    assert.equal(r.status, status, text);
    assert.equal(r.json?.error?.code, code, text);
    assert.ok(r.headers['x-request-id'], text);
    return r;
  }

  test('a line of junk → 400, then the server still answers', async () => {
    const text = await rawExchange(server.port, 'this is not http at all\r\n\r\n');
    expectError(text, 400, 'request.bad_request');
    await stillServing();
  });

  test('binary junk → 400 or a closed connection, then the server still answers', async () => {
    const rand = prng(7);
    const bytes = Buffer.from(Array.from({ length: 2048 }, () => Math.floor(rand() * 256)));
    const text = await rawExchange(server.port, bytes, { halfClose: true });
    if (text.length > 0) {
      expectError(text, 400, 'request.bad_request');
    }
    await stillServing();
  });

  test('an invalid method → 400, then the server still answers', async () => {
    const text = await rawExchange(server.port, 'G@T /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    expectError(text, 400, 'request.bad_request');
    // A well-formed but unknown method is a routing error, not a crash.
    const brew = await rawExchange(server.port, 'BREW /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    const r = parseRawResponse(brew);
    assert.ok([400, 405, 501].includes(r.status), brew);
    await stillServing();
  });

  test('a 20 KB header → 431, then the server still answers', async () => {
    const text = await rawExchange(
      server.port,
      `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20 * 1024)}\r\n\r\n`,
    );
    expectError(text, 431, 'request.header_too_large');
    await stillServing();
  });

  test('a truncated request then close, then the server still answers', async () => {
    await rawExchange(server.port, 'GET /heal', { closeAfterMs: 50 });
    await rawExchange(
      server.port,
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"user',
      { closeAfterMs: 50 },
    );
    await rawExchange(server.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n', { halfClose: true, timeoutMs: 10_000 }).catch(() => {});
    await stillServing();
  });

  test('other odd requests get a JSON answer below 500 and do not hurt the server', async () => {
    const cases = [
      'GET /a%zz HTTP/1.1\r\nHost: x\r\n\r\n',
      'GET /\0 HTTP/1.1\r\nHost: x\r\n\r\n',
      'GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n',
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n',
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}',
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n',
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n\r\n',
      `POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n2000\r\n${'a'.repeat(8192)}\r\n0\r\n\r\n`,
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
      `GET /${'a'.repeat(9000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
      `GET /healthz HTTP/1.1\r\n${Array.from({ length: 500 }, (_, i) => `X-H${i}: v`).join('\r\n')}\r\n\r\n`,
      'GET /healthz HTTP/1.1\r\nHost x\r\n\r\n',
      '\r\n\r\n\r\n',
    ];
    for (const data of cases) {
      const text = await rawExchange(server.port, data, { halfClose: true });
      if (text.length > 0) {
        const r = parseRawResponse(text);
        const label = `${JSON.stringify(data.slice(0, 80))} -> ${text.slice(0, 200)}`;
        assert.ok(r.status < 500, label);
        if (r.status >= 400) {
          assert.equal(typeof r.json?.error?.code, 'string', label);
        } else {
          assert.ok(r.json, label); // e.g. many small headers: a valid request
        }
      }
      await stillServing();
    }
  });

  test('many connections opened and dropped at once', async () => {
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        rawExchange(server.port, i % 2 ? 'GET /healthz HTTP/1.1\r\n' : '', { closeAfterMs: 10 }),
      ),
    );
    await stillServing();
  });
});

// ---- fuzzing ------------------------------------------------------------------------------------

const FIELDS = ['username', 'password', 'role', 'scope', 'display_name'];
const STRINGS = [
  '',
  'admin',
  'a',
  '张三',
  '😀🎉',
  '\u0000',
  '\u202e\u200b',
  '\ufeff',
  'x'.repeat(300),
  'community:441900003001',
  'zone:441900003001-1',
  'volunteer',
  'admin-pass-2020x',
  '110105194912310025',
  '"; DROP TABLE users; --',
  '%s%n%x',
  '\\',
  '\n\r\t',
];

function fuzzCase(rand, i) {
  const pick = (a) => a[Math.floor(rand() * a.length)];
  const int = (n) => Math.floor(rand() * n);
  const randString = () => {
    if (rand() < 0.5) {
      return pick(STRINGS);
    }
    let s = '';
    for (let k = int(20); k > 0; k--) {
      s += String.fromCodePoint(pick([int(0x80), 0x80 + int(0x780), 0x4e00 + int(0x5000), 0x1f600 + int(0x50), int(0x20)]));
    }
    return s;
  };
  const randValue = (depth) => {
    const r = rand();
    if (depth <= 0 || r < 0.35) {
      return randString();
    }
    if (r < 0.45) {
      return pick([0, -1, 1.5, 2 ** 53 + 1, -(2 ** 63), 1e308, Number.MIN_VALUE]);
    }
    if (r < 0.55) {
      return pick([null, true, false]);
    }
    if (r < 0.7) {
      return Array.from({ length: int(4) }, () => randValue(depth - 1));
    }
    const o = {};
    for (let k = int(5); k > 0; k--) {
      o[rand() < 0.7 ? pick(FIELDS) : randString()] = randValue(depth - 1);
    }
    return o;
  };
  const validish = () => {
    const o = {};
    for (const f of FIELDS) {
      if (rand() < 0.8) {
        o[f] = rand() < 0.7 ? randString() : randValue(2);
      }
    }
    return o;
  };
  const mutate = (s) => {
    const chars = [...s];
    for (let k = 1 + int(4); k > 0; k--) {
      const at = int(chars.length + 1);
      const op = int(3);
      if (op === 0) {
        chars.splice(at, 1);
      } else if (op === 1) {
        chars.splice(at, 0, pick(['{', '}', '[', ']', '"', ',', ':', '\\', '\\u', '0', 'e', '-', 'null', '\u0000', '\ud800']));
      } else {
        chars[at] = String.fromCharCode(int(128));
      }
    }
    return chars.join('');
  };
  const depth = pick([33, 100, 1000, 3000, 10000]);
  switch (i % 10) {
    case 0: // random bytes
      return { kind: 'bytes', body: Buffer.from(Array.from({ length: int(300) }, () => int(256))) };
    case 1: { // JSON-ish characters
      const alphabet = '{}[]":,0123456789eE.-+ truefalsnul\\u\n';
      return { kind: 'jsonish', body: Array.from({ length: 1 + int(200) }, () => pick([...alphabet])).join('') };
    }
    case 2: // deep nesting
      return pick([
        { kind: `nest[${depth}`, body: '['.repeat(depth) + ']'.repeat(depth) },
        { kind: `nest[${depth} open`, body: '['.repeat(depth) },
        { kind: `nest{${depth}`, body: '{"a":'.repeat(depth) + '1' + '}'.repeat(depth) },
        { kind: `nest user[${depth}`, body: `{"username":${'['.repeat(depth)}${']'.repeat(depth)},"password":"x"}` },
      ]);
    case 3: // huge and odd numbers
      return {
        kind: 'numbers',
        body: `{"username":${pick(['1e999999', '-1e999999', '123456789012345678901234567890', '1e-999999', '-0', '0.0000000000000000000001', '18446744073709551616', '9'.repeat(1000)])},"password":${pick(['1', '1e309', '"x"', '-9223372036854775809', 'NaN', 'Infinity', '0x10', '01'])}}`,
      };
    case 4: // unicode, escapes, invalid UTF-8
      return pick([
        { kind: 'unicode', body: JSON.stringify({ username: randString(), password: randString() }) },
        { kind: 'surrogate', body: '{"username":"\\ud800","password":"\\udfff\\ud800x"}' },
        { kind: 'bad utf8', body: Buffer.concat([Buffer.from('{"username":"'), Buffer.from([0xc0, 0xaf, 0xff, 0xfe, 0xed, 0xa0, 0x80]), Buffer.from('","password":"x"}')]) },
        { kind: 'bom', body: `\ufeff${JSON.stringify({ username: 'admin', password: 'x' })}` },
        { kind: 'nul escapes', body: '{"username":"adm\\u0000in","password":"\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000"}' },
      ]);
    case 5: // nulls
      return pick([
        { kind: 'null', body: 'null' },
        { kind: 'null fields', body: '{"username":null,"password":null}' },
        { kind: 'null role', body: '{"username":"someone","password":"long-enough-1","role":null,"scope":null,"display_name":null}' },
        { kind: 'raw nul', body: Buffer.from('{"username":"a\0b","password":"\0"}') },
        { kind: 'nul only', body: Buffer.alloc(int(64) + 1) },
      ]);
    case 6: // random structured values
      return { kind: 'value', body: JSON.stringify(randValue(4)) ?? 'null' };
    case 7: // objects with the right field names and random values
      return { kind: 'validish', body: JSON.stringify(validish()) };
    case 8: // mutated valid bodies
      return {
        kind: 'mutated',
        body: mutate(
          JSON.stringify(
            pick([
              { username: 'admin', password: 'fuzz-not-it' },
              { username: 'fuzz.u', password: 'fuzz-pass-123', role: 'volunteer', scope: 'zone:441900003001-1', display_name: '测试' },
            ]),
          ),
        ),
      };
    default: // duplicate keys, odd whitespace, long keys
      return pick([
        { kind: 'dup keys', body: '{"username":"a","username":"b","password":"x","password":1}' },
        { kind: 'long key', body: `{"${'k'.repeat(3000)}":1}` },
        { kind: 'whitespace', body: ' \n\t{ "username" :\r\n"admin" , "password":\t"x" }\n\n' },
        { kind: 'trailing', body: '{"username":"admin","password":"x"}{"a":1}' },
        { kind: 'comment', body: '{"username":"admin" /* hi */,"password":"x"}' },
      ]);
  }
}

describe('fuzzed bodies', () => {
  let server;
  let admin;
  before(async () => {
    server = await freshServer();
    admin = await tokenFor(server, ADMIN.username, ADMIN.password);
  });
  after(() => server?.stop());

  async function fuzz(path, seed, token) {
    const rand = prng(seed);
    const cases = Array.from({ length: 200 }, (_, i) => fuzzCase(rand, i));
    const contentTypes = ['application/json', 'application/json', 'application/json', 'application/json; charset=utf-8', 'text/plain', 'APPLICATION/JSON'];
    let next = 0;
    const statuses = {};
    const worker = async () => {
      while (next < cases.length) {
        const i = next++;
        const c = cases[i];
        const ct = contentTypes[i % contentTypes.length];
        const label = `${path} case ${i} (${c.kind}, seed ${seed}, ${ct}): ${JSON.stringify(String(c.body).slice(0, 120))}`;
        let r;
        try {
          r = await server.api('POST', path, { raw: true, body: c.body, token, headers: { 'content-type': ct } });
        } catch (err) {
          throw new Error(`${label}: request failed: ${err.cause?.message ?? err.message}`);
        }
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        if (r.status === 201 && path === USERS) {
          // A fuzzed body can be a valid new user: then it must look like one.
          assert.equal(typeof r.json?.id, 'number', label);
          assert.equal(typeof r.json?.username, 'string', label);
          continue;
        }
        assert.ok(r.status < 500, `${label} -> ${r.status} ${r.text}`);
        assertErrorShape(r, label);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    assert.ok(server.alive(), `server died:\n${server.stderr}`);
    const h = await server.api('GET', '/healthz');
    assert.equal(h.status, 200);
    return statuses;
  }

  test('200 fuzzed bodies to POST /api/v1/auth/login', async (t) => {
    const statuses = await fuzz(LOGIN, 20200123, undefined);
    t.diagnostic(`statuses: ${JSON.stringify(statuses)}`);
    assert.ok(statuses[400] > 50, JSON.stringify(statuses));
  });

  test('200 fuzzed bodies to POST /api/v1/users', async (t) => {
    const statuses = await fuzz(USERS, 20200124, admin);
    t.diagnostic(`statuses: ${JSON.stringify(statuses)}`);
    assert.ok(statuses[400] > 50, JSON.stringify(statuses));
  });

  test('the server stops cleanly after all that, with no sanitizer report', async () => {
    const code = await server.stop();
    assert.equal(code, 0, `exit ${code} ${server.exitSignal}\n${server.stderr}`);
    assert.doesNotMatch(server.stderr, /AddressSanitizer|LeakSanitizer|runtime error:/, server.stderr);
    assert.match(server.stdout, /cordon stopped/);
  });
});
