/**
 * Signing in: password logins, sessions, rate-limit windows and single-use invite/reset tokens.
 * All of it lives in the database (never in process memory), so any API process can answer any
 * request and a sign-out on one ends the session on all.
 */
import type { ExpressionBuilder } from 'kysely';
import { inTransaction, type Db } from './db';
import { lockSignIn } from './locks';
import { unspent } from './one-time';
import type { Database, NewRow } from './schema';
import { toUser, userFields, type Role, type User } from './people';

export interface Session {
  userId: string;
  expiresAt: number;
}

export interface SessionInfo {
  tokenHash: string;
  createdAt: number;
  expiresAt: number;
}

/** An invite (into a cohort) or a password reset; the database keeps only the token's hash. */
export interface AccessToken {
  kind: 'invite' | 'reset';
  orgId: string;
  /** reset: whose password. */
  userId: string | null;
  /** invite: where the new person lands. */
  cohortId: string | null;
  role: Role | null;
  email: string | null;
  managerId: string | null;
  createdBy: string;
  expiresAt: number;
}

/** How a sign-in key is slowed: `free` failures in `windowMs`, then waits doubling from 1 s. */
export interface SignInLimit {
  free: number;
  capMs: number;
  windowMs: number;
}

/** The wait before the next attempt after `failures` failures: 0, then 1 s, 2 s, 4 s… to `capMs`. */
export const signInDelay = (failures: number, limit: SignInLimit): number =>
  failures <= limit.free ? 0 : Math.min(1000 * 2 ** (failures - limit.free - 1), limit.capMs);

export type SignInClaim = { ok: true; known: boolean } | { ok: false; retryAt: number };

/** An open invite as its admin lists it; `id` is a prefix of the token's hash, never the code. */
export interface OpenInvite {
  id: string;
  email: string | null;
  role: Role;
  cohortId: string | null;
  createdBy: string;
  expiresAt: number;
}

/** Which open tokens to burn (see auth/revoke.ts). */
export interface TokenRevocation {
  orgId: string;
  /** Tokens this person created: all of them, or only those `keep` does not allow. */
  createdBy?: { userId: string; keep?: { inviteRoles: Role[]; resets: boolean } };
  /** Reset links for this person. */
  targeting?: string;
}

export interface AuthStore {
  /** An active user with this email (any case) and their password hash. */
  findLogin(email: string): Promise<{ user: User; passwordHash: string } | undefined>;
  /** The organisation of the person (active or not) holding this email (any case), if any. */
  emailOrg(email: string): Promise<string | undefined>;
  createSession(tokenHash: string, userId: string, expiresAt: number): Promise<void>;
  getSession(tokenHash: string, now: number): Promise<Session | undefined>;
  deleteSession(tokenHash: string): Promise<void>;
  /** The user's unexpired sessions, newest first. */
  listSessions(userId: string, now: number): Promise<SessionInfo[]>;
  deleteUserSessions(userId: string): Promise<void>;
  /** Counts one hit against `key` in a fixed window and returns the count so far in it. */
  hitRateLimit(key: string, windowMs: number, now: number): Promise<number>;
  /**
   * Counts one sign-in attempt against `key` before the password is checked, unless the key must
   * still wait (then: when it may try again). Atomic: of racing attempts only the allowed number
   * pass. A success takes its count back (releaseSignIn / signInSucceeded).
   */
  claimSignIn(key: string, limit: SignInLimit, now: number): Promise<SignInClaim>;
  /** Takes back one attempt claimSignIn counted (it succeeded, or another key refused it). */
  releaseSignIn(key: string): Promise<void>;
  /** The person signed in at `key`: its failures are forgotten and it is known until then. */
  signInSucceeded(key: string, now: number, knownUntil: number): Promise<void>;
  createAccessToken(tokenHash: string, token: AccessToken): Promise<void>;
  /** Burns the open tokens the revocation names (marks them used); how many. */
  revokeTokens(revocation: TokenRevocation, now: number): Promise<number>;
  /** The organisation's invites that are neither used nor expired, soonest expiry first. */
  listOpenInvites(orgId: string, now: number): Promise<OpenInvite[]>;
  /** Burns one open invite of the organisation by its id; false when there is none. */
  revokeInvite(orgId: string, id: string, now: number): Promise<boolean>;
  /** The token when it is unused and unexpired, without using it. */
  peekAccessToken(
    tokenHash: string,
    kind: AccessToken['kind'],
    now: number,
  ): Promise<AccessToken | undefined>;
  /** Atomically marks the token used; only the first caller gets it back (single use). */
  consumeAccessToken(
    tokenHash: string,
    kind: AccessToken['kind'],
    now: number,
  ): Promise<AccessToken | undefined>;
}

