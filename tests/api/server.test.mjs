// Connection handling, graceful stop and the access log.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';

import {
  createUser,
  makeTempDir,
  parseRawResponse,
  sleep,
  startServer,
  stopAll,
  tokenFor,
  waitFor,
  withTimeout,
} from './support.mjs';

const ADMIN = { username: 'admin', password: 'admin-pass-2020', role: 'admin' };
const ID_NUMBER = '110105194912310025';
const PHONE = '13812345678';

const tmp = [];
after(async () => {
  await stopAll();
  await Promise.all(tmp.map((t) => t.cleanup()));
});

async function freshServer(args = []) {
  const t = await makeTempDir();
  tmp.push(t);
  const adminId = await createUser(t.db, ADMIN);
  const server = await startServer({ db: t.db, args });
  return { server, adminId };
}

// One request through node:http with the given agent; resolves with { res, body }.
function get(agent, url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { agent, method, headers, timeout: 20_000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ res, req, body: text }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

// Tries to open a TCP connection; resolves true if it connects, false if refused.
function canConnect(port) {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

describe('connections', () => {
  let server;
  before(async () => {
    ({ server } = await freshServer());
  });
  after(() => server?.stop());

  test('keep-alive: a second request reuses the socket', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await get(agent, `${server.url}/healthz`);
      assert.equal(first.res.statusCode, 200);
      assert.equal(first.req.reusedSocket, false);
      assert.notEqual(first.res.headers.connection, 'close');
      const second = await get(agent, `${server.url}/hello`);
      assert.equal(second.res.statusCode, 200);
      assert.deepEqual(JSON.parse(second.body), { hello: 'world' });
      assert.equal(second.req.reusedSocket, true);
      assert.notEqual(first.res.headers['x-request-id'], second.res.headers['x-request-id']);
      // An error from a route does not end the connection.
      const bad = await get(agent, `${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{',
      });
      assert.equal(bad.res.statusCode, 400);
      assert.equal(bad.req.reusedSocket, true);
      const third = await get(agent, `${server.url}/healthz`);
      assert.equal(third.req.reusedSocket, true);
      assert.equal(third.res.statusCode, 200);
    } finally {
      agent.destroy();
    }
  });

  test('after a 413 the server closes the connection, and says so', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      await get(agent, `${server.url}/healthz`);
      const big = await get(agent, `${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: 'x'.repeat(5000),
      });
      assert.equal(big.res.statusCode, 413);
      assert.equal(big.res.headers.connection, 'close');
      const next = await get(agent, `${server.url}/healthz`);
      assert.equal(next.res.statusCode, 200);
      assert.equal(next.req.reusedSocket, false);
    } finally {
      agent.destroy();
    }
  });

  // A client reads no body after HEAD: one sent anyway would be taken for the next response.
  test('HEAD gets an answer without a body and the connection stays usable', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const head = await get(agent, `${server.url}/healthz`, { method: 'HEAD' });
      assert.equal(head.res.statusCode, 200);
      assert.equal(head.body, '');
      const next = await get(agent, `${server.url}/hello`);
      assert.equal(next.res.statusCode, 200);
    } finally {
      agent.destroy();
    }
  });

  test('pipelined requests are answered in order', async () => {
    const text = await new Promise((resolve, reject) => {
      const s = net.connect(server.port, '127.0.0.1');
      let buf = '';
      const timer = setTimeout(() => {
        s.destroy();
        reject(new Error(`no close; got ${buf}`));
      }, 10_000);
      s.setEncoding('utf8');
      s.on('data', (d) => (buf += d));
      s.on('close', () => {
        clearTimeout(timer);
        resolve(buf);
      });
      s.on('error', reject);
      s.write(
        'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n' +
          'GET /nope HTTP/1.1\r\nHost: x\r\n\r\n' +
          'GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
      );
    });
    const parts = text.split(/(?=HTTP\/1\.1 )/);
    assert.equal(parts.length, 3, text);
    const statuses = parts.map((p) => parseRawResponse(p).status);
    assert.deepEqual(statuses, [200, 404, 200]);
    assert.deepEqual(parseRawResponse(parts[2]).json, { hello: 'world' });
  });
});

