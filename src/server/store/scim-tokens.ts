/**
 * SCIM's bearer tokens: one per directory connection of an organisation, kept as a hash, revoked
 * rather than deleted, touched on each use.
 */
import { credentialRow, revokeCredential, workingCredential } from './credentials';
import type { Db } from './db';

export interface ScimToken {
  id: string;
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
}

export interface NewScimToken {
  id: string;
  orgId: string;
  name: string;
  tokenHash: string;
  createdBy: string;
  createdAt: number;
}

export interface ScimTokenStore {
  createScimToken(token: NewScimToken): Promise<void>;
  /** The organisation's tokens that still work, newest first (never the token). */
  listScimTokens(orgId: string): Promise<ScimToken[]>;
  /** False when the org has no such working token. */
  revokeScimToken(orgId: string, id: string, now: number): Promise<boolean>;
  /** The working token with this hash. */
  scimTokenByHash(
    tokenHash: string,
  ): Promise<{ id: string; orgId: string; lastUsedAt: number | null } | undefined>;
  touchScimToken(id: string, now: number): Promise<void>;
}

export function scimTokenStore(db: Db): ScimTokenStore {
  return {
    async createScimToken(t) {
      await db
        .insertInto('scim_tokens')
        .values({ ...credentialRow(t), token_hash: t.tokenHash, created_by: t.createdBy })
        .execute();
    },
    async listScimTokens(orgId) {
      return db
        .selectFrom('scim_tokens')
        .select(['id', 'name', 'created_at as createdAt', 'last_used_at as lastUsedAt'])
        .where('org_id', '=', orgId)
        .where('revoked_at', 'is', null)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .execute();
    },
    revokeScimToken: (orgId, id, now) => revokeCredential(db, 'scim_tokens', orgId, id, now),
    scimTokenByHash: (tokenHash) =>
      workingCredential(db, 'scim_tokens', tokenHash)
        .select(['id', 'org_id as orgId', 'last_used_at as lastUsedAt'])
        .executeTakeFirst(),
    async touchScimToken(id, now) {
      await db.updateTable('scim_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
    },
  };
}
