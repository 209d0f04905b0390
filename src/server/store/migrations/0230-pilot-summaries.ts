import type { Migration } from 'kysely';
import type { AnyDb } from './index';

/**
 * Pilot summaries (store/pilot-summaries.ts): a row per pilot and member with activity in its
 * window, so the pilot report reads one row per member instead of one per member and active day.
 *
 * Only the empty table is made here, so the migration is instant at any size. Each existing pilot
 * is marked pending: `backfillPilotSummaries` (started by the server after it opens the store)
 * fills its rows a few learners at a time while the server serves, and the report reads the
 * learner days until it has finished.
 */
export const pilotSummaries: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('pilot_summaries')
      .addColumn('pilot_id', 'text', (c) => c.notNull().references('pilots.id'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('detail', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('pilot_summaries_pk', ['pilot_id', 'user_id'])
      .execute();
    const pilots = (await db.selectFrom('pilots').select('id').execute()) as Array<{ id: string }>;
    for (const p of pilots)
      await db
        .insertInto('aggregate_backfills')
        .values({ name: `pilot_summaries:${p.id}`, after_user: '', done_at: null })
        .execute();
  },
};
