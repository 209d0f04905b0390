/**
 * The Store contract for sign-in failures and link revocation (issue 17) on SQLite and
 * PostgreSQL: racing attempts are counted one by one, a success forgets its key, and revocation
 * burns exactly the links it names.
 */
import { describe, expect, it } from 'vitest';
import type { AccessToken, NewUser, SignInLimit } from '../../src/server/store/store';
import { freshStore } from '../support/fresh';
import { storeKinds } from '../support/databases';

const T0 = Date.parse('2026-12-01T09:00:00.000Z');
const LIMIT: SignInLimit = { free: 3, capMs: 60_000, windowMs: 15 * 60_000 };

const person = (id: string, role: NewUser['role']): NewUser => ({
  id,
  orgId: 'acme',
  email: `${id}@acme.test`,
  name: id,
  role,
  managerId: null,
  tz: 'UTC',
  passwordHash: 'x',
  cohortIds: [],
});

const token = (over: Partial<AccessToken>): AccessToken => ({
  kind: 'invite',
  orgId: 'acme',
  userId: null,
  cohortId: null,
  role: 'learner',
  email: null,
  managerId: null,
  createdBy: 'boss',
  expiresAt: T0 + 86_400_000,
  ...over,
});

describe.each(storeKinds)('$name access store contract', (kind) => {
  const { store } = freshStore(kind, async (store) => {
    await store.createOrg({ id: 'acme', name: 'Acme' });
    await store.createUser(person('boss', 'admin'));
    await store.createUser(person('lee', 'learner'));
  });

  it('lets `free` racing attempts through, then makes each wait twice as long', async () => {
    const claims = await Promise.all(
      Array.from({ length: 8 }, () => store.claimSignIn('k', LIMIT, T0)),
    );
    // Three free, the fourth sets a 1 s wait, the rest are refused until then.
    expect(claims.filter((c) => c.ok)).toHaveLength(4);
    expect(claims.filter((c) => !c.ok).map((c) => !c.ok && c.retryAt)).toEqual(
      Array(4).fill(T0 + 1000),
    );
    expect(await store.claimSignIn('k', LIMIT, T0 + 1000)).toEqual({ ok: true, known: false });
    expect(await store.claimSignIn('k', LIMIT, T0 + 1000)).toEqual({
      ok: false,
      retryAt: T0 + 3000,
    });
    await store.signInSucceeded('k', T0 + 1000, T0 + 9_000_000);
    expect(await store.claimSignIn('k', LIMIT, T0 + 1000)).toEqual({ ok: true, known: true });
    // A window later the count starts over.
    for (let i = 0; i < 4; i++) await store.claimSignIn('w', LIMIT, T0);
    expect((await store.claimSignIn('w', LIMIT, T0 + LIMIT.windowMs + 1)).ok).toBe(true);
  });

  it('revokes the links a person made that their role no longer allows, and resets for them', async () => {
    await store.createAccessToken('inv-admin', token({ role: 'admin' }));
    await store.createAccessToken('inv-learner', token({ role: 'learner' }));
    await store.createAccessToken('reset-lee', token({ kind: 'reset', role: null, userId: 'lee' }));
    await store.createAccessToken(
      'reset-boss',
      token({ kind: 'reset', role: null, userId: 'boss', createdBy: 'lee' }),
    );
    const open = async () =>
      (
        await Promise.all(
          ['inv-admin', 'inv-learner'].map((h) => store.peekAccessToken(h, 'invite', T0)),
        )
      )
        .concat(
          await Promise.all(
            ['reset-lee', 'reset-boss'].map((h) => store.peekAccessToken(h, 'reset', T0)),
          ),
        )
        .map(Boolean);
    // Demoted to a role that may grant learners only, keeping no resets.
    expect(
      await store.revokeTokens(
        {
          orgId: 'acme',
          createdBy: { userId: 'boss', keep: { inviteRoles: ['learner'], resets: false } },
        },
        T0,
      ),
    ).toBe(2);
    expect(await open()).toEqual([false, true, false, true]);
    // Leaving: everything made by them and every reset for them.
    expect(
      await store.revokeTokens(
        { orgId: 'acme', createdBy: { userId: 'boss' }, targeting: 'boss' },
        T0,
      ),
    ).toBe(2);
    expect(await open()).toEqual([false, false, false, false]);
  });

  it('lists open invites by an id that revokes exactly one', async () => {
    await store.createAccessToken('a'.repeat(64), token({ email: 'a@x.test' }));
    await store.createAccessToken('b'.repeat(64), token({ email: 'b@x.test', expiresAt: T0 + 1 }));
    await store.createAccessToken('c'.repeat(64), token({ kind: 'reset', userId: 'lee' }));
    const list = await store.listOpenInvites('acme', T0);
    expect(list.map((i) => [i.id, i.email])).toEqual([
      ['b'.repeat(16), 'b@x.test'],
      ['a'.repeat(16), 'a@x.test'],
    ]);
    expect(await store.revokeInvite('acme', 'a'.repeat(16), T0)).toBe(true);
    expect(await store.revokeInvite('acme', 'c'.repeat(16), T0)).toBe(false);
    expect(await store.revokeInvite('acme', '%', T0)).toBe(false);
    expect((await store.listOpenInvites('acme', T0)).map((i) => i.email)).toEqual(['b@x.test']);
  });
});
