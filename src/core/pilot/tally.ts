/**
 * The weekly tally: what changed for the people in a pilot, week by week, next to a comparison
 * group (groups and window: window.ts).
 *
 * Days and weeks. A lesson counts on the learner's local date in the `tz` of its event (as the
 * streak does). Pilot day 0 is the start date; week w is days 7w … 7w+6. Only completions whose
 * local date falls inside the window count. Weeks that have not begun yet are left out.
 *
 * Weekly metrics, per group and week:
 * - weeklyActivePct: members with at least one `lesson_completed` that week ÷ group size × 100.
 * - lessonsPerActive: `lesson_completed` events that week (replays included) ÷ active members.
 * - minutes: the sum of the shown estimate (whole minutes) of every lesson completed that week;
 *   minutesPerMember divides it by the group size, so groups of different sizes compare.
 * - pathwayCompletionPct: of (member, pathway) pairs started in the window by the end of that
 *   week (any lesson of the pathway completed), the share with every lesson of the pathway
 *   completed by then.
 * - streaks: each member's current streak on the last day of the week — the run of consecutive
 *   active days ending that day or the day before, counted inside the window only — in buckets
 *   0, 1–2, 3–6, 7–13, 14+.
 * - manager: assignments made (assigning again, e.g. to move the due date, counts again), 1:1
 *   scripts opened (at most once per manager, report and day) and nudges sent, by the managers
 *   (and admins coaching someone) of the group, on the actor's local date (`managerCounts`).
 *
 * Time to competency, per pathway and group: for each member whose first lesson of the pathway
 * (first completion of any of its lessons) is inside the window and who reached all of the
 * pathway's competencies (the caller passes assessment passes up to the end of the window), the
 * days from that first lesson to the moment the last of them was reached (a competency is reached
 * when every module with an assessment that builds it is passed, see mastery.ts; earlier than the
 * first lesson counts as 0). We report how many started, how many reached, and the median days of
 * those who reached.
 */
import { addDays, daysBetween, localDate } from '../calendar';
import type { PilotContent } from './content';
import type { ManagerCounts } from './manager';
import { median, pct, ratio, round } from './numbers';
import { GROUPS, type Group, type PilotMember, type PilotWindow } from './window';

export const STREAK_BUCKETS = ['0', '1-2', '3-6', '7-13', '14+'] as const;
export type StreakBucket = (typeof STREAK_BUCKETS)[number];

export interface Completion {
  userId: string;
  lessonId: string;
  /** Server-corrected instant, epoch ms. */
  at: number;
  tz: string;
}

/** A member's completions of one lesson on one local date. */
export interface LessonDay {
  userId: string;
  lessonId: string;
  /** Local date, YYYY-MM-DD. */
  date: string;
  n: number;
  /** The earliest of them, epoch ms. */
  first: number;
}

/** The first moment a member passed a module's assessment. */
export interface AssessmentPass {
  userId: string;
  moduleId: string;
  at: number;
}

export interface WeekGroupMetrics {
  members: number;
  active: number;
  weeklyActivePct: number | null;
  lessons: number;
  lessonsPerActive: number | null;
  minutes: number;
  minutesPerMember: number | null;
  pathwaysStarted: number;
  pathwaysCompleted: number;
  pathwayCompletionPct: number | null;
  streaks: Record<StreakBucket, number>;
  manager: { [K in keyof ManagerCounts]: number | null };
}

export interface WeekMetrics {
  week: number;
  from: string;
  to: string;
  pilot: WeekGroupMetrics;
  comparison: WeekGroupMetrics;
}

export interface CompetencyTime {
  started: number;
  reached: number;
  medianDays: number | null;
}

export interface PathwayTime {
  pathwayId: string;
  title: string;
  pilot: CompetencyTime;
  comparison: CompetencyTime;
}

const DAY_MS = 86_400_000;
const QUARTER_HOUR_MS = 900_000;

