/**
 * Single sign-on end to end through the public door (`app.request`) against a real OpenID
 * provider (oidc-provider 9, test/support/oidc.ts): the admin sets the provider, people sign in
 * at it and come back signed in, and every refusal redirects to the sign-in screen with its
 * phrase key and changes nothing (no person, no link, no session).
 *
 * Runs with the provider putting profile claims in the id token and only in userinfo, on SQLite
 * and (vitest project "postgres") on PostgreSQL.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import { clientFor, signInAs, type App, type Client } from '../support/api';
import {
  signInAtProvider,
  startTestProvider,
  tokensForOtherClient,
  type TestProvider,
} from '../support/oidc';
import { apiTestStore, disposeApiTestStores } from '../support/server';
import { sessionCookie } from '../support/sessions';
import type { Store } from '../../src/server/store/store';

const CALLBACK = 'http://localhost/api/v1/auth/sso/callback';
const accounts = {
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

let store: Store;
let app: App;
let clock = Date.now();
let admin: Client;

const json = async (res: Response) => (await res.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function configure(
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
async function providerSends(login: string, start = `/api/v1/auth/sso/start?email=${login}`) {
  const res = await clientFor(app).get(start);
  expect(res.status).toBe(302);
  return signInAtProvider(res.headers.get('location')!, login, CALLBACK);
}

const callback = (url: URL) => clientFor(app).get(`${url.pathname}${url.search}`);

/** The app's answer to a refused sign-in: back to the sign-in screen with the phrase, no cookie. */
function expectRefused(res: Response, key: string) {
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toBe(`/?signInError=${key}`);
  expect(res.headers.get('set-cookie')).toBeNull();
}

async function signedIn(res: Response) {
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toBe('/?signedIn=sso');
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  expect(cookie).toMatch(/^kindling_session=/);
  return (await json(await clientFor(app, cookie).get('/api/v1/me'))).user;
}

beforeEach(async () => {
  clock = Date.now();
  store = await apiTestStore();
  app = createApp({ store, now: () => clock });
  admin = clientFor(app, await sessionCookie(store, 'u-demo-admin'));
});
afterEach(disposeApiTestStores);

describe.each([true, false])('with conformIdTokenClaims %s', (conform) => {
  let provider: TestProvider;
  beforeAll(async () => {
    provider = await startTestProvider({
      redirectUris: [CALLBACK],
      accounts,
      conformIdTokenClaims: conform,
    });
  });
  afterAll(() => provider.close());

  it('creates a learner in the default cohort at first sign-in, from the claims, once', async () => {
    await configure(provider);
    const before = await store.countUsers();
    const user = await signedIn(await callback(await providerSends('new@demo.test')));
    expect(user).toMatchObject({
      email: 'new@demo.test',
      name: 'Nora New',
      role: 'learner',
      orgId: 'demo-co',
      tz: 'America/New_York',
      cohortIds: ['demo-co-pilot'],
    });
    const again = await signedIn(await callback(await providerSends('new@demo.test')));
    expect(again.id).toBe(user.id);
    expect(await store.countUsers()).toBe(before + 1);
  });

  it('links an existing account with the same verified email, never a second one', async () => {
    await configure(provider);
    const before = await store.countUsers();
    const user = await signedIn(await callback(await providerSends('learner@demo.test')));
    expect(user).toMatchObject({ id: 'u-demo-learner', name: 'Lena Learner' });
    expect(await store.countUsers()).toBe(before);
  });

  it('starts the same sign-in from the link an admin shares', async () => {
    await configure(provider);
    const { signInUrl, redirectUri } = await json(await admin.get('/api/v1/admin/sso'));
    expect(redirectUri).toBe(CALLBACK);
    expect(signInUrl).toBe('http://localhost/sso/demo-co');
    const door = await clientFor(app).get('/sso/demo-co');
    expect(door.status).toBe(302);
    const start = door.headers.get('location')!;
    const user = await signedIn(await callback(await providerSends('learner@demo.test', start)));
    expect(user.id).toBe('u-demo-learner');
  });
});

