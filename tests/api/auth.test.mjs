// Sign-in, sessions, permissions and sign-in throttling.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
  assertError,
  createUser,
  makeTempDir,
  sleep,
  startServer,
  stopAll,
  tokenFor,
  waitFor,
} from './support.mjs';

const ADMIN = { username: 'admin', password: 'admin-pass-2020', role: 'admin', displayName: '系统管理员' };
const GRID = {
  username: 'gw.alice',
  password: 'grid-pass-2020',
  role: 'grid_worker',
  scope: 'community:441900003001',
  displayName: 'Alice',
};
const VICTIM = {
  username: 'victim',
  password: 'victim-pass-2020',
  role: 'volunteer',
  scope: 'zone:441900003001-1',
};

const tmp = [];
after(async () => {
  await stopAll();
  await Promise.all(tmp.map((t) => t.cleanup()));
});

async function freshServer(users, args = []) {
  const t = await makeTempDir();
  tmp.push(t);
  const ids = {};
  for (const u of users) {
    ids[u.username] = await createUser(t.db, u);
  }
  const server = await startServer({ db: t.db, args });
  return { server, ids };
}

describe('sign-in and sessions', () => {
  let server;
  let ids;
  before(async () => {
    ({ server, ids } = await freshServer([ADMIN, GRID, VICTIM]));
  });
  after(() => server?.stop());

  test('GET /healthz and /hello answer without a token', async () => {
    const h = await server.api('GET', '/healthz');
    assert.equal(h.status, 200);
    assert.equal(h.json.status, 'ok');
    assert.equal(typeof h.json.version, 'string');
    assert.ok(h.json.version.length > 0);
    assert.ok(h.requestId);
    const w = await server.api('GET', '/hello');
    assert.equal(w.status, 200);
    assert.deepEqual(w.json, { hello: 'world' });
  });

  test('login returns a token, an expiry and the user', async () => {
    const before = Date.now();
    const r = await server.login(ADMIN.username, ADMIN.password);
    assert.equal(r.status, 200, r.text);
    assert.ok(r.requestId);
    assert.match(r.headers.get('content-type'), /^application\/json/);
    const { token, expires_at: expiresAt, user } = r.json;
    assert.equal(typeof token, 'string');
    assert.ok(token.length >= 32, `token too short: ${token.length}`);
    assert.match(token, /^[A-Za-z0-9_\-+/=.~]+$/);
    const exp = Date.parse(expiresAt);
    assert.ok(Number.isFinite(exp), `expires_at not a date: ${expiresAt}`);
    assert.ok(exp > before, 'expires_at is in the past');
    assert.deepEqual(Object.keys(user).sort(), [
      'created_at',
      'disabled',
      'display_name',
      'id',
      'permissions',
      'role',
      'scope',
      'username',
    ]);
    assert.equal(user.id, ids[ADMIN.username]);
    assert.equal(user.username, ADMIN.username);
    assert.equal(user.display_name, ADMIN.displayName);
    assert.equal(user.role, 'admin');
    assert.deepEqual(user.scope, { kind: 'all', code: '' });
    assert.equal(user.disabled, false);
    assert.ok(Number.isFinite(Date.parse(user.created_at)));
    for (const p of ['account:self:read', 'system:user:read', 'system:user:create', 'system:audit:read']) {
      assert.ok(user.permissions.includes(p), `admin lacks ${p}`);
    }
  });

  test('two logins give two different tokens', async () => {
    const a = await tokenFor(server, GRID.username, GRID.password);
    const b = await tokenFor(server, GRID.username, GRID.password);
    assert.notEqual(a, b);
  });

  test('a scoped user sees its scope and only its permissions', async () => {
    const r = await server.login(GRID.username, GRID.password);
    assert.equal(r.status, 200, r.text);
    const u = r.json.user;
    assert.equal(u.role, 'grid_worker');
    assert.deepEqual(u.scope, { kind: 'community', code: '441900003001' });
    assert.equal(u.display_name, 'Alice');
    assert.ok(u.permissions.includes('account:self:read'));
    assert.ok(!u.permissions.includes('system:audit:read'));
    assert.ok(!u.permissions.includes('system:user:create'));
  });

  test('GET /api/v1/auth/me returns the signed-in user', async () => {
    const login = await server.login(GRID.username, GRID.password);
    assert.equal(login.status, 200);
    const me = await server.api('GET', '/api/v1/auth/me', { token: login.json.token });
    assert.equal(me.status, 200, me.text);
    assert.deepEqual(me.json, login.json.user);
  });

  test('the Bearer scheme is case-insensitive', async () => {
    const token = await tokenFor(server, GRID.username, GRID.password);
    const me = await server.api('GET', '/api/v1/auth/me', { headers: { authorization: `bearer ${token}` } });
    assert.equal(me.status, 200, me.text);
  });

  test('logout ends the session', async () => {
    const token = await tokenFor(server, GRID.username, GRID.password);
    const other = await tokenFor(server, GRID.username, GRID.password);
    const out = await server.api('POST', '/api/v1/auth/logout', { token });
    assert.equal(out.status, 204, out.text);
    assert.equal(out.text, '');
    assert.ok(out.requestId);
    const me = await server.api('GET', '/api/v1/auth/me', { token });
    assertError(me, 401, 'auth.unauthenticated', { field: null });
    const again = await server.api('POST', '/api/v1/auth/logout', { token });
    assertError(again, 401, 'auth.unauthenticated');
    // Only that session: another one of the same user still works.
    const still = await server.api('GET', '/api/v1/auth/me', { token: other });
    assert.equal(still.status, 200, still.text);
  });

  test('401 without a token, with a garbage token, with another scheme', async () => {
    const token = await tokenFor(server, GRID.username, GRID.password);
    const cases = [
      {},
      { authorization: 'Bearer garbage' },
      { authorization: `Bearer ${'x'.repeat(43)}` },
      { authorization: 'Bearer ' },
      { authorization: 'Bearer' },
      { authorization: `Basic ${Buffer.from('admin:admin-pass-2020').toString('base64')}` },
      { authorization: `Token ${token}` },
      { authorization: `Bearer ${token}x` },
    ];
    for (const headers of cases) {
      for (const [method, p] of [
        ['GET', '/api/v1/auth/me'],
        ['GET', '/api/v1/users'],
        ['GET', '/api/v1/audit'],
        ['POST', '/api/v1/auth/logout'],
      ]) {
        const r = await server.api(method, p, { headers });
        const e = assertError(r, 401, 'auth.unauthenticated', { field: null });
        assert.ok(e, JSON.stringify(headers));
        assert.equal(r.headers.get('www-authenticate'), 'Bearer', `${method} ${p} ${JSON.stringify(headers)}`);
      }
    }
  });

  test('403 auth.forbidden for a grid worker on admin routes', async () => {
    const token = await tokenFor(server, GRID.username, GRID.password);
    const audit = await server.api('GET', '/api/v1/audit', { token });
    assertError(audit, 403, 'auth.forbidden', { field: null });
    const users = await server.api('GET', '/api/v1/users', { token });
    assertError(users, 403, 'auth.forbidden');
    const create = await server.api('POST', '/api/v1/users', {
      token,
      body: { username: 'sneaky', password: 'sneaky-pass-1', role: 'admin' },
    });
    assertError(create, 403, 'auth.forbidden');
    // Nothing was created.
    const admin = await tokenFor(server, ADMIN.username, ADMIN.password);
    const list = await server.api('GET', '/api/v1/users?limit=100', { token: admin });
    assert.equal(list.status, 200);
    assert.ok(!list.json.items.some((u) => u.username === 'sneaky'));
  });

  test('wrong password and unknown user give the same 401', async () => {
    const wrong = await server.login(ADMIN.username, 'not-the-password');
    assertError(wrong, 401, 'auth.invalid_credentials', { field: null });
    const unknown = await server.login('nobody.here', 'whatever-pass');
    assertError(unknown, 401, 'auth.invalid_credentials', { field: null });
    assert.equal(wrong.json.error.message, unknown.json.error.message);
    assert.equal(wrong.headers.get('www-authenticate'), 'Bearer');
  });

  test('account throttling: after 4 failures the account is blocked, then recovers', async () => {
    for (let i = 1; i <= 4; i++) {
      const r = await server.login(VICTIM.username, `wrong-password-${i}`);
      assertError(r, 401, 'auth.invalid_credentials', { field: null });
    }
    // The 4th failure started a 1 s block.
    const fifth = await server.login(VICTIM.username, 'wrong-password-5');
    assertError(fifth, 429, 'auth.throttled', { field: null });
    const retry = fifth.headers.get('retry-after');
    assert.match(retry ?? '', /^\d+$/, `Retry-After: ${retry}`);
    assert.ok(Number(retry) >= 1 && Number(retry) <= 2, `Retry-After: ${retry}`);

    // Even the right password is refused while blocked, and the counter is per account name,
    // whatever its case.
    const right = await server.login(VICTIM.username, VICTIM.password);
    assertError(right, 429, 'auth.throttled');
    assert.match(right.headers.get('retry-after') ?? '', /^\d+$/);
    const upper = await server.login(VICTIM.username.toUpperCase(), VICTIM.password);
    assertError(upper, 429, 'auth.throttled');

    // Other accounts are not affected.
    const admin = await server.login(ADMIN.username, ADMIN.password);
    assert.equal(admin.status, 200, admin.text);

    // Once the block runs out, the right password works and clears the counter.
    const ok = await waitFor(
      async () => {
        const r = await server.login(VICTIM.username, VICTIM.password);
        if (r.status === 429) {
          return false;
        }
        return r;
      },
      { timeoutMs: 5_000, intervalMs: 200, what: 'the account block to end' },
    );
    assert.equal(ok.status, 200, ok.text);
    const afterClear = await server.login(VICTIM.username, 'wrong-again');
    assertError(afterClear, 401, 'auth.invalid_credentials');
    const stillOk = await server.login(VICTIM.username, VICTIM.password);
    assert.equal(stillOk.status, 200, stillOk.text);
  });
});

