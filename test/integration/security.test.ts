/**
 * Security hardening through the public door (app.request): the headers are on every kind of
 * response — API JSON, API and static 404s, static files, the app shell — and every API route
 * refuses a body over 1 MiB with 413 in the error shape, whether or not it declares its length.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import type { Store } from '../../src/server/store/store';
import { signInAs, type App } from '../support/api';
import { demoStore } from '../support/server';
import { expectErrorBody } from '../support/error-body';

let store: Store;
let app: App;
let dist: string;

beforeAll(async () => {
  store = await demoStore();
  dist = mkdtempSync(join(tmpdir(), 'kindling-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Kindling</title>');
  writeFileSync(join(dist, 'assets/app-abc123.js'), 'console.log(1)');
  writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {})');
  app = createApp({ store, staticDir: dist });
});
afterAll(async () => {
  await store.close();
  rmSync(dist, { recursive: true, force: true });
});

function expectHardened(res: Response, hsts: boolean) {
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  expect(res.headers.get('x-frame-options')).toBe('DENY');
  if (hsts) expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
  else expect(res.headers.get('strict-transport-security')).toBeNull();
}

describe('security headers on every response', () => {
  const requests: Array<[string, string, string, number]> = [
    ['API JSON', 'GET', '/api/v1/health', 200],
    ['API 401', 'GET', '/api/v1/me', 401],
    // Guards sit on their routes: a path no route serves is 404, signed in or not.
    ['API unknown path', 'GET', '/api/v1/nope', 404],
    ['API 400 (bad JSON)', 'POST', '/api/v1/auth/login', 400],
    ['API wrong method', 'DELETE', '/api/v1/health', 404],
    ['API 404 outside v1', 'GET', '/api/v2/health', 404],
    ['hashed static file', 'GET', '/assets/app-abc123.js', 200],
    ['service worker', 'GET', '/sw.js', 200],
    ['missing static file', 'GET', '/assets/missing.js', 404],
    ['app shell', 'GET', '/', 200],
    ['app URL (deep link)', 'GET', '/modules/x/lessons/y', 200],
    ['app URL with a dotted lesson id', 'GET', '/modules/x/lessons/x.assessment', 200],
    ['missing icon', 'GET', '/icons/missing.png', 404],
  ];
  it.each(requests)('%s (%s %s) on localhost: no HSTS', async (_name, method, path, status) => {
    const res = await app.request(`http://localhost${path}`, {
      method,
      ...(method === 'POST' ? { body: '{', headers: { 'content-type': 'application/json' } } : {}),
    });
    expect(res.status).toBe(status);
    expectHardened(res, false);
  });
  it.each(requests)('%s (%s %s) on a real host: with HSTS', async (_name, method, path, status) => {
    const res = await app.request(`https://kindling.example${path}`, {
      method,
      ...(method === 'POST'
        ? {
            body: '{',
            headers: { 'content-type': 'application/json', origin: 'https://kindling.example' },
          }
        : {}),
    });
    expect(res.status).toBe(status);
    expectHardened(res, true);
  });
});

describe('request bodies are size-limited on every API route', () => {
  const big = JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(2 * 1024 * 1024) });
  const routes = ['/api/v1/auth/login', '/api/v1/auth/logout', '/api/v1/sync', '/api/v1/anything'];

  it.each(routes)('%s answers 413 in the error shape', async (path) => {
    const learner = await signInAs(app, 'learner@demo.test');
    const res = await app.request(`http://localhost${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: learner.cookie },
      body: big,
    });
    await expectErrorBody(res, 413, {
      code: 'payload_too_large',
      message: 'A request body may be at most 1,048,576 bytes.',
      key: 'error.bodyTooLarge',
      params: { bytes: 1048576 },
    });
  });

  it('also when the body streams in without a Content-Length', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 40) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await app.request('http://localhost/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('payload_too_large');
  });
});
