/**
 * What one person may send: no single account can fill the event log or keep the server busy for
 * everyone. Checked in the ingest transaction under the person's lock, before anything is stored
 * (store/progress.ts): two racing syncs cannot both pass a bound, and a refused sync stores
 * nothing. Both answer 429 with `Retry-After`, which the device's sync engine waits out with its
 * outbox intact, so nothing a real learner did is lost. While a person's minute is used up, their
syncs are refused before the body is even read, so a flood costs one read each.
 *
 * - Requests: at most `syncsPerMinute` syncs a minute per person (counted in the database, so it
 *   holds across processes). A device sends one batch after another and halves a refused batch,
 *   which stays far below this.
 * - Events: at most `eventsPerDay` stored events per person in any 24 hours. A lesson is about a
 *   dozen events (start, cards, answers, completion), so this is well over a hundred lessons a day.
 */
import type { Context } from 'hono';
import type { AppEnv } from './env';
import { tooManyRequests } from './errors';
import type { IngestAdmission } from './store/progress';

export const SYNC_BOUNDS = { syncsPerMinute: 60, eventsPerDay: 2_000 } as const;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const rateKey = (userId: string) => `sync:user:${userId}`;
const tooManySyncs = () =>
  tooManyRequests('error.syncRate', MINUTE_MS / 1000, { count: SYNC_BOUNDS.syncsPerMinute });

/**
 * Refuses a sync at once (429, before its body is read) while the person's minute is already
 * used up: one read, no write. The exact count is taken in the ingest transaction.
 */
export async function refuseWhileLimited(c: Context<AppEnv>): Promise<void> {
  const { deps, user } = c.var;
  const hits = await deps.store.rateLimitHits(rateKey(user.id), MINUTE_MS, deps.now());
  if (hits >= SYNC_BOUNDS.syncsPerMinute) throw tooManySyncs();
}

/** The bounds a sync of `batchSize` events by `userId` at `now` must keep; 429 beyond either. */
export function syncAdmission(userId: string, batchSize: number, now: number): IngestAdmission {
  return {
    rateKey: rateKey(userId),
    rateWindowMs: MINUTE_MS,
    receivedAfter: now - DAY_MS,
    now,
    admit({ hits, received }) {
      if (hits > SYNC_BOUNDS.syncsPerMinute) throw tooManySyncs();
      if (received !== undefined && received + batchSize > SYNC_BOUNDS.eventsPerDay)
        throw tooManyRequests('error.syncDaily', 3600, { count: SYNC_BOUNDS.eventsPerDay });
    },
  };
}
