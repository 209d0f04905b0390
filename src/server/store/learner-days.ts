/**
 * Learner days and totals: the aggregates the pilot report and the team view read instead of the
 * event log (the fold is src/core/pilot/days.ts).
 *
 * Kept by ingest, in its transaction, after the per-user lock (store/progress.ts):
 * 1. only events stored for the first time are folded in (duplicates and conflicts never are);
 * 2. the rows of the days they touch are read, joined with them and written back, so a late
 *    event lands on its own day whatever arrived in between;
 * 3. an assessment attempt is graded once, here, against the answer key stored at that moment.
 *
 * Existing databases are filled by `backfillLearnerDays`: a few learners at a time, each rebuilt
 * from their events under the same per-user lock ingest takes, so the server keeps serving and a
 * sync racing the rebuild is counted exactly once. Readers ask `learnerDaysReady` first.
 */
import type { ProgressEvent } from '../../core/events';
import { ASSESSMENT_PASS, answerKeyOf, moduleIdOf, scoreAttempt } from '../../core/mastery';
import type { LearningModule } from '../../core/content';
import {
  emptyDay,
  foldDays,
  joinDays,
  type DayEvent,
  type LearnerDay,
} from '../../core/pilot/days';
import { keptBackfill } from './backfills';
import type { Db, Tx } from './db';
import { dayOf, detailOf, type StoredLearnerDay } from './learner-day-rows';
import { lockUser } from './locks';
import { rebuildPilotSummaries } from './pilot-summaries';
import {
  aggregateUser,
  readReceivedEvents,
  storedEvent,
  type Aggregate,
  type CountedDay,
} from './progress';
import { fromInsert, rowAt, valueAt } from './rows';

export type { StoredLearnerDay };

export interface LearnerTotals {
  userId: string;
  /** The latest event of any type, epoch ms. */
  lastAt: number;
  /** Every lesson id ever completed, sorted. */
  completed: string[];
}

export interface LearnerDaysStore {
  /**
   * The learners' days from `fromDay` to `toDay` (inclusive), a page for each `usersPerPage`
   * learners (default 500): each page is primary-key range reads, never a sort.
   */
  learnerDayPages(q: {
    userIds: readonly string[];
    fromDay: string;
    toDay: string;
    usersPerPage?: number;
  }): AsyncIterable<StoredLearnerDay[]>;
  /** The days from `fromDay` on of each of the given learners. */
  learnerDays(userIds: readonly string[], fromDay: string): Promise<StoredLearnerDay[]>;
  /** Lessons completed per day from `fromDay` on, of each of the given learners (days without any left out). */
  lessonCounts(
    userIds: readonly string[],
    fromDay: string,
  ): Promise<Array<{ userId: string; day: string; lessons: number }>>;
  learnerTotals(userIds: readonly string[]): Promise<LearnerTotals[]>;
  /** True once every learner's days are kept (a fresh database, or the backfill has finished). */
  learnerDaysReady(): Promise<boolean>;
  /**
   * Fills the days of learners stored before they were kept, `chunk` learners a transaction;
   * resumes where it (or another process) stopped. `restart` rebuilds every learner again.
   * With `aggregateFor` (the XP rule for a learner, as a sync uses it), each learner's ledger and
   * board rows are folded again too and the days count only what the rule counts.
   */
  backfillLearnerDays(options?: {
    chunk?: number;
    restart?: boolean;
    aggregateFor?: (userId: string) => Promise<Aggregate | undefined>;
  }): Promise<void>;
}

