/** An LRS client for tests: a credential made through the admin API, Basic auth, the version header. */
import type { App, Store } from './api';
import { clientFor } from './api';
import { sessionCookie } from './sessions';

export interface LrsClient {
  key: string;
  secret: string;
  request(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Response>;
}

export async function lrsCredential(
  app: App,
  store: Store,
  scope: 'read' | 'all' = 'all',
  adminId = 'u-demo-admin',
): Promise<{ id: string; key: string; secret: string }> {
  const admin = clientFor(app, await sessionCookie(store, adminId));
  const res = await admin.post('/api/v1/admin/lrs-credentials', { name: `test ${scope}`, scope });
  if (res.status !== 201) throw new Error(`credential: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string; key: string; secret: string };
}

export function lrsClientWith(app: App, key: string, secret: string): LrsClient {
  return {
    key,
    secret,
    async request(method, path, body, headers = {}) {
      const isText = typeof body === 'string' || body instanceof Buffer;
      return app.request(`http://localhost/xapi${path}`, {
        method,
        headers: {
          authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`,
          'x-experience-api-version': '2.0.0',
          ...(body === undefined || isText ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body:
          body === undefined
            ? undefined
            : typeof body === 'string'
              ? body
              : body instanceof Buffer
                ? new Uint8Array(body)
                : JSON.stringify(body),
      });
    },
  };
}

export async function lrsClient(
  app: App,
  store: Store,
  scope: 'read' | 'all' = 'all',
  adminId?: string,
): Promise<LrsClient> {
  const { key, secret } = await lrsCredential(app, store, scope, adminId);
  return lrsClientWith(app, key, secret);
}
