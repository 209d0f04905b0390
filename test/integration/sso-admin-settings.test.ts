/**
 * Single sign-on end to end through the public door (`app.request`) against a real OpenID
 * provider (oidc-provider 9, test/support/oidc.ts): the admin sets the provider, people sign in
 * at it and come back signed in, and every refusal redirects to the sign-in screen with its
 * phrase key and changes nothing (no person, no link, no session).
 *
 * Runs with the provider putting profile claims in the id token and only in userinfo, on SQLite
 * and (vitest project "postgres") on PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import { clientFor, signInAs } from '../support/api';
import { store, app, admin, json, configure, useSsoApp } from '../support/sso-app';

useSsoApp();

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
