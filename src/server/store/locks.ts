/**
 * Locks across processes: where the two databases truly differ. PostgreSQL has advisory locks
 * that every process on the database respects; a SQLite file is owned by one process, whose
 * one connection already serialises its transactions, so an in-process queue is the whole lock.
 */
import { sql } from 'kysely';
import { isPostgres, type Db, type Tx } from './db';

/** First half of the two-part advisory lock keys, so ours never clash with other users of the database. */
export const LOCK_INGEST = 0x4b4e0002;
const LOCK_EXCLUSIVE = 0x4b4e0003;
const LOCK_BOARD_NAMES = 0x4b4e0004;
const LOCK_SIGN_IN = 0x4b4e0005;

/**
 * Serialises transactions of one user (two tabs, a retry racing the original request), so they
 * never deadlock on each other's uncommitted rows. Held until the transaction ends.
 */
export async function lockUser(tx: Tx, userId: string): Promise<void> {
  if (isPostgres(tx))
    await sql`SELECT pg_advisory_xact_lock(${LOCK_INGEST}, hashtext(${userId}))`.execute(tx);
}

/**
 * Serialises changes to the board names of one organisation (its cohorts' aliases), so two people
 * choosing the same alias at once cannot both see it free. Held until the transaction ends; on
 * SQLite the one connection already runs one transaction at a time.
 */
export async function lockBoardNames(tx: Tx, orgId: string): Promise<void> {
  if (isPostgres(tx))
    await sql`SELECT pg_advisory_xact_lock(${LOCK_BOARD_NAMES}, hashtext(${orgId}))`.execute(tx);
}

/**
 * Serialises the counting of one sign-in key (an email, an address), so racing attempts from two
 * processes are each counted once, in turn. Held until the transaction ends.
 */
export async function lockSignIn(tx: Tx, key: string): Promise<void> {
  if (isPostgres(tx))
    await sql`SELECT pg_advisory_xact_lock(${LOCK_SIGN_IN}, hashtext(${key}))`.execute(tx);
}

/** The `exclusive` of a store: runs `fn` while holding the lock `name` for this database. */
export function exclusiveLock(db: Db, schema: string | undefined) {
  const queues = new Map<string, Promise<void>>();
  return async function exclusive<T>(name: string, fn: () => Promise<T>): Promise<T> {
    if (isPostgres(db))
      // A session lock on one pooled connection, held while `fn` works through the pool; keyed
      // by schema, since advisory locks are per database. A dropped connection releases it.
      return db.connection().execute(async (conn) => {
        const key = `${name}:${schema ?? ''}`;
        await sql`SELECT pg_advisory_lock(${LOCK_EXCLUSIVE}, hashtext(${key}))`.execute(conn);
        try {
          return await fn();
        } finally {
          await sql`SELECT pg_advisory_unlock(${LOCK_EXCLUSIVE}, hashtext(${key}))`.execute(conn);
        }
      });
    const before = queues.get(name) ?? Promise.resolve();
    const run = before.then(fn);
    const done = run.then(
      () => undefined,
      () => undefined,
    );
    queues.set(name, done);
    void done.then(() => queues.get(name) === done && queues.delete(name));
    return run;
  };
}
