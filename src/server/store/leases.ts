/**
 * Leased work (the mail outbox, forwarding to an organisation's LRS): a sender takes a due row
 * for a while by writing a fresh `claim` and `claimed_until`, so two processes never work on one
 * row at once, and a sender that died lets go when its lease runs out.
 */
import { randomUUID } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';

/** The lease on a row is free: never taken, or run out before `now` (`column`: `claimed_until`). */
export function leaseFree(now: number, column = 'claimed_until'): RawBuilder<boolean> {
  return sql<boolean>`(${sql.ref(column)} is null or ${sql.ref(column)} < ${now})`;
}

export interface Lease {
  claim: string;
  claimed_until: number;
}

/**
 * Takes the lease on the rows seen due (`keys`, in order), each with a fresh claim for `leaseMs`
 * from `now`. `take` writes the lease where the row is still due and its lease free: the same
 * conditions again, so of two senders that both saw a row due, one updates it. Yields each row
 * taken, as `read` reads it, with its claim; stop reading when there are enough (a row is taken
 * only as the one before it is read).
 */
export async function* takeLeases<K, R>(
  keys: readonly K[],
  now: number,
  leaseMs: number,
  take: (key: K, lease: Lease) => Promise<{ numUpdatedRows: bigint }>,
  read: (key: K) => Promise<R>,
): AsyncGenerator<R & { claim: string }> {
  for (const key of keys) {
    const lease = { claim: randomUUID(), claimed_until: now + leaseMs };
    if (Number((await take(key, lease)).numUpdatedRows) === 1)
      yield { ...(await read(key)), claim: lease.claim };
  }
}