describe('refusals, each changing nothing', () => {
  let provider: TestProvider;
  beforeAll(async () => {
    provider = await startTestProvider({ redirectUris: [CALLBACK], accounts, idTokenTtl: 60 });
  });
  afterAll(() => provider.close());
  beforeEach(() => configure(provider));

  it('refuses a reused state and an unknown one', async () => {
    const url = await providerSends('learner@demo.test');
    await signedIn(await callback(url));
    expectRefused(await callback(url), 'error.ssoStateInvalid');
    const forged = new URL(url);
    forged.searchParams.set('state', 'forged-state');
    expectRefused(await callback(forged), 'error.ssoStateInvalid');
    expectRefused(await clientFor(app).get('/api/v1/auth/sso/callback'), 'error.ssoStateInvalid');
  });

  it('refuses a sign-in that comes back after ten minutes', async () => {
    const url = await providerSends('learner@demo.test');
    clock += 10 * 60_000 + 1;
    expectRefused(await callback(url), 'error.ssoStateInvalid');
  });

  it('refuses an id token whose nonce is not the one sent', async () => {
    const first = await clientFor(app).get('/api/v1/auth/sso/start?email=learner@demo.test');
    const second = await clientFor(app).get('/api/v1/auth/sso/start?email=learner@demo.test');
    // The second sign-in's request, carrying the first one's nonce.
    const crossed = new URL(second.headers.get('location')!);
    crossed.searchParams.set(
      'nonce',
      new URL(first.headers.get('location')!).searchParams.get('nonce')!,
    );
    const url = await signInAtProvider(crossed.href, 'learner@demo.test', CALLBACK);
    expectRefused(await callback(url), 'error.ssoTokenRejected');
  });

  it('refuses an expired id token', async () => {
    const url = await providerSends('learner@demo.test');
    clock += 5 * 60_000; // the id token lived 60 s (+30 s tolerance); the sign-in has 10 min
    expectRefused(await callback(url), 'error.ssoTokenRejected');
  });

  it('refuses answers from another issuer than the configured one', async () => {
    // A discovery document that names itself the issuer while the provider signs as its own.
    const real = await (await fetch(`${provider.issuer}/.well-known/openid-configuration`)).json();
    let impostorUrl = '';
    let announcesIss = true;
    const impostor = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          ...real,
          issuer: impostorUrl,
          authorization_response_iss_parameter_supported: announcesIss,
        }),
      );
    });
    await new Promise<void>((done) => impostor.listen(0, '127.0.0.1', done));
    impostorUrl = `http://127.0.0.1:${(impostor.address() as AddressInfo).port}`;
    try {
      await configure({ ...provider, issuer: impostorUrl });
      // The provider names itself in the answer (RFC 9207 `iss`): a mix-up is caught there.
      expectRefused(
        await callback(await providerSends('learner@demo.test')),
        'error.ssoTokenRejected',
      );
      // Without that parameter, the id token's own `iss` is what is refused.
      announcesIss = false;
      await configure({ ...provider, issuer: `${impostorUrl}/` }); // discovered anew
      const url = await providerSends('learner@demo.test');
      url.searchParams.delete('iss');
      expectRefused(await callback(url), 'error.ssoTokenRejected');
      expect(await store.countUsers()).toBe(7);
    } finally {
      impostor.close();
    }
  });

  it('refuses an email outside the organisation’s domains and an unverified one', async () => {
    const before = await store.countUsers();
    expectRefused(await callback(await providerSends('outsider@demo.test')), 'error.ssoDomain');
    expectRefused(
      await callback(await providerSends('unverified@demo.test')),
      'error.ssoEmailUnverified',
    );
    expect(await store.countUsers()).toBe(before);
  });

  it('refuses a deactivated person, linked or not', async () => {
    await store.updatePerson('demo-co', 'u-demo-learner2', { active: false });
    expectRefused(
      await callback(await providerSends('learner2@demo.test')),
      'error.ssoDeactivated',
    );
    await signedIn(await callback(await providerSends('learner@demo.test')));
    await store.updatePerson('demo-co', 'u-demo-learner', { active: false });
    expectRefused(await callback(await providerSends('learner@demo.test')), 'error.ssoDeactivated');
  });

  it('creates nobody when the organisation turned account creation off', async () => {
    await configure(provider, { createAccounts: false });
    const before = await store.countUsers();
    expectRefused(await callback(await providerSends('new@demo.test')), 'error.ssoNoAccount');
    expect(await store.countUsers()).toBe(before);
  });

  it('answers an email without a provider with the password path', async () => {
    expect(
      await json(await clientFor(app).get('/api/v1/auth/sso/discover?email=a@globex.test')),
    ).toEqual({ method: 'password' });
    expect(
      await json(await clientFor(app).get('/api/v1/auth/sso/discover?email=Ann@Demo.test')),
    ).toEqual({ method: 'sso', startUrl: '/api/v1/auth/sso/start?email=ann%40demo.test' });
    expectRefused(
      await clientFor(app).get('/api/v1/auth/sso/start?email=a@globex.test'),
      'error.ssoNoProvider',
    );
  });
});