/** Grades assessment attempts against the stored answer keys, each module read once. */
function passGrader(tx: Tx) {
  const modules = new Map<string, Promise<LearningModule | undefined>>();
  return async (event: ProgressEvent): Promise<string | undefined> => {
    if (event.type !== 'assessment_submitted') return undefined;
    const moduleId = moduleIdOf(event.lessonId);
    let module = modules.get(moduleId);
    if (!module)
      modules.set(
        moduleId,
        (module = valueAt(tx, 'content_modules', 'body', { id: moduleId }).then((body) =>
          body === undefined ? undefined : (JSON.parse(body) as LearningModule),
        )),
      );
    const m = await module;
    const key = m && answerKeyOf(m);
    if (!key || key.lessonId !== event.lessonId) return undefined;
    return scoreAttempt(key, event.answers) >= ASSESSMENT_PASS - 1e-9 ? moduleId : undefined;
  };
}

async function dayEvents(
  tx: Tx,
  events: readonly ProgressEvent[],
  judged: boolean,
): Promise<DayEvent[]> {
  const passed = passGrader(tx);
  return Promise.all(
    events.map(async (e) => ({
      // Judged completions come from the XP rule's verdict (`counted`), not one per event.
      type: judged && e.type === 'lesson_completed' ? 'lesson_completed_judged' : e.type,
      lessonId: 'lessonId' in e ? e.lessonId : undefined,
      tz: e.tz,
      at: Date.parse(e.occurredAt),
      passed: await passed(e),
    })),
  );
}

/**
 * Joins newly stored events (occurredAt server-corrected) into the user's days and totals.
 * Must run inside the ingest transaction, after the per-user lock.
 *
 * `counted` is the XP rule's verdict (src/core/plausibility.ts through the aggregate): the days
 * whose counted completions changed, taken as they are, so the pilot report and the goal count
 * exactly what earns XP. Without it (a store used without the XP rules) every completion counts.
 */
export async function addToLearnerDays(
  tx: Tx,
  userId: string,
  accepted: readonly ProgressEvent[],
  counted?: { days: readonly CountedDay[]; full: boolean; lessons: readonly string[] },
): Promise<void> {
  if (accepted.length === 0 && !counted?.days.length) return;
  const added = foldDays(await dayEvents(tx, accepted, counted !== undefined));
  const verdict = new Map(counted?.days.map((d) => [d.day, d.completions]));
  for (const [day, completions] of verdict)
    if (!added.some((d) => d.day === day))
      added.push({
        ...emptyDay(day),
        lastAt: Math.max(...Object.values(completions).map((c) => c.first)),
      });
  const stored = new Map(
    (
      await tx
        .selectFrom('learner_days')
        .selectAll()
        .where('user_id', '=', userId)
        .$if(!counted?.full, (q) =>
          q.where(
            'day',
            'in',
            added.map((d) => d.day),
          ),
        )
        .execute()
    ).map((row) => [row.day, dayOf(row)]),
  );
  // Rebuilt from every event: a stored day the verdict no longer counts anything on is emptied.
  if (counted?.full)
    for (const day of stored.keys())
      if (!added.some((d) => d.day === day)) added.push(emptyDay(day));
  const rows = added.map((day) => {
    const prior = stored.get(day.day);
    let joined = prior ? joinDays(prior, day) : day;
    if (counted) {
      const completions = verdict.get(day.day) ?? (counted.full ? {} : joined.completions);
      joined = {
        ...joined,
        completions,
        lessons: Object.values(completions).reduce((sum, c) => sum + c.n, 0),
      };
    }
    return {
      user_id: userId,
      day: joined.day,
      lessons: joined.lessons,
      last_at: joined.lastAt,
      detail: detailOf(joined),
    };
  });
  await tx
    .insertInto('learner_days')
    .values(rows)
    .onConflict((oc) =>
      oc
        .columns(['user_id', 'day'])
        .doUpdateSet(fromInsert('learner_days', 'lessons', 'last_at', 'detail')),
    )
    .execute();
  await addToTotals(tx, userId, added, counted?.lessons);
  await rebuildPilotSummaries(tx, userId, counted?.full ? undefined : added.map((d) => d.day));
}