describe('graceful stop', () => {
  test('SIGTERM: the request in flight is answered, new connections are refused, exit 0', async () => {
    const { server } = await freshServer();
    // An idle keep-alive connection must not hold the stop up.
    const idleAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const idle = await get(idleAgent, `${server.url}/healthz`);
    assert.equal(idle.res.statusCode, 200);

    const sentAt = Date.now();
    let answeredAt;
    const login = server.login(ADMIN.username, ADMIN.password).then((r) => {
      answeredAt = Date.now();
      return r;
    });
    await sleep(30);
    const killedAt = Date.now();
    server.proc.kill('SIGTERM');

    // The listener closes while the login (argon2, a few hundred ms) is still being worked on.
    const refusedAt = await waitFor(async () => ((await canConnect(server.port)) ? false : Date.now()), {
      timeoutMs: 10_000,
      intervalMs: 5,
      what: 'the listener to close',
    });

    const r = await login;
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.token.length >= 32);
    assert.ok(answeredAt > killedAt, `the login was answered ${answeredAt - sentAt} ms after it was sent, before SIGTERM`);
    assert.ok(refusedAt <= answeredAt, 'new connections were still accepted while a request was in flight');
    assert.equal(r.headers.get('connection'), 'close');

    const code = await withTimeout(server.exited, 15_000, 'exit after the signal');
    assert.equal(code, 0, `exit ${code} ${server.exitSignal}\nstderr:\n${server.stderr}`);
    assert.match(server.stdout, /^cordon stopped$/m);
    assert.doesNotMatch(server.stderr, /AddressSanitizer|LeakSanitizer|runtime error:/, server.stderr);
    idleAgent.destroy();
    // The access log has the login.
    const line = server.accessLog().find((l) => l.rid === r.requestId);
    assert.ok(line, server.stdout);
    assert.equal(line.status, 200);
    assert.equal(line.route, '/api/v1/auth/login');
  });

  test('SIGINT stops it too, with exit 0', async () => {
    const { server } = await freshServer();
    assert.equal((await server.api('GET', '/healthz')).status, 200);
    server.proc.kill('SIGINT');
    const code = await withTimeout(server.exited, 15_000, 'exit after the signal');
    assert.equal(code, 0, `exit ${code}\n${server.stderr}`);
    assert.match(server.stdout, /^cordon stopped$/m);
  });

  test('stop() with nothing in flight is quick', async () => {
    const { server } = await freshServer();
    // Once a request has been served the server is surely running (see the SIGTERM test below).
    assert.equal((await server.api('GET', '/healthz')).status, 200);
    const start = Date.now();
    assert.equal(await server.stop(), 0, server.stderr);
    assert.ok(Date.now() - start < 5_000, `took ${Date.now() - start} ms`);
    assert.match(server.stdout, /^cordon stopped$/m);
  });

  // A supervisor may stop the server the moment it reports ready: the signal handlers must
  // already be in place then, or the default action kills it without a drain.
  test('SIGTERM right after the listening line still stops gracefully', async () => {
    const t = await makeTempDir();
    tmp.push(t);
    await createUser(t.db, ADMIN);
    const outcomes = [];
    for (let i = 0; i < 20; i++) {
      const server = await startServer({ db: t.db });
      const code = await server.stop();
      outcomes.push(`${code}/${server.exitSignal}`);
    }
    assert.deepEqual(outcomes, Array(20).fill('0/null'));
  });
});

describe('access log', () => {
  let server;
  let adminId;
  before(async () => {
    ({ server, adminId } = await freshServer());
  });
  after(() => server?.stop());

  test('one JSON line per request, with no ID number or phone from the URL', async () => {
    const token = await tokenFor(server, ADMIN.username, ADMIN.password);
    const audit = await server.api('GET', `/api/v1/audit?record_id=${ID_NUMBER}&x=${PHONE}`, { token });
    assert.equal(audit.status, 200, audit.text);
    const nope = await server.api('GET', `/nope/${ID_NUMBER}?phone=${PHONE}`);
    assert.equal(nope.status, 404);
    const me = await server.api('GET', `/api/v1/auth/me?q=${PHONE}`, { headers: { authorization: `Bearer ${ID_NUMBER}` } });
    assert.equal(me.status, 401);
    const failed = await server.login(ID_NUMBER, PHONE);
    assert.equal(failed.status, 401);
    const raw = await server.api('POST', `/api/v1/auth/login?id=${ID_NUMBER}`, {
      raw: true,
      body: `{"username":"${ID_NUMBER}","password":"${PHONE}"`,
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(raw.status, 400);

    const wanted = [audit, nope, me, failed, raw].map((r) => r.requestId);
    const lines = await waitFor(
      () => {
        const l = server.accessLog();
        return wanted.every((rid) => l.some((x) => x.rid === rid)) && l;
      },
      { timeoutMs: 10_000, what: 'the access log lines' },
    );

    for (const out of [server.stdout, server.stderr]) {
      assert.ok(!out.includes(ID_NUMBER), `an ID number was logged:\n${out}`);
      assert.ok(!out.includes(PHONE), `a phone number was logged:\n${out}`);
    }

    const byRid = (rid) => lines.find((l) => l.rid === rid);
    const a = byRid(audit.requestId);
    assert.deepEqual(Object.keys(a).sort(), ['bytes', 'client', 'event', 'method', 'ms', 'rid', 'route', 'status', 'ts', 'user']);
    assert.equal(a.event, 'request');
    assert.equal(a.method, 'GET');
    assert.equal(a.route, '/api/v1/audit');
    assert.equal(a.status, 200);
    assert.equal(a.bytes, Buffer.byteLength(audit.text));
    assert.equal(typeof a.ms, 'number');
    assert.ok(a.ms >= 0);
    assert.equal(a.client, '127.0.0.1');
    assert.equal(a.user, adminId);
    assert.ok(Number.isFinite(Date.parse(a.ts)), a.ts);

    const n = byRid(nope.requestId);
    assert.equal(n.status, 404);
    assert.equal(n.method, 'GET');
    assert.equal(n.user, null);
    assert.ok(!n.route.includes('nope'), `unmatched path logged as route: ${n.route}`);

    assert.equal(byRid(me.requestId).status, 401);
    assert.equal(byRid(me.requestId).route, '/api/v1/auth/me');
    assert.equal(byRid(me.requestId).user, null);
    assert.equal(byRid(failed.requestId).status, 401);
    assert.equal(byRid(failed.requestId).route, '/api/v1/auth/login');
    assert.equal(byRid(raw.requestId).status, 400);

    // Every line that looks like a request record is one valid JSON object per line.
    for (const line of server.stdout.split('\n')) {
      if (line.includes('"event":"request"')) {
        assert.doesNotThrow(() => JSON.parse(line), line);
      }
    }
  });

  test('the log line of a login names the user who signed in', async () => {
    const r = await server.login(ADMIN.username, ADMIN.password);
    assert.equal(r.status, 200);
    const line = await waitFor(() => server.accessLog().find((l) => l.rid === r.requestId), { what: 'the login line' });
    assert.equal(line.user, adminId);
    assert.ok(!server.stdout.includes(r.json.token), 'the token was logged');
    assert.ok(!server.stdout.includes(ADMIN.password), 'the password was logged');
  });
});