describe('address throttling', () => {
  let server;
  before(async () => {
    ({ server } = await freshServer([ADMIN]));
  });
  after(() => server?.stop());

  test('11 failures from one address with different usernames → 429', async () => {
    for (let i = 1; i <= 11; i++) {
      const r = await server.login(`nobody${i}`, 'wrong-password');
      assertError(r, 401, 'auth.invalid_credentials', { field: null });
    }
    const blocked = await server.login('nobody12', 'wrong-password');
    assertError(blocked, 429, 'auth.throttled', { field: null });
    assert.match(blocked.headers.get('retry-after') ?? '', /^[1-9]\d*$/);
    // The address block applies to every account, the right password included.
    const admin = await server.login(ADMIN.username, ADMIN.password);
    assertError(admin, 429, 'auth.throttled');
  });
});

describe('address throttling behind a load balancer', () => {
  test('with --trusted-proxy, each client behind it is counted apart; without, a forged header changes nothing', async () => {
    const behind = (await freshServer([ADMIN], ['--trusted-proxy', '127.0.0.1'])).server;
    try {
      const from = (address) => ({ headers: { 'X-Forwarded-For': address } });
      for (let i = 1; i <= 11; i++) {
        assertError(await behind.login(`nobody${i}`, 'wrong', from('203.0.113.7')), 401, 'auth.invalid_credentials');
      }
      assertError(await behind.login('nobody12', 'wrong', from('203.0.113.7')), 429, 'auth.throttled');
      // Another resident behind the same balancer is not blocked by the first one's failures,
      // nor is one who writes the blocked address in front of their own (the balancer appends).
      const other = await behind.login(ADMIN.username, ADMIN.password, from('198.51.100.2'));
      assert.equal(other.status, 200, other.text);
      const forged = await behind.login(ADMIN.username, ADMIN.password, from('203.0.113.7, 198.51.100.3'));
      assert.equal(forged.status, 200, forged.text);
    } finally {
      await behind.stop();
    }

    const direct = (await freshServer([ADMIN])).server;
    try {
      // Not behind a trusted proxy: the header is the client's own words and is ignored.
      for (let i = 1; i <= 11; i++) {
        const r = await direct.login(`nobody${i}`, 'wrong', { headers: { 'X-Forwarded-For': `192.0.2.${i}` } });
        assertError(r, 401, 'auth.invalid_credentials');
      }
      assertError(await direct.login('nobody12', 'wrong', { headers: { 'X-Forwarded-For': '192.0.2.99' } }), 429, 'auth.throttled');
    } finally {
      await direct.stop();
    }
  });
});