/** The `access_tokens` row of a token (also written with its mail by ./mail.ts). */
export const accessTokenRow = (tokenHash: string, t: AccessToken): NewRow<'access_tokens'> => ({
  token_hash: tokenHash,
  kind: t.kind,
  org_id: t.orgId,
  user_id: t.userId,
  cohort_id: t.cohortId,
  role: t.role,
  email: t.email,
  manager_id: t.managerId,
  created_by: t.createdBy,
  expires_at: t.expiresAt,
});

const TOKEN_FIELDS = [
  'kind',
  'org_id as orgId',
  'user_id as userId',
  'cohort_id as cohortId',
  'role',
  'email',
  'manager_id as managerId',
  'created_by as createdBy',
  'expires_at as expiresAt',
] as const;

/** The token of `kind` with hash `tokenHash`, while it is good at `now` (what a link may use). */
const goodToken =
  (tokenHash: string, kind: AccessToken['kind'], now: number) =>
  (eb: ExpressionBuilder<Database, 'access_tokens'>) =>
    eb.and([eb('token_hash', '=', tokenHash), eb('kind', '=', kind), unspent(now)(eb)]);

/** An invite's id in lists: a prefix of its hash, enough to tell invites apart. */
export const inviteId = (tokenHash: string) => tokenHash.slice(0, 16);

