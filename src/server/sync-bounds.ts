/**
 * What one person may send: no single account can fill the event log or keep the server busy for
 * everyone. Checked before anything is stored; both answer 429 with `Retry-After`, which the
 * device's sync engine waits out with its outbox intact, so nothing a real learner did is lost.
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
import type { PreparedBatch } from './ingest';

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

/** Refuses the batch (429, try in an hour) when storing it would pass the person's daily bound. */
export async function boundDailyEvents(c: Context<AppEnv>, batch: PreparedBatch): Promise<void> {
  if (batch.incoming.length === 0) return;
  const { deps, user } = c.var;
  const stored = await deps.store.countEventsReceivedAfter(user.id, deps.now() - DAY_MS);
  if (stored + batch.incoming.length > SYNC_BOUNDS.eventsPerDay)
    throw tooManyRequests('error.syncDaily', 3600, { count: SYNC_BOUNDS.eventsPerDay });
}
