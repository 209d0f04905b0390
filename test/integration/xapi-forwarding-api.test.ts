/**
 * Forwarding as an admin sets it (issue 19), through `app.request` on SQLite and (project
 * `postgres`) PostgreSQL: endpoints that would make the server call this machine or its network
 * are refused unless the server allows private targets; the secret is required once, sealed and
 * never answered. Then the sender against a minimal LRS in the test: a batch refused with 409
 * (an id the LRS already has, with other content) is resolved statement by statement, and a
 * refused key shows on the admin screen as such, with the backlog kept.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import { FORWARDING_DEFAULTS, forwardOnce } from '../../src/server/xapi/forwarding';
import { clientFor, startsAndCompletions, syncBody, type Store } from '../support/api';
import { startLrsReceiver } from '../support/lrs-receiver';
import { apiTestStore, disposeApiTestStores } from '../support/server';
import { sessionCookie } from '../support/sessions';

const LESSON = 'giving-feedback.specific-feedback';
const PATH = '/api/v1/admin/xapi-forwarding';
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  await disposeApiTestStores();
});

async function adminOf(store: Store, forwardPrivate = false) {
  const app = createApp({ store, forwardPrivate });
  return { app, admin: clientFor(app, await sessionCookie(store, 'u-demo-admin')) };
}

describe('forwarding settings', () => {
  it('refuses endpoints on this machine or its network, and http, unless private targets are allowed', async () => {
    const store = await apiTestStore();
    const { admin } = await adminOf(store);
    for (const endpoint of [
      'http://lrs.example.com/xapi',
      'https://127.0.0.1/xapi',
      'https://169.254.169.254/latest',
      'https://10.1.2.3/xapi',
      'https://[::1]/xapi',
      'https://lrs.internal/xapi',
      'https://localhost:8443/xapi',
      'https://lrs.example.com/xapi?tenant=1',
      'not a url',
    ]) {
      const res = await admin.put(PATH, { endpoint, key: 'k', secret: 's' });
      expect(res.status, endpoint).toBe(400);
      expect(((await res.json()) as Json).error.key).toBe('error.forwardEndpoint');
    }
    expect(((await (await admin.get(PATH)).json()) as Json).forwarding).toBeNull();
    const allowed = (await adminOf(store, true)).admin;
    const local = await allowed.put(PATH, {
      endpoint: 'http://127.0.0.1:9/xapi',
      key: 'k',
      secret: 's',
    });
    expect(local.status).toBe(200);
  });

  it('asks for the secret once, keeps it sealed and never answers it', async () => {
    const store = await apiTestStore();
    const { admin } = await adminOf(store);
    const endpoint = 'https://203.0.114.7/xapi/';
    const noSecret = await admin.put(PATH, { endpoint, key: 'company' });
    expect(noSecret.status).toBe(400);
    expect(((await noSecret.json()) as Json).error.key).toBe('error.forwardSecret');
    const set = await admin.put(PATH, { endpoint, key: 'company', secret: 'top-secret' });
    expect(set.status).toBe(200);
    const answer = (await set.json()) as Json;
    expect(answer.forwarding).toEqual({
      endpoint: 'https://203.0.114.7/xapi',
      key: 'company',
      secretSet: true,
      backlog: 0,
      lastSuccessAt: null,
      lastError: null,
      retryAt: null,
    });
    const sealed = (await store.getForwarding('demo-co'))!.sealedSecret;
    expect(sealed).not.toContain('top-secret');
    // An update without the secret keeps it.
    const renamed = await admin.put(PATH, { endpoint, key: 'company-2' });
    expect(JSON.stringify(await renamed.json())).not.toContain('top-secret');
    expect((await store.getForwarding('demo-co'))!).toMatchObject({
      key: 'company-2',
      sealedSecret: sealed,
    });
    expect(JSON.stringify(await (await admin.get(PATH)).json())).not.toContain('top-secret');
    expect((await admin.delete(PATH)).status).toBe(200);
    expect(((await (await admin.get(PATH)).json()) as Json).forwarding).toBeNull();
    const again = await admin.delete(PATH);
    expect(again.status).toBe(404);
    expect(((await again.json()) as Json).error.key).toBe('error.noForwarding');
  });
});

describe('the sender', () => {
  async function forwardingTo(store: Store, endpoint: string, key: string, secret: string) {
    const { app, admin } = await adminOf(store, true);
    expect((await admin.put(PATH, { endpoint, key, secret })).status).toBe(200);
    const learner = clientFor(app, await sessionCookie(store, 'u-demo-learner'));
    const events = startsAndCompletions(4, LESSON);
    expect((await learner.post('/api/v1/sync', syncBody(events))).status).toBe(200);
    return { admin, ids: events.map((e) => e.id) };
  }
  const options = { ...FORWARDING_DEFAULTS, allowPrivate: true, timeoutMs: 5_000 };

  it('resolves a batch refused with 409 statement by statement', async () => {
    const store = await apiTestStore();
    const receiver = await startLrsReceiver();
    closers.push(() => receiver.close());
    const { admin, ids } = await forwardingTo(store, receiver.url, receiver.key, receiver.secret);
    receiver.stored.set(ids[0]!, { id: ids[0], note: 'sent before a lesson was renamed' });
    expect(await forwardOnce(store, options, Date.now)).toBe(true);
    // The list whole, then each alone: the one the LRS has is 409, the others are stored.
    expect(receiver.answered[0]).toBe(409);
    expect(receiver.answered.slice(1).toSorted()).toEqual([204, 204, 204, 409]);
    expect([...receiver.stored.keys()].toSorted()).toEqual(ids.toSorted());
    const answer = ((await (await admin.get(PATH)).json()) as Json).forwarding;
    expect(answer).toMatchObject({ backlog: 0, lastError: null });
    expect(answer.lastSuccessAt).not.toBeNull();
    expect(await forwardOnce(store, options, Date.now)).toBe(false);
  });

  it('shows a refused key as such and keeps the backlog for a later try', async () => {
    const store = await apiTestStore();
    const receiver = await startLrsReceiver();
    closers.push(() => receiver.close());
    const { admin } = await forwardingTo(store, receiver.url, receiver.key, 'wrong');
    const before = Date.now();
    await forwardOnce(store, options, () => before);
    const answer = ((await (await admin.get(PATH)).json()) as Json).forwarding;
    expect(answer).toMatchObject({ backlog: 4, lastSuccessAt: null });
    expect(answer.lastError).toMatchObject({ code: 'credentials', status: 401 });
    expect(Date.parse(answer.retryAt)).toBe(before + options.baseBackoffMs);
    // Not before the backoff is over.
    expect(await forwardOnce(store, options, () => before + 1)).toBe(false);
    expect(receiver.stored.size).toBe(0);
  });
});
