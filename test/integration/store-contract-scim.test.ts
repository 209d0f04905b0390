/**
 * The Store contract for SCIM provisioning, on SQLite and PostgreSQL alike: tokens are found by
 * hash only while not revoked and only by their own organisation's revoke; directory filters
 * compile to the same answers on both databases (case-insensitive userName, LIKE escaping, and/or,
 * value paths); a deleted person keeps their row and events but is no longer found.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'scim2-parse-filter';
import type { DirectoryFields } from '../../src/server/store/store';
import { freshStore, twoOrgs } from '../support/fresh';
import { storeKinds } from '../support/databases';

const T0 = Date.parse('2026-03-10T09:00:00.000Z');

const fields = (email: string, extra: Partial<DirectoryFields> = {}): DirectoryFields => ({
  email,
  name: email.split('@')[0]!,
  active: true,
  locale: null,
  tz: 'UTC',
  managerId: null,
  externalId: null,
  givenName: null,
  familyName: null,
  emails: null,
  department: null,
  employeeNumber: null,
  ...extra,
});

describe.each(storeKinds)('SCIM store on $name', (kind) => {
  const { store } = freshStore(kind, (store) => twoOrgs(store, 'admin'));

  it('finds a token by hash until its own organisation revokes it', async () => {
    await store.createScimToken({
      id: 't1',
      orgId: 'acme',
      name: 'Entra',
      tokenHash: 'h1',
      createdBy: 'admin-acme',
      createdAt: T0,
    });
    expect(await store.scimTokenByHash('h1')).toEqual({
      id: 't1',
      orgId: 'acme',
      lastUsedAt: null,
    });
    await store.touchScimToken('t1', T0 + 5);
    expect(await store.listScimTokens('acme')).toEqual([
      { id: 't1', name: 'Entra', createdAt: T0, lastUsedAt: T0 + 5 },
    ]);
    expect(await store.listScimTokens('other')).toEqual([]);
    expect(await store.revokeScimToken('other', 't1', T0)).toBe(false);
    expect(await store.scimTokenByHash('h1')).toBeDefined();
    expect(await store.revokeScimToken('acme', 't1', T0)).toBe(true);
    expect(await store.revokeScimToken('acme', 't1', T0)).toBe(false);
    expect(await store.scimTokenByHash('h1')).toBeUndefined();
    expect(await store.listScimTokens('acme')).toEqual([]);
  });

  it('answers filters the same way on both databases', async () => {
    const people = [
      fields('ann.lee@acme.test', { externalId: 'E-1', name: 'Ann Lee', department: 'Sales' }),
      fields('bo_b@acme.test', { externalId: 'e-1', name: 'Bob 100%', active: false }),
      fields('cy@acme.test', { name: 'Cy', locale: 'de-DE' }),
    ];
    for (const [i, p] of people.entries())
      await store.createDirectoryPerson('acme', `p${i}`, p, T0);
    await store.createDirectoryPerson('other', 'x', fields('ann@other.test'), T0);
    const ids = async (filter: string, sortBy?: 'displayName') =>
      (
        await store.findDirectoryPeople('acme', {
          filter: parse(filter),
          offset: 0,
          limit: 50,
          ...(sortBy ? { sortBy } : {}),
        })
      ).people.map((p) => p.id);
    expect(await ids('userName eq "ANN.LEE@acme.test"')).toEqual(['p0']);
    expect(await ids('externalId eq "E-1"')).toEqual(['p0']); // caseExact
    expect(await ids('displayName eq "ann lee"')).toEqual(['p0']);
    expect(await ids('userName co "_"')).toEqual(['p1']); // _ is not a wildcard
    expect(await ids('displayName ew "100%"')).toEqual(['p1']);
    expect(await ids('userName sw "c" or active eq false')).toEqual(['p1', 'p2']);
    expect(await ids('locale pr and not (department pr)')).toEqual(['p2']);
    expect(await ids('department ne "sales"')).toEqual(['admin-acme', 'p1', 'p2']);
    expect(await ids('emails[type eq "work" and value co "ann"]')).toEqual(['p0']);
    expect(await ids('userName pr', 'displayName')).toEqual(['admin-acme', 'p0', 'p1', 'p2']);
  });

  it('keeps a deleted person and their sessions end; a group member list leaves them out', async () => {
    await store.createDirectoryPerson('acme', 'p', fields('p@acme.test'), T0);
    await store.createSession('s', 'p', T0 + 86_400_000);
    await store.createDirectoryGroup(
      { id: 'g', orgId: 'acme', name: 'Sales', externalId: null, tz: 'UTC' },
      ['p', 'admin-acme'],
      T0,
    );
    expect(await store.deleteDirectoryPerson('other', 'p', T0)).toBe(false);
    expect(await store.deleteDirectoryPerson('acme', 'p', T0)).toBe(true);
    expect(await store.getDirectoryPerson('acme', 'p')).toBeUndefined();
    expect(await store.getSession('s', T0)).toBeUndefined();
    expect(await store.getPerson('acme', 'p')).toMatchObject({ active: false });
    expect(await store.emailHolder('P@acme.test')).toEqual({
      userId: 'p',
      orgId: 'acme',
      deleted: true,
      tz: expect.any(String),
    });
    expect((await store.getDirectoryGroup('acme', 'g', true))?.memberIds).toEqual(['admin-acme']);
    await store.updateDirectoryPerson('acme', 'p', fields('p@acme.test'), T0 + 1);
    expect(await store.getDirectoryPerson('acme', 'p')).toMatchObject({ active: true });
    expect((await store.getDirectoryGroup('acme', 'g', true))?.memberIds).toEqual([
      'admin-acme',
      'p',
    ]);
    expect(await store.deleteDirectoryGroup('acme', 'g', T0)).toBe(true);
    expect(await store.getDirectoryGroup('acme', 'g', false)).toBeUndefined();
    expect(await store.getCohort('g')).toBeDefined();
  });
});
