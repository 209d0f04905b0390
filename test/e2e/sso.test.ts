/**
 * Single sign-on in the real browser against a real OpenID provider (oidc-provider 9, started
 * here): the sign-in screen asks for the email first, a domain with single sign-on goes to the
 * provider's login form, and the person comes back to the app signed in. A refusal comes back to
 * the sign-in screen, worded.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { seal } from '../../src/server/auth/secrets';
import { startTestProvider, type TestProvider } from '../support/oidc';
import { serverAndPhone } from '../support/phone-run';

let provider: TestProvider;
const run = serverAndPhone({}, async (server) => {
  provider = await startTestProvider({
    redirectUris: [`${server.url}/api/v1/auth/sso/callback`],
    accounts: {
      'nora@demo.test': { email: 'nora@demo.test', email_verified: true, name: 'Nora North' },
      'una@demo.test': { email: 'una@demo.test', email_verified: false, name: 'Una' },
    },
  });
  await server.store.saveSsoConfig({
    orgId: 'demo-co',
    issuer: provider.issuer,
    clientId: provider.clientId,
    sealedSecret: seal(provider.clientSecret),
    emailDomains: ['demo.test'],
    passwordSignIn: false,
    createAccounts: true,
    defaultCohortId: null,
    updatedAt: Date.now(),
  });
});
afterAll(async () => {
  await provider?.close();
});

describe('signing in with a company account', () => {
  it('goes from the email to the provider’s form and back into the app, signed in', async () => {
    const { page } = run.phone;
    await page.goto(run.server.url);
    await page.getByLabel('Email').fill('nora@demo.test');
    await page.getByRole('button', { name: 'Continue' }).click();
    // The provider's own login form, with the email handed over as the login hint.
    const login = page.locator('input[name="login"]');
    await login.waitFor();
    expect(new URL(page.url()).origin).toBe(provider.issuer);
    expect(await login.inputValue()).toBe('nora@demo.test');
    await page.locator('input[name="password"]').fill('whatever-the-provider-wants');
    await page.locator('button[type="submit"]').click();
    await page.getByRole('heading', { name: /Hi Nora/ }).waitFor();
    expect(page.url()).toBe(`${run.server.url}/`);
    await page.locator('.module-card').first().waitFor(); // the app loaded their lessons too
    const cookies = await page.context().cookies(run.server.url);
    expect(cookies.find((c) => c.name === 'kindling_session')).toMatchObject({ httpOnly: true });
    await page.getByRole('link', { name: 'Me', exact: true }).click(); // settings live under Me
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Email').waitFor();
  });

  it('shows a refusal on the sign-in screen, and another email the password field', async () => {
    const { page } = run.phone;
    // Signed out at the provider too, so it asks again.
    await page.context().clearCookies({ domain: '127.0.0.1' });
    await page.goto(run.server.url);
    await page.getByLabel('Email').fill('una@demo.test');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('input[name="login"]').waitFor();
    await page.locator('input[name="password"]').fill('x');
    await page.locator('button[type="submit"]').click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Your company account’s email address is not verified.' })
      .waitFor();
    expect(new URL(page.url()).search).toBe('');
    await page.getByLabel('Email').fill('learner@globex.test');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('Password').fill('learn-daily');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: /Hi Gus/ }).waitFor();
  });
});
