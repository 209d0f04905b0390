import type { Migration } from 'kysely';
import type { AnyDb } from './index';

/**
 * Sign-in failures per key (an email at one address, an address, an email anywhere): how many
 * in the current window, until when the next attempt must wait, and — for an email at an address
 * where that person signed in — until when that address is known to be theirs.
 */
export const signInFailures: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('sign_in_failures')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_at', 'bigint', (c) => c.notNull())
      .addColumn('blocked_until', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('known_until', 'bigint', (c) => c.notNull().defaultTo(0))
      .execute();
  },
};
