/** Shared setup of the sso-*.test.ts files (split from sso.test.ts). */
import { afterEach, beforeEach, expect } from 'vitest';
import { createApp } from '../../src/server/app';
import { clientFor, type App, type Client } from './api';
import { signInAtProvider, type TestProvider } from './oidc';
import { apiTestStore, disposeApiTestStores } from './server';
import { sessionCookie } from './sessions';
import type { Store } from '../../src/server/store/store';

export const CALLBACK = 'http://localhost/api/v1/auth/sso/callback';
export const accounts = {
  'new@demo.test': {
    email: 'New@Demo.test',
    email_verified: true,
    name: 'Nora New',
    locale: 'de-DE',
    zoneinfo: 'America/New_York',
  },
  'learner@demo.test': { email: 'learner@demo.test', email_verified: true, name: 'Lena L.' },
  'learner2@demo.test': { email: 'learner2@demo.test', email_verified: true, name: 'Leo' },
  'outsider@demo.test': { email: 'someone@elsewhere.test', email_verified: true, name: 'Out' },
  'unverified@demo.test': { email: 'unverified@demo.test', email_verified: false, name: 'Un' },
};

export let store: Store;
export let app: App;
/** Sets `app` for the calling test (an imported binding cannot be assigned). */
export const setApp = (value: App) => {
  app = value;
};
export let clock = Date.now();
/** Sets `clock` for the calling test (an imported binding cannot be assigned). */
export const setClock = (value: number) => {
  clock = value;
};
export let admin: Client;

export const json = async (res: Response) => (await res.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function configure(
  provider: Pick<TestProvider, 'issuer' | 'clientId' | 'clientSecret'>,
  over = {},
) {
  const res = await admin.put('/api/v1/admin/sso', {
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    emailDomains: ['demo.test'],
    passwordSignIn: false,
    createAccounts: true,
    ...over,
  });
  expect(res.status, JSON.stringify(await res.clone().json())).toBe(200);
}

/** Starts at the app, signs in at the provider as `login`, and returns the callback's URL. */
export async function providerSends(
  login: string,
  start = `/api/v1/auth/sso/start?email=${login}`,
) {
  const res = await clientFor(app).get(start);
  expect(res.status).toBe(302);
  return signInAtProvider(res.headers.get('location')!, login, CALLBACK);
}

export const callback = (url: URL) => clientFor(app).get(`${url.pathname}${url.search}`);

/** The app's answer to a refused sign-in: back to the sign-in screen with the phrase, no cookie. */
export function expectRefused(res: Response, key: string) {
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toBe(`/?signInError=${key}`);
  expect(res.headers.get('set-cookie')).toBeNull();
}

export async function signedIn(res: Response) {
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toBe('/?signedIn=sso');
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  expect(cookie).toMatch(/^kindling_session=/);
  return (await json(await clientFor(app, cookie).get('/api/v1/me'))).user;
}

/** The hooks every sso test file runs. */
export function useSsoApp(): void {
  beforeEach(async () => {
    clock = Date.now();
    store = await apiTestStore();
    app = createApp({ store, now: () => clock });
    admin = clientFor(app, await sessionCookie(store, 'u-demo-admin'));
  });
  afterEach(disposeApiTestStores);
}
