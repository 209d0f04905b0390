/**
 * Cohort leaderboards: weekly and all-time.
 *
 * Design. A learner's XP awards (src/core/progress.ts, one per lesson and per day's review, each with the instant it
 * was earned) are bucketed per board: `all`, and the week the award fell in, where a week starts
 * Monday 00:00 in the *cohort's* time zone (so a cohort in Berlin shares one Monday, wherever its
 * members travel). Each bucket keeps the XP and `reachedAt`, the instant of its last award: the
 * moment the learner reached that score.
 *
 * Ranking is a strict total order — XP descending, then `reachedAt` ascending (ties go to whoever
 * got there first), then user id — so every learner has one rank, and "rank of me" is the number
 * of entries before mine plus one. The server keeps these buckets as rows, indexed in this very
 * order, so the top and "me" are a couple of index reads.
 */
import { localDate, addDays } from './calendar';
import type { Award } from './progress';

export type Period = 'week' | 'all';

export interface BoardScore {
  /** `all`, or the week's Monday as a date (YYYY-MM-DD) in the cohort's zone. */
  period: string;
  xp: number;
  /** Lessons first completed in the period (what cohort challenges count). */
  lessons: number;
  reachedAt: number;
}

export interface BoardEntry {
  userId: string;
  xp: number;
  reachedAt: number;
}

/** The Monday (YYYY-MM-DD) of the week an instant falls in, in a time zone. */
export function weekKey(instant: number | string | Date, tz: string): string {
  const day = localDate(instant, tz);
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

/** A learner's rows for one cohort: `all` plus one per week with XP. */
export function boardScores(awards: readonly Award[], cohortTz: string): BoardScore[] {
  const buckets = new Map<string, BoardScore>();
  const add = (period: string, award: Award) => {
    const b = buckets.get(period) ?? { period, xp: 0, lessons: 0, reachedAt: 0 };
    b.xp += award.xp;
    if (award.kind === 'lesson') b.lessons += 1;
    b.reachedAt = Math.max(b.reachedAt, award.at);
    buckets.set(period, b);
  };
  for (const award of awards) {
    if (award.xp <= 0) continue;
    add('all', award);
    add(weekKey(award.at, cohortTz), award);
  }
  return [...buckets.values()].sort((a, b) => (a.period < b.period ? -1 : 1));
}

/** Strict board order: more XP first, then whoever reached it first, then by id. */
export function compareEntries(a: BoardEntry, b: BoardEntry): number {
  return (
    b.xp - a.xp ||
    a.reachedAt - b.reachedAt ||
    (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0)
  );
}

/** Sorts entries into board order and numbers them from 1. */
export function rankBoard<T extends BoardEntry>(
  entries: readonly T[],
): Array<T & { rank: number }> {
  return [...entries].sort(compareEntries).map((e, i) => ({ ...e, rank: i + 1 }));
}

/**
 * The rows to show: the top `top` entries and the window of `around` either side of `me`.
 *
 * @example
 * visibleRows(ranked, 'u-7', 3, 2) // ranks 1–3, then the learner's rank ± 2
 */
export function visibleRows<T extends { rank: number; userId: string }>(
  ranked: readonly T[],
  me: string,
  top: number,
  around: number,
): T[] {
  const mine = ranked.find((e) => e.userId === me)?.rank;
  return ranked.filter(
    (e) => e.rank <= top || (mine !== undefined && Math.abs(e.rank - mine) <= around),
  );
}

/**
 * Moves the learner's own row to where their optimistic XP (server XP plus what is still in the
 * outbox) puts it among the rows shown, before the server has confirmed it. Rows the learner
 * passes move down one place; ties stay ahead (they reached the score first).
 */
export function withOptimisticMe<T extends { rank: number; xp: number; isMe?: boolean }>(
  rows: readonly T[],
  myXp: number,
): T[] {
  const me = rows.find((r) => r.isMe);
  if (!me || myXp <= me.xp) return [...rows];
  const passed = rows.filter((r) => !r.isMe && r.rank < me.rank && r.xp < myXp);
  const newRank = passed.length ? Math.min(...passed.map((r) => r.rank)) : me.rank;
  return rows
    .map((r) =>
      r.isMe
        ? { ...r, xp: myXp, rank: newRank }
        : passed.includes(r)
          ? { ...r, rank: r.rank + 1 }
          : r,
    )
    .sort((a, b) => a.rank - b.rank);
}

/**
 * The form two board names are compared in: two names that read the same to a colleague are the
 * same name. Compatibility forms folded (NFKC), case folded, and every run of whitespace —
 * including at the ends — counts as one space or none.
 *
 * @example
 * boardNameKey('  Leo   LEARNER ') === boardNameKey('leo learner') // true
 */
export function boardNameKey(name: string): string {
  return name.normalize('NFKC').toLocaleLowerCase('und').replace(/\s+/gu, ' ').trim();
}

/** Where the learner stands among the rows shown: leading, or the XP that passes the next person. */
export type Standing = { kind: 'lead' } | { kind: 'behind'; xp: number; name: string };

/**
 * The learner's standing on the rows shown. Passing needs one XP more than the person just
 * ahead: on equal XP, whoever reached it first stays ahead. Null without an own row, or with
 * nothing earned yet on an otherwise empty board.
 *
 * @example
 * standingOf([{ rank: 1, displayName: 'Leo', xp: 30 }, { rank: 2, displayName: 'Me', xp: 27, isMe: true }])
 * // { kind: 'behind', xp: 4, name: 'Leo' }
 */
export function standingOf(
  rows: ReadonlyArray<{ rank: number; xp: number; displayName: string; isMe?: boolean }>,
): Standing | null {
  const mine = rows.findIndex((r) => r.isMe);
  const me = rows[mine];
  if (!me) return null;
  if (me.rank === 1) return me.xp > 0 ? { kind: 'lead' } : null;
  const ahead = rows
    .slice(0, mine)
    .reverse()
    .find((r) => !r.isMe && r.rank < me.rank);
  return ahead ? { kind: 'behind', xp: ahead.xp - me.xp + 1, name: ahead.displayName } : null;
}

/** The UTC offset (ms) of a time zone at an instant. */
function offsetAt(instant: number, tz: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(instant);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a weekly board starts over: the next Monday 00:00 in the cohort's zone, after the
 * week that starts on `weekStart` (YYYY-MM-DD).
 */
export function weekResetsAt(weekStart: string, tz: string): number {
  const wall = Date.parse(`${addDays(weekStart, 7)}T00:00:00Z`);
  const guess = wall - offsetAt(wall, tz);
  return wall - offsetAt(guess, tz); // the offset in effect at that midnight (DST changes at night)
}
