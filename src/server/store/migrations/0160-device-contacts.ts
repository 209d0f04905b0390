import { sql, type Migration } from 'kysely';
import { notNull, tableByPersonAnd } from './build';
import type { AnyDb } from './index';

/**
 * When the server first heard from each of a person's devices (store/devices.ts), so events a
 * device dates before that are kept but not counted (src/core/plausibility.ts). Devices that
 * already sent events are taken as first heard from at their earliest event, so no verdict on
 * history made before this migration changes.
 */
export const deviceContacts: Migration = {
  async up(db: AnyDb) {
    await tableByPersonAnd(db, 'device_contacts', 'device_id')
      .$call(notNull('bigint', 'first_at'))
      .execute();
    await sql`
      INSERT INTO device_contacts (user_id, device_id, first_at)
      SELECT user_id, device_id, MIN(corrected_at) FROM events GROUP BY user_id, device_id`.execute(
      db,
    );
  },
};
