// Helpers shared by the black-box API tests: temporary directories, the `cordon` CLI, a server
// process per test file, and a small fetch wrapper.
//
// Every child process started here is remembered until it exits, so `stopAll()` (and the
// process 'exit' hook below) can end whatever a failing test left behind.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';

export const CORDON_BIN = process.env.CORDON_BIN || '/work/main/build/debug/src/cordon';

// ASan builds start slowly and hash slowly; keep every wait generous.
export const START_TIMEOUT_MS = 30_000;
export const CLI_TIMEOUT_MS = 30_000;
export const REQUEST_TIMEOUT_MS = 20_000;

const children = new Set();

function track(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

// Last resort: never leave a server running after the test process ends.
process.once('exit', () => {
  for (const child of children) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
});

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Polls `fn` until it returns a truthy value; returns that value or throws after `timeoutMs`.
export async function waitFor(fn, { timeoutMs = 10_000, intervalMs = 25, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await fn();
    if (last) {
      return last;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await sleep(intervalMs);
  }
}

// A fresh temporary directory; `cleanup()` removes it.
export async function makeTempDir(prefix = 'cordon-api-') {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  return {
    dir,
    db: path.join(dir, 'cordon.db'),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

// Runs the binary to completion. Resolves with { code, signal, stdout, stderr }.
export function runCli(args, { input, timeoutMs = CLI_TIMEOUT_MS, env } = {}) {
  return new Promise((resolve, reject) => {
    const child = track(
      spawn(CORDON_BIN, args, {
        stdio: ['pipe', 'pipe', 'pipe'],
        env: { ...process.env, ...env },
      }),
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`cordon ${args.join(' ')}: no exit after ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.on('error', () => {}); // the child may exit before reading
    child.stdin.end(input ?? '');
  });
}

// Creates a user with `cordon user add`; resolves with the new id.
export async function createUser(db, { username, password, role, scope, displayName }) {
  const args = ['user', 'add', username, '--role', role, '--password-stdin', '--db', db];
  if (scope) {
    args.push('--scope', scope);
  }
  if (displayName) {
    args.push('--display-name', displayName);
  }
  const r = await runCli(args, { input: `${password}\n` });
  if (r.code !== 0) {
    throw new Error(`cordon user add ${username} exited ${r.code}:\n${r.stderr}${r.stdout}`);
  }
  const m = /\(id (\d+)/.exec(r.stdout);
  assert.ok(m, `no id in the output of user add: ${r.stdout}`);
  return Number(m[1]);
}

// The server's access log lines (stdout lines that are JSON request records).
function parseAccessLog(stdout) {
  const out = [];
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) {
      continue;
    }
    try {
      const o = JSON.parse(line);
      if (o && o.event === 'request') {
        out.push(o);
      }
    } catch {
      // not a JSON line: ignore here (the tests that care look at raw stdout)
    }
  }
  return out;
}

// Starts `cordon serve` on a free port. Resolves once it prints its listening line.
export async function startServer({ db, args = [], timeoutMs = START_TIMEOUT_MS } = {}) {
  assert.ok(db, 'startServer needs a database path');
  const child = track(
    spawn(CORDON_BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  const server = {
    proc: child,
    pid: child.pid,
    stdout: '',
    stderr: '',
    url: null,
    port: null,
    exitCode: undefined,
    exitSignal: undefined,
  };
  const exited = new Promise((resolve) => {
    child.once('close', (code, signal) => {
      server.exitCode = code;
      server.exitSignal = signal;
      resolve(code);
    });
  });
  server.exited = exited;
  child.stdout.setEncoding('utf8').on('data', (d) => (server.stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d) => (server.stderr += d));

  await new Promise((resolve, reject) => {
    let done = false;
    const finish = (err) => {
      if (done) {
        return;
      }
      done = true;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      if (err) {
        child.kill('SIGKILL');
        reject(err);
      } else {
        resolve();
      }
    };
    const onData = () => {
      const m = /cordon listening on (http:\/\/[^\s]+?):(\d+)\s*\n/.exec(server.stdout);
      if (m) {
        server.port = Number(m[2]);
        server.url = `${m[1]}:${m[2]}`;
        finish();
      }
    };
    const timer = setTimeout(
      () =>
        finish(
          new Error(
            `cordon serve did not report listening within ${timeoutMs} ms\n` +
              `stdout:\n${server.stdout}\nstderr:\n${server.stderr}`,
          ),
        ),
      timeoutMs,
    );
    child.stdout.on('data', onData);
    child.once('error', (err) => finish(err));
    exited.then((code) =>
      finish(
        new Error(
          `cordon serve exited (${code}) before listening\nstdout:\n${server.stdout}\nstderr:\n${server.stderr}`,
        ),
      ),
    );
  });

  server.alive = () => server.exitCode === undefined;
  server.accessLog = () => parseAccessLog(server.stdout);
  server.api = (method, p, opts) => api(server.url, method, p, opts);
  server.login = (username, password, opts) => login(server.url, username, password, opts);

  // SIGTERM, then wait. Resolves with the exit code (null if it died by a signal).
  server.stop = async ({ timeoutMs = 15_000 } = {}) => {
    if (server.exitCode !== undefined) {
      return server.exitCode;
    }
    child.kill('SIGTERM');
    let timer;
    const timeout = new Promise((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const r = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    if (r === 'timeout') {
      child.kill('SIGKILL');
      await exited;
      throw new Error(`cordon serve did not stop within ${timeoutMs} ms after SIGTERM`);
    }
    return server.exitCode;
  };
  return server;
}

// Stops every server still running (for `after` hooks).
export async function stopAll() {
  const pending = [];
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      pending.push(
        new Promise((resolve) => {
          const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
          child.once('exit', () => {
            clearTimeout(t);
            resolve();
          });
          child.kill('SIGTERM');
        }),
      );
    }
  }
  await Promise.all(pending);
}

// One HTTP request. `body`: a plain value is sent as JSON (with its Content-Type unless
// `headers` sets one); with `raw: true` a string or Buffer is sent as it is, and no Content-Type
// is added. Resolves with { status, headers, text, json, requestId }.
export async function api(baseUrl, method, p, { token, body, headers = {}, raw = false, timeoutMs = REQUEST_TIMEOUT_MS } = {}) {
  const h = { ...headers };
  const has = (name) => Object.keys(h).some((k) => k.toLowerCase() === name);
  if (token !== undefined && !has('authorization')) {
    h.authorization = `Bearer ${token}`;
  }
  let payload;
  if (body !== undefined) {
    if (raw) {
      payload = body;
    } else {
      payload = JSON.stringify(body);
      if (!has('content-type')) {
        h['content-type'] = 'application/json';
      }
    }
  }
  const res = await fetch(baseUrl + p, {
    method,
    headers: h,
    body: payload,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  let json;
  if (text.length > 0) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  return {
    status: res.status,
    headers: res.headers,
    text,
    json,
    requestId: res.headers.get('x-request-id'),
  };
}

export async function login(baseUrl, username, password, opts = {}) {
  return api(baseUrl, 'POST', '/api/v1/auth/login', { ...opts, body: { username, password } });
}

// Logs in and returns the token, failing the test on anything but 200.
export async function tokenFor(server, username, password) {
  const r = await server.login(username, password);
  assert.equal(r.status, 200, `login ${username}: ${r.status} ${r.text}`);
  return r.json.token;
}

const CJK = /[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]/;
export const hasCjk = (s) => CJK.test(s);
export const isAscii = (s) => /^[\x20-\x7e]*$/.test(s);

// Asserts the error shape {"error":{"code","message","field"?}} and the status.
// `field`: the expected field, or null when none must be present; undefined skips the check.
export function assertError(res, status, code, { field, lang } = {}) {
  const where = `${res.status} ${res.text}`;
  assert.equal(res.status, status, `status (${where})`);
  assert.ok(res.requestId, `X-Request-Id missing (${where})`);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/, `content-type (${where})`);
  assert.ok(res.json && typeof res.json === 'object', `body is not JSON (${where})`);
  assert.deepEqual(Object.keys(res.json), ['error'], `top-level keys (${where})`);
  const e = res.json.error;
  assert.equal(typeof e, 'object');
  for (const k of Object.keys(e)) {
    assert.ok(['code', 'message', 'field'].includes(k), `unexpected key ${k} in error (${where})`);
  }
  assert.equal(e.code, code, `code (${where})`);
  assert.equal(typeof e.message, 'string', `message (${where})`);
  assert.ok(e.message.trim().length > 0, `empty message (${where})`);
  assert.notEqual(e.message, e.code, `message is just the code (${where})`);
  if (field === null) {
    assert.equal(e.field, undefined, `no field expected (${where})`);
  } else if (field !== undefined) {
    assert.equal(e.field, field, `field (${where})`);
  }
  if (lang === 'zh') {
    assert.ok(hasCjk(e.message), `zh-CN message expected: ${e.message}`);
  } else if (lang === 'en') {
    // English: Latin words and no CJK (typographic dashes such as "3–32" are fine).
    assert.ok(!hasCjk(e.message) && /[A-Za-z]{3,} [A-Za-z]{2,}/.test(e.message), `English message expected: ${e.message}`);
  }
  return e;
}

// A loose check for anything that claims to be an error: used by the fuzz test.
export function assertErrorShape(res, context = '') {
  const where = `${context} -> ${res.status} ${res.text.slice(0, 300)}`;
  assert.ok(res.status >= 400 && res.status < 500, `expected a 4xx (${where})`);
  assert.ok(res.requestId, `X-Request-Id missing (${where})`);
  assert.ok(res.json && typeof res.json.error === 'object', `not an error body (${where})`);
  assert.deepEqual(Object.keys(res.json), ['error'], `top-level keys (${where})`);
  const e = res.json.error;
  assert.equal(typeof e.code, 'string', `code (${where})`);
  assert.match(e.code, /^[a-z_]+(\.[a-z_]+)+$/, `code format (${where})`);
  assert.equal(typeof e.message, 'string', `message (${where})`);
  assert.ok(e.message.length > 0 && e.message !== e.code, `message (${where})`);
  if (e.field !== undefined) {
    assert.equal(typeof e.field, 'string', `field (${where})`);
  }
}

// A deterministic PRNG so that a failing fuzz case can be reproduced.
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Writes `data` on a fresh TCP connection and collects whatever comes back until the server
// closes the connection (or `timeoutMs` passes). `closeAfterMs`: the client hangs up that long
// after writing instead of waiting for the server. Resolves with the bytes received as text.
export async function rawExchange(port, data, { closeAfterMs, halfClose = false, timeoutMs = 10_000 } = {}) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks = [];
    let settled = false;
    const done = (err) => {
      if (settled) {
        return;
      }
      settled = true;
      clearTimeout(timer);
      clearTimeout(hangup);
      socket.destroy();
      if (err) {
        reject(err);
      } else {
        resolve(Buffer.concat(chunks).toString('utf8'));
      }
    };
    let hangup;
    const timer = setTimeout(
      () => done(new Error(`raw exchange: no close from the server within ${timeoutMs} ms`)),
      timeoutMs,
    );
    socket.on('data', (d) => chunks.push(d));
    // A reset after the server has answered is fine: the answer is what counts.
    socket.on('error', (err) => (err.code === 'ECONNRESET' || err.code === 'EPIPE' ? done() : done(err)));
    socket.on('close', () => done());
    socket.on('connect', () => {
      socket.write(data);
      if (closeAfterMs !== undefined) {
        hangup = setTimeout(() => done(), closeAfterMs);
      } else if (halfClose) {
        socket.end();
      }
    });
  });
}

// Splits a raw HTTP/1.x response into { status, headers (lower-case names), body, json }.
export function parseRawResponse(text) {
  const sep = text.indexOf('\r\n\r\n');
  assert.ok(sep > 0, `not an HTTP response: ${JSON.stringify(text.slice(0, 200))}`);
  const [statusLine, ...lines] = text.slice(0, sep).split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3}) /.exec(statusLine);
  assert.ok(m, `bad status line: ${statusLine}`);
  const headers = {};
  for (const line of lines) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  const body = text.slice(sep + 4);
  let json;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  return { status: Number(m[1]), headers, body, json };
}

// Resolves like `promise`, or rejects after `ms` (the timer is cleared either way, so it never
// keeps the test process alive).
export async function withTimeout(promise, ms, what = 'operation') {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
