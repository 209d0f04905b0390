/**
 * A database restart is survived (a managed database's failover looks the same): two API processes
 * on one PostgreSQL of the test's own, a device syncing to both in turn, and PostgreSQL stopped
 * and started twice under them. While it is away, health answers 503 and a sync is refused with
 * a 503 (the device resends the same batch); when it is back, both processes serve again without
 * being restarted, and every event the device sent is stored exactly once.
 *
 * Never the machine's shared PostgreSQL: this one is started from npm's binaries for this test.
 */
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../src/core/events';
import { LOCK_INGEST } from '../../src/server/store/locks';
import { openStore } from '../../src/server/store/open';
import { lessonEvent, syncBody } from '../support/api';
import { postgresSkipped } from '../support/databases';
import { startPrivatePostgres } from '../support/private-postgres';
import { signInTo, startApiProcess, type ApiProcess } from '../support/processes';

const LESSON = 'giving-feedback.specific-feedback';
const LEARNER = 'u-demo-learner';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const clean of cleanups.reverse()) await clean().catch(() => undefined);
});

async function healthOf(server: ApiProcess): Promise<number> {
  const res = await fetch(`${server.url}/api/v1/health`).catch(() => undefined);
  return res?.status ?? 0;
}

/** Waits until every process's health answers `status` (0: no answer at all). */
async function healthBecomes(processes: ApiProcess[], status: number) {
  let seen: number[] = [];
  for (let i = 0; i < 300; i++) {
    seen = await Promise.all(processes.map(healthOf));
    if (seen.every((s) => s === status)) return;
    await sleep(100);
  }
  throw new Error(`health never answered ${status} (last: ${seen.join(', ')})`);
}

describe.skipIf(postgresSkipped)('PostgreSQL stopped and started twice under two processes', () => {
  it('answers 503 while it is away, serves again when it is back, and stores every event once', async () => {
    const pg_ = await startPrivatePostgres();
    cleanups.push(() => pg_.dispose());
    const env = { DATABASE_URL: `${pg_.url}?schema=restart` };
    const processes = await Promise.all([startApiProcess(env), startApiProcess(env)]);
    cleanups.push(() => Promise.all(processes.map((p) => p.stop())));
    const cookie = await signInTo(processes[0]!);

    const exits: Array<number | null> = [];
    for (const p of processes) void p.exited.then((code) => exits.push(code));

    // Until a batch is answered 200 it is resent as it was (same ids), to the next process, as the
    // app's outbox does.
    const sent: ProgressEvent[] = [];
    const refusals: number[] = [];
    const store = async (turn: number) => {
      const events = [
        lessonEvent('lesson_started', LESSON),
        lessonEvent('lesson_completed', LESSON),
      ];
      sent.push(...events);
      for (let attempt = 0; ; attempt++) {
        const server = processes[(turn + attempt) % 2]!;
        const res = await fetch(`${server.url}/api/v1/sync`, {
          method: 'POST',
          headers: { cookie, origin: server.url, 'content-type': 'application/json' },
          body: JSON.stringify(syncBody(events)),
        }).catch(() => undefined);
        if (res?.status === 200) return;
        refusals.push(res?.status ?? 0);
        await sleep(250);
      }
    };
    // The device: a batch every 1.5 s (within the per-person sync bound), to the processes in turn.
    let stop = false;
    let accepted = 0;
    const device = (async () => {
      for (let turn = 0; !stop; turn++) {
        await store(turn);
        accepted++;
        await sleep(1_500);
      }
    })();

    for (let round = 0; round < 2; round++) {
      const before = accepted;
      while (accepted < before + 3) await sleep(50);
      // A sync on each process waits inside its transaction (for the learner's lock, held here)
      // when the database goes: each process has a client checked out that loses its connection.
      const holder = new pg.Client({ connectionString: pg_.url });
      holder.on('error', () => undefined);
      await holder.connect();
      await holder.query('SELECT pg_advisory_lock($1, hashtext($2))', [LOCK_INGEST, LEARNER]);
      const held = [store(0), store(1)];
      for (let waiting = 0; waiting < 2; await sleep(50)) {
        const { rows } = await holder.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`,
        );
        waiting = rows[0]!.n;
      }
      await pg_.stop();
      await sleep(500);
      expect(exits, 'no process exits when the database goes').toEqual([]);
      await healthBecomes(processes, 503);
      await sleep(1_000); // the device keeps trying meanwhile
      await pg_.start();
      await healthBecomes(processes, 200);
      await Promise.all(held);
      const back = accepted;
      while (accepted < back + 2) await sleep(50);
      // Neither process has exited: each was there all along and serves again.
      expect(exits).toEqual([]);
    }
    stop = true;
    await device;

    // Refused while the database was away, with a 503 the device can wait out; never another 5xx.
    expect(refusals.length).toBeGreaterThan(0);
    expect(new Set(refusals)).toEqual(new Set([503]));
    const stored = await openStore({ dialect: 'postgres', url: pg_.url, schema: 'restart' });
    const ids = (await stored.userEvents(LEARNER)).map((e) => e.id);
    await stored.close();
    expect(ids.length).toBe(sent.length);
    expect(new Set(ids)).toEqual(new Set(sent.map((e) => e.id)));
  }, 120_000);
});
