// Backup and restore, tried: a copy taken while a server is writing (SQLite: `cordon backup`;
// PostgreSQL: pg_dump and pg_restore), then a server on the restored copy, with the same sealing
// key, that signs in and reads the same registry, its numbers unsealed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

import {
  DEMO,
  POSTGRES,
  makeTempDir,
  runCli,
  runDemo,
  startServer,
  stopAll,
  tokenFor,
} from './support.mjs';

const GB = DEMO.community;

// What a restored copy must give back: the registry's size and one person's revealed numbers.
async function snapshot(server) {
  const token = await tokenFor(server, 'manager', DEMO.password);
  const persons = await server.api('GET', `/api/v1/communities/${GB}/persons?limit=3`, { token });
  assert.equal(persons.status, 200, persons.text);
  const first = persons.json.items[0];
  const full = await server.api('POST', `/api/v1/persons/${first.id}/reveal`, {
    token,
    body: { reason: 'backup test' },
  });
  assert.equal(full.status, 200, full.text);
  const households = await server.api('GET', `/api/v1/communities/${GB}/households?limit=1`, { token });
  assert.equal(households.status, 200, households.text);
  return { ids: persons.json.items.map((p) => p.id), id_number: full.json.id_number, phone: full.json.phone };
}

describe('backup and restore', () => {
  let tmp;
  let restoredDb;

  before(async () => {
    tmp = await makeTempDir('cordon-backup-');
    await runDemo(tmp.db);
  });

  after(async () => {
    await stopAll();
    if (restoredDb && POSTGRES) {
      execFileSync('psql', ['-q', '-d', POSTGRES, '-c', `DROP DATABASE IF EXISTS ${restoredDb} WITH (FORCE)`]);
    }
    await tmp?.cleanup();
  });

  test('a copy taken while the server writes restores to a working server', async () => {
    const server = await startServer({ db: tmp.db });
    const before = await snapshot(server);

    // Writes going on while the copy is taken: sign-ins, each a new session.
    let writing = true;
    const writer = (async () => {
      let n = 0;
      while (writing) {
        const r = await server.api('POST', '/api/v1/auth/login', {
          body: { username: 'manager', password: DEMO.password },
        });
        assert.equal(r.status, 200, r.text);
        n += 1;
      }
      return n;
    })();

    let restoredServer;
    if (!POSTGRES) {
      const copy = path.join(tmp.dir, 'copy.db');
      const r = await runCli(['backup', '--db', tmp.db, copy]);
      writing = false;
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /backed up .* pages/);
      // A second backup onto the same file is refused rather than overwriting it.
      const again = await runCli(['backup', '--db', tmp.db, copy]);
      assert.notEqual(again.code, 0);
      assert.match(again.stderr, /exists already/);
      restoredServer = await startServer({ db: copy, args: ['--key-file', tmp.db.replace(/\.db$/, '.key')] });
    } else {
      const dump = path.join(tmp.dir, 'cordon.dump');
      execFileSync('pg_dump', ['-Fc', '-f', dump, '-d', tmp.db]);
      writing = false;
      restoredDb = `cordon_restored_${process.pid}`;
      execFileSync('psql', ['-q', '-d', POSTGRES, '-c', `CREATE DATABASE ${restoredDb}`]);
      const url = new URL(POSTGRES);
      url.pathname = `/${restoredDb}`;
      execFileSync('pg_restore', ['--exit-on-error', '-d', url.toString(), dump]);
      restoredServer = await startServer({ db: url.toString() });
    }
    assert.ok((await writer) > 0, 'writes went on during the copy');

    const after = await snapshot(restoredServer);
    assert.deepEqual(after, before);
    // The restored copy takes writes of its own.
    const restoredToken = await tokenFor(restoredServer, 'manager', DEMO.password);
    const me = await restoredServer.api('GET', '/api/v1/auth/me', { token: restoredToken });
    assert.equal(me.status, 200, me.text);
    await server.stop();
    await restoredServer.stop();
  });
});
