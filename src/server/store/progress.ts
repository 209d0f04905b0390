/**
 * Progress: the append-only event log and the aggregates kept with it in the ingest transaction
 * (the learner's ledger and their board rows), so every read is of an aggregate, never a scan.
 *
 * Ingest, in one transaction, after the per-user lock (locks.ts):
 * 0. admit the batch within the person's daily event bound (`IngestAdmission`): the day's events
 *    are counted under the lock, so two racing syncs cannot both pass it;
 * 1. insert the batch, skipping rows that clash with a unique constraint (event-insert.ts);
 * 2. read back the events not inserted, to tell a duplicate from a conflict (event-batch.ts);
 * 3. join the accepted events into the stored ledger and write the board rows that moved —
 *    or, for a user with no ledger yet (stored before ledgers, or after a rule change dropped
 *    them), fold every stored event once, even when the batch is empty;
 * 4. join the accepted events into the user's learner days and totals (learner-days.ts) and
 *    their kept mastery (learner-mastery.ts);
 * 5. COMMIT, and only then answer ("acked means durable").
 */
import type { EventType, ProgressEvent } from '../../core/events';
import type { SyncResult } from '../../core/sync';
import { inTransaction, type Db, type Tx } from './db';
import { acceptedEvents, batchResults } from './event-batch';
import { insertEvents } from './event-insert';
import { addToLearnerDays } from './learner-days';
import { addToLearnerMastery, type ModuleSource } from './learner-mastery';
import { lockUser } from './locks';
import { mirrorEvents } from './xapi-mirror';
import { deleteAt, fromInsert, valueAt, valuesByKey } from './rows';

/** An event as the server keeps it: the device's event plus the server's view of its time. */
export interface IncomingEvent {
  event: ProgressEvent;
  /**
   * The stored text: JSON of the validated event, keys in schema order (so equal events give
   * equal text, whatever order the device wrote them in). Bodies stored before this form have
   * sorted keys; duplicates are compared in canonical form, see store/event-batch.ts.
   */
  body: string;
  /** occurredAt corrected for the device's measured clock skew, epoch ms. */
  correctedAt: number;
  receivedAt: number;
}

/** One board row as `ingest` keeps it: a user's score in a cohort for `all` or a week. */
export interface BoardRow {
  cohortId: string;
  period: string;
  xp: number;
  lessons: number;
  reachedAt: number;
}

/** The completions that count on one local day, per lesson (src/core/progress.ts `countedByDay`). */
export interface CountedDay {
  day: string;
  completions: Record<string, { n: number; first: number }>;
}

/**
 * Called by `ingest` inside its transaction with the user's stored ledger and the events just
 * accepted (every stored event of the user when no ledger exists yet), occurredAt corrected and
 * with the instant each was received. Returns the new ledger, the board rows to write and to
 * delete, and — when it judges completions — the days whose counted completions changed (`full`:
 * every day, rebuilt from all events), which the learner days take as they are.
 */
export type Aggregate = (
  previousLedger: string | undefined,
  accepted: Array<ProgressEvent & { receivedAt?: number }>,
) => {
  ledger: string;
  upsert: BoardRow[];
  remove: Array<{ cohortId: string; period: string }>;
  /** JSON of the ledger's StreakSummary (src/core/streak-summary.ts), for reads of many streaks. */
  streak?: string;
  counted?: { days: CountedDay[]; full: boolean; lessons: string[] };
};

/** One stored event as exports and the pilot report read it. */
export interface EventRow {
  id: string;
  userId: string;
  email: string;
  type: string;
  /** The device's own text. */
  occurredAt: string;
  /** Server-corrected instant, epoch ms. */
  correctedAt: number;
  tz: string;
  lessonId: string | null;
  body: string;
}

export interface EventQuery {
  orgId: string;
  /** Inclusive lower and exclusive upper bound on correctedAt, epoch ms. */
  fromMs: number;
  toMs: number;
  types?: readonly string[];
  /** Rows per page (default 5,000). */
  pageSize?: number;
}

/** The daily event bound a batch must keep, checked by `ingest` under the person's lock. */
export interface IngestAdmission {
  /** The person's events received after this instant count towards the bound. */
  receivedAfter: number;
  /** Throws to refuse the batch (nothing is stored), given the events already received. */
  admit(received: number): void;
}