async function addToTotals(
  tx: Tx,
  userId: string,
  added: readonly LearnerDay[],
  /** Every lesson with a completion that counts (the XP rule's verdict), when judged. */
  countedLessons?: readonly string[],
): Promise<void> {
  const prior = await rowAt(tx, 'learner_totals', ['last_at', 'completed'], { user_id: userId });
  const completed = new Set<string>(prior ? (JSON.parse(prior.completed) as string[]) : []);
  let lastAt = prior?.last_at ?? -Infinity;
  for (const day of added) {
    lastAt = Math.max(lastAt, day.lastAt);
    for (const lessonId of Object.keys(day.completions)) completed.add(lessonId);
  }
  const lessons = countedLessons ?? [...completed];
  const row = { last_at: lastAt, completed: JSON.stringify([...lessons].sort()) };
  await tx
    .insertInto('learner_totals')
    .values({ user_id: userId, ...row })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(row))
    .execute();
}

/** Rebuilds one user's days and totals (and with `aggregate`, ledger) from their stored events. */
async function rebuildUser(tx: Tx, userId: string, aggregate?: Aggregate): Promise<void> {
  await lockUser(tx, userId);
  await tx.deleteFrom('learner_days').where('user_id', '=', userId).execute();
  await tx.deleteFrom('learner_totals').where('user_id', '=', userId).execute();
  await tx.deleteFrom('pilot_summaries').where('user_id', '=', userId).execute();
  if (aggregate) {
    await tx.deleteFrom('progress_ledgers').where('user_id', '=', userId).execute();
    await tx.deleteFrom('ledger_streaks').where('user_id', '=', userId).execute();
    const counted = await aggregateUser(tx, userId, [], aggregate);
    await addToLearnerDays(tx, userId, await readReceivedEvents(tx, userId), counted);
    return;
  }
  const rows = await tx
    .selectFrom('events')
    .select(['body', 'corrected_at'])
    .where('user_id', '=', userId)
    .execute();
  await addToLearnerDays(tx, userId, rows.map(storedEvent));
}

export function learnerDaysStore(db: Db): LearnerDaysStore {
  // The team view and the report ask on every request whether the backfill is done.
  const backfill = keptBackfill(db, 'learner_days');
  return {
    async *learnerDayPages(q) {
      const size = q.usersPerPage ?? 500;
      for (let i = 0; i < q.userIds.length; i += size) {
        const rows = await db
          .selectFrom('learner_days')
          .selectAll()
          .where('user_id', 'in', q.userIds.slice(i, i + size))
          .where('day', '>=', q.fromDay)
          .where('day', '<=', q.toDay)
          .execute();
        yield rows.map(dayOf);
      }
    },
    async learnerDays(userIds, fromDay) {
      if (userIds.length === 0) return [];
      const rows = await db
        .selectFrom('learner_days')
        .selectAll()
        .where('user_id', 'in', userIds)
        .where('day', '>=', fromDay)
        .execute();
      return rows.map(dayOf);
    },
    async lessonCounts(userIds, fromDay) {
      if (userIds.length === 0) return [];
      return db
        .selectFrom('learner_days')
        .select(['user_id as userId', 'day', 'lessons'])
        .where('user_id', 'in', userIds)
        .where('day', '>=', fromDay)
        .where('lessons', '>', 0)
        .execute();
    },
    async learnerTotals(userIds) {
      if (userIds.length === 0) return [];
      const rows = await db
        .selectFrom('learner_totals')
        .selectAll()
        .where('user_id', 'in', userIds)
        .execute();
      return rows.map((r) => ({
        userId: r.user_id,
        lastAt: r.last_at,
        completed: JSON.parse(r.completed) as string[],
      }));
    },
    learnerDaysReady: () => backfill.done(),
    async backfillLearnerDays({ aggregateFor, ...options } = {}) {
      await backfill.run(options, async (tx, userIds) => {
        // Content and cohorts are read before the transaction's per-user locks.
        const rules = await Promise.all(userIds.map((id) => aggregateFor?.(id)));
        for (const [i, id] of userIds.entries()) await rebuildUser(tx, id, rules[i]);
      });
    },
  };
}
