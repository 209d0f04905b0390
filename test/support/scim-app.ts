/** Shared setup of the scim-*.test.ts files (split from scim.test.ts). */
import { beforeEach, expect } from 'vitest';
import type { App, Store } from './api';
import { freshApi } from './fresh';
import { ENTERPRISE, issueScimToken, scimClient, USER, type ScimClient } from './scim';

export const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

export let store: Store;
export let app: App;
export let scim: ScimClient;
export let globex: ScimClient;

export const entraUser = (userName: string) => ({
  schemas: [USER, ENTERPRISE],
  externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
  userName,
  active: true,
  emails: [{ primary: true, type: 'work', value: userName }],
  meta: { resourceType: 'User' },
  name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
  roles: [],
});

export function expectError(
  res: { status: number; body: unknown },
  status: number,
  scimType?: string,
) {
  expect(res.status).toBe(status);
  expect(res.body).toEqual({
    schemas: [ERROR],
    status: String(status),
    ...(scimType ? { scimType } : {}),
    detail: expect.any(String),
  });
}

/** The hooks every scim test file runs. */
export function useScimClients(): void {
  ({ store, app } = freshApi());
  beforeEach(async () => {
    scim = scimClient(app, await issueScimToken(app, store, 'u-demo-admin'));
    globex = scimClient(app, await issueScimToken(app, store, 'u-globex-admin'));
  });
}