export function authStore(db: Db): AuthStore {
  return {
    async findLogin(email) {
      const row = await db
        .selectFrom('users as u')
        .select([...userFields(db), 'u.password_hash as passwordHash'])
        .where('u.email', '=', email.toLowerCase())
        .where('u.active', '=', 1)
        .executeTakeFirst();
      if (!row) return undefined;
      const { passwordHash, ...user } = row;
      return { user: toUser(user), passwordHash };
    },
    async emailOrg(email) {
      const row = await db
        .selectFrom('users')
        .select('org_id')
        .where('email', '=', email.toLowerCase())
        .executeTakeFirst();
      return row?.org_id;
    },
    async createSession(tokenHash, userId, expiresAt) {
      await db
        .insertInto('sessions')
        .values({
          token_hash: tokenHash,
          user_id: userId,
          created_at: Date.now(),
          expires_at: expiresAt,
        })
        .execute();
    },
    async getSession(tokenHash, now) {
      return db
        .selectFrom('sessions')
        .select(['user_id as userId', 'expires_at as expiresAt'])
        .where('token_hash', '=', tokenHash)
        .where('expires_at', '>', now)
        .executeTakeFirst();
    },
    async deleteSession(tokenHash) {
      await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
    },
    async listSessions(userId, now) {
      return db
        .selectFrom('sessions')
        .select(['token_hash as tokenHash', 'created_at as createdAt', 'expires_at as expiresAt'])
        .where('user_id', '=', userId)
        .where('expires_at', '>', now)
        .orderBy('created_at', 'desc')
        .execute();
    },
    async deleteUserSessions(userId) {
      await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
    },
    async hitRateLimit(key, windowMs, now) {
      // One atomic upsert: concurrent hits from several processes are all counted.
      const expired = now - windowMs;
      const row = await db
        .insertInto('rate_limits')
        .values({ key, window_start: now, hits: 1 })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet((eb) => ({
            hits: eb
              .case()
              .when('rate_limits.window_start', '<=', expired)
              .then(1)
              .else(eb('rate_limits.hits', '+', 1))
              .end(),
            window_start: eb
              .case()
              .when('rate_limits.window_start', '<=', expired)
              .then(eb.ref('excluded.window_start'))
              .else(eb.ref('rate_limits.window_start'))
              .end(),
          })),
        )
        .returning('hits')
        .executeTakeFirstOrThrow();
      return row.hits;
    },
    async claimSignIn(key, limit, now) {
      // Counted in turn under a lock on the key, so racing attempts (an office signing in at
      // nine, from one address and two processes) are each counted once and none is turned away
      // for losing a race.
      return inTransaction(db, async (tx) => {
        await lockSignIn(tx, key);
        await tx
          .insertInto('sign_in_failures')
          .values({ key, failures: 0, last_at: now })
          .onConflict((oc) => oc.column('key').doNothing())
          .execute();
        const row = await tx
          .selectFrom('sign_in_failures')
          .select(['failures', 'last_at', 'blocked_until', 'known_until'])
          .where('key', '=', key)
          .executeTakeFirstOrThrow();
        const blockedUntil = Number(row.blocked_until);
        if (blockedUntil > now) return { ok: false, retryAt: blockedUntil };
        const stale = Number(row.last_at) <= now - limit.windowMs;
        const failures = (stale ? 0 : row.failures) + 1;
        await tx
          .updateTable('sign_in_failures')
          .set({ failures, last_at: now, blocked_until: now + signInDelay(failures, limit) })
          .where('key', '=', key)
          .execute();
        return { ok: true, known: Number(row.known_until) > now };
      });
    },
    async releaseSignIn(key) {
      await db
        .updateTable('sign_in_failures')
        .set((eb) => ({ failures: eb('failures', '-', 1) }))
        .where('key', '=', key)
        .where('failures', '>', 0)
        .execute();
    },
    async signInSucceeded(key, now, knownUntil) {
      await db
        .updateTable('sign_in_failures')
        .set({ failures: 0, blocked_until: 0, last_at: now, known_until: knownUntil })
        .where('key', '=', key)
        .execute();
    },
    async revokeTokens(r, now) {
      let q = db
        .updateTable('access_tokens')
        .set({ used_at: now })
        .where('org_id', '=', r.orgId)
        .where(unspent(now));
      const { createdBy, targeting } = r;
      q = q.where((eb) => {
        const which = [];
        if (createdBy) {
          const keep = createdBy.keep;
          which.push(
            eb.and([
              eb('created_by', '=', createdBy.userId),
              ...(keep
                ? [
                    eb.or([
                      keep.inviteRoles.length
                        ? eb.and([
                            eb('kind', '=', 'invite'),
                            eb('role', 'not in', keep.inviteRoles),
                          ])
                        : eb('kind', '=', 'invite'),
                      ...(keep.resets ? [] : [eb('kind', '=', 'reset')]),
                    ]),
                  ]
                : []),
            ]),
          );
        }
        if (targeting)
          which.push(eb.and([eb('kind', '=', 'reset'), eb('user_id', '=', targeting)]));
        return which.length ? eb.or(which) : eb.lit(false);
      });
      const done = await q.executeTakeFirst();
      return Number(done.numUpdatedRows);
    },
    async listOpenInvites(orgId, now) {
      const rows = await db
        .selectFrom('access_tokens')
        .select([
          'token_hash as tokenHash',
          'email',
          'role',
          'cohort_id as cohortId',
          'created_by as createdBy',
          'expires_at as expiresAt',
        ])
        .where('org_id', '=', orgId)
        .where('kind', '=', 'invite')
        .where(unspent(now))
        .orderBy('expires_at')
        .orderBy('token_hash')
        .execute();
      return rows.map(({ tokenHash, role, expiresAt, ...rest }) => ({
        id: inviteId(tokenHash),
        role: role ?? 'learner',
        expiresAt: Number(expiresAt),
        ...rest,
      }));
    },
    async revokeInvite(orgId, id, now) {
      if (!/^[0-9a-f]{16}$/.test(id)) return false;
      const done = await db
        .updateTable('access_tokens')
        .set({ used_at: now })
        .where('org_id', '=', orgId)
        .where('kind', '=', 'invite')
        .where(unspent(now))
        .where('token_hash', 'like', `${id}%`)
        .executeTakeFirst();
      return Number(done.numUpdatedRows) > 0;
    },
    async createAccessToken(tokenHash, t) {
      await db.insertInto('access_tokens').values(accessTokenRow(tokenHash, t)).execute();
    },
    async peekAccessToken(tokenHash, kind, now) {
      return db
        .selectFrom('access_tokens')
        .select(TOKEN_FIELDS)
        .where(goodToken(tokenHash, kind, now))
        .executeTakeFirst();
    },
    async consumeAccessToken(tokenHash, kind, now) {
      // One conditional UPDATE: of two racing callers only one sees the row come back.
      return db
        .updateTable('access_tokens')
        .set({ used_at: now })
        .where(goodToken(tokenHash, kind, now))
        .returning(TOKEN_FIELDS)
        .executeTakeFirst();
    },
  };
}
