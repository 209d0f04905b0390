/**
 * Scale-out for real: two API processes (`tsx src/server/main.ts`) started at the same moment on
 * one fresh, empty PostgreSQL schema. Nothing one process needs may live only in the other's
 * memory: seeding, idempotent ingest, sessions, rate limits and reads must all agree.
 */
import { demoAccounts } from '../../src/server/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/server/store/open';
import type { Store } from '../../src/server/store/store';
import { lessonEvent, syncBody } from '../support/api';
import { freshPostgresSchema, postgresSkipped, TEST_DATABASE_URL } from '../support/databases';
import { startApiProcess, type ApiProcess } from '../support/processes';

const LESSON = 'giving-feedback.specific-feedback';
let a: ApiProcess;
let b: ApiProcess;
let store: Store;
let drop: () => Promise<void>;

async function signIn(server: ApiProcess, email = 'learner@demo.test', password = 'learn-daily') {
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  return { status: res.status, cookie: res.headers.get('set-cookie')?.split(';')[0] ?? '' };
}

const get = (server: ApiProcess, path: string, cookie: string) =>
  fetch(`${server.url}${path}`, { headers: { cookie } });
const post = (server: ApiProcess, path: string, cookie: string, body: unknown) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { cookie, origin: server.url, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe.skipIf(postgresSkipped)('two API processes on one PostgreSQL', () => {
  beforeAll(async () => {
    const db = await freshPostgresSchema();
    drop = db.drop;
    // Both at once on an empty database: one migrates and seeds, the other waits and skips.
    [a, b] = await Promise.all([
      startApiProcess({ DATABASE_URL: db.url }),
      startApiProcess({ DATABASE_URL: db.url }),
    ]);
    store = await openStore({ dialect: 'postgres', url: TEST_DATABASE_URL, schema: db.schema });
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await store?.close();
    await drop?.();
  });

  it('both start on an empty database and seed the demo people once', async () => {
    expect(a.url).not.toBe(b.url);
    expect(await store.countUsers()).toBe(demoAccounts.length);
    const seeded = [a, b].filter((p) => p.output().includes('Seeded demo accounts'));
    expect(seeded).toHaveLength(1);
    for (const p of [a, b]) expect((await fetch(`${p.url}/api/v1/health`)).status).toBe(200);
  });

  it('stores each event once when the same batch reaches both at the same moment', async () => {
    const { cookie } = await signIn(a);
    for (let round = 0; round < 5; round++) {
      const events = Array.from({ length: 8 }, (_, i) =>
        lessonEvent(i % 2 ? 'lesson_completed' : 'lesson_started', LESSON),
      );
      const body = syncBody(events);
      const answers = await Promise.all([a, b].map((p) => post(p, '/api/v1/sync', cookie, body)));
      expect(answers.map((r) => r.status)).toEqual([200, 200]);
      const [fromA, fromB] = (await Promise.all(answers.map((r) => r.json()))) as {
        results: { id: string; status: string }[];
      }[];
      for (const [i, event] of events.entries()) {
        const statuses = [fromA!.results[i]!, fromB!.results[i]!].map((r) => r.status).sort();
        expect(fromA!.results[i]!.id).toBe(event.id);
        expect(statuses).toEqual(['accepted', 'duplicate']);
      }
    }
    const stored = await store.userEvents('u-demo-learner');
    expect(stored).toHaveLength(40);
    expect(new Set(stored.map((e) => e.id)).size).toBe(40);
  });

  it('honours a session created on one process on the other, and a sign-out everywhere', async () => {
    const { status, cookie } = await signIn(a, 'manager@demo.test');
    expect(status).toBe(200);
    const me = await get(b, '/api/v1/me', cookie);
    expect(me.status).toBe(200);
    expect((await me.json()).user.email).toBe('manager@demo.test');
    expect((await post(b, '/api/v1/auth/logout', cookie, {})).status).toBe(200);
    expect((await get(a, '/api/v1/me', cookie)).status).toBe(401);
  });

  it('counts failed sign-ins across both processes', async () => {
    const statuses = [];
    // The failures one email makes from one address are counted together, whichever process
    // answers: the free ones, then a wait (429) however the attempts alternate.
    for (let i = 0; i < 8; i++)
      statuses.push((await signIn(i % 2 ? b : a, 'learner@globex.test', `wrong-${i}`)).status);
    expect(statuses.slice(0, 6)).toEqual(Array(6).fill(401));
    expect(statuses.slice(6)).toEqual([429, 429]);
  });

  it('answers the same state, catalog, module and leaderboard from either process', async () => {
    const { cookie } = await signIn(b);
    for (const path of ['/api/v1/me/state', '/api/v1/catalog', '/api/v1/modules/giving-feedback']) {
      const [fromA, fromB] = await Promise.all([a, b].map((p) => get(p, path, cookie)));
      expect(fromA!.status, path).toBe(200);
      expect(await fromA!.json(), path).toEqual(await fromB!.json());
    }
    // The cohort board is read from aggregates in the database: both processes answer the same
    // ranks and scores (only the time each answered differs).
    const board = '/api/v1/cohorts/demo-co-pilot/leaderboard?period=all';
    const [boardA, boardB] = await Promise.all([a, b].map((p) => get(p, board, cookie)));
    expect(boardA!.status).toBe(200);
    const withoutTime = async (res: Response) => ({ ...(await res.json()), updatedAt: undefined });
    const fromA = await withoutTime(boardA!);
    expect(fromA.entries.length).toBeGreaterThan(0);
    expect(fromA).toEqual(await withoutTime(boardB!));
    const state = await (await get(a, '/api/v1/me/state', cookie)).json();
    expect(state.completedLessonIds).toEqual([LESSON]);
  });

  it('keeps a learner going on the other process when one stops (nothing sticky)', async () => {
    const { cookie } = await signIn(a);
    const batch = syncBody([lessonEvent('lesson_started', LESSON)]);
    const first = await (await post(a, '/api/v1/sync', cookie, batch)).json();
    expect(first.results[0].status).toBe('accepted');
    await a.stop();
    // The answer was lost with process A: the device resends to whichever process is left.
    const resend = await post(b, '/api/v1/sync', cookie, batch);
    expect(resend.status).toBe(200);
    expect((await resend.json()).results[0].status).toBe('duplicate');
    expect((await fetch(`${b.url}/api/v1/health`)).status).toBe(200);
  });
});
