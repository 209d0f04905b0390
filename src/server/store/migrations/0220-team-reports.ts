import type { Migration } from 'kysely';
import { createIndex } from './build';
import type { AnyDb } from './index';

/**
 * A manager's reports by index: the team view read every person of the organisation and kept
 * those whose manager was the reader (at 100,000 people, a scan of them all on each request).
 * And each learner's days with their lesson counts, so the view finds the latest day learned
 * before this week from the index alone, without reading each day's detail.
 */
export const teamReports: Migration = {
  async up(db: AnyDb) {
    await createIndex(db, 'users_manager', 'users', ['manager_id', 'org_id']);
    await createIndex(db, 'learner_days_lessons', 'learner_days', ['user_id', 'day', 'lessons']);
  },
};
