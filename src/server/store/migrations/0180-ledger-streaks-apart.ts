import { sql, type Migration } from 'kysely';
import { notNull, tableByPerson } from './build';
import type { AnyDb } from './index';

/**
 * The ledgers' streak summaries (0131) in a narrow table of their own. SQLite keeps a row's
 * columns in order, and `progress_ledgers.streak` comes after the whole ledger (kilobytes, on
 * overflow pages), so the team view's read of 50 reports' streaks walked 50 ledgers. Ingest
 * writes the summary here now; the column there is no longer written or read.
 */
export const ledgerStreaksApart: Migration = {
  async up(db: AnyDb) {
    await tableByPerson(db, 'ledger_streaks').$call(notNull('text', 'streak')).execute();
    await sql`INSERT INTO ledger_streaks (user_id, streak)
      SELECT user_id, streak FROM progress_ledgers WHERE streak IS NOT NULL`.execute(db);
  },
};
