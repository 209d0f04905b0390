/**
 * What an organisation's machine credentials (SCIM tokens, LRS credentials) share: each has an
 * id and a name an admin gave it, works until revoked, and is revoked once.
 */
import type { Db } from './db';

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
