/**
 * Who is signed in on this device (as `GET /me` last answered) and a sign-out the server has not
 * heard of yet, kept in the database's `meta`. The worker reads the same record to know whose
 * outbox it may send.
 */
import { getMeta, setMeta, type KindlingDB, type SignedInUser } from './db';

export function createSessionRecord(db: KindlingDB) {
  return {
    deviceId: () => getMeta(db, 'deviceId'),
    user: async (): Promise<SignedInUser | null> => (await getMeta(db, 'user')) ?? null,
    async setUser(user: SignedInUser | null): Promise<void> {
      await setMeta(db, 'user', user);
    },
    pendingLogout: async (): Promise<boolean> => (await getMeta(db, 'pendingLogout')) ?? false,
    async setPendingLogout(pending: boolean): Promise<void> {
      await setMeta(db, 'pendingLogout', pending);
    },
  };
}

export type SessionRecord = ReturnType<typeof createSessionRecord>;
