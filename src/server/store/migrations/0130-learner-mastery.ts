import { sql, type Migration } from 'kysely';
import type { AnyDb } from './index';

/**
 * The learner's mastery kept at ingest (store/learner-mastery.ts), so `/me/state` and the sync
 * reply read one row instead of the learner's assessment, quiz and review events: a row per
 * learner (assessment results and review items) and a row per learner and quiz card (that card's
 * graded answers, to replay its review box when a late answer arrives).
 *
 * Like 0040, only empty tables are made; a database that already holds events is marked pending
 * and `backfillLearnerMastery` fills it while the server serves (readers grade the events until then).
 */
export const learnerMastery: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('learner_mastery')
      .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
      .addColumn('assessments', 'text', (c) => c.notNull())
      .addColumn('review', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('learner_cards')
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('card', 'text', (c) => c.notNull())
      .addColumn('answers', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('learner_cards_pk', ['user_id', 'card'])
      .execute();
    const { rows } = await sql`SELECT 1 FROM events LIMIT 1`.execute(db);
    await db
      .insertInto('aggregate_backfills')
      .values({ name: 'learner_mastery', after_user: '', done_at: rows.length ? null : 0 })
      .execute();
  },
};
