import { sql, type Migration } from 'kysely';
import type { AnyDb } from './index';

/**
 * The store written once on Kysely: the old step list's table goes (its steps are recorded by the
 * migrator now); organisations get a URL slug (their id to begin with) and people a preferred
 * language, which single sign-on and directory provisioning fill.
 */
export const storeWrittenOnce: Migration = {
  async up(db: AnyDb) {
    await sql`DROP TABLE IF EXISTS schema_migrations`.execute(db);
    await db.schema.alterTable('orgs').addColumn('slug', 'text').execute();
    await sql`UPDATE orgs SET slug = id`.execute(db);
    await db.schema.createIndex('orgs_slug').unique().on('orgs').column('slug').execute();
    await db.schema.alterTable('users').addColumn('locale', 'text').execute();
  },
};
