// Never a lost acknowledged write: the server is killed (SIGKILL, no chance to flush or
// checkpoint) while guards' scans stream in, then started again on the same database. Every scan
// it had answered is there, and a retry of it gets the first answer back. A killed process
// leaves what it wrote in the kernel's page cache, so this checks the order (no answer before
// its commit) and the recovery of the log on restart, not the fsync itself; a server that
// answered 200 ms before committing lost 16 of 192 scans here.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';

import {
  DEMO,
  declareFor,
  revealedResident,
  sleep,
  startDemoServer,
  startServer,
  stopAll,
  tokensFor,
} from './support.mjs';

const GB = DEMO.community;
const kStreams = 16;
const kStreamMs = 2500;

let server;
let tmp;

before(async () => {
  ({ server, tmp } = await startDemoServer());
});

after(stopAll);

describe('durability', () => {
  test('every acknowledged scan outlives the server killed mid-stream', async (ctx) => {
    const t = await tokensFor(server, ['manager', 'guard1']);
    const list = await server.api('GET', `/api/v1/communities/${GB}/entrances`, { token: t.manager });
    const entrance = list.json.items.find((e) => e.zone_id === 1);
    assert.ok(entrance, list.text);
    const p = await revealedResident(server, t.manager, 'zone_id=1', 'durability test');
    const declared = await declareFor(server, p);

    // Scans stream in; each answered one is kept with its body and its answer.
    const acknowledged = [];
    let failed = 0;
    let stop = false;
    const stream = async (n) => {
      for (let i = 0; !stop; i++) {
        const body = {
          entrance_id: entrance.id,
          token: declared.pass.token,
          direction: i % 2 === 0 ? 'in' : 'out',
          temperature: 36.4,
          client_event_id: randomUUID(),
        };
        try {
          const r = await server.api('POST', '/api/v1/gate-events', { token: t.guard1, body });
          if (r.status === 201) {
            acknowledged.push({ body, answer: r.json });
          } else {
            assert.fail(`stream ${n}: ${r.status} ${r.text}`);
          }
        } catch (err) {
          if (err instanceof assert.AssertionError) {
            throw err;
          }
          failed += 1; // the server is gone
          return;
        }
      }
    };
    const streams = Array.from({ length: kStreams }, (_, n) => stream(n));
    await sleep(kStreamMs);
    server.proc.kill('SIGKILL');
    await server.exited;
    stop = true;
    await Promise.all(streams);
    assert.equal(server.exitSignal, 'SIGKILL');
    assert.ok(acknowledged.length > 100, `only ${acknowledged.length} scans answered before the kill`);
    // Each stream sends its next scan as soon as one is answered, so every stream had one
    // waiting when the server was killed.
    ctx.diagnostic(`${acknowledged.length} scans answered, ${failed} cut off by the kill`);

    const again = await startServer({ db: tmp.db });
    const guard = (await tokensFor(again, ['guard1'])).guard1;
    const entrances = await again.api('GET', `/api/v1/communities/${GB}/entrances`, { token: guard });
    assert.equal(entrances.status, 200, entrances.text);
    const missing = [];
    for (let i = 0; i < acknowledged.length; i += kStreams) {
      const slice = acknowledged.slice(i, i + kStreams);
      const retries = await Promise.all(
        slice.map(({ body }) => again.api('POST', '/api/v1/gate-events', { token: guard, body })),
      );
      retries.forEach((r, j) => {
        const { body, answer } = slice[j];
        assert.equal(r.status, 201, r.text);
        if (r.headers.get('idempotent-replayed') !== 'true') {
          missing.push(body.client_event_id);
          return;
        }
        assert.deepEqual(r.json, answer, r.text);
      });
    }
    assert.deepEqual(missing, [], `${missing.length} of ${acknowledged.length} acknowledged scans lost`);
  });
});
