/**
 * Progress aggregates kept in the ingest transaction: the user's ledger (src/core/progress.ts)
 * and their rows on each of their cohorts' boards (src/core/leaderboard.ts).
 *
 * The ledger is a join-semilattice, so joining only the newly accepted events into the stored
 * ledger gives exactly what folding every stored event would: ingest costs O(batch), not
 * O(history). Board rows are diffed against the previous ledger's, so a sync writes only the rows
 * whose score moved (and removes a week's row when a late, earlier completion moved its XP).
 */
import { boardScores, type BoardScore } from '../core/leaderboard';
import {
  addEvents,
  awardsOf,
  countedByDay,
  countedByDayAsStored,
  emptyLedger,
  ledgerFrom,
  stateOf,
  streakOf,
  type Ledger,
  type LessonLookup,
  type ProgressState,
  withDevices,
} from '../core/progress';
import { localDate } from '../core/calendar';
import { settle } from '../core/ledger-settle';
import { currentStreakOn, streakSummary, type StreakSummary } from '../core/streak-summary';
import { contentSnapshot } from './content-snapshot';
import type { Aggregate, BoardRow, Cohort, Store, User } from './store/store';
import type { CountedDay } from './store/progress';

/** Grading facts for every lesson `orgId`'s people can see (shipped content without an org). */
export async function lessonLookup(store: Store, orgId?: string): Promise<LessonLookup> {
  return (await contentSnapshot(store, orgId)).lessons;
}

export function parseLedger(text: string | undefined): Ledger {
  return text === undefined ? emptyLedger : ledgerFrom(JSON.parse(text) as Partial<Ledger>);
}

function rowsOf(ledger: Ledger, cohorts: readonly Cohort[]): Map<string, BoardRow> {
  const awards = awardsOf(ledger);
  const rows = new Map<string, BoardRow>();
  for (const cohort of cohorts)
    for (const s of boardScores(awards, cohort.tz) as BoardScore[])
      rows.set(`${cohort.id} ${s.period}`, { cohortId: cohort.id, ...s });
  return rows;
}

/**
 * The days whose counted completions moved between two ledgers (every day when there was no
 * previous ledger), for the learner days: the pilot report counts what XP counts.
 */
function countedChange(
  previous: Ledger | undefined,
  ledger: Ledger,
  lookup: LessonLookup,
): NonNullable<ReturnType<Aggregate>['counted']> {
  const after = countedByDay(ledger, lookup);
  const lessons = Object.keys(ledger.completions).sort();
  if (!previous)
    return {
      full: true,
      lessons,
      days: [...after].map(([day, completions]) => ({ day, completions })),
    };
  const before = countedByDayAsStored(previous, lookup);
  const days: CountedDay[] = [];
  for (const day of new Set([...before.keys(), ...after.keys()])) {
    const now = after.get(day) ?? {};
    if (JSON.stringify(sortedKeys(before.get(day) ?? {})) !== JSON.stringify(sortedKeys(now)))
      days.push({ day, completions: now });
  }
  return { full: false, lessons, days };
}

const sortedKeys = <T>(o: Record<string, T>) =>
  Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1));

export interface AggregateOptions {
  devices?: Ledger['devices'];
  windowDays?: number;
  onLedger?: (ledger: Ledger) => void;
}

/**
 * The aggregate `Store.ingest` runs inside its transaction for one user. `devices`: when the
 * server first heard from each of the user's devices (store/devices.ts); `windowDays`: the
 * acceptance window, past which the ledger's trail is settled (src/core/ledger-settle.ts);
 * `onLedger` is handed the ledger it stores, so the sync's reply is worked out from it (no second
 * read and parse).
 */
export function progressAggregate(
  lookup: LessonLookup,
  cohorts: readonly Cohort[],
  { devices = {}, windowDays, onLedger }: AggregateOptions = {},
): Aggregate {
  return (previousText, accepted) => {
    const previous = parseLedger(previousText);
    const joined = addEvents(withDevices(previous, devices, lookup), accepted, lookup);
    const ledger =
      windowDays === undefined ? joined : settle(joined, windowDays * 86_400_000, lookup);
    onLedger?.(ledger);
    const before =
      previousText === undefined ? new Map<string, BoardRow>() : rowsOf(previous, cohorts);
    const after = rowsOf(ledger, cohorts);
    const upsert = [...after.entries()]
      .filter(([key, row]) => {
        const old = before.get(key);
        return (
          !old ||
          old.xp !== row.xp ||
          old.lessons !== row.lessons ||
          old.reachedAt !== row.reachedAt
        );
      })
      .map(([, row]) => row);
    const remove = [...before.entries()]
      .filter(([key]) => !after.has(key))
      .map(([, row]) => ({ cohortId: row.cohortId, period: row.period }));
    return {
      ledger: JSON.stringify(ledger),
      upsert,
      remove,
      streak: JSON.stringify(streakSummary(ledger)),
      counted: countedChange(previousText === undefined ? undefined : previous, ledger, lookup),
    };
  };
}

/**
 * The aggregate for a user's sync: their cohorts' zones and the current content (`lessons`: the
 * sync's own snapshot, so the content signature is read once a request); with the acceptance
 * window (`windowDays`), the ledger's old facts are settled.
 */
export async function aggregateFor(
  store: Store,
  user: User,
  lessons?: LessonLookup,
  options: AggregateOptions = {},
): Promise<Aggregate> {
  const [lookup, cohorts, devices] = await Promise.all([
    lessons ?? lessonLookup(store, user.orgId),
    Promise.all(user.cohortIds.map((id) => store.getCohort(id))),
    options.devices ?? store.deviceContacts(user.id),
  ]);
  return progressAggregate(
    lookup,
    cohorts.filter((c): c is Cohort => c !== undefined),
    { ...options, devices },
  );
}

/**
 * The learner's state, read off their stored ledger (or folded from events before the first sync);
 * off `ledger` when the caller has just stored it.
 */
export async function progressStateOf(
  store: Store,
  user: User,
  now: number,
  ledger?: Ledger,
): Promise<ProgressState> {
  const today = localDate(now, user.tz);
  if (ledger) return stateOf(ledger, today);
  const text = await store.getLedger(user.id);
  if (text !== undefined) return stateOf(parseLedger(text), today);
  const lookup = await lessonLookup(store, user.orgId);
  return stateOf(addEvents(emptyLedger, await store.userEvents(user.id), lookup), today);
}

/** The current streaks of several learners (the team view), their ledgers read in one query. */
export async function currentStreaks(
  store: Store,
  users: readonly User[],
  now: number,
): Promise<Map<string, number>> {
  // The kept summaries answer for nearly everyone; the few they cannot (a ledger from before
  // they were kept, a met day after the person's today) are read off their ledgers.
  const summaries = await store.ledgerStreaks(users.map((u) => u.id));
  const streaks = new Map<string, number>();
  const rest: User[] = [];
  for (const u of users) {
    const text = summaries.get(u.id);
    const current =
      text === undefined || text === null
        ? undefined
        : currentStreakOn(JSON.parse(text) as StreakSummary | null, localDate(now, u.tz));
    if (current === undefined) rest.push(u);
    else streaks.set(u.id, current);
  }
  const ledgers = await store.getLedgers(rest.map((u) => u.id));
  for (const u of rest) {
    const text = ledgers.get(u.id);
    const streak =
      text === undefined
        ? (await progressStateOf(store, u, now)).streak
        : streakOf(parseLedger(text), localDate(now, u.tz));
    streaks.set(u.id, streak.current);
  }
  return streaks;
}
