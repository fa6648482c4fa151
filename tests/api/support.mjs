// Helpers shared by the black-box API tests: temporary directories, the `cordon` CLI, a server
// process per test file, and a small fetch wrapper.
//
// Every child process started here is remembered until it exits, so `stopAll()` (and the
// process 'exit' hook below) can end whatever a failing test left behind.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

// The tests run against SQLite files, or, when CORDON_TEST_POSTGRES names a PostgreSQL server
// (postgresql://user@host:port/db), each against a database of its own made on that server.
export const POSTGRES = process.env.CORDON_TEST_POSTGRES || '';
if (POSTGRES && !process.env.CORDON_KEY) {
  // Every server of a PostgreSQL database is given its sealing key; the tests share one.
  process.env.CORDON_KEY = 'a1'.repeat(32);
}

let databases = 0;

function psql(sql) {
  execFileSync('psql', ['-v', 'ON_ERROR_STOP=1', '-q', '-d', POSTGRES, '-c', sql], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

// A fresh temporary directory and database; `cleanup()` removes both.
export async function makeTempDir(prefix = 'cordon-api-') {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  if (!POSTGRES) {
    return {
      dir,
      db: path.join(dir, 'cordon.db'),
      cleanup: () => rm(dir, { recursive: true, force: true }),
    };
  }
  const name = `cordon_test_${process.pid}_${++databases}`;
  psql(`CREATE DATABASE ${name}`);
  const url = new URL(POSTGRES);
  url.pathname = `/${name}`;
  return {
    dir,
    db: url.toString(),
    cleanup: async () => {
      await rm(dir, { recursive: true, force: true });
      psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
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

// ---------------------------------------------------------------------------------------------
// The person registry: the demo community, synthetic ID and phone numbers, sheets, downloads.

// What `cordon demo` builds (see src/cli/commands.cpp BuildDemo).
export const DEMO = Object.freeze({
  community: '441900003013',
  name: '岗贝社区',
  password: 'cordon-demo-2020',
  zones: 4,
  persons: 5000,
  households: 2000,
  buildings: 40,
});

// Runs `cordon demo --db db` (about 5 s under ASan), with its day of work when `activity`; fails
// the test unless it succeeds.
export async function runDemo(db, { activity = false } = {}) {
  const r = await runCli(['demo', '--db', db, ...(activity ? ['--activity'] : [])], { timeoutMs: 300_000 });
  if (r.code !== 0) {
    throw new Error(`cordon demo exited ${r.code}:\n${r.stderr}${r.stdout}`);
  }
  return r;
}

// A fresh temp dir with the demo database and a server on it. Resolves with { server, tmp }.
export async function startDemoServer({ args = [], activity = false } = {}) {
  const tmp = await makeTempDir('cordon-registry-');
  await runDemo(tmp.db, { activity });
  const server = await startServer({ db: tmp.db, args });
  return { server, tmp };
}

// Logs each user in (all with one password); resolves with { username: token }.
export async function tokensFor(server, usernames, password = DEMO.password) {
  const out = {};
  for (const u of usernames) {
    out[u] = await tokenFor(server, u, password);
  }
  return out;
}

// The first demo resident that `query` (persons list parameters) finds, with their ID number and
// phone read whole through revealPerson by `token`'s user.
export async function revealedResident(server, token, query, reason) {
  const list = await server.api('GET', `/api/v1/communities/${DEMO.community}/persons?limit=1&${query}`, { token });
  const p = list.json.items[0];
  const full = await server.api('POST', `/api/v1/persons/${p.id}/reveal`, { token, body: { reason } });
  return { ...p, id_number: full.json.id_number, phone: full.json.phone };
}

// `p` declares on the public page, well unless `extra` says otherwise; resolves with the answer
// (declaration and pass).
export async function declareFor(server, p, extra = {}) {
  const r = await server.api('POST', '/api/v1/declarations', {
    body: {
      community_code: DEMO.community, name: p.name, id_number: p.id_number, phone: p.phone,
      temperature: 36.5, symptoms: [], travel: [], promise: true, ...extra,
    },
  });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

// GB 11643 MOD 11-2 check character of the first 17 digits of a resident ID number.
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
export function idCheckChar(first17) {
  assert.match(first17, /^\d{17}$/);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += Number(first17[i]) * ID_WEIGHTS[i];
  }
  return '10X98765432'[sum % 11];
}

// A valid resident ID number: 6-digit region, birth date YYYYMMDD, 3-digit sequence (odd for a
// man, even for a woman), check character.
export function makeIdNumber({ region = '110105', birth = '19800101', seq = 1 } = {}) {
  const first17 = `${region}${birth}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

// The same number with a wrong check character.
export function breakCheckChar(id) {
  const right = id[17];
  const wrong = '10X98765432'.split('').find((c) => c !== right);
  return id.slice(0, 17) + wrong;
}

// Unique valid ID numbers: the n-th has birth date `from` + floor(n / 999) days and sequence
// 1 + n % 999. Use a region no other source of numbers in the same database uses (the demo uses
// 441900, 430102, 360102, 450102, 510104).
export function idSequence({ region = '110105', from = '1960-01-01' } = {}) {
  let n = 0;
  const start = Date.parse(`${from}T00:00:00Z`);
  return {
    next() {
      const day = new Date(start + Math.floor(n / 999) * 86_400_000);
      const birth = day.toISOString().slice(0, 10).replaceAll('-', '');
      const seq = 1 + (n % 999);
      n += 1;
      return makeIdNumber({ region, birth, seq });
    },
  };
}

// Unique valid mobile numbers with a prefix the demo does not use.
export function phoneSequence(prefix = '171', start = 0) {
  let n = start;
  return { next: () => `${prefix}${String(n++).padStart(8, '0')}` };
}

// The masked forms the server shows (identity::MaskIdNumber / MaskPhone).
export const maskId = (id) => `${id.slice(0, 6)}********${id.slice(14)}`;
export const maskPhone = (p) => `${p.slice(0, 3)}****${p.slice(7)}`;

// Fails unless none of the full numbers (nor their long unmasked runs) is in `text`.
export function assertNoNumbers(text, { ids = [], phones = [] }, where = '') {
  for (const id of ids) {
    for (const s of [id, id.toLowerCase(), id.slice(0, 14), id.slice(4)]) {
      assert.ok(!text.includes(s), `${where}: the ID number ${id} leaks (${s}) in ${text.slice(0, 400)}`);
    }
  }
  for (const p of phones) {
    for (const s of [p, p.slice(0, 7), p.slice(3)]) {
      assert.ok(!text.includes(s), `${where}: the phone ${p} leaks (${s}) in ${text.slice(0, 400)}`);
    }
  }
}

// CSV text from rows of cells (quoted where needed), CRLF line ends; `bom` prepends U+FEFF.
export function csvText(rows, { bom = false, eol = '\r\n' } = {}) {
  const cell = (v) => {
    const s = v === undefined || v === null ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return (bom ? '\ufeff' : '') + rows.map((r) => r.map(cell).join(',')).join(eol) + eol;
}

// Parses CSV text (RFC 4180, as the server writes it) into rows of cells; drops a UTF-8 BOM.
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  let i = text.startsWith('\ufeff') ? 1 : 0;
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') {
        i++;
      }
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else {
      cell += c;
    }
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

// UTF-8 text as GBK bytes, by glibc's iconv (Node has no GBK encoder).
export function encodeGbk(text) {
  return execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: Buffer.from(text, 'utf8') });
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// One HTTP request whose answer is kept as bytes (downloads). `body` is sent as it is (a string,
// Buffer, Blob or FormData). Resolves with { status, headers, buf, text, json, requestId }.
export async function fetchBytes(baseUrl, method, p, { token, body, headers = {}, timeoutMs = 60_000 } = {}) {
  const h = { ...headers };
  if (token !== undefined) {
    h.authorization = `Bearer ${token}`;
  }
  const res = await fetch(baseUrl + p, { method, headers: h, body, signal: AbortSignal.timeout(timeoutMs) });
  const buf = Buffer.from(await res.arrayBuffer());
  const text = buf.toString('utf8');
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, buf, text, json, requestId: res.headers.get('x-request-id') };
}

// Posts a sheet to POST /communities/{code}/imports. `body`: string (sent as UTF-8), Buffer or
// FormData; `type`: the Content-Type (ignored for FormData); `query`: e.g. { encoding: 'gb18030' }.
export async function postImport(server, token, code, body, { type = 'text/csv', query } = {}) {
  const qs = query ? `?${new URLSearchParams(query)}` : '';
  const headers = body instanceof FormData ? {} : { 'content-type': type };
  const r = await fetchBytes(server.url, 'POST', `/api/v1/communities/${code}/imports${qs}`, {
    token,
    headers,
    body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
  });
  return r;
}

// The audit entries matching `params` (admin token), newest first.
export async function auditEntries(server, adminToken, params = {}) {
  const r = await server.api('GET', `/api/v1/audit?${new URLSearchParams({ limit: 200, ...params })}`, {
    token: adminToken,
  });
  assert.equal(r.status, 200, r.text);
  return r.json.items;
}

// Sets up a second community through the admin API: region, community, zones, and optionally
// one building/unit/household per zone and a manager. Resolves with what it made.
export async function createCommunity(server, adminToken, {
  region = '441900004',
  regionName = '南城街道',
  code = '441900004001',
  name = '另一社区',
  zones = [{ number: 1, name: '一区' }],
  places = true,
  manager,
} = {}) {
  const call = async (method, p, body, status) => {
    const r = await server.api(method, p, { token: adminToken, body });
    assert.equal(r.status, status, `${method} ${p}: ${r.status} ${r.text}`);
    return r.json;
  };
  await call('PUT', `/api/v1/regions/${region}`, { name: regionName }, 200);
  const community = await call('POST', '/api/v1/communities', { code, name, region_code: region }, 201);
  const out = { community, code, zones: [], buildings: [], units: [], households: [] };
  for (const z of zones) {
    const zone = await call('POST', `/api/v1/communities/${code}/zones`, z, 201);
    out.zones.push(zone);
    if (places) {
      const b = await call('POST', `/api/v1/communities/${code}/buildings`, { zone_id: zone.id, name: `${z.number}栋` }, 201);
      const u = await call('POST', `/api/v1/buildings/${b.id}/units`, { name: '1单元' }, 201);
      const h = await call('POST', `/api/v1/units/${u.id}/households`, { room: '101' }, 201);
      out.buildings.push(b);
      out.units.push(u);
      out.households.push(h);
    }
  }
  if (manager) {
    const u = await call('POST', '/api/v1/users', {
      username: manager.username,
      password: manager.password,
      role: 'manager',
      scope: `community:${code}`,
    }, 201);
    out.manager = u;
  }
  return out;
}

// The entries of a zip file (an .xlsx), read with the `unzip` command: `entry` names one, or
// every entry is concatenated. Resolves to '' for a missing entry.
export function unzipText(buf, entry) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cordon-xlsx-'));
  const file = path.join(dir, 'book.xlsx');
  try {
    writeFileSync(file, buf);
    const args = entry ? ['-p', file, entry] : ['-p', file];
    return execFileSync('unzip', args, { maxBuffer: 256 << 20, stdio: ['ignore', 'pipe', 'ignore'] }).toString('utf8');
  } catch (e) {
    if (e.status === 11) {
      return ''; // no such entry
    }
    throw e;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const XML_ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unxml = (s) =>
  s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : XML_ENTITIES[e],
  );
const runsText = (xml) => [...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => unxml(m[1])).join('');

// The first sheet of an .xlsx as rows of cell texts, by the sheet's own row numbers: rows[0] is
// row 1; a row the sheet leaves out is []. Enough for shared, inline and number cells.
export function xlsxRows(buf) {
  const shared = [...unzipText(buf, 'xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => runsText(m[1]));
  const sheet = unzipText(buf, 'xl/worksheets/sheet1.xml');
  const rows = [];
  for (const row of sheet.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const r = Number(/\br="(\d+)"/.exec(row[1])[1]);
    const cells = [];
    for (const c of (row[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const ref = /\br="([A-Z]+)\d+"/.exec(c[1])[1];
      let col = 0;
      for (const ch of ref) {
        col = col * 26 + (ch.charCodeAt(0) - 64);
      }
      const type = /\bt="(\w+)"/.exec(c[1])?.[1];
      const body = c[2] ?? '';
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      let text = '';
      if (type === 's') {
        text = shared[Number(v)];
      } else if (type === 'inlineStr') {
        text = runsText(body);
      } else if (v !== undefined) {
        text = unxml(v);
      }
      while (cells.length < col - 1) {
        cells.push('');
      }
      cells[col - 1] = text;
    }
    while (rows.length < r - 1) {
      rows.push([]);
    }
    rows[r - 1] = cells;
  }
  return rows;
}

// A rejected import: 422 with the error shape (code import.rejected) and the report beside it
// under "import". Returns the report.
export function assertImportRejected(r) {
  const where = `${r.status} ${r.text.slice(0, 500)}`;
  assert.equal(r.status, 422, where);
  assert.ok(r.requestId, `X-Request-Id missing (${where})`);
  assert.match(r.headers.get('content-type') ?? '', /^application\/json/, where);
  assert.deepEqual(Object.keys(r.json ?? {}).sort(), ['error', 'import'], where);
  assert.equal(r.json.error.code, 'import.rejected', where);
  assert.equal(typeof r.json.error.message, 'string');
  const report = r.json.import;
  assert.equal(report.applied, false, where);
  assert.equal(report.created + report.updated + report.unchanged, 0, where);
  assert.ok(report.error_count >= report.errors.length && report.error_count > 0, where);
  return report;
}

// The server is still up and its stderr holds no sanitizer report (ASan, UBSan, LSan).
export function assertServerHealthy(server) {
  assert.ok(server.alive(), `the server exited (${server.exitCode}, ${server.exitSignal})\n${server.stderr.slice(-2000)}`);
  const m = /(AddressSanitizer|LeakSanitizer|runtime error:|UndefinedBehaviorSanitizer)[^\n]*/.exec(server.stderr);
  assert.equal(m, null, `sanitizer report:\n${server.stderr.slice(Math.max(0, (m?.index ?? 0) - 200), (m?.index ?? 0) + 3000)}`);
}
