import type { Migration } from 'kysely';
import { createIndex, notNull, nullable } from './build';
import type { AnyDb } from './index';

/**
 * Single sign-on with OpenID Connect (issue 16): one provider per organisation with its email
 * domains (a domain belongs to one organisation only), the logins under way (so any process can
 * finish one another started) and the provider identities linked to people.
 */
export const singleSignOn: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('sso_configs')
      .addColumn('org_id', 'text', (c) => c.primaryKey().references('orgs.id'))
      .$call(notNull('text', 'issuer', 'client_id', 'client_secret'))
      .$call(notNull('integer', 'password_sign_in', 'create_accounts'))
      .addColumn('default_cohort_id', 'text', (c) => c.references('cohorts.id'))
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('sso_domains')
      .addColumn('domain', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('sso_configs.org_id'))
      .execute();
    await createIndex(db, 'sso_domains_org', 'sso_domains', ['org_id']);
    await db.schema
      .createTable('sso_logins')
      .addColumn('state_hash', 'text', (c) => c.primaryKey())
      .$call(notNull('text', 'org_id', 'nonce', 'code_verifier'))
      .$call(notNull('bigint', 'created_at', 'expires_at'))
      .$call(nullable('bigint', 'used_at'))
      .execute();
    await db.schema
      .createTable('sso_identities')
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .$call(notNull('text', 'issuer', 'subject'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('linked_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('sso_identities_pk', ['org_id', 'issuer', 'subject'])
      .execute();
    await createIndex(db, 'sso_identities_user', 'sso_identities', ['user_id']);
  },
};
