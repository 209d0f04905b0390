/**
 * The Store contract for single sign-on (issue 16) on SQLite and PostgreSQL: provider settings
 * with their domains (one organisation per domain), single-use sign-ins under way, and provider
 * accounts linked to people. Also: the client secret is stored sealed, never as given.
 */
import { describe, expect, it } from 'vitest';
import { seal, unseal } from '../../src/server/auth/secrets';
import type { NewUser, SsoConfig } from '../../src/server/store/store';
import { freshStore } from '../support/fresh';
import { storeKinds } from '../support/databases';

const T0 = Date.parse('2026-12-01T09:00:00.000Z');

const config = (orgId: string, over: Partial<SsoConfig> = {}): SsoConfig => ({
  orgId,
  issuer: 'https://login.example.com',
  clientId: 'kindling',
  sealedSecret: seal('s3cret'),
  emailDomains: ['acme.test'],
  passwordSignIn: false,
  createAccounts: true,
  defaultCohortId: null,
  updatedAt: T0,
  ...over,
});

const person = (id: string, orgId: string, email: string): NewUser => ({
  id,
  orgId,
  email,
  name: `Name ${id}`,
  role: 'learner',
  managerId: null,
  tz: 'Europe/Berlin',
  passwordHash: 'x',
  cohortIds: [],
});

describe.each(storeKinds)('$name identity store contract', (kind) => {
  const { store } = freshStore(kind, async (store) => {
    await store.createOrg({ id: 'acme', name: 'Acme' });
    await store.createOrg({ id: 'globex', name: 'Globex' });
  });

  it('keeps one provider per organisation, replaced whole with its domains', async () => {
    expect(await store.getSsoConfig('acme')).toBeUndefined();
    await store.saveSsoConfig(config('acme', { emailDomains: ['Acme.test', 'acme.example'] }));
    await store.saveSsoConfig(
      config('acme', { emailDomains: ['acme.example'], passwordSignIn: true, updatedAt: T0 + 1 }),
    );
    const saved = await store.getSsoConfig('acme');
    expect(saved).toMatchObject({
      orgId: 'acme',
      emailDomains: ['acme.example'],
      passwordSignIn: true,
      createAccounts: true,
      updatedAt: T0 + 1,
    });
    expect(unseal(saved!.sealedSecret)).toBe('s3cret');
    expect((await store.ssoConfigForDomain('ACME.example'))?.orgId).toBe('acme');
    expect(await store.ssoConfigForDomain('acme.test')).toBeUndefined();
    expect((await store.ssoConfigForSlug('acme'))?.issuer).toBe('https://login.example.com');
    expect(await store.ssoConfigForSlug('globex')).toBeUndefined();
    expect(await store.orgSlug('acme')).toBe('acme');
  });

  it('gives a domain to one organisation only, changing nothing on a clash', async () => {
    await store.saveSsoConfig(config('acme'));
    const clash = await store.saveSsoConfig(
      config('globex', { emailDomains: ['globex.test', 'acme.test'] }),
    );
    expect(clash).toEqual({ takenDomain: 'acme.test' });
    expect(await store.getSsoConfig('globex')).toBeUndefined();
    expect((await store.ssoConfigForDomain('acme.test'))?.orgId).toBe('acme');
  });

  it('lets a sign-in under way be finished once, and not after it expires', async () => {
    const login = { orgId: 'acme', nonce: 'n', codeVerifier: 'v', createdAt: T0 };
    await store.createSsoLogin('state-1', { ...login, expiresAt: T0 + 600_000 });
    await store.createSsoLogin('state-2', { ...login, expiresAt: T0 + 600_000 });
    const [first, second] = await Promise.all([
      store.consumeSsoLogin('state-1', T0 + 1000),
      store.consumeSsoLogin('state-1', T0 + 1000),
    ]);
    expect([first, second].filter(Boolean)).toEqual([{ ...login, expiresAt: T0 + 600_000 }]);
    expect(await store.consumeSsoLogin('state-2', T0 + 600_000)).toBeUndefined();
    expect(await store.consumeSsoLogin('unknown', T0)).toBeUndefined();
  });

  /** Ann, u1 of acme, with her account `subject` at `issuer` linked. */
  const linkedAnn = async (email: string, issuer: string, subject: string) => {
    await store.createUser(person('u1', 'acme', email));
    await store.linkIdentity({ orgId: 'acme', issuer, subject, userId: 'u1', linkedAt: T0 });
  };

  it('links provider accounts to people and creates a person with their link at once', async () => {
    await linkedAnn('Ann@Acme.test', 'https://login.example.com', 'sub-1');
    await store.createSsoUser(
      { ...person('u2', 'acme', 'bo@acme.test'), locale: 'de-DE' },
      { orgId: 'acme', issuer: 'https://login.example.com', subject: 'sub-2', linkedAt: T0 },
    );
    expect(await store.identityAccount('acme', 'https://login.example.com', 'sub-1')).toEqual({
      id: 'u1',
      orgId: 'acme',
      role: 'learner',
      active: true,
    });
    expect(await store.identityAccount('globex', 'https://login.example.com', 'sub-1')).toBe(
      undefined,
    );
    expect((await store.identityAccount('acme', 'https://login.example.com', 'sub-2'))?.id).toBe(
      'u2',
    );
    await store.updatePerson('acme', 'u1', { active: false });
    expect(await store.accountByEmail('ann@acme.test')).toMatchObject({ id: 'u1', active: false });
  });

  it('creates nobody when the link of a new person cannot be stored', async () => {
    await linkedAnn('ann@acme.test', 'i', 'taken');
    await expect(
      store.createSsoUser(person('u2', 'acme', 'bo@acme.test'), {
        orgId: 'acme',
        issuer: 'i',
        subject: 'taken',
        linkedAt: T0,
      }),
    ).rejects.toThrow();
    expect(await store.accountByEmail('bo@acme.test')).toBeUndefined();
  });
});
