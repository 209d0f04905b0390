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
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clientFor } from '../support/api';
import { signInAtProvider, startTestProvider, type TestProvider } from '../support/oidc';
import * as ssoApp from '../support/sso-app';

ssoApp.useSsoApp();

describe.each([true, false])('with conformIdTokenClaims %s', (conform) => {
  let provider: TestProvider;
  beforeAll(async () => {
    provider = await startTestProvider({
      redirectUris: [ssoApp.CALLBACK],
      accounts: ssoApp.accounts,
      conformIdTokenClaims: conform,
    });
  });
  afterAll(() => provider.close());

  it('creates a learner in the default cohort at first sign-in, from the claims, once', async () => {
    await ssoApp.configure(provider);
    const before = await ssoApp.store.countUsers();
    const user = await ssoApp.signedIn(
      await ssoApp.callback(await ssoApp.providerSends('new@demo.test')),
    );
    expect(user).toMatchObject({
      email: 'new@demo.test',
      name: 'Nora New',
      role: 'learner',
      orgId: 'demo-co',
      tz: 'America/New_York',
      cohortIds: ['demo-co-pilot'],
    });
    const again = await ssoApp.signedIn(
      await ssoApp.callback(await ssoApp.providerSends('new@demo.test')),
    );
    expect(again.id).toBe(user.id);
    expect(await ssoApp.store.countUsers()).toBe(before + 1);
  });

  it('links an existing account with the same verified email, never a second one', async () => {
    await ssoApp.configure(provider);
    const before = await ssoApp.store.countUsers();
    const user = await ssoApp.signedIn(
      await ssoApp.callback(await ssoApp.providerSends('learner@demo.test')),
    );
    expect(user).toMatchObject({ id: 'u-demo-learner', name: 'Lena Learner' });
    expect(await ssoApp.store.countUsers()).toBe(before);
  });

  it('starts the same sign-in from the link an admin shares', async () => {
    await ssoApp.configure(provider);
    const { signInUrl, redirectUri } = await ssoApp.json(
      await ssoApp.admin.get('/api/v1/admin/sso'),
    );
    expect(redirectUri).toBe(ssoApp.CALLBACK);
    expect(signInUrl).toBe('http://localhost/sso/demo-co');
    const door = await clientFor(ssoApp.app).get('/sso/demo-co');
    expect(door.status).toBe(302);
    const start = door.headers.get('location')!;
    const user = await ssoApp.signedIn(
      await ssoApp.callback(await ssoApp.providerSends('learner@demo.test', start)),
    );
    expect(user.id).toBe('u-demo-learner');
  });
});

