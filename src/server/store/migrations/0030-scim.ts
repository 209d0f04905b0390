import { sql, type Migration } from 'kysely';
import type { AnyDb } from './index';

/**
 * SCIM 2.0 provisioning: bearer tokens per organisation (only their SHA-256 is kept), and what the
 * directory says about a person or a group beyond Kindling's own columns. A person's email, name,
 * active flag, locale, zone and manager stay on `users`; a group is a cohort. `deleted_at` marks
 * what the directory deleted: the row and its history stay, SCIM answers 404 for it.
 */
export const scim: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('scim_tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('last_used_at', 'bigint')
      .addColumn('revoked_at', 'bigint')
      .execute();
    await db.schema.createIndex('scim_tokens_org').on('scim_tokens').column('org_id').execute();
    await db.schema
      .createTable('scim_users')
      .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('external_id', 'text')
      .addColumn('given_name', 'text')
      .addColumn('family_name', 'text')
      .addColumn('emails', 'text')
      .addColumn('department', 'text')
      .addColumn('employee_number', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('deleted_at', 'bigint')
      .execute();
    await db.schema
      .createIndex('scim_users_external')
      .on('scim_users')
      .columns(['org_id', 'external_id'])
      .execute();
    await db.schema
      .createTable('scim_groups')
      .addColumn('cohort_id', 'text', (c) => c.primaryKey().references('cohorts.id'))
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('external_id', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('deleted_at', 'bigint')
      .execute();
    await db.schema
      .createIndex('scim_groups_external')
      .on('scim_groups')
      .columns(['org_id', 'external_id'])
      .execute();
    // Groups are found by display name (Entra ID and Okta both filter `displayName eq`).
    await sql`CREATE INDEX cohorts_org_name ON cohorts (org_id, name)`.execute(db);
  },
};
