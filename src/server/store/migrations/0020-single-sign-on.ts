import type { Migration } from 'kysely';
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
      .addColumn('issuer', 'text', (c) => c.notNull())
      .addColumn('client_id', 'text', (c) => c.notNull())
      .addColumn('client_secret', 'text', (c) => c.notNull())
      .addColumn('password_sign_in', 'integer', (c) => c.notNull())
      .addColumn('create_accounts', 'integer', (c) => c.notNull())
      .addColumn('default_cohort_id', 'text', (c) => c.references('cohorts.id'))
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('sso_domains')
      .addColumn('domain', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('sso_configs.org_id'))
      .execute();
    await db.schema.createIndex('sso_domains_org').on('sso_domains').column('org_id').execute();
    await db.schema
      .createTable('sso_logins')
      .addColumn('state_hash', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('nonce', 'text', (c) => c.notNull())
      .addColumn('code_verifier', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('used_at', 'bigint')
      .execute();
    await db.schema
      .createTable('sso_identities')
      .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
      .addColumn('issuer', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('linked_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('sso_identities_pk', ['org_id', 'issuer', 'subject'])
      .execute();
    await db.schema
      .createIndex('sso_identities_user')
      .on('sso_identities')
      .column('user_id')
      .execute();
  },
};
