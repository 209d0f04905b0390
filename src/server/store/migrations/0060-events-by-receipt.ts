import type { Migration } from 'kysely';
import { createIndex } from './build';
import type { AnyDb } from './index';

/** Each person's events by when the server received them: the daily event bound counts these. */
export const eventsByReceipt: Migration = {
  async up(db: AnyDb) {
    await createIndex(db, 'events_user_received', 'events', ['user_id', 'received_at']);
  },
};
