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
  /**
   * The person's device contacts, `deviceId` heard from at `at` among them: a read on every sync
   * and state read, and a write only the first time a device is heard from.
   */
  knowDevice(userId: string, deviceId: string, at: number): Promise<Record<string, number>>;
}

export function deviceStore(db: Db): DeviceStore {
  const store: DeviceStore = {
    async noteDevice(userId, deviceId, at) {
      await db
        .insertInto('device_contacts')
        .values({ user_id: userId, device_id: deviceId, first_at: at })
        .onConflict((oc) =>
          oc
            .columns(['user_id', 'device_id'])
            .doUpdateSet({ first_at: sql<number>`excluded.first_at` })
            // The earliest instant wins; a later note writes nothing.
            .where(sql<boolean>`excluded.first_at < device_contacts.first_at`),
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
    async knowDevice(userId, deviceId, at) {
      const known = await store.deviceContacts(userId);
      if ((known[deviceId] ?? Infinity) <= at) return known;
      await store.noteDevice(userId, deviceId, at);
      return { ...known, [deviceId]: at };
    },
  };
  return store;
}
