/** A SCIM client over app.request, as a directory would call `/scim/v2` with its bearer token. */
import type { App } from './api';
import { sessionCookie } from './sessions';
import type { Store } from '../../src/server/store/store';

export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

export interface ScimResponse {
  status: number;
  type: string | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export interface ScimClient {
  token: string;
  call(method: string, path: string, body?: unknown): Promise<ScimResponse>;
  get(path: string): Promise<ScimResponse>;
  post(path: string, body: unknown): Promise<ScimResponse>;
  put(path: string, body: unknown): Promise<ScimResponse>;
  patch(path: string, ...operations: unknown[]): Promise<ScimResponse>;
  delete(path: string): Promise<ScimResponse>;
}

/** `filter` query parameter, encoded as directories send it. */
export const filter = (text: string) => `filter=${encodeURIComponent(text)}`;

export function scimClient(app: App, token: string, headers: Record<string, string> = {}) {
  const call = async (method: string, path: string, body?: unknown): Promise<ScimResponse> => {
    const res = await app.request(`http://localhost/scim/v2${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/scim+json' }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      body: text ? JSON.parse(text) : null,
    };
  };
  const client: ScimClient = {
    token,
    call,
    get: (p) => call('GET', p),
    post: (p, b) => call('POST', p, b),
    put: (p, b) => call('PUT', p, b),
    patch: (p, ...operations) => call('PATCH', p, { schemas: [PATCH_OP], Operations: operations }),
    delete: (p) => call('DELETE', p),
  };
  return client;
}

/** An admin of `orgId` creates a SCIM token through the admin API and hands it to a directory. */
export async function issueScimToken(app: App, store: Store, adminId: string): Promise<string> {
  const cookie = await sessionCookie(store, adminId);
  const res = await app.request('http://localhost/api/v1/admin/scim-tokens', {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', origin: 'http://localhost' },
    body: JSON.stringify({ name: 'Directory' }),
  });
  if (res.status !== 201) throw new Error(`creating a SCIM token failed: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}
