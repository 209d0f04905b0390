/**
 * Single sign-on end to end through the public door (`app.request`) against a real OpenID
 * provider (oidc-provider 9, test/support/oidc.ts): the admin sets the provider, people sign in
 * at it and come back signed in, and every refusal redirects to the sign-in screen with its
 * phrase key and changes nothing (no person, no link, no session).
 *
 * Runs with the provider putting profile claims in the id token and only in userinfo, on SQLite
 * and (vitest project "postgres") on PostgreSQL.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import { clientFor } from '../support/api';
import {
  signInAtProvider,
  startTestProvider,
  tokensForOtherClient,
  type TestProvider,
} from '../support/oidc';
import * as ssoApp from '../support/sso-app';

ssoApp.useSsoApp();

describe('the provider’s keys and audience', () => {
  const intranet = {
    clientId: 'intranet',
    clientSecret: 'intranet-secret',
    redirectUri: 'https://intranet.demo.test/callback',
  };
  let provider: TestProvider;
  beforeEach(async () => {
    provider = await startTestProvider({
      redirectUris: [ssoApp.CALLBACK],
      accounts: ssoApp.accounts,
      otherClients: [{ ...intranet, redirectUris: [intranet.redirectUri] }],
    });
    await ssoApp.configure(provider);
  });
  afterEach(() => provider.close());

  it('refuses an id token the provider made for another application, changing nothing', async () => {
    const before = await ssoApp.store.countUsers();
    /** A sign-in whose token request the provider answers with what `client` got for it. */
    const answeredWithTokensOf = async (client: typeof intranet, login: string) => {
      const start = await clientFor(ssoApp.app).get(`/api/v1/auth/sso/start?email=${login}`);
      const sent = new URL(start.headers.get('location')!);
      const url = await signInAtProvider(sent.href, login, ssoApp.CALLBACK);
      const nonce = sent.searchParams.get('nonce')!;
      provider.answerNextTokenRequest(
        await tokensForOtherClient(provider.issuer, client, login, nonce),
      );
      return ssoApp.callback(url);
    };
    // The same id token, signed by the same provider with the same nonce, but for the intranet.
    ssoApp.expectRefused(
      await answeredWithTokensOf(intranet, 'new@demo.test'),
      'error.ssoTokenRejected',
    );
    expect(await ssoApp.store.countUsers()).toBe(before);
    // Made for Kindling, the same way, it signs in.
    const kindling = {
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
      redirectUri: ssoApp.CALLBACK,
    };
    expect(
      (await ssoApp.signedIn(await answeredWithTokensOf(kindling, 'new@demo.test'))).email,
    ).toBe('new@demo.test');
  });

  it('follows a key rotation without a restart, and refuses keys the provider never published', async () => {
    // The server's clock is the real one here, so the provider's configuration (and the JWKS it
    // fetched) stays cached between sign-ins, as in production.
    ssoApp.setApp(createApp({ store: ssoApp.store, now: () => Date.now() }));
    const user = await ssoApp.signedIn(
      await ssoApp.callback(await ssoApp.providerSends('learner@demo.test')),
    );
    provider.rotateSigningKey();
    expect(await provider.publishedKids()).toEqual(['key-2', 'key-1']);
    expect(
      (
        await ssoApp.signedIn(
          await ssoApp.callback(await ssoApp.providerSends('learner@demo.test')),
        )
      ).id,
    ).toBe(user.id);
    const before = await ssoApp.store.countUsers();
    provider.signWithUnpublishedKey();
    ssoApp.expectRefused(
      await ssoApp.callback(await ssoApp.providerSends('learner@demo.test')),
      'error.ssoTokenRejected',
    );
    provider.signWithUnpublishedKey(true); // a forged key under the published key's kid
    ssoApp.expectRefused(
      await ssoApp.callback(await ssoApp.providerSends('new@demo.test')),
      'error.ssoTokenRejected',
    );
    expect(await ssoApp.store.countUsers()).toBe(before);
  });
});
