/**
 * What an organisation's machine credentials (SCIM tokens, LRS credentials) share: each works
 * until revoked, and is revoked once.
 */
import type { Db } from './db';

/** Revokes the organisation's working credential `id` at `at`; false when it has none such. */
export async function revokeCredential(
  db: Db,
  table: 'scim_tokens' | 'lrs_credentials',
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