export interface ProgressStore {
  /**
   * Stores events for a user in one transaction and returns a result per event, in order.
   * Results are returned only after the transaction committed ("acked means durable").
   * `modules`: the content to grade mastery against (the sync's snapshot); the stored modules
   * are read without it. `admission`: the daily event bound the batch must keep.
   */
  ingest(
    userId: string,
    events: IncomingEvent[],
    aggregate?: Aggregate,
    modules?: ModuleSource,
    admission?: IngestAdmission,
  ): Promise<SyncResult[]>;
  /**
   * The user's events with occurredAt replaced by the server-corrected time, in that time's
   * order; only those of the given types when `types` is passed (a narrow index read).
   */
  userEvents(userId: string, types?: readonly EventType[]): Promise<ProgressEvent[]>;
  /** The user's progress ledger (JSON, see src/core/progress.ts), kept by `ingest`. */
  getLedger(userId: string): Promise<string | undefined>;
  /**
   * The kept streak summaries (JSON, see src/core/streak-summary.ts) of several users, by user id
   * (users whose ledger was written before they were kept, or who have none, are left out).
   */
  ledgerStreaks(userIds: readonly string[]): Promise<Map<string, string | null>>;
  /** The ledgers of several users in one read, by user id (users without one are left out). */
  getLedgers(userIds: readonly string[]): Promise<Map<string, string>>;
  /**
   * The organisation's events in (correctedAt, id) order, one page at a time (keyset paging), so
   * a caller can stream millions of rows without holding them in memory.
   */
  eventPages(query: EventQuery): AsyncIterable<EventRow[]>;
}

