import type { Migration } from 'kysely';
import {
  addBackfill,
  hasEvents,
  notNull,
  nullable,
  tableByPerson,
  tableByPersonAnd,
} from './build';
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
    await tableByPersonAnd(db, 'learner_days', 'day')
      .$call(notNull('integer', 'lessons'))
      .$call(notNull('bigint', 'last_at'))
      .$call(notNull('text', 'detail'))
      .execute();
    await tableByPerson(db, 'learner_totals')
      .$call(notNull('bigint', 'last_at'))
      .$call(notNull('text', 'completed'))
      .execute();
    await db.schema
      .createTable('aggregate_backfills')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .$call(notNull('text', 'after_user'))
      .$call(nullable('bigint', 'done_at'))
      .execute();
    await addBackfill(db, 'learner_days', await hasEvents(db));
  },
};
