import type { Migration } from 'kysely';
import { hasEvents } from './build';
import type { AnyDb } from './index';

/**
 * What counts is decided again by one rule (src/core/plausibility.ts: a matching start, plausible
 * time, one lesson at a time, in the device's order, reviews only of due cards), and ledgers now
 * keep the trail it is decided from. Ledgers without it are dropped, so each learner's ledger and
 * board rows are folded again from their events at their next sync; the learner days are marked
 * for the backfill again, which the server runs with the XP rule (main.ts), so the pilot report
 * and the organisation goal stop counting what XP does not.
 */
export const countedLearning: Migration = {
  async up(db: AnyDb) {
    await db.deleteFrom('progress_ledgers').execute();
    if (await hasEvents(db))
      await db
        .updateTable('aggregate_backfills')
        .set({ after_user: '', done_at: null })
        .where('name', '=', 'learner_days')
        .execute();
  },
};
