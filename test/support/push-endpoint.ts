/** Shared setup of the push-*.test.ts files (split from push.test.ts). */
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
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { uuidv7 } from '../../src/core/uuidv7';
import type { Locale } from '../../src/core/wording';
import { createApp } from '../../src/server/app';
import type { Vapid } from '../../src/server/push';
import type { PushTargets } from '../../src/server/push-target';
import type { Store } from '../../src/server/store/store';
import { signInAs, type App } from './api';
import { demoStore } from './server';

/** These tests' push service is a listener on this machine: allowed here, never in production. */
export const LOCAL: PushTargets = { checkUrl: () => undefined, allowsAddress: () => true };
export const local = () => ({ targets: LOCAL, ca: cert });

// 19:30 in Berlin on Wednesday 25 November 2026: the learner's evening.
export const EVENING = Date.parse('2026-11-25T18:30:00Z');
export const MORNING = Date.parse('2026-11-25T08:30:00Z');

export interface Received {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}
export let endpoint: Server;
export let base: string;
export let cert: Buffer;
export let tmp: string;
export let received: Received[] = [];
export let status = 201;
/** Sets `status` for the calling test (an imported binding cannot be assigned). */
export const setStatus = (value: number) => {
  status = value;
};

export let store: Store;
export let app: App;
export let vapid: Vapid;
/** The browser's side of the subscription: its P-256 key pair and auth secret. */
export interface Device {
  ecdh: ReturnType<typeof createECDH>;
  auth: Buffer;
  endpoint: string;
}
export let device: Device;

export function newDevice(): Device {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return { ecdh, auth: randomBytes(16), endpoint: `${base}/push/${uuidv7()}` };
}

/** The learner's app subscribes a device, saying its locale when given (older apps did not). */
export async function subscribe(locale?: Locale, on: Device = device) {
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
export function lastPayloadOf(on: Device): Record<string, unknown> {
  const path = new URL(on.endpoint).pathname;
  const push = received.findLast((r) => r.path === path);
  expect(push, `a push to ${path}`).toBeDefined();
  return JSON.parse(decrypt(push!.body, on));
}

export const hmac = (key: Buffer, data: Buffer) => createHmac('sha256', key).update(data).digest();

/** RFC 8291 decryption, as the browser does it. */
export function decrypt(body: Buffer, on: Device = device): string {
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
export function checkVapid(authorization: string) {
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

/** A local HTTPS push endpoint for the calling file, and a fresh store, app, VAPID keys and device per test. */
export function usePushEndpoint(): void {
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

  beforeEach(async () => {
    received = [];
    status = 201;
    store = await demoStore();
    vapid = { ...webpush.generateVAPIDKeys(), subject: 'mailto:ops@kindling.test' };
    app = createApp({ store, now: () => EVENING, vapid, pushTargets: LOCAL, pushCa: cert });
    device = newDevice();
  });
}
