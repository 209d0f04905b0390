import type { Migration } from 'kysely';
import type { AnyDb } from './index';

/**
 * Each ledger's streak summary beside it (src/core/streak-summary.ts), so the team view reads
 * a team's streaks without parsing every ledger. NULL until the learner's next sync writes it;
 * readers parse the ledger for those, so no backfill is needed.
 */
export const ledgerStreaks: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('progress_ledgers').addColumn('streak', 'text').execute();
  },
};
