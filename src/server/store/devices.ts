/**
 * Devices: when the server first heard from each of a person's devices (at sign-in, a state read
 * or a sync that names it). Events a device dates before that are kept but not counted
 * (src/core/plausibility.ts): it cannot have recorded them offline while nobody knew it.
 */
import { sql } from 'kysely';
import type { Db } from './db';

export interface DeviceStore {
  /** Records that `deviceId` of `userId` was heard from at `at` (the earliest such instant is kept). */
  noteDevice(userId: string, deviceId: string, at: number): Promise<void>;
  /** When each of the person's devices was first heard from, epoch ms by device id. */
  deviceContacts(userId: string): Promise<Record<string, number>>;
}

export function deviceStore(db: Db): DeviceStore {
  return {
    async noteDevice(userId, deviceId, at) {
      await db
        .insertInto('device_contacts')
        .values({ user_id: userId, device_id: deviceId, first_at: at })
        .onConflict((oc) =>
          oc.columns(['user_id', 'device_id']).doUpdateSet({
            first_at: sql<number>`CASE WHEN excluded.first_at < device_contacts.first_at
              THEN excluded.first_at ELSE device_contacts.first_at END`,
          }),
        )
        .execute();
    },
    async deviceContacts(userId) {
      const rows = await db
        .selectFrom('device_contacts')
        .select(['device_id', 'first_at'])
        .where('user_id', '=', userId)
        .execute();
      return Object.fromEntries(rows.map((r) => [r.device_id, Number(r.first_at)]));
    },
  };
}
