/**
 * Forwarding to the company's LRS (issue 19), caused for real: the server runs as its own
 * process (SQLite in a temp folder) with a minimal LRS inside the test as the receiver. The
 * receiver first answers 503, then refuses connections, then stores a batch without answering
 * while the server is killed with SIGKILL; a new process on the same data sends what was left.
 * Every learning event arrives, and is stored at the receiver exactly once, by its id. Then two
 * processes on one PostgreSQL forward at once to a slow LRS: no statement is sent twice.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freshPostgresSchema, postgresSkipped } from '../support/databases';
import { startsAndCompletions, syncBody } from '../support/api';
import { startLrsReceiver, type LrsReceiver } from '../support/lrs-receiver';
import { signInTo, startApiProcess, type ApiProcess } from '../support/processes';
import type { ForwardingReply } from '../../src/core/api-admin';

const LESSON = 'giving-feedback.specific-feedback';
const cleanups: Array<() => Promise<unknown> | void> = [];
afterAll(async () => {
  for (const clean of cleanups.reverse()) await clean();
});

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined) {
  for (let i = 0; i < 600; i++) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function call(server: ApiProcess, cookie: string, method: string, path: string, body?: unknown) {
  return fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { cookie, origin: server.url, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

type Forwarding = NonNullable<ForwardingReply['forwarding']>;

async function forwarding(server: ApiProcess, admin: string): Promise<Forwarding> {
  const res = await call(server, admin, 'GET', '/admin/xapi-forwarding');
  expect(res.status).toBe(200);
  return ((await res.json()) as ForwardingReply).forwarding!;
}

/** The admin points forwarding at the receiver. */
async function forwardTo(server: ApiProcess, admin: string, receiver: LrsReceiver) {
  const set = await call(server, admin, 'PUT', '/admin/xapi-forwarding', {
    endpoint: receiver.url,
    key: receiver.key,
    secret: receiver.secret,
  });
  expect(set.status).toBe(200);
}

async function sync(server: ApiProcess, learner: string, n: number): Promise<string[]> {
  const events = startsAndCompletions(n, LESSON);
  const res = await call(server, learner, 'POST', '/sync', syncBody(events));
  expect(res.status).toBe(200);
  return events.map((e) => e.id);
}

describe('forwarding to the company LRS', () => {
  it('sends every event exactly once through 503s, refused connections and a SIGKILL mid-batch', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kindling-forward-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const receiver: LrsReceiver = await startLrsReceiver();
    cleanups.push(() => receiver.close());
    const env = {
      DATA_DIR: dataDir,
      XAPI_FORWARD_ALLOW_PRIVATE: '1',
      XAPI_FORWARD_POLL_MS: '50',
      XAPI_FORWARD_BATCH: '10',
      XAPI_FORWARD_BACKOFF_MS: '50',
      XAPI_FORWARD_MAX_BACKOFF_MS: '400',
      XAPI_FORWARD_LEASE_MS: '1000',
    };
    let server = await startApiProcess(env);
    cleanups.push(() => server.stop());

    const admin = await signInTo(server, 'admin@demo.test');
    const learner = await signInTo(server, 'learner@demo.test');
    await forwardTo(server, admin, receiver);
    const setting = await forwarding(server, admin);
    expect(setting).toMatchObject({ endpoint: receiver.url, key: receiver.key, secretSet: true });
    expect(JSON.stringify(setting)).not.toContain(receiver.secret);

    // 1. The LRS answers 503: nothing leaves the queue, the admin sees the error.
    receiver.mode = 'fail';
    const sent = await sync(server, learner, 30);
    const failing = await until('a 503 on the admin screen', async () => {
      const f = await forwarding(server, admin);
      return f.lastError?.status === 503 ? f : undefined;
    });
    expect(failing).toMatchObject({ backlog: 30, lastSuccessAt: null });
    expect(failing.lastError).toMatchObject({ code: 'status', status: 503 });

    // 2. The LRS is gone: connections are refused.
    await receiver.close();
    sent.push(...(await sync(server, learner, 10)));
    await until('a refused connection', async () =>
      (await forwarding(server, admin)).lastError?.code === 'unreachable' ? true : undefined,
    );
    expect(receiver.stored.size).toBe(0);

    // 3. It is back, but stores a batch without answering: the sender dies waiting.
    receiver.mode = 'hold';
    await receiver.listen();
    await until('a batch held by the LRS', () => receiver.held > 0 || undefined);
    process.kill(server.pid, 'SIGKILL');
    await server.exited;
    const heldIds = [...receiver.received];
    expect(heldIds.length).toBeGreaterThan(0);

    // 4. A new process on the same data sends what is queued, the held batch again included.
    receiver.mode = 'ok';
    await receiver.close();
    await receiver.listen();
    server = await startApiProcess(env);
    const done = await until('an empty backlog', async () => {
      const f = await forwarding(server, admin);
      return f.backlog === 0 && f.lastSuccessAt ? f : undefined;
    });
    expect(done.lastSuccessAt).not.toBeNull();

    expect([...receiver.stored.keys()].sort()).toEqual([...sent].sort());
    expect(receiver.stored.size).toBe(40);
    // The batch in flight at the kill went twice; its ids made the second time a no-op.
    for (const id of heldIds) expect(receiver.received.filter((r) => r === id)).toHaveLength(2);
    const one = receiver.stored.get(sent[1]!)!;
    expect(one).toMatchObject({
      id: sent[1],
      verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
      actor: { account: { name: 'u-demo-learner' } },
    });
    expect(one).not.toHaveProperty('stored');
    expect(one).not.toHaveProperty('authority');
  }, 120_000);
});

describe.skipIf(postgresSkipped)('two processes on one PostgreSQL', () => {
  it('never send the same batch twice', async () => {
    const db = await freshPostgresSchema();
    cleanups.push(db.drop);
    const receiver = await startLrsReceiver();
    cleanups.push(() => receiver.close());
    receiver.delayMs = 40;
    const env = {
      DATABASE_URL: db.url,
      XAPI_FORWARD_ALLOW_PRIVATE: '1',
      XAPI_FORWARD_POLL_MS: '20',
      XAPI_FORWARD_BATCH: '5',
    };
    const first = await startApiProcess(env);
    cleanups.push(() => first.stop());
    const second = await startApiProcess(env);
    cleanups.push(() => second.stop());
    const admin = await signInTo(first, 'admin@demo.test');
    await forwardTo(first, admin, receiver);
    const sent: string[] = [];
    for (const server of [first, second, first, second])
      sent.push(...(await sync(server, await signInTo(server, 'learner@demo.test'), 20)));
    await until('an empty backlog', async () =>
      (await forwarding(second, admin)).backlog === 0 ? true : undefined,
    );
    expect(receiver.stored.size).toBe(80);
    expect([...receiver.stored.keys()].sort()).toEqual([...sent].sort());
    expect(receiver.received).toHaveLength(80);
    expect(receiver.answered.every((status) => status === 200)).toBe(true);
  }, 120_000);
});
