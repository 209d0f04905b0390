/**
 * Web Push reminders end to end on this machine: a device subscribes through the API, the
 * reminder run sends to a local HTTPS push endpoint, and the test — playing the browser —
 * checks the VAPID signature (RFC 8292) and decrypts the aes128gcm payload (RFC 8291) with the
 * subscription's private key. Also: one reminder a day, none when the goal is met or it is not
 * evening yet, and a subscription the push service calls gone is dropped. A manager's nudge
 * reaches the report's device the same way, naming the manager; without an opt-in (or when the
 * push service fails) the report still gets the in-app notification. Each device's push is worded
 * in the language its app subscribed with (English when it did not say), and follows a change:
 * the app's social store sends its locale when it subscribes and when the learner picks another.
 */
import { execFileSync } from 'node:child_process';
import {
  createECDH,
  createHmac,
  createDecipheriv,
  createPublicKey,
  randomBytes,
  verify,
} from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import webpush from 'web-push';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { locale } from '../../src/app/i18n';
import { createSocialStore } from '../../src/app/stores/social';
import { currentPushSubscription, subscribeToPush } from '../../src/app/sw-bridge';
import { createApi } from '../../src/client/api';
import { uuidv7 } from '../../src/core/uuidv7';
import type { Locale } from '../../src/core/wording';
import { createApp } from '../../src/server/app';
import { sendStreakReminders, type Vapid } from '../../src/server/push';
import type { PushTargets } from '../../src/server/push-target';
import type { Store } from '../../src/server/store/store';
import { knownDevice, signInAs, syncBody, type App } from '../support/api';
import { appFetch } from '../support/device';
import { demoStore } from '../support/server';
import { withStarts } from '../support/starts';

// The browser's side of subscribing (permission prompt, PushManager) is played by the tests.
vi.mock('../../src/app/sw-bridge', () => ({
  subscribeToPush: vi.fn(),
  currentPushSubscription: vi.fn(),
}));

/** These tests' push service is a listener on this machine: allowed here, never in production. */
const LOCAL: PushTargets = { checkUrl: () => undefined, allowsAddress: () => true };
const local = () => ({ targets: LOCAL, ca: cert });

// 19:30 in Berlin on Wednesday 25 November 2026: the learner's evening.
const EVENING = Date.parse('2026-11-25T18:30:00Z');
const MORNING = Date.parse('2026-11-25T08:30:00Z');

