/**
 * Web Push cannot be turned against the server's own network (issue 17). The review subscribed
 * `https://127.0.0.1:18443/…`, `https://localhost:6379/` and `https://[::1]:22/`, and a manager's
 * nudge made the server connect to a local listener; one person registered 200 endpoints, and
 * posting someone else's endpoint moved it to the poster. Here a real TCP listener on this machine
 * counts the connections the server makes to it: none, whatever the endpoint.
 */
import { createECDH, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import webpush from 'web-push';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import type { Vapid } from '../../src/server/push';
import {
  checkPushEndpoint,
  isPublicAddress,
  publicPushTargets,
  type PushTargets,
} from '../../src/server/push-target';
import { PUSH_SUBSCRIPTIONS_PER_PERSON } from '../../src/server/routes/push';
import type { Store } from '../../src/server/store/store';
import { signInAs, type App } from '../support/api';
import { demoStore } from '../support/server';

let listener: Server;
let port: number;
let connections = 0;

beforeAll(async () => {
  // Counts a connection and hangs up at once, so a push that got through fails fast.
  listener = createServer((socket) => {
    connections++;
    socket.on('error', () => {});
    socket.destroy();
  });
  await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
  port = (listener.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((r) => listener.close(() => r()));
});

let store: Store;
let vapid: Vapid;
/** A device's real keys: web-push encrypts for them before it connects anywhere. */
const deviceKey = createECDH('prime256v1');
deviceKey.generateKeys();
const keys = {
  p256dh: deviceKey.getPublicKey().toString('base64url'),
  auth: randomBytes(16).toString('base64url'),
};

beforeEach(async () => {
  connections = 0;
  store = await demoStore();
  vapid = { ...webpush.generateVAPIDKeys(), subject: 'mailto:ops@kindling.test' };
});

const subscribeTo = (
  as: Awaited<ReturnType<typeof signInAs>>,
  endpoint: string,
  deviceId = 'device-ssrf-1',
) => as.post('/api/v1/push/subscriptions', { deviceId, subscription: { endpoint, keys } });

const nudge = async (app: App) => {
  const max = await signInAs(app, 'manager@demo.test');
  expect((await max.post('/api/v1/team/u-demo-learner/nudge', {})).status).toBe(201);
};

describe('subscribing', () => {
  it('refuses endpoints on this machine or a private network, or on another port, with a phrase', async () => {
    const app = createApp({ store, now: () => Date.now(), vapid });
    const learner = await signInAs(app, 'learner@demo.test');
    for (const endpoint of [
      'https://127.0.0.1:18443/push',
      'https://localhost:6379/',
      'https://[::1]:22/',
      'https://localhost/push',
      'https://push.localhost/x',
      'https://printer.local/x',
      'https://intranet/x',
      'https://127.0.0.1/push',
      'https://2130706433/push', // 127.0.0.1 written as a number
      'https://0.0.0.0/x',
      'https://[::]/x',
      'https://[::ffff:127.0.0.1]/x',
      'https://10.1.2.3/x',
      'https://172.16.0.1/x',
      'https://192.168.1.1/x',
      'https://169.254.169.254/latest/meta-data',
      'https://100.64.0.1/x',
      'https://[fd12:3456::1]/x',
      'https://[fe80::1]/x',
      'https://fcm.googleapis.com:8443/fcm/send/x',
      'https://user:pw@fcm.googleapis.com/fcm/send/x',
    ]) {
      const res = await subscribeTo(learner, endpoint);
      expect(res.status, endpoint).toBe(422);
      expect((await res.json()).error.key, endpoint).toBe('error.push.endpoint');
    }
    expect(await store.pushSubscriptionsOf('u-demo-learner')).toEqual([]);
  });

  it('refuses a name that resolves to a local address now', async () => {
    const resolvesTo = (address: string) => async () => [
      { address, family: address.includes(':') ? 6 : 4 },
    ];
    const url = 'https://push.rebind.example/x';
    expect(await checkPushEndpoint(url, publicPushTargets, resolvesTo('127.0.0.1'))).toBe(
      'error.push.endpoint',
    );
    expect(await checkPushEndpoint(url, publicPushTargets, resolvesTo('fd00::5'))).toBe(
      'error.push.endpoint',
    );
    expect(
      await checkPushEndpoint(url, publicPushTargets, resolvesTo('142.250.185.74')),
    ).toBeUndefined();
    expect(isPublicAddress('2a00:1450:4001:80b::200a')).toBe(true);
    expect(isPublicAddress('::ffff:10.0.0.1')).toBe(false);
  });
});

describe('a manager’s nudge', () => {
  it('never connects to a local endpoint stored before the check existed, and drops it', async () => {
    const app = createApp({ store, now: () => Date.now(), vapid });
    for (const endpoint of [`https://127.0.0.1:${port}/x`, `https://localhost:${port}/y`])
      await store.savePushSubscription({
        endpoint,
        userId: 'u-demo-learner',
        deviceId: `dev-${endpoint.length}`,
        ...keys,
        createdAt: Date.now(),
        locale: 'en',
      });
    await nudge(app);
    expect(connections).toBe(0);
    expect(await store.pushSubscriptionsOf('u-demo-learner')).toEqual([]);
  });

  it('connects only to the address it checked: a name that now resolves to loopback is not reached', async () => {
    // The URL passes (as a public name would have when it subscribed); only DNS now answers with
    // this machine — a rebinding. The connection's own lookup refuses it.
    const rebound: PushTargets = { checkUrl: () => undefined, allowsAddress: isPublicAddress };
    const app = createApp({ store, now: () => Date.now(), vapid, pushTargets: rebound });
    await store.savePushSubscription({
      endpoint: `https://localhost:${port}/rebound`,
      userId: 'u-demo-learner',
      deviceId: 'dev-rebound',
      ...keys,
      createdAt: Date.now(),
      locale: 'en',
    });
    await nudge(app);
    expect(connections).toBe(0);

    // The same nudge with the address allowed does reach the listener: the test can see one.
    const open: PushTargets = { checkUrl: () => undefined, allowsAddress: () => true };
    await nudge(createApp({ store, now: () => Date.now(), vapid, pushTargets: open }));
    expect(connections).toBeGreaterThan(0);
  });
});

describe('who owns an endpoint', () => {
  const LOCAL: PushTargets = { checkUrl: () => undefined, allowsAddress: () => true };

  it('is never moved to someone who posts it; they get a 409 with a phrase', async () => {
    const app = createApp({ store, now: () => Date.now(), vapid, pushTargets: LOCAL });
    const owner = await signInAs(app, 'learner@demo.test');
    const endpoint = `https://localhost:${port}/owned`;
    expect((await subscribeTo(owner, endpoint)).status).toBe(201);
    const other = await signInAs(app, 'learner2@demo.test');
    const res = await subscribeTo(other, endpoint, 'device-ssrf-2');
    expect(res.status).toBe(409);
    expect((await res.json()).error.key).toBe('error.push.taken');
    expect((await store.pushSubscriptionsOf('u-demo-learner')).map((s) => s.endpoint)).toEqual([
      endpoint,
    ]);
  });

  it('keeps at most ten devices per person, the newest replacing the oldest', async () => {
    let now = Date.parse('2026-11-25T10:00:00Z');
    const app = createApp({ store, now: () => now, vapid, pushTargets: LOCAL });
    const learner = await signInAs(app, 'learner@demo.test');
    for (let i = 0; i < 25; i++) {
      now += 1000;
      expect(
        (await subscribeTo(learner, `https://localhost:${port}/d${i}`, `device-many-${i}`)).status,
      ).toBe(201);
    }
    const kept = (await store.pushSubscriptionsOf('u-demo-learner')).map((s) => s.endpoint);
    expect(kept).toHaveLength(PUSH_SUBSCRIPTIONS_PER_PERSON);
    expect(kept).toContain(`https://localhost:${port}/d24`);
    expect(kept).not.toContain(`https://localhost:${port}/d14`);
  });
});
