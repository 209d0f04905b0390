import { sql, type Migration } from 'kysely';
import type { AnyDb } from './index';

/**
 * Aggregates the pilot report and the team view read instead of the event log (store/learner-days.ts):
 * a row per learner and local day, a row per learner of their totals, and the backfill's progress.
 *
 * Only the empty tables are made here, so the migration is instant at any size. A database that
 * already holds events is marked `pending`: `backfillLearnerDays` (started by the server after it
 * opens the store) fills the rows a few learners at a time while the server serves, and readers
 * fall back to the event log until it has finished.
 */
export const learnerDays: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('learner_days')
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('lessons', 'integer', (c) => c.notNull())
      .addColumn('last_at', 'bigint', (c) => c.notNull())
      .addColumn('detail', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('learner_days_pk', ['user_id', 'day'])
      .execute();
    await db.schema
      .createTable('learner_totals')
      .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
      .addColumn('last_at', 'bigint', (c) => c.notNull())
      .addColumn('completed', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('aggregate_backfills')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('after_user', 'text', (c) => c.notNull())
      .addColumn('done_at', 'bigint')
      .execute();
    const { rows } = await sql`SELECT 1 FROM events LIMIT 1`.execute(db);
    await db
      .insertInto('aggregate_backfills')
      .values({ name: 'learner_days', after_user: '', done_at: rows.length ? null : 0 })
      .execute();
  },
};
