/**
 * Aggregates kept at ingest (learner days, kept mastery) are built for existing data by a backfill
 * that runs while the server serves: people in id order, a chunk per transaction, the position
 * kept in `aggregate_backfills` so a restarted process (or another one) goes on where it stopped.
 * Only the step that rebuilds one chunk of people differs between aggregates.
 */
import { inTransaction, type Db, type Tx } from './db';
import { valueAt } from './rows';

export interface BackfillOptions {
  /** People rebuilt per transaction. */
  chunk?: number;
  /** Start over from the first person (everyone rebuilt again). */
  restart?: boolean;
}

/** Whether the backfill `name` has gone through everyone. */
export async function backfillDone(db: Db, name: string): Promise<boolean> {
  const doneAt = await valueAt(db, 'aggregate_backfills', 'done_at', { name });
  return doneAt !== null && doneAt !== undefined;
}

/** Runs the backfill `name` to its end, calling `rebuild` for each chunk of user ids in order. */
export async function runBackfill(
  db: Db,
  name: string,
  { chunk = 100, restart = false }: BackfillOptions,
  rebuild: (tx: Tx, userIds: string[]) => Promise<void>,
): Promise<void> {
  if (restart)
    await db
      .updateTable('aggregate_backfills')
      .set({ after_user: '', done_at: null })
      .where('name', '=', name)
      .execute();
  for (;;) {
    const done = await inTransaction(db, async (tx) => {
      const mark = await tx
        .selectFrom('aggregate_backfills')
        .select(['after_user', 'done_at'])
        .where('name', '=', name)
        .executeTakeFirstOrThrow();
      if (mark.done_at !== null) return true;
      const users = await tx
        .selectFrom('users')
        .select('id')
        .where('id', '>', mark.after_user)
        .orderBy('id')
        .limit(chunk)
        .execute();
      await rebuild(
        tx,
        users.map((u) => u.id),
      );
      await tx
        .updateTable('aggregate_backfills')
        .set(users.length ? { after_user: users.at(-1)!.id } : { done_at: Date.now() })
        .where('name', '=', name)
        .where('after_user', '=', mark.after_user)
        .execute();
      return users.length === 0;
    });
    if (done) return;
  }
}

/**
 * The backfill `name` for a store asked on every request whether it is done: once done it stays
 * done (only a restart undoes it), so the answer is kept instead of read each time.
 */
export function keptBackfill(db: Db, name: string) {
  let done = false;
  return {
    async done(): Promise<boolean> {
      done ||= await backfillDone(db, name);
      return done;
    },
    async run(
      options: BackfillOptions,
      rebuild: (tx: Tx, userIds: string[]) => Promise<void>,
    ): Promise<void> {
      if (options.restart) done = false;
      await runBackfill(db, name, options, rebuild);
    },
  };
}
