// The audit trail: what is written for each sign-in event and user creation, and how it is read.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { assertError, createUser, makeTempDir, startServer, stopAll } from './support.mjs';

const ADMIN = { username: 'root', password: 'root-pass-2020', role: 'admin', displayName: '管理员' };
const GRID = { username: 'gw.bob', password: 'grid-pass-2020', role: 'grid_worker', scope: 'community:441900003001' };
const TYPED_UNKNOWN = '110105194912310025'; // what someone typed as a username: must not be kept

const tmp = [];
after(async () => {
  await stopAll();
  await Promise.all(tmp.map((t) => t.cleanup()));
});

describe('audit trail', () => {
  let server;
  const ids = {};
  const rid = {};
  let adminToken;
  let carol;
  let all; // every entry, newest first
  let t0;

  const audit = (query = '') => server.api('GET', `/api/v1/audit${query}`, { token: adminToken });
  const qs = (params) => `?${new URLSearchParams(params)}`;

  async function listAll(params = {}) {
    const r = await audit(qs({ limit: 200, ...params }));
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.next_cursor, null);
    return r.json.items;
  }

  before(async () => {
    const t = await makeTempDir();
    tmp.push(t);
    t0 = Date.now();
    ids.admin = await createUser(t.db, ADMIN);
    ids.grid = await createUser(t.db, GRID);
    server = await startServer({ db: t.db });

    const adminLogin = await server.login(ADMIN.username, ADMIN.password);
    assert.equal(adminLogin.status, 200, adminLogin.text);
    adminToken = adminLogin.json.token;
    rid.adminLogin = adminLogin.requestId;

    const failed = await server.login(GRID.username, 'wrong-password');
    assert.equal(failed.status, 401);
    rid.failedKnown = failed.requestId;

    const unknown = await server.login(TYPED_UNKNOWN, 'wrong-password');
    assert.equal(unknown.status, 401);
    rid.failedUnknown = unknown.requestId;

    const gridLogin = await server.login(GRID.username, GRID.password);
    assert.equal(gridLogin.status, 200, gridLogin.text);
    rid.gridLogin = gridLogin.requestId;

    const logout = await server.api('POST', '/api/v1/auth/logout', { token: gridLogin.json.token });
    assert.equal(logout.status, 204);
    rid.logout = logout.requestId;

    const created = await server.api('POST', '/api/v1/users', {
      token: adminToken,
      body: { username: 'carol', password: 'carol-pass-2020', role: 'health', scope: 'region:441900', display_name: 'Carol' },
    });
    assert.equal(created.status, 201, created.text);
    carol = created.json;
    rid.create = created.requestId;

    // Requests that fail validation or permission write nothing.
    const refused = await server.api('POST', '/api/v1/users', {
      token: adminToken,
      body: { username: 'x', password: 'short', role: 'admin' },
    });
    assert.equal(refused.status, 422);

    const r = await audit('?limit=200');
    assert.equal(r.status, 200, r.text);
    all = r.json.items;
  });
  after(() => server?.stop());

  const one = (pred, what) => {
    const found = all.filter(pred);
    assert.equal(found.length, 1, `expected one ${what}, found ${found.length}: ${JSON.stringify(all, null, 1)}`);
    return found[0];
  };

  test('entries have the documented shape and come newest first', () => {
    assert.equal(all.length, 8, JSON.stringify(all, null, 1));
    const keys = ['action', 'at', 'client_address', 'detail', 'id', 'record_id', 'record_type', 'request_id', 'role', 'user_id', 'username'];
    for (const e of all) {
      assert.deepEqual(Object.keys(e).sort(), keys);
      assert.equal(typeof e.id, 'number');
      assert.ok(Number.isFinite(Date.parse(e.at)), e.at);
      assert.ok(Date.parse(e.at) >= t0 - 1000 && Date.parse(e.at) <= Date.now() + 1000, e.at);
      assert.equal(e.record_type, 'user');
      assert.equal(typeof e.record_id, 'string');
      assert.equal(typeof e.detail, 'object');
      assert.ok(e.detail !== null && !Array.isArray(e.detail));
    }
    for (let i = 1; i < all.length; i++) {
      assert.ok(all[i - 1].id > all[i].id, 'ids not descending');
      assert.ok(Date.parse(all[i - 1].at) >= Date.parse(all[i].at), 'times not descending');
    }
    assert.deepEqual(
      all.map((e) => e.action).reverse(),
      ['user.create', 'user.create', 'auth.login', 'auth.login_failed', 'auth.login_failed', 'auth.login', 'auth.logout', 'user.create'],
    );
  });

  test('user.create from the CLI', () => {
    for (const [u, id] of [
      [ADMIN, ids.admin],
      [GRID, ids.grid],
    ]) {
      const e = one((x) => x.action === 'user.create' && x.record_id === String(id), `CLI user.create of ${u.username}`);
      assert.equal(e.username, 'cli');
      assert.equal(e.role, 'system');
      assert.equal(e.user_id, null);
      assert.equal(e.record_type, 'user');
      assert.ok(e.request_id.length > 0);
      assert.equal(e.detail.username, u.username);
      assert.equal(e.detail.role, u.role);
      assert.equal(e.detail.scope, u.scope ?? 'all');
    }
  });

  test('auth.login', () => {
    const a = one((x) => x.action === 'auth.login' && x.record_id === String(ids.admin), 'admin login');
    assert.equal(a.username, ADMIN.username);
    assert.equal(a.role, 'admin');
    assert.equal(a.user_id, ids.admin);
    assert.equal(a.client_address, '127.0.0.1');
    assert.equal(a.request_id, rid.adminLogin);
    const g = one((x) => x.action === 'auth.login' && x.record_id === String(ids.grid), 'grid worker login');
    assert.equal(g.username, GRID.username);
    assert.equal(g.role, 'grid_worker');
    assert.equal(g.user_id, ids.grid);
    assert.equal(g.client_address, '127.0.0.1');
    assert.equal(g.request_id, rid.gridLogin);
  });

  test('auth.login_failed, with the reason and nothing typed by a stranger', () => {
    const known = one((x) => x.action === 'auth.login_failed' && x.request_id === rid.failedKnown, 'failed login of a known user');
    assert.equal(known.username, GRID.username);
    assert.equal(known.role, 'grid_worker');
    assert.equal(known.user_id, ids.grid);
    assert.equal(known.record_id, String(ids.grid));
    assert.equal(known.client_address, '127.0.0.1');
    assert.equal(known.detail.reason, 'password');
    assert.ok(!JSON.stringify(known).includes('wrong-password'));

    const unknown = one((x) => x.action === 'auth.login_failed' && x.request_id === rid.failedUnknown, 'failed login of an unknown user');
    assert.equal(unknown.detail.reason, 'unknown_user');
    assert.equal(unknown.user_id, null);
    assert.equal(unknown.record_id, '');
    assert.equal(unknown.client_address, '127.0.0.1');
    assert.ok(!JSON.stringify(unknown).includes(TYPED_UNKNOWN), JSON.stringify(unknown));
    assert.ok(!JSON.stringify(all).includes('wrong-password'));
  });

  test('auth.logout', () => {
    const e = one((x) => x.action === 'auth.logout', 'logout');
    assert.equal(e.username, GRID.username);
    assert.equal(e.role, 'grid_worker');
    assert.equal(e.user_id, ids.grid);
    assert.equal(e.record_id, String(ids.grid));
    assert.equal(e.client_address, '127.0.0.1');
    assert.equal(e.request_id, rid.logout);
  });

  test('user.create through the API', () => {
    const e = one((x) => x.action === 'user.create' && x.record_id === String(carol.id), 'API user.create');
    assert.equal(e.username, ADMIN.username);
    assert.equal(e.role, 'admin');
    assert.equal(e.user_id, ids.admin);
    assert.equal(e.client_address, '127.0.0.1');
    assert.equal(e.request_id, rid.create);
    assert.deepEqual(e.detail, { username: 'carol', role: 'health', scope: 'region:441900' });
    assert.ok(!JSON.stringify(e).includes('carol-pass-2020'));
  });

  test('filter by user_id', async () => {
    const items = await listAll({ user_id: ids.grid });
    assert.deepEqual(
      items.map((e) => e.action),
      ['auth.logout', 'auth.login', 'auth.login_failed'],
    );
    assert.ok(items.every((e) => e.user_id === ids.grid));
    assert.deepEqual(await listAll({ user_id: 99999 }), []);
  });

  test('filter by action', async () => {
    const logins = await listAll({ action: 'auth.login' });
    assert.equal(logins.length, 2);
    assert.ok(logins.every((e) => e.action === 'auth.login'));
    const creates = await listAll({ action: 'user.create' });
    assert.deepEqual(creates.map((e) => e.record_id), [String(carol.id), String(ids.grid), String(ids.admin)]);
    assert.deepEqual(await listAll({ action: 'auth.nothing' }), []);
  });

  test('filter by record_type and record_id', async () => {
    const items = await listAll({ record_type: 'user', record_id: String(ids.grid) });
    assert.deepEqual(
      items.map((e) => e.action),
      ['auth.logout', 'auth.login', 'auth.login_failed', 'user.create'],
    );
    assert.ok(items.every((e) => e.record_type === 'user' && e.record_id === String(ids.grid)));
    assert.equal((await listAll({ record_type: 'user' })).length, all.length);
    assert.deepEqual(await listAll({ record_type: 'resident' }), []);
    assert.deepEqual(await listAll({ record_type: 'resident', record_id: String(ids.grid) }), []);
  });

  test('filters combine', async () => {
    const items = await listAll({ user_id: ids.grid, action: 'auth.login' });
    assert.equal(items.length, 1);
    assert.equal(items[0].request_id, rid.gridLogin);
  });

  test('from / to select a time range (from inclusive, to exclusive)', async () => {
    const idsOf = (items) => items.map((e) => e.id);
    const middle = all[Math.floor(all.length / 2)];
    const at = middle.at;
    const atMs = Date.parse(at);
    assert.deepEqual(idsOf(await listAll({ from: at })), idsOf(all.filter((e) => Date.parse(e.at) >= atMs)));
    assert.deepEqual(idsOf(await listAll({ to: at })), idsOf(all.filter((e) => Date.parse(e.at) < atMs)));
    // Everything, and nothing.
    assert.deepEqual(idsOf(await listAll({ from: new Date(t0 - 60_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() })), idsOf(all));
    assert.deepEqual(await listAll({ from: new Date(Date.now() + 3_600_000).toISOString() }), []);
    assert.deepEqual(await listAll({ to: '2000-01-01T00:00:00Z' }), []);
    // The same instant with a UTC offset.
    const shifted = new Date(atMs + 8 * 3_600_000).toISOString().replace(/Z$/, '+08:00');
    assert.deepEqual(idsOf(await listAll({ from: shifted })), idsOf(all.filter((e) => Date.parse(e.at) >= atMs)));
    // Whole seconds are accepted too.
    const sec = new Date(Math.floor(atMs / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const r = await audit(qs({ from: sec }));
    assert.equal(r.status, 200, r.text);
  });

  test('paging with limit and cursor returns disjoint pages covering everything', async () => {
    const seen = [];
    let cursor;
    let pages = 0;
    for (;;) {
      const params = { limit: 2 };
      if (cursor) {
        params.cursor = cursor;
      }
      const r = await audit(qs(params));
      assert.equal(r.status, 200, r.text);
      pages++;
      assert.ok(r.json.items.length <= 2);
      assert.ok(r.json.items.length > 0, `an empty page at ${pages}`);
      for (const e of r.json.items) {
        assert.ok(!seen.includes(e.id), `entry ${e.id} on two pages`);
        seen.push(e.id);
      }
      cursor = r.json.next_cursor;
      if (cursor === null) {
        break;
      }
      assert.equal(typeof cursor, 'string');
      assert.ok(pages < 20, 'too many pages');
    }
    assert.equal(pages, Math.ceil(all.length / 2));
    assert.deepEqual(seen, all.map((e) => e.id));
    // Paging works with a filter too.
    const first = await audit(qs({ limit: 1, action: 'user.create' }));
    assert.equal(first.json.items.length, 1);
    assert.ok(first.json.next_cursor);
    const second = await audit(qs({ limit: 1, action: 'user.create', cursor: first.json.next_cursor }));
    assert.equal(second.json.items.length, 1);
    assert.equal(second.json.items[0].action, 'user.create');
    assert.ok(second.json.items[0].id < first.json.items[0].id);
  });

  test('invalid filters → 400 request.invalid_query with the field', async () => {
    for (const [q, field] of [
      [{ user_id: 'abc' }, 'user_id'],
      [{ user_id: '0' }, 'user_id'],
      [{ user_id: '1.5' }, 'user_id'],
      [{ from: 'yesterday' }, 'from'],
      [{ from: '2020-13-01T00:00:00Z' }, 'from'],
      [{ to: '2020-01-01' }, 'to'],
      [{ to: '' }, 'to'],
      [{ limit: '0' }, 'limit'],
      [{ limit: '-5' }, 'limit'],
      [{ limit: 'lots' }, 'limit'],
      [{ cursor: 'x' }, 'cursor'],
      [{ cursor: '99999999999999999999999' }, 'cursor'],
    ]) {
      const r = await audit(qs(q));
      assertError(r, 400, 'request.invalid_query', { field, lang: 'zh' });
      assert.ok(r.json.error.message.includes(field), r.json.error.message);
    }
  });

  test('only admins read the audit trail, and reading it writes nothing', async () => {
    const g = await server.login(GRID.username, GRID.password);
    const r = await server.api('GET', '/api/v1/audit', { token: g.json.token });
    assertError(r, 403, 'auth.forbidden');
    const now = await listAll({ action: 'auth.login' });
    assert.equal(now.length, 3); // the login just above, and no entry for the reads
    const total = await listAll();
    assert.equal(total.length, all.length + 1);
  });
});