describe('session idle expiry', () => {
  let server;
  before(async () => {
    ({ server } = await freshServer([ADMIN], ['--session-idle', '1']));
  });
  after(() => server?.stop());

  test('activity keeps the session alive', async () => {
    const token = await tokenFor(server, ADMIN.username, ADMIN.password);
    const start = Date.now();
    while (Date.now() - start < 1_600) {
      const me = await server.api('GET', '/api/v1/auth/me', { token });
      assert.equal(me.status, 200, `after ${Date.now() - start} ms: ${me.text}`);
      await sleep(350);
    }
  });

  test('an idle session expires: 401 auth.session_expired', async () => {
    const token = await tokenFor(server, ADMIN.username, ADMIN.password);
    const me = await server.api('GET', '/api/v1/auth/me', { token });
    assert.equal(me.status, 200, me.text);
    await sleep(1_600);
    const expired = await server.api('GET', '/api/v1/auth/me', { token });
    assertError(expired, 401, 'auth.session_expired', { field: null });
    assert.equal(expired.headers.get('www-authenticate'), 'Bearer');
    // A new login works.
    const again = await tokenFor(server, ADMIN.username, ADMIN.password);
    const me2 = await server.api('GET', '/api/v1/auth/me', { token: again });
    assert.equal(me2.status, 200);
  });
});

describe('session absolute expiry', () => {
  let server;
  before(async () => {
    ({ server } = await freshServer([ADMIN], ['--session-max', '1']));
  });
  after(() => server?.stop());

  test('a session ends at expires_at even when in use', async () => {
    const r = await server.login(ADMIN.username, ADMIN.password);
    assert.equal(r.status, 200, r.text);
    const exp = Date.parse(r.json.expires_at);
    assert.ok(exp - Date.now() <= 1_500, `expires_at too far: ${r.json.expires_at}`);
    const token = r.json.token;
    const res = await waitFor(
      async () => {
        const me = await server.api('GET', '/api/v1/auth/me', { token });
        return me.status === 401 ? me : false;
      },
      { timeoutMs: 5_000, intervalMs: 100, what: 'the session to reach expires_at' },
    );
    assertError(res, 401, 'auth.session_expired');
  });
});
