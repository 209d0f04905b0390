/**
 * Graceful shutdown, caused for real: SIGTERM to a running API process while syncs are in flight,
 * and a rolling restart of two processes on one PostgreSQL while devices keep syncing. Every
 * request that reached a process is answered, no answer is a 5xx, the process exits in time, and
 * every event is stored exactly once.
 */
import { request } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../src/core/events';
import { openStore } from '../../src/server/store/open';
import { lessonEvent, syncBody } from '../support/api';
import { freshPostgresSchema, postgresSkipped, TEST_DATABASE_URL } from '../support/databases';
import { signInTo as signIn, startApiProcess, type ApiProcess } from '../support/processes';

const LESSON = 'giving-feedback.specific-feedback';

type Outcome = { status: number; at: number } | { error: string; at: number };

/** A sync sent with node:http, so the test knows when its bytes have all left (`sent`). */
function syncSent(server: ApiProcess, cookie: string, events: ProgressEvent[]) {
  const body = JSON.stringify(syncBody(events));
  let sent!: Promise<void>;
  const answer = new Promise<Outcome>((resolve) => {
    const req = request(`${server.url}/api/v1/sync`, {
      method: 'POST',
      headers: {
        cookie,
        origin: server.url,
        'content-type': 'application/json',
        'content-length': body.length,
      },
    });
    sent = new Promise((done) => req.once('finish', done));
    req.once('response', (res) => {
      res.resume();
      res.once('end', () => resolve({ status: res.statusCode!, at: Date.now() }));
    });
    req.once('error', (err: NodeJS.ErrnoException) =>
      resolve({ error: err.code ?? err.message, at: Date.now() }),
    );
    req.end(body);
  });
  return { sent, answer };
}

const batchOf = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    lessonEvent(i % 2 ? 'lesson_completed' : 'lesson_started', LESSON),
  );

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const clean of cleanups.reverse()) await clean();
});

// PostgreSQL: its queries leave the loop free, so every request that reaches the process is
// read at once and waits its turn inside; SQLite's synchronous writes would leave late requests in
// the kernel's accept queue, where a stopping listener resets them before they were ever read.
describe.skipIf(postgresSkipped)('SIGTERM', () => {
  it('finishes the syncs in flight, answers none with a 5xx, exits cleanly and loses nothing', async () => {
    const db = await freshPostgresSchema();
    cleanups.push(db.drop);
    const server = await startApiProcess({ DATABASE_URL: db.url });
    cleanups.push(() => server.stop());
    const cookie = await signIn(server);

    const batches = Array.from({ length: 10 }, () => batchOf(100));
    const syncs = batches.map((events) => syncSent(server, cookie, events));
    // Every request has left the device and the process is busy answering them.
    await Promise.all(syncs.map((s) => s.sent));
    await Promise.race(syncs.map((s) => s.answer));
    const killedAt = Date.now();
    process.kill(server.pid, 'SIGTERM');
    const outcomes = await Promise.all(syncs.map((s) => s.answer));
    // Exit code 0 only when every request finished before the 8 s cut-off (1 when it had to cut).
    expect(await server.exited).toBe(0);
    // All ten had been sent before the signal: each is answered 200.
    expect(outcomes.map((o) => ('status' in o ? o.status : o.error))).toEqual(Array(10).fill(200));
    expect(outcomes.filter((o) => o.at >= killedAt).length).toBeGreaterThan(0);
    expect(server.output()).toContain('finishing the requests in flight');

    // And what was answered is stored, once.
    const store = await openStore({
      dialect: 'postgres',
      url: TEST_DATABASE_URL,
      schema: db.schema,
    });
    const stored = (await store.userEvents('u-demo-learner')).map((e) => e.id);
    await store.close();
    expect(stored.sort()).toEqual(
      batches
        .flat()
        .map((e) => e.id)
        .sort(),
    );
  }, 60_000);
});

describe.skipIf(postgresSkipped)('a rolling restart of two processes on one PostgreSQL', () => {
  it('keeps devices syncing with no 5xx and stores every event exactly once', async () => {
    const db = await freshPostgresSchema();
    cleanups.push(db.drop);
    const env = { DATABASE_URL: db.url };
    const processes = await Promise.all([startApiProcess(env), startApiProcess(env)]);
    cleanups.push(() => Promise.all(processes.map((p) => p.stop())));
    const learners = ['learner@demo.test', 'learner2@demo.test', 'learner@globex.test'];
    const cookies = await Promise.all(learners.map((email) => signIn(processes[0]!, email)));

    // Three learners' devices sync in a loop, a few times a second (within the per-person sync
    // bound), to either process; a refused or cut connection is retried on the other one with the
    // same batch (the client's contract: resend until answered).
    const all: ProgressEvent[] = [];
    const statuses: number[] = [];
    let stop = false;
    const device = async (offset: number) => {
      const cookie = cookies[offset]!;
      for (let turn = offset; !stop; turn++) {
        await new Promise((r) => setTimeout(r, 250));
        const events = batchOf(20);
        all.push(...events);
        for (let attempt = 0; ; attempt++) {
          const o = await syncSent(processes[(turn + attempt) % 2]!, cookie, events).answer;
          if ('status' in o) {
            statuses.push(o.status);
            if (o.status === 200) break;
          }
          if (attempt > 50) throw new Error('a batch was never accepted');
          await new Promise((r) => setTimeout(r, 20));
        }
      }
    };
    const devices = [device(0), device(1), device(2)];
    for (const i of [0, 1]) {
      await new Promise((r) => setTimeout(r, 500));
      const old = processes[i]!;
      process.kill(old.pid, 'SIGTERM');
      expect(await old.exited).toBe(0);
      processes[i] = await startApiProcess(env);
    }
    await new Promise((r) => setTimeout(r, 500));
    stop = true;
    await Promise.all(devices);

    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    const store = await openStore({
      dialect: 'postgres',
      url: TEST_DATABASE_URL,
      schema: db.schema,
    });
    const stored: string[] = [];
    for await (const row of store.exportRows('events')) stored.push(String(row.id));
    await store.close();
    expect(stored.length).toBe(all.length);
    expect(new Set(stored)).toEqual(new Set(all.map((e) => e.id)));
  }, 120_000);
});