describe('the provider’s keys and audience', () => {
  const intranet = {
    clientId: 'intranet',
    clientSecret: 'intranet-secret',
    redirectUri: 'https://intranet.demo.test/callback',
  };
  let provider: TestProvider;
  beforeEach(async () => {
    provider = await startTestProvider({
      redirectUris: [CALLBACK],
      accounts,
      otherClients: [{ ...intranet, redirectUris: [intranet.redirectUri] }],
    });
    await configure(provider);
  });
  afterEach(() => provider.close());

  it('refuses an id token the provider made for another application, changing nothing', async () => {
    const before = await store.countUsers();
    /** A sign-in whose token request the provider answers with what `client` got for it. */
    const answeredWithTokensOf = async (client: typeof intranet, login: string) => {
      const start = await clientFor(app).get(`/api/v1/auth/sso/start?email=${login}`);
      const sent = new URL(start.headers.get('location')!);
      const url = await signInAtProvider(sent.href, login, CALLBACK);
      const nonce = sent.searchParams.get('nonce')!;
      provider.answerNextTokenRequest(
        await tokensForOtherClient(provider.issuer, client, login, nonce),
      );
      return callback(url);
    };
    // The same id token, signed by the same provider with the same nonce, but for the intranet.
    expectRefused(await answeredWithTokensOf(intranet, 'new@demo.test'), 'error.ssoTokenRejected');
    expect(await store.countUsers()).toBe(before);
    // Made for Kindling, the same way, it signs in.
    const kindling = {
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
      redirectUri: CALLBACK,
    };
    expect((await signedIn(await answeredWithTokensOf(kindling, 'new@demo.test'))).email).toBe(
      'new@demo.test',
    );
  });

  it('follows a key rotation without a restart, and refuses keys the provider never published', async () => {
    // The server's clock is the real one here, so the provider's configuration (and the JWKS it
    // fetched) stays cached between sign-ins, as in production.
    app = createApp({ store, now: () => Date.now() });
    const user = await signedIn(await callback(await providerSends('learner@demo.test')));
    provider.rotateSigningKey();
    expect(await provider.publishedKids()).toEqual(['key-2', 'key-1']);
    expect((await signedIn(await callback(await providerSends('learner@demo.test')))).id).toBe(
      user.id,
    );
    const before = await store.countUsers();
    provider.signWithUnpublishedKey();
    expectRefused(
      await callback(await providerSends('learner@demo.test')),
      'error.ssoTokenRejected',
    );
    provider.signWithUnpublishedKey(true); // a forged key under the published key's kid
    expectRefused(await callback(await providerSends('new@demo.test')), 'error.ssoTokenRejected');
    expect(await store.countUsers()).toBe(before);
  });
});

describe('password sign-in next to single sign-on', () => {
  const issuer = 'https://login.demo.test';
  it('is refused for the domain’s people unless allowed, but stays for admins', async () => {
    await configure({ issuer, clientId: 'kindling', clientSecret: 's' });
    const login = (email: string) =>
      clientFor(app).post('/api/v1/auth/login', { email, password: 'learn-daily' });
    const refused = await login('learner@demo.test');
    expect(refused.status).toBe(403);
    expect((await json(refused)).error.key).toBe('error.ssoPasswordOnly');
    expect((await login('admin@demo.test')).status).toBe(200);
    expect((await login('learner@globex.test')).status).toBe(200);
    await configure({ issuer, clientId: 'kindling', clientSecret: 's' }, { passwordSignIn: true });
    expect((await login('learner@demo.test')).status).toBe(200);
  });
});

describe('the admin settings', () => {
  const settings = {
    issuer: 'https://login.demo.test/realms/demo',
    clientId: 'kindling',
    emailDomains: ['Demo.test', 'demo.example'],
    passwordSignIn: false,
    createAccounts: true,
  };

  it('never answers the secret, and keeps it when an update leaves it out', async () => {
    const put = await admin.put('/api/v1/admin/sso', { ...settings, clientSecret: 'top-secret-1' });
    expect(await put.text()).not.toContain('top-secret-1');
    const again = await admin.put('/api/v1/admin/sso', { ...settings, createAccounts: false });
    expect(again.status).toBe(200);
    const read = await admin.get('/api/v1/admin/sso');
    const text = await read.text();
    expect(text).not.toContain('top-secret-1');
    expect(JSON.parse(text).sso).toEqual({
      ...settings,
      emailDomains: ['demo.example', 'demo.test'],
      createAccounts: false,
      defaultCohortId: null,
    });
    expect((await store.getSsoConfig('demo-co'))!.sealedSecret).not.toContain('top-secret-1');
  });

  it('asks for a secret the first time, and refuses bad input with the field named', async () => {
    const noSecret = await admin.put('/api/v1/admin/sso', settings);
    expect(noSecret.status).toBe(400);
    expect((await json(noSecret)).error.key).toBe('error.ssoSecretNeeded');
    for (const bad of [
      { issuer: 'http://login.demo.test' },
      { emailDomains: ['not a domain'] },
      { emailDomains: [] },
      { defaultCohortId: 'globex-all' },
      { extra: 1 },
    ]) {
      const res = await admin.put('/api/v1/admin/sso', { ...settings, clientSecret: 's', ...bad });
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
    expect(await store.getSsoConfig('demo-co')).toBeUndefined();
  });

  it('gives a domain to one organisation only', async () => {
    await admin.put('/api/v1/admin/sso', { ...settings, clientSecret: 's' });
    const globex = await signInAs(app, 'admin@globex.test');
    const res = await globex.put('/api/v1/admin/sso', {
      ...settings,
      emailDomains: ['globex.test', 'demo.test'],
      clientSecret: 's',
    });
    expect(res.status).toBe(409);
    expect((await json(res)).error).toMatchObject({
      code: 'domain_taken',
      params: { domain: 'demo.test' },
    });
    expect(await store.getSsoConfig('globex')).toBeUndefined();
  });
});
