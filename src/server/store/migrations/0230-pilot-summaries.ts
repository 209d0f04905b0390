import type { Migration } from 'kysely';
import { addBackfill, notNull } from './build';
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
      .$call(notNull('text', 'content', 'detail'))
      .addPrimaryKeyConstraint('pilot_summaries_pk', ['pilot_id', 'user_id'])
      .execute();
    const pilots = (await db.selectFrom('pilots').select('id').execute()) as Array<{ id: string }>;
    for (const p of pilots) await addBackfill(db, `pilot_summaries:${p.id}`, true);
  },
};
