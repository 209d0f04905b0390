/**
 * Guards belong to their routes: each route module guards its own routes (on the route, or on its
 * own path prefix), so the order modules are mounted in changes nothing. A guard left bare
 * (`.use(requireUser())`) would run for every route mounted after it: a public door would ask for
 * a session, an unknown path would answer 401, and every request would look its session up again
 * once per module before it.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import { clientFor, type App, type Store } from '../support/api';
import { demoStore } from '../support/server';
import { sessionCookie } from '../support/sessions';

let lookups: number;
let app: App;
let store: Store;

beforeEach(async () => {
  store = await demoStore();
  lookups = 0;
  const getSession = store.getSession.bind(store);
  const counted: Store = Object.assign(Object.create(store) as Store, {
    getSession: (hash: string, now: number) => (lookups++, getSession(hash, now)),
  });
  app = createApp({ store: counted });
});

describe('a signed-in request', () => {
  it.each([
    ['u-demo-learner', '/api/v1/catalog'],
    ['u-demo-learner', '/api/v1/me/state'],
    ['u-demo-learner', '/api/v1/me/board-profile'],
    ['u-demo-learner', '/api/v1/me/home'],
    ['u-demo-manager', '/api/v1/team'],
    ['u-demo-admin', '/api/v1/pilot/setup'],
  ])('as %s, GET %s looks its session up once', async (userId, path) => {
    const client = clientFor(app, await sessionCookie(store, userId));
    lookups = 0;
    expect((await client.get(path)).status).toBe(200);
    expect(lookups).toBe(1);
  });
});

describe('a signed-out request', () => {
  it('to an unknown API path is told it does not exist, not to sign in', async () => {
    const res = await clientFor(app).get('/api/v1/no-such-thing');
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
  });

  it('to a public door is answered without a session', async () => {
    const res = await clientFor(app).get('/api/v1/invites/not-a-real-code');
    expect(res.status).toBe(404);
    expect(lookups).toBe(0);
  });
});
