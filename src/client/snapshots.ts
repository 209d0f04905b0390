/**
 * The progress snapshot: the server's state for a user as the last sync answered it, the base the
 * app folds pending events onto. The sync engine is its only writer (in a page and in the worker);
 * the progress store only reads it.
 */
import type { MeState } from '../core/api';
import type { KindlingDB, Snapshot } from './db';

export function createSnapshots(db: KindlingDB) {
  return {
    read: (userId: string): Promise<Snapshot | undefined> => db.get('snapshots', userId),
    async write(userId: string, state: MeState, syncedAt: string): Promise<void> {
      await db.put('snapshots', { userId, state, syncedAt });
    },
  };
}

export type Snapshots = ReturnType<typeof createSnapshots>;
