/**
 * Fixed-window counters (`rate_limits`): one atomic upsert per hit, so concurrent hits from
 * several processes are all counted. Used on its own (`AuthStore.hitRateLimit`) and inside the
 * ingest transaction, where a sync's hit commits or rolls back with the sync (store/progress.ts).
 */
import type { Db, Tx } from './db';

/** Counts one hit against `key` in a fixed window of `windowMs` and returns the count so far in it. */
export async function hitRateLimit(
  db: Db | Tx,
  key: string,
  windowMs: number,
  now: number,
): Promise<number> {
  const expired = now - windowMs;
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window_start: now, hits: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        hits: eb
          .case()
          .when('rate_limits.window_start', '<=', expired)
          .then(1)
          .else(eb('rate_limits.hits', '+', 1))
          .end(),
        window_start: eb
          .case()
          .when('rate_limits.window_start', '<=', expired)
          .then(eb.ref('excluded.window_start'))
          .else(eb.ref('rate_limits.window_start'))
          .end(),
      })),
    )
    .returning('hits')
    .executeTakeFirstOrThrow();
  return row.hits;
}

/** The hits counted against `key` in its current window (0 once the window has passed); no write. */
export async function rateLimitHits(
  db: Db | Tx,
  key: string,
  windowMs: number,
  now: number,
): Promise<number> {
  const row = await db
    .selectFrom('rate_limits')
    .select(['hits', 'window_start'])
    .where('key', '=', key)
    .executeTakeFirst();
  return row && Number(row.window_start) > now - windowMs ? row.hits : 0;
}