/** A streak's position in STREAK_BUCKETS. */
function bucketIndex(streak: number): number {
  if (streak === 0) return 0;
  if (streak <= 2) return 1;
  if (streak <= 6) return 2;
  if (streak <= 13) return 3;
  return 4;
}

/** Greater than any day of a window: a pathway not started. */
const NOT_STARTED = 0x7fffffff;

/**
 * Folds completions (one event, or a learner day's count of a lesson, see days.ts) and assessment
 * passes, one at a time, into the weekly and time-to-competency metrics. Memory grows with members × window days (a byte each) and the lessons each member
 * completed, never with the number of events, so the server can stream the event log through it.
 *
 * @example
 * const tally = createPilotTally(members, { startDate: '2026-01-05', weeks: 12 }, content);
 * for (const c of completions) tally.addCompletion(c);
 * tally.weekly('2026-02-01');
 */
export function createPilotTally(
  members: readonly PilotMember[],
  window: PilotWindow,
  content: PilotContent,
) {
  const days = window.weeks * 7;
  const index = new Map(members.map((m, i) => [m.userId, i]));
  const groupOf = members.map((m) => m.group);
  const active = new Uint8Array(members.length * days);
  const lessons = {
    pilot: new Array<number>(window.weeks).fill(0),
    comparison: new Array<number>(window.weeks).fill(0),
  };
  const minutes = {
    pilot: new Array<number>(window.weeks).fill(0),
    comparison: new Array<number>(window.weeks).fill(0),
  };
  const lessonIndex = new Map<string, number[]>(); // lesson → pathway positions containing it
  content.pathways.forEach((p, pi) => {
    for (const l of p.lessonIds) lessonIndex.set(l, [...(lessonIndex.get(l) ?? []), pi]);
  });
  /** member → pathway → lessonId → first completion day. */
  const pathwayDays = new Map<number, Array<Map<string, number> | undefined>>();
  const paths = content.pathways.length;
  /** [member × pathway] → first completion instant (Infinity: not started). */
  const firstAt = new Float64Array(members.length * paths).fill(Infinity);
  /**
   * [member × pathway] → the first day any of its lessons was completed (NOT_STARTED: none) and
   * the day its last lesson was first completed (-1: not all yet); written by stored summaries
   * directly, worked out from `pathwayDays` when the weeks are made.
   */
  const spanFirst = new Int32Array(members.length * paths).fill(NOT_STARTED);
  const spanDone = new Int32Array(members.length * paths).fill(-1);
  const passes = new Map<number, Map<string, number>>();
  const dayCache = new Map<string, Map<number, number>>();

  function dayOf(at: number, tz: string): number {
    let byZone = dayCache.get(tz);
    if (!byZone) dayCache.set(tz, (byZone = new Map()));
    const slot = Math.floor(at / QUARTER_HOUR_MS);
    let day = byZone.get(slot);
    if (day === undefined) {
      day = daysBetween(window.startDate, localDate(at, tz));
      byZone.set(slot, day);
    }
    return day;
  }

  function addCompletion(c: Completion): void {
    const m = index.get(c.userId);
    if (m === undefined) return;
    count(m, dayOf(c.at, c.tz), c.lessonId, 1, c.at);
  }

  /** A learner day's completions of one lesson (see days.ts): `n` of them, the first at `first`. */
  function addLessonDay(d: LessonDay): void {
    const m = index.get(d.userId);
    if (m === undefined) return;
    count(m, daysBetween(window.startDate, d.date), d.lessonId, d.n, d.first);
  }

  function count(m: number, day: number, lessonId: string, n: number, at: number): void {
    if (day < 0 || day >= days) return;
    const g = groupOf[m]!;
    const week = Math.floor(day / 7);
    active[m * days + day] = 1;
    lessons[g][week]! += n;
    minutes[g][week]! += n * (content.lessonMinutes.get(lessonId) ?? 0);
    const inPathways = lessonIndex.get(lessonId);
    if (!inPathways) return;
    let perPathway = pathwayDays.get(m);
    if (!perPathway) pathwayDays.set(m, (perPathway = []));
    for (const pi of inPathways) {
      const seen = (perPathway[pi] ??= new Map());
      const prior = seen.get(lessonId);
      if (prior === undefined || day < prior) seen.set(lessonId, day);
      if (at < firstAt[m * paths + pi]!) firstAt[m * paths + pi] = at;
    }
  }

  function addPass(p: AssessmentPass): void {
    const m = index.get(p.userId);
    if (m === undefined) return;
    let mine = passes.get(m);
    if (!mine) passes.set(m, (mine = new Map()));
    const prior = mine.get(p.moduleId);
    if (prior === undefined || p.at < prior) mine.set(p.moduleId, p.at);
  }

  /**
   * A member's summary as stored (`encodeSummary` in summary.ts, made with this window and
   * content), in place of their days: read straight off its flat array.
   */
  function addStoredSummary(userId: string, detail: string): void {
    const m = index.get(userId);
    if (m === undefined) return;
    const a = JSON.parse(detail) as Array<number | string>;
    const g = groupOf[m]!;
    const weeks = a[0] as number;
    for (let w = 0; w < weeks && w < window.weeks; w++) {
      const bits = a[1 + w] as number;
      if (bits) for (let d = 0; d < 7; d++) if (bits & (1 << d)) active[m * days + w * 7 + d] = 1;
      lessons[g][w]! += a[1 + weeks + w] as number;
      minutes[g][w]! += a[1 + 2 * weeks + w] as number;
    }
    let i = 1 + 3 * weeks;
    const started = a[i++] as number;
    for (let k = 0; k < started; k++, i += 4) {
      const at = m * paths + (a[i] as number);
      spanFirst[at] = a[i + 1] as number;
      spanDone[at] = a[i + 2] as number;
      firstAt[at] = a[i + 3] as number;
    }
    for (; i < a.length; i += 2)
      addPass({ userId, moduleId: a[i] as string, at: a[i + 1] as number });
  }

  /** The pathway spans of members folded from completions (`count`), from their lesson days. */
  function settleSpans(): void {
    for (const [m, perPathway] of pathwayDays)
      content.pathways.forEach((p, pi) => {
        const seen = perPathway[pi];
        if (!seen) return;
        let first = Infinity;
        let last = -Infinity;
        for (const d of seen.values()) {
          first = Math.min(first, d);
          last = Math.max(last, d);
        }
        spanFirst[m * paths + pi] = first;
        spanDone[m * paths + pi] = seen.size === p.lessonIds.length ? last : -1;
      });
  }

  const groupSize = (g: Group) => groupOf.filter((x) => x === g).length;

  /**
   * Weekly metrics for every week that has begun by `today` (YYYY-MM-DD).
   * `manager` gives counts per group and week (see `managerCounts`); without it they are null.
   */
  function weekly(
    today: string,
    manager?: Record<Group, ReadonlyArray<ManagerCounts | undefined>>,
  ): WeekMetrics[] {
    const elapsed = Math.min(
      window.weeks,
      Math.floor(daysBetween(window.startDate, today) / 7) + 1,
    );
    // One pass over each member for every week: active weeks, the streak at each week's end
    // (the run of active days ending that day or the day before) and pathways started and done.
    settleSpans();
    // Counts per group (0 pilot, 1 comparison) and week, in flat arrays: [group × week].
    const activeIn = new Int32Array(2 * elapsed);
    const startedIn = new Int32Array(2 * elapsed);
    const completedIn = new Int32Array(2 * elapsed);
    const B = STREAK_BUCKETS.length;
    /** [group × week × bucket], bucket the position in STREAK_BUCKETS. */
    const streaksIn = new Int32Array(2 * elapsed * B);
    const run = new Int32Array(days);
    for (let m = 0; m < groupOf.length; m++) {
      const gw = groupOf[m] === 'pilot' ? 0 : elapsed;
      const base = m * days;
      for (let d = 0; d < elapsed * 7; d++)
        run[d] = active[base + d] ? (d > 0 ? run[d - 1]! : 0) + 1 : 0;
      for (let w = 0; w < elapsed; w++) {
        const lastDay = w * 7 + 6;
        for (let d = w * 7; d <= lastDay; d++)
          if (active[base + d]) {
            activeIn[gw + w]!++;
            break;
          }
        const streak = run[lastDay] ? run[lastDay]! : run[lastDay - 1]!;
        streaksIn[(gw + w) * B + bucketIndex(streak)]!++;
        for (let at = m * paths; at < (m + 1) * paths; at++) {
          if (spanFirst[at]! > lastDay) continue;
          startedIn[gw + w]!++;
          const done = spanDone[at]!;
          if (done >= 0 && done <= lastDay) completedIn[gw + w]!++;
        }
      }
    }
    const result: WeekMetrics[] = [];
    for (let w = 0; w < elapsed; w++) {
      const lastDay = w * 7 + 6;
      const row = {
        week: w + 1,
        from: addDays(window.startDate, w * 7),
        to: addDays(window.startDate, lastDay),
      };
      const perGroup = {} as Record<Group, WeekGroupMetrics>;
      for (const g of GROUPS) {
        const size = groupSize(g);
        const gw = (g === 'pilot' ? 0 : elapsed) + w;
        const activeCount = activeIn[gw]!;
        const started = startedIn[gw]!;
        const completed = completedIn[gw]!;
        const streaks = Object.fromEntries(
          STREAK_BUCKETS.map((b, i) => [b, streaksIn[gw * B + i]!]),
        ) as Record<StreakBucket, number>;
        const counts = manager?.[g][w];
        perGroup[g] = {
          members: size,
          active: activeCount,
          weeklyActivePct: pct(activeCount, size),
          lessons: lessons[g][w]!,
          lessonsPerActive: ratio(lessons[g][w]!, activeCount),
          minutes: minutes[g][w]!,
          minutesPerMember: ratio(minutes[g][w]!, size),
          pathwaysStarted: started,
          pathwaysCompleted: completed,
          pathwayCompletionPct: pct(completed, started),
          streaks,
          manager: {
            assignmentsMade: counts?.assignmentsMade ?? null,
            scriptsOpened: counts?.scriptsOpened ?? null,
            nudgesSent: counts?.nudgesSent ?? null,
          },
        };
      }
      result.push({ ...row, ...perGroup });
    }
    return result;
  }

  /** When member m reached every competency in the list, or undefined. */
  function reachedAt(m: number, competencies: readonly string[]): number | undefined {
    const mine = passes.get(m);
    if (!mine || competencies.length === 0) return undefined;
    let at = -Infinity;
    for (const c of competencies)
      for (const moduleId of content.competencyModules.get(c) ?? []) {
        const passed = mine.get(moduleId);
        if (passed === undefined) return undefined;
        at = Math.max(at, passed);
      }
    return at;
  }

  /** Time to competency per pathway (pathways whose competencies no assessment reaches are left out). */
  function timeToCompetency(): PathwayTime[] {
    return content.pathways.flatMap((p, pi) => {
      if (p.competencies.length === 0) return [];
      const daysTo: Record<Group, number[]> = { pilot: [], comparison: [] };
      const started: Record<Group, number> = { pilot: 0, comparison: 0 };
      for (let m = 0; m < groupOf.length; m++) {
        const from = firstAt[m * paths + pi]!;
        if (from === Infinity) continue;
        const g = groupOf[m]!;
        started[g]++;
        const to = reachedAt(m, p.competencies);
        if (to === undefined) continue;
        daysTo[g].push(round(Math.max(0, to - from) / DAY_MS));
      }
      const of = (g: Group): CompetencyTime => ({
        started: started[g],
        reached: daysTo[g].length,
        medianDays: median(daysTo[g]),
      });
      return [
        { pathwayId: p.id, title: p.title, pilot: of('pilot'), comparison: of('comparison') },
      ];
    });
  }

  return { addCompletion, addLessonDay, addPass, addStoredSummary, weekly, timeToCompetency };
}
