/**
 * What one person may send: no single account can fill the event log or keep the server busy for
 * everyone. Both answer 429 with `Retry-After`, which the device's sync engine waits out with its
 * outbox intact, so nothing a real learner did is lost.
 *
 * - Requests: at most `syncsPerMinute` syncs a minute per person (counted in the database with one
 *   atomic upsert, so it holds across processes), counted before the body is read: a flood costs
 *   one statement a request. A device sends one batch after another and halves a refused batch,
 *   which stays far below this.
 * - Events: at most `eventsPerDay` stored events per person in any 24 hours. A lesson is about a
 *   dozen events (start, cards, answers, completion), so this is well over a hundred lessons a day.
 *   Counted in the ingest transaction under the person's lock (store/progress.ts), so two racing
 *   syncs cannot both pass it, and a refused batch stores nothing.
 */
import type { Context } from 'hono';
import type { AppEnv } from './env';
import { tooManyRequests } from './errors';
import type { IngestAdmission } from './store/progress';

export const SYNC_BOUNDS = { syncsPerMinute: 60, eventsPerDay: 2_000 } as const;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** Counts this sync against the person's per-minute limit; 429 beyond it. */
export async function limitSyncRate(c: Context<AppEnv>): Promise<void> {
  const { deps, user } = c.var;
  const hits = await deps.store.hitRateLimit(`sync:user:${user.id}`, MINUTE_MS, deps.now());
  if (hits > SYNC_BOUNDS.syncsPerMinute)
    throw tooManyRequests('error.syncRate', MINUTE_MS / 1000, {
      count: SYNC_BOUNDS.syncsPerMinute,
    });
}

/** The daily bound a batch of `batchSize` events received at `now` must keep; 429 beyond it. */
export function dailyEventBound(batchSize: number, now: number): IngestAdmission {
  return {
    receivedAfter: now - DAY_MS,
    admit(received) {
      if (received + batchSize > SYNC_BOUNDS.eventsPerDay)
        throw tooManyRequests('error.syncDaily', 3600, { count: SYNC_BOUNDS.eventsPerDay });
    },
  };
}
