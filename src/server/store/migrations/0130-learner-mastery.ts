import type { Migration } from 'kysely';
import { addBackfill, hasEvents, notNull, tableByPerson, tableByPersonAnd } from './build';
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
    await tableByPerson(db, 'learner_mastery')
      .$call(notNull('text', 'assessments', 'review'))
      .execute();
    await tableByPersonAnd(db, 'learner_cards', 'card').$call(notNull('text', 'answers')).execute();
    await addBackfill(db, 'learner_mastery', await hasEvents(db));
  },
};
