import type { Migration } from 'kysely';
import type { AnyDb } from './index';

/** Each person's events by when the server received them: the daily event bound counts these. */
export const eventsByReceipt: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createIndex('events_user_received')
      .on('events')
      .columns(['user_id', 'received_at'])
      .execute();
  },
};