describe('refusals, each changing nothing', () => {
  let provider: TestProvider;
  beforeAll(async () => {
    provider = await startTestProvider({
      redirectUris: [ssoApp.CALLBACK],
      accounts: ssoApp.accounts,
      idTokenTtl: 60,
    });
  });
  afterAll(() => provider.close());
  beforeEach(() => ssoApp.configure(provider));

  it('refuses a reused state and an unknown one', async () => {
    const url = await ssoApp.providerSends('learner@demo.test');
    await ssoApp.signedIn(await ssoApp.callback(url));
    ssoApp.expectRefused(await ssoApp.callback(url), 'error.ssoStateInvalid');
    const forged = new URL(url);
    forged.searchParams.set('state', 'forged-state');
    ssoApp.expectRefused(await ssoApp.callback(forged), 'error.ssoStateInvalid');
    ssoApp.expectRefused(
      await clientFor(ssoApp.app).get('/api/v1/auth/sso/callback'),
      'error.ssoStateInvalid',
    );
  });

  it('refuses a sign-in that comes back after ten minutes', async () => {
    const url = await ssoApp.providerSends('learner@demo.test');
    ssoApp.setClock(ssoApp.clock + 10 * 60_000 + 1);
    ssoApp.expectRefused(await ssoApp.callback(url), 'error.ssoStateInvalid');
  });

  it('refuses an id token whose nonce is not the one sent', async () => {
    const first = await clientFor(ssoApp.app).get('/api/v1/auth/sso/start?email=learner@demo.test');
    const second = await clientFor(ssoApp.app).get(
      '/api/v1/auth/sso/start?email=learner@demo.test',
    );
    // The second sign-in's request, carrying the first one's nonce.
    const crossed = new URL(second.headers.get('location')!);
    crossed.searchParams.set(
      'nonce',
      new URL(first.headers.get('location')!).searchParams.get('nonce')!,
    );
    const url = await signInAtProvider(crossed.href, 'learner@demo.test', ssoApp.CALLBACK);
    ssoApp.expectRefused(await ssoApp.callback(url), 'error.ssoTokenRejected');
  });

  it('refuses an expired id token', async () => {
    const url = await ssoApp.providerSends('learner@demo.test');
    ssoApp.setClock(ssoApp.clock + 5 * 60_000); // the id token lived 60 s (+30 s tolerance); the sign-in has 10 min
    ssoApp.expectRefused(await ssoApp.callback(url), 'error.ssoTokenRejected');
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
      await ssoApp.configure({ ...provider, issuer: impostorUrl });
      // The provider names itself in the answer (RFC 9207 `iss`): a mix-up is caught there.
      ssoApp.expectRefused(
        await ssoApp.callback(await ssoApp.providerSends('learner@demo.test')),
        'error.ssoTokenRejected',
      );
      // Without that parameter, the id token's own `iss` is what is refused.
      announcesIss = false;
      await ssoApp.configure({ ...provider, issuer: `${impostorUrl}/` }); // discovered anew
      const url = await ssoApp.providerSends('learner@demo.test');
      url.searchParams.delete('iss');
      ssoApp.expectRefused(await ssoApp.callback(url), 'error.ssoTokenRejected');
      expect(await ssoApp.store.countUsers()).toBe(7);
    } finally {
      impostor.close();
    }
  });

  it('refuses an email outside the organisation’s domains and an unverified one', async () => {
    const before = await ssoApp.store.countUsers();
    ssoApp.expectRefused(
      await ssoApp.callback(await ssoApp.providerSends('outsider@demo.test')),
      'error.ssoDomain',
    );
    ssoApp.expectRefused(
      await ssoApp.callback(await ssoApp.providerSends('unverified@demo.test')),
      'error.ssoEmailUnverified',
    );
    expect(await ssoApp.store.countUsers()).toBe(before);
  });

  it('refuses a deactivated person, linked or not', async () => {
    await ssoApp.store.updatePerson('demo-co', 'u-demo-learner2', { active: false });
    ssoApp.expectRefused(
      await ssoApp.callback(await ssoApp.providerSends('learner2@demo.test')),
      'error.ssoDeactivated',
    );
    await ssoApp.signedIn(await ssoApp.callback(await ssoApp.providerSends('learner@demo.test')));
    await ssoApp.store.updatePerson('demo-co', 'u-demo-learner', { active: false });
    ssoApp.expectRefused(
      await ssoApp.callback(await ssoApp.providerSends('learner@demo.test')),
      'error.ssoDeactivated',
    );
  });

  it('creates nobody when the organisation turned account creation off', async () => {
    await ssoApp.configure(provider, { createAccounts: false });
    const before = await ssoApp.store.countUsers();
    ssoApp.expectRefused(
      await ssoApp.callback(await ssoApp.providerSends('new@demo.test')),
      'error.ssoNoAccount',
    );
    expect(await ssoApp.store.countUsers()).toBe(before);
  });

  it('answers an email without a provider with the password path', async () => {
    expect(
      await ssoApp.json(
        await clientFor(ssoApp.app).get('/api/v1/auth/sso/discover?email=a@globex.test'),
      ),
    ).toEqual({ method: 'password' });
    expect(
      await ssoApp.json(
        await clientFor(ssoApp.app).get('/api/v1/auth/sso/discover?email=Ann@Demo.test'),
      ),
    ).toEqual({ method: 'sso', startUrl: '/api/v1/auth/sso/start?email=ann%40demo.test' });
    ssoApp.expectRefused(
      await clientFor(ssoApp.app).get('/api/v1/auth/sso/start?email=a@globex.test'),
      'error.ssoNoProvider',
    );
  });
});
