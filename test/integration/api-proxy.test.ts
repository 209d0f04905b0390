/**
 * Behind a reverse proxy that ends TLS (docs/nginx.conf), the app sees http:// while the browser
 * sends `Origin: https://…`. With TRUST_PROXY=1 the proxy's X-Forwarded-Proto is believed;
 * without it, it is ignored.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/server/app';
import type { Store } from '../../src/server/store/store';
import { demoStore } from '../support/server';

let store: Store;
let app: ReturnType<typeof createApp>;

beforeEach(async () => {
  store = await demoStore();
  app = createApp({ store });
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await store.close();
});

const login = (headers: Record<string, string>, password = 'learn-daily') =>
  app.request('http://learn.example.com/api/v1/auth/login', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: 'https://learn.example.com',
      ...headers,
    },
    body: JSON.stringify({ email: 'learner@demo.test', password }),
  });

describe('behind a TLS-ending reverse proxy', () => {
  it('signs in from the https page when TRUST_PROXY=1 and the proxy says https', async () => {
    vi.stubEnv('TRUST_PROXY', '1');
    const res = await login({ 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/Secure/);
  });

  it('ignores X-Forwarded-Proto without TRUST_PROXY, so the origins differ', async () => {
    const res = await login({ 'x-forwarded-proto': 'https' });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('bad_origin');
  });

  it('still refuses a foreign origin when trusting the proxy', async () => {
    vi.stubEnv('TRUST_PROXY', '1');
    const res = await login({ 'x-forwarded-proto': 'https', origin: 'https://evil.example' });
    expect(res.status).toBe(403);
  });
});
