/**
 * Signing in: password logins, sessions, rate-limit windows and single-use invite/reset tokens.
 * All of it lives in the database (never in process memory), so any API process can answer any
 * request and a sign-out on one ends the session on all.
 */
import type { Db } from './db';
import type { NewRow } from './schema';
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
  createAccessToken(tokenHash: string, token: AccessToken): Promise<void>;
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
    async createAccessToken(tokenHash, t) {
      await db.insertInto('access_tokens').values(accessTokenRow(tokenHash, t)).execute();
    },
    async peekAccessToken(tokenHash, kind, now) {
      return db
        .selectFrom('access_tokens')
        .select(TOKEN_FIELDS)
        .where('token_hash', '=', tokenHash)
        .where('kind', '=', kind)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
    },
    async consumeAccessToken(tokenHash, kind, now) {
      // One conditional UPDATE: of two racing callers only one sees the row come back.
      return db
        .updateTable('access_tokens')
        .set({ used_at: now })
        .where('token_hash', '=', tokenHash)
        .where('kind', '=', kind)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .returning(TOKEN_FIELDS)
        .executeTakeFirst();
    },
  };
}
