import { sql, type Migration } from 'kysely';
import { createIndex, credentialTable, notNull, nullable, type TableBuilder } from './build';
import type { AnyDb } from './index';

/** When the directory made and last changed a person or group, and when it deleted it (if so). */
const directoryTimes = (table: TableBuilder) =>
  table
    .$call(notNull('bigint', 'created_at', 'updated_at'))
    .$call(nullable('bigint', 'deleted_at'));

/**
 * SCIM 2.0 provisioning: bearer tokens per organisation (only their SHA-256 is kept), and what the
 * directory says about a person or a group beyond Kindling's own columns. A person's email, name,
 * active flag, locale, zone and manager stay on `users`; a group is a cohort. `deleted_at` marks
 * what the directory deleted: the row and its history stay, SCIM answers 404 for it.
 */
export const scim: Migration = {
  async up(db: AnyDb) {
    await credentialTable(db, 'scim_tokens', 'token_hash')
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      .$call(notNull('bigint', 'created_at'))
      .$call(nullable('bigint', 'last_used_at', 'revoked_at'))
      .execute();
    await createIndex(db, 'scim_tokens_org', 'scim_tokens', ['org_id']);
    await db.schema
      .createTable('scim_users')
      .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .$call(nullable('text', 'external_id', 'given_name', 'family_name', 'emails'))
      .$call(nullable('text', 'department', 'employee_number'))
      .$call(directoryTimes)
      .execute();
    await createIndex(db, 'scim_users_external', 'scim_users', ['org_id', 'external_id']);
    await db.schema
      .createTable('scim_groups')
      .addColumn('cohort_id', 'text', (c) => c.primaryKey().references('cohorts.id'))
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .$call(nullable('text', 'external_id'))
      .$call(directoryTimes)
      .execute();
    await createIndex(db, 'scim_groups_external', 'scim_groups', ['org_id', 'external_id']);
    // Groups are found by display name (Entra ID and Okta both filter `displayName eq`).
    await sql`CREATE INDEX cohorts_org_name ON cohorts (org_id, name)`.execute(db);
  },
};