interface Received {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}
let endpoint: Server;
let base: string;
let cert: Buffer;
let tmp: string;
let received: Received[] = [];
let status = 201;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'kindling-push-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      join(tmp, 'key.pem'),
      '-out',
      join(tmp, 'cert.pem'),
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost',
    ],
    { stdio: 'ignore' },
  );
  cert = readFileSync(join(tmp, 'cert.pem'));
  endpoint = createServer({ key: readFileSync(join(tmp, 'key.pem')), cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url!, headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => endpoint.listen(0, '127.0.0.1', r));
  base = `https://localhost:${(endpoint.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => endpoint.close(() => r()));
  rmSync(tmp, { recursive: true, force: true });
});

let store: Store;
let app: App;
let vapid: Vapid;
/** The browser's side of the subscription: its P-256 key pair and auth secret. */
interface Device {
  ecdh: ReturnType<typeof createECDH>;
  auth: Buffer;
  endpoint: string;
}
let device: Device;

function newDevice(): Device {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return { ecdh, auth: randomBytes(16), endpoint: `${base}/push/${uuidv7()}` };
}

beforeEach(async () => {
  received = [];
  status = 201;
  store = await demoStore();
  vapid = { ...webpush.generateVAPIDKeys(), subject: 'mailto:ops@kindling.test' };
  app = createApp({ store, now: () => EVENING, vapid, pushTargets: LOCAL, pushCa: cert });
  device = newDevice();
});

/** The learner's app subscribes a device, saying its locale when given (older apps did not). */
async function subscribe(locale?: Locale, on: Device = device) {
  const learner = await signInAs(app, 'learner@demo.test');
  const key = await (await learner.get('/api/v1/push/public-key')).json();
  expect(key.publicKey).toBe(vapid.publicKey);
  const res = await learner.post('/api/v1/push/subscriptions', {
    deviceId: on === device ? 'device-push-1' : `device-${on.endpoint.slice(-8)}`,
    subscription: {
      endpoint: on.endpoint,
      keys: {
        p256dh: on.ecdh.getPublicKey().toString('base64url'),
        auth: on.auth.toString('base64url'),
      },
    },
    ...(locale ? { locale } : {}),
  });
  expect(res.status).toBe(201);
  return learner;
}

/** What a device received last, decrypted as its browser would. */
function lastPayloadOf(on: Device): Record<string, unknown> {
  const path = new URL(on.endpoint).pathname;
  const push = received.findLast((r) => r.path === path);
  expect(push, `a push to ${path}`).toBeDefined();
  return JSON.parse(decrypt(push!.body, on));
}

const hmac = (key: Buffer, data: Buffer) => createHmac('sha256', key).update(data).digest();

/** RFC 8291 decryption, as the browser does it. */
function decrypt(body: Buffer, on: Device = device): string {
  const salt = body.subarray(0, 16);
  const idLength = body[20]!;
  const senderKey = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  const shared = on.ecdh.computeSecret(senderKey);
  const keyInfo = Buffer.concat([
    Buffer.from('WebPush: info\0'),
    on.ecdh.getPublicKey(),
    senderKey,
  ]);
  const ikm = hmac(hmac(on.auth, shared), Buffer.concat([keyInfo, Buffer.from([1])]));
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0\x01')).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0\x01')).subarray(0, 12);
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(-16));
  const plain = Buffer.concat([decipher.update(ciphertext.subarray(0, -16)), decipher.final()]);
  let end = plain.length - 1;
  while (plain[end] === 0) end--;
  expect(plain[end]).toBe(2); // the last record's padding delimiter
  return plain.subarray(0, end).toString('utf8');
}

/** RFC 8292: the JWT is signed by our VAPID key and names the push service as audience. */
function checkVapid(authorization: string) {
  const [, jwt, k] = /^vapid t=([^,]+), k=(.+)$/.exec(authorization)!;
  expect(k).toBe(vapid.publicKey);
  const [header, claims, signature] = jwt!.split('.') as [string, string, string];
  const raw = Buffer.from(k!, 'base64url');
  const key = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: raw.subarray(1, 33).toString('base64url'),
      y: raw.subarray(33).toString('base64url'),
    },
    format: 'jwk',
  });
  const ok = verify(
    'sha256',
    Buffer.from(`${header}.${claims}`),
    { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  expect(ok).toBe(true);
  const payload = JSON.parse(Buffer.from(claims, 'base64url').toString());
  expect(payload).toMatchObject({ aud: base, sub: 'mailto:ops@kindling.test' });
}

describe('streak reminders by Web Push', () => {
  it('sends one correctly encrypted, VAPID-signed reminder in the learner’s evening', async () => {
    await subscribe();
    const run = await sendStreakReminders({ store, vapid, now: EVENING, ...local() });
    expect(run).toEqual({ sent: 1, removed: 0, failed: 0 });
    expect(received).toHaveLength(1);
    const [push] = received as [Received];
    expect(push.path).toBe(new URL(device.endpoint).pathname);
    expect(push.headers['content-encoding']).toBe('aes128gcm');
    expect(Number(push.headers.ttl)).toBeGreaterThan(0);
    checkVapid(String(push.headers.authorization));
    expect(JSON.parse(decrypt(push.body))).toEqual({
      title: 'A few minutes today?',
      body: 'One lesson to reach today’s goal.',
      url: '/',
    });
    // Once a day per device, whichever process runs it.
    expect(await sendStreakReminders({ store, vapid, now: EVENING + 60_000, ...local() })).toEqual({
      sent: 0,
      removed: 0,
      failed: 0,
    });
  });

  it('words the reminder in the language each device subscribed with', async () => {
    const laptop = newDevice();
    await subscribe('de');
    await subscribe(undefined, laptop); // an app from before pushes were localised: English
    expect(await sendStreakReminders({ store, vapid, now: EVENING, ...local() })).toEqual({
      sent: 2,
      removed: 0,
      failed: 0,
    });
    expect(lastPayloadOf(device)).toEqual({
      title: 'Heute ein paar Minuten?',
      body: 'Noch eine Lektion bis zu deinem Tagesziel.',
      url: '/',
    });
    expect(lastPayloadOf(laptop)).toEqual({
      title: 'A few minutes today?',
      body: 'One lesson to reach today’s goal.',
      url: '/',
    });
  });

  it('stays quiet in the morning and once today’s goal is met', async () => {
    const learner = await subscribe();
    expect((await sendStreakReminders({ store, vapid, now: MORNING, ...local() })).sent).toBe(0);
    const lesson = (await store.getCatalog()).modules[0]!.lessons[0]!.id;
    await knownDevice(store, 'learner@demo.test'); // signed in before the evening's lesson
    await learner.post(
      '/api/v1/sync',
      syncBody(
        withStarts([
          {
            id: uuidv7(),
            type: 'lesson_completed',
            lessonId: lesson,
            durationMs: 300_000,
            occurredAt: new Date(EVENING - 3_600_000).toISOString(),
            tz: 'Europe/Berlin',
            deviceId: 'device-test-1',
            seq: 2,
          },
        ]),
        'device-test-1',
        new Date(EVENING).toISOString(),
      ),
    );
    expect((await sendStreakReminders({ store, vapid, now: EVENING, ...local() })).sent).toBe(0);
    expect(received).toHaveLength(0);
  });

  it('drops a subscription the push service says is gone', async () => {
    await subscribe();
    status = 410;
    expect(await sendStreakReminders({ store, vapid, now: EVENING, ...local() })).toEqual({
      sent: 0,
      removed: 1,
      failed: 0,
    });
    expect(await store.reminderTargets()).toEqual([]);
  });

  it('refuses subscriptions that are not https or in a locale it has no words for, and answers push_disabled without keys', async () => {
    const learner = await signInAs(app, 'learner@demo.test');
    const bad = await learner.post('/api/v1/push/subscriptions', {
      deviceId: 'device-push-1',
      subscription: {
        endpoint: 'http://evil.test/x',
        keys: { p256dh: 'abcdefgh', auth: 'abcdefgh' },
      },
    });
    expect(bad.status).toBe(400);
    const french = await learner.post('/api/v1/push/subscriptions', {
      deviceId: 'device-push-1',
      subscription: { endpoint: device.endpoint, keys: { p256dh: 'abcdefgh', auth: 'abcdefgh' } },
      locale: 'fr',
    });
    expect(french.status).toBe(400);
    expect(await store.pushSubscriptionsOf('u-demo-learner')).toEqual([]);
    const off = await signInAs(createApp({ store }), 'learner@demo.test');
    const res = await off.get('/api/v1/push/public-key');
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('push_disabled');
  });
});

describe('a manager’s nudge by Web Push', () => {
  const nudge = async (message?: string) => {
    const max = await signInAs(app, 'manager@demo.test');
    const res = await max.post('/api/v1/team/u-demo-learner/nudge', message ? { message } : {});
    expect(res.status).toBe(201);
  };
  const inApp = async (learner: Awaited<ReturnType<typeof signInAs>>) =>
    ((await (await learner.get('/api/v1/me/home')).json()) as { notifications: unknown[] })
      .notifications;

  it('reaches the report’s device, encrypted and signed, naming the manager', async () => {
    const learner = await subscribe();
    await nudge();
    expect(received).toHaveLength(1);
    const [push] = received as [Received];
    expect(push.path).toBe(new URL(device.endpoint).pathname);
    checkVapid(String(push.headers.authorization));
    expect(JSON.parse(decrypt(push.body))).toEqual({
      title: 'A nudge from Max Manager',
      body: 'Max is cheering you on: a 5-minute lesson today keeps you going!',
      url: '/',
      tag: 'nudge',
    });
    await nudge('Ten minutes on feedback before Friday?');
    expect(JSON.parse(decrypt(received[1]!.body))).toMatchObject({
      title: 'A nudge from Max Manager',
      body: 'Ten minutes on feedback before Friday?',
    });
    expect(await inApp(learner)).toHaveLength(2);
  });

  it('titles the nudge in each device’s language, follows a change, keeps the manager’s words', async () => {
    const laptop = newDevice();
    await subscribe('de');
    await subscribe('en', laptop);
    await nudge('Ten minutes on feedback before Friday?');
    expect(received).toHaveLength(2);
    expect(lastPayloadOf(device)).toEqual({
      title: 'Eine Erinnerung von Max Manager',
      body: 'Ten minutes on feedback before Friday?',
      url: '/',
      tag: 'nudge',
    });
    expect(lastPayloadOf(laptop)).toEqual({
      title: 'A nudge from Max Manager',
      body: 'Ten minutes on feedback before Friday?',
      url: '/',
      tag: 'nudge',
    });
    // The learner switches the laptop's app to German: it sends its subscription again.
    await subscribe('de', laptop);
    expect(await store.pushSubscriptionsOf('u-demo-learner')).toHaveLength(2);
    await nudge();
    // The default nudge (no message typed) is worded in each device's language, body and all.
    expect(lastPayloadOf(laptop)).toEqual({
      title: 'Eine Erinnerung von Max Manager',
      body: 'Max feuert dich an: Eine 5-Minuten-Lektion heute hält dich in Schwung!',
      url: '/',
      tag: 'nudge',
    });
  });

  it('sends no push to a report who did not opt in; the in-app nudge is there', async () => {
    await nudge();
    expect(received).toEqual([]);
    const learner = await signInAs(app, 'learner@demo.test');
    expect(await inApp(learner)).toEqual([
      expect.objectContaining({ kind: 'nudge', text: expect.stringContaining('Max') }),
    ]);
  });

  it('drops a subscription the push service calls gone, and keeps the in-app nudge', async () => {
    const learner = await subscribe();
    status = 500;
    await nudge();
    expect(await store.pushSubscriptionsOf('u-demo-learner')).toHaveLength(1);
    status = 410;
    await nudge();
    expect(received).toHaveLength(2);
    expect(await store.pushSubscriptionsOf('u-demo-learner')).toEqual([]);
    expect(await inApp(learner)).toHaveLength(2);
  });
});

describe('the app tells the server the language of this device’s pushes', () => {
  /** The learner's app, talking to the server through app.request with their session. */
  async function learnerApp() {
    const { cookie } = await signInAs(app, 'learner@demo.test');
    const api = createApi(appFetch(app, cookie));
    return createSocialStore({ api, deviceId: 'device-app-1' });
  }
  const subscriptionJson = (): PushSubscriptionJSON => ({
    endpoint: device.endpoint,
    keys: {
      p256dh: device.ecdh.getPublicKey().toString('base64url'),
      auth: device.auth.toString('base64url'),
    },
  });
  afterEach(() => {
    locale.value = 'en';
    vi.mocked(currentPushSubscription).mockReset();
  });

  it('when it subscribes, and again when the learner picks another language', async () => {
    const social = await learnerApp();
    locale.value = 'de';
    vi.mocked(subscribeToPush).mockResolvedValue(subscriptionJson());
    expect(await social.enableReminders()).toBe(true);
    expect(await store.pushSubscriptionsOf('u-demo-learner')).toEqual([
      expect.objectContaining({ endpoint: device.endpoint, locale: 'de' }),
    ]);
    await sendStreakReminders({ store, vapid, now: EVENING, ...local() });
    expect(lastPayloadOf(device)).toMatchObject({ title: 'Heute ein paar Minuten?' });

    // The locale picker: English from now on, on this device.
    vi.mocked(currentPushSubscription).mockResolvedValue(subscriptionJson());
    await social.wordPushesIn('en');
    const max = await signInAs(app, 'manager@demo.test');
    expect((await max.post('/api/v1/team/u-demo-learner/nudge', {})).status).toBe(201);
    expect(lastPayloadOf(device)).toMatchObject({ title: 'A nudge from Max Manager' });
  });

  it('sends nothing on a language change when this device has no subscription', async () => {
    const social = await learnerApp();
    vi.mocked(currentPushSubscription).mockResolvedValue(null);
    await social.wordPushesIn('de');
    expect(await store.pushSubscriptionsOf('u-demo-learner')).toEqual([]);
  });
});
