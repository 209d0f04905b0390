/**
 * What an organisation's machine credentials (SCIM tokens, LRS credentials) share: each has an
 * id and a name an admin gave it, is presented by a caller, works until revoked, and is revoked
 * once.
 */
import type { SelectQueryBuilder } from 'kysely';
import type { Db } from './db';
import type { Database } from './schema';

type Credentials = 'scim_tokens' | 'lrs_credentials';

/** What a caller presents of each: a SCIM token (kept as its hash), an LRS credential's key. */
const presented = { scim_tokens: 'token_hash', lrs_credentials: 'key' } as const;

/** The columns every credential has, as a new one is written. */
export const credentialRow = (c: {
  id: string;
  orgId: string;
  name: string;
  createdAt: number;
}) => ({
  id: c.id,
  org_id: c.orgId,
  name: c.name,
  created_at: c.createdAt,
});

/** Revokes the organisation's working credential `id` at `at`; false when it has none such. */
export async function revokeCredential(
  db: Db,
  table: Credentials,
  orgId: string,
  id: string,
  at: number,
): Promise<boolean> {
  const result = await db
    .updateTable(table)
    .set({ revoked_at: at })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The working credential of `table` that a caller presents as `value`, to select from. */
export function workingCredential<T extends Credentials>(db: Db, table: T, value: string) {
  const from: Credentials = table; // Kysely's builders take no generic table name
  return db
    .selectFrom(from)
    .where(presented[from], '=', value)
    .where('revoked_at', 'is', null) as unknown as SelectQueryBuilder<Database, T, object>;
}