/** How many of the user's events the server received after `afterMs` (index read). */
async function countReceivedAfter(tx: Tx, userId: string, afterMs: number): Promise<number> {
  const row = await tx
    .selectFrom('events')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('user_id', '=', userId)
    .where('received_at', '>', afterMs)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function readUserEvents(
  db: Db | Tx,
  userId: string,
  types?: readonly EventType[],
): Promise<ProgressEvent[]> {
  return (await readReceivedEvents(db, userId, types)).map(({ receivedAt: _, ...e }) => e);
}

/** The user's events as `readUserEvents` gives them, each with the instant it was received. */
export async function readReceivedEvents(
  db: Db | Tx,
  userId: string,
  types?: readonly EventType[],
): Promise<Array<ProgressEvent & { receivedAt: number }>> {
  let query = db
    .selectFrom('events')
    .select(['id', 'body', 'corrected_at', 'received_at'])
    .where('user_id', '=', userId);
  if (types) query = query.where('type', 'in', types);
  // Sorted here, not in SQL: without ORDER BY both databases take the (user, type) index
  // for a typed read instead of walking all the user's events in time order.
  const rows = await query.execute();
  rows.sort((a, b) => a.corrected_at - b.corrected_at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return rows.map((r) => ({ ...storedEvent(r), receivedAt: Number(r.received_at) }));
}

/** A stored event as its device sent it, dated when the server corrected it to. */
export function storedEvent(r: { body: string; corrected_at: number }): ProgressEvent {
  return {
    ...(JSON.parse(r.body) as ProgressEvent),
    occurredAt: new Date(r.corrected_at).toISOString(),
  };
}

// Must run inside the ingest transaction, after the per-user lock: the ledger and board rows
// commit with the events, and concurrent syncs of one user cannot interleave their updates.
export async function aggregateUser(
  tx: Tx,
  userId: string,
  accepted: Array<ProgressEvent & { receivedAt?: number }>,
  aggregate: Aggregate,
): Promise<ReturnType<Aggregate>['counted']> {
  const previous = await valueAt(tx, 'progress_ledgers', 'ledger', { user_id: userId });
  if (previous !== undefined && accepted.length === 0) return undefined;
  const events = previous === undefined ? await readReceivedEvents(tx, userId) : accepted;
  const now = Date.now();
  const out = aggregate(previous, events);
  // Rebuilt from every event: rows of the old ledger that no longer score go too.
  if (previous === undefined)
    await tx.deleteFrom('board_scores').where('user_id', '=', userId).execute();
  await tx
    .insertInto('progress_ledgers')
    .values({ user_id: userId, ledger: out.ledger, updated_at: now })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ ledger: out.ledger, updated_at: now }))
    .execute();
  if (out.streak)
    await tx
      .insertInto('ledger_streaks')
      .values({ user_id: userId, streak: out.streak })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ streak: out.streak! }))
      .execute();
  // Boards in one order in every transaction: PostgreSQL's trigger locks each board's version
  // row (migration 0240), and two syncs taking them in opposite orders would deadlock.
  const byBoard = (a: { cohortId: string; period: string }, b: typeof a) =>
    a.cohortId < b.cohortId ? -1 : a.cohortId > b.cohortId ? 1 : a.period < b.period ? -1 : 1;
  for (const r of [...out.remove].sort(byBoard))
    await deleteAt(tx, 'board_scores', {
      cohort_id: r.cohortId,
      period: r.period,
      user_id: userId,
    });
  if (out.upsert.length === 0) return out.counted;
  await tx
    .insertInto('board_scores')
    .values((eb) =>
      [...out.upsert].sort(byBoard).map((r) => ({
        cohort_id: r.cohortId,
        period: r.period,
        user_id: userId,
        xp: r.xp,
        lessons: r.lessons,
        reached_at: r.reachedAt,
        updated_at: now,
        // Hidden learners' rows carry the flag, so the rank index serves the visible board.
        hidden: eb.fn.coalesce(
          eb.selectFrom('board_profiles').select('hidden').where('user_id', '=', userId),
          eb.val(0),
        ),
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['cohort_id', 'period', 'user_id'])
        .doUpdateSet(fromInsert('board_scores', 'xp', 'lessons', 'reached_at', 'updated_at')),
    )
    .execute();
  return out.counted;
}

export function progressStore(db: Db): ProgressStore {
  return {
    async ingest(userId, events, aggregate, modules, admission) {
      return inTransaction(db, async (tx) => {
        await lockUser(tx, userId);
        if (admission && events.length)
          admission.admit(await countReceivedAfter(tx, userId, admission.receivedAfter));
        const { firsts, others } = await insertEvents(tx, userId, events);
        const stored = new Map(
          others.length
            ? (
                await tx
                  .selectFrom('events')
                  .select(['id', 'user_id', 'body'])
                  .where('id', 'in', others)
                  .execute()
              ).map((row) => [row.id, row])
            : [],
        );
        const results = batchResults(userId, events, firsts, stored);
        const accepted = acceptedEvents(events, results);
        const counted = aggregate && (await aggregateUser(tx, userId, accepted, aggregate));
        await addToLearnerDays(tx, userId, accepted, counted);
        await addToLearnerMastery(tx, userId, accepted, modules);
        await mirrorEvents(tx, userId, events, results);
        return results;
      });
    },
    async userEvents(userId, types) {
      return readUserEvents(db, userId, types);
    },
    async getLedger(userId) {
      return valueAt(db, 'progress_ledgers', 'ledger', { user_id: userId });
    },
    ledgerStreaks: (userIds) => valuesByKey(db, 'ledger_streaks', 'user_id', 'streak', userIds),
    getLedgers: (userIds) => valuesByKey(db, 'progress_ledgers', 'user_id', 'ledger', userIds),
    async *eventPages(q) {
      const size = q.pageSize ?? 5_000;
      let after = { at: q.fromMs - 1, id: '' };
      for (;;) {
        // CROSS JOIN: SQLite then walks the events in (corrected_at, id) order and stops at the
        // page's end. Joined the other way round it read every event of the organisation and
        // sorted them for each page (a 10M-event export was quadratic). PostgreSQL plans it as
        // the inner join it is.
        let page = db
          .selectFrom('events as e')
          .crossJoin('users as u')
          .whereRef('u.id', '=', 'e.user_id')
          .select([
            'e.id',
            'e.user_id as userId',
            'u.email',
            'e.type',
            'e.occurred_at as occurredAt',
            'e.corrected_at as correctedAt',
            'e.body',
          ])
          .where('u.org_id', '=', q.orgId)
          .where('e.corrected_at', '<', q.toMs)
          .where((eb) =>
            eb(eb.refTuple('e.corrected_at', 'e.id'), '>', eb.tuple(after.at, after.id)),
          )
          .orderBy('e.corrected_at')
          .orderBy('e.id')
          .limit(size);
        if (q.types?.length) page = page.where('e.type', 'in', q.types);
        const rows = await page.execute();
        if (rows.length === 0) return;
        const last = rows.at(-1)!;
        after = { at: last.correctedAt, id: last.id };
        yield rows.map((r) => {
          const body = JSON.parse(r.body) as { tz: string; lessonId?: string };
          return { ...r, tz: body.tz, lessonId: body.lessonId ?? null };
        });
        if (rows.length < size) return;
      }
    },
  };
}
