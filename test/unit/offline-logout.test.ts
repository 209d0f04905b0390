/**
 * Signing out while offline (issue 17): the logout is queued in IndexedDB and sent when the
 * server can be reached, and the session the person ended is never restored on this device —
 * before this, the failed logout was swallowed and a later `/me` with the old cookie signed the
 * person back in. The device's session store talks to the real server app through `createApi`.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi, type Fetch } from '../../src/client/api';
import { openDeviceDb } from '../../src/client/db';
import { createSessionStore } from '../../src/app/stores/session';
import { createSessionRecord } from '../../src/client/session-record';
import { createApp } from '../../src/server/app';
import type { Store } from '../../src/server/store/store';
import { demoStore } from '../support/server';

let store: Store;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  store = await demoStore();
  app = createApp({ store });
});
afterAll(() => store.close());

/** A browser tab: one cookie, a network that can be switched off. */
function browser() {
  const tab = { cookie: '', online: true };
  const fetchImpl: Fetch = async (input, init) => {
    if (!tab.online) throw new TypeError('Failed to fetch');
    const headers = new Headers(init?.headers);
    if (tab.cookie) headers.set('cookie', tab.cookie);
    headers.set('origin', 'http://localhost'); // a browser names the page's origin on writes
    const res = await app.request(`http://localhost${input}`, { ...init, headers });
    const set = res.headers.get('set-cookie');
    if (set) tab.cookie = /max-age=0|expires=thu, 01 jan 1970/i.test(set) ? '' : set.split(';')[0]!;
    return res;
  };
  return { tab, api: createApi(fetchImpl) };
}

const serverKnows = async (cookie: string) =>
  (await app.request('http://localhost/api/v1/me', { headers: { cookie } })).status;

/** A fresh device database and browser, signed in as `email` (online). */
async function signedIn(dbName: string, email: string) {
  const db = await openDeviceDb(dbName);
  const { tab, api } = browser();
  const session = createSessionStore({ record: createSessionRecord(db), api });
  await session.signIn(email, 'learn-daily');
  return { db, tab, api, session, cookie: tab.cookie };
}

describe('signing out while offline', () => {
  it('queues the logout, never restores the ended session, and ends it once back online', async () => {
    const { db, tab, api, session, cookie } = await signedIn('offline-logout', 'learner@demo.test');
    expect(await serverKnows(cookie)).toBe(200);

    tab.online = false;
    await session.signOut();
    expect(session.user.value).toBeNull();

    // The app opens again, still offline, then online with the old cookie still in the browser;
    // `storageLost` makes it ask the server who is signed in, as it would after a wipe.
    const reopened = createSessionStore({ record: createSessionRecord(db), api });
    await reopened.restore(true);
    expect(reopened.user.value).toBeNull();
    tab.online = true;
    const online = createSessionStore({ record: createSessionRecord(db), api });
    await online.restore(true);
    expect(online.user.value).toBeNull();
    // The queued logout reached the server: the old cookie is worthless everywhere.
    expect(await serverKnows(cookie)).toBe(401);
  });

  it('sends the queued logout when the browser comes back online', async () => {
    const { tab, session, cookie } = await signedIn('offline-logout-online', 'manager@demo.test');
    tab.online = false;
    await session.signOut();
    expect(await session.sendPendingLogout()).toBe(false);
    tab.online = true;
    expect(await session.sendPendingLogout()).toBe(true);
    expect(await serverKnows(cookie)).toBe(401);
    // Signing in again afterwards works as ever.
    await session.signIn('manager@demo.test', 'learn-daily');
    expect(session.user.value?.email).toBe('manager@demo.test');
    await session.restore(true);
    expect(session.user.value?.email).toBe('manager@demo.test');
  });
});
