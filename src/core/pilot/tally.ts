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

function bucketOf(streak: number): StreakBucket {
  if (streak === 0) return '0';
  if (streak <= 2) return '1-2';
  if (streak <= 6) return '3-6';
  if (streak <= 13) return '7-13';
  return '14+';
}

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
  /** member → pathway → first completion instant. */
  const pathwayFirst = new Map<number, Float64Array>();
  /** member → pathway → [first day, day completed or -1], from stored summaries (summary.ts). */
  const pathwaySpans = new Map<number, Array<readonly [number, number] | undefined>>();
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
    let first = pathwayFirst.get(m);
    if (!first)
      pathwayFirst.set(m, (first = new Float64Array(content.pathways.length).fill(Infinity)));
    for (const pi of inPathways) {
      const seen = (perPathway[pi] ??= new Map());
      const prior = seen.get(lessonId);
      if (prior === undefined || day < prior) seen.set(lessonId, day);
      if (at < first[pi]!) first[pi] = at;
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
    if (started > 0) {
      const spans: Array<readonly [number, number] | undefined> = [];
      const first = new Float64Array(content.pathways.length).fill(Infinity);
      for (let k = 0; k < started; k++, i += 4) {
        const pi = a[i] as number;
        spans[pi] = [a[i + 1] as number, a[i + 2] as number];
        first[pi] = a[i + 3] as number;
      }
      pathwaySpans.set(m, spans);
      pathwayFirst.set(m, first);
    }
    for (; i < a.length; i += 2)
      addPass({ userId, moduleId: a[i] as string, at: a[i + 1] as number });
  }

  /** Member m's [first day, day completed or -1] of each pathway they started. */
  function spansOf(m: number): Array<readonly [number, number] | undefined> | undefined {
    const kept = pathwaySpans.get(m);
    if (kept) return kept;
    const perPathway = pathwayDays.get(m);
    if (!perPathway) return undefined;
    return content.pathways.map((p, pi) => {
      const seen = perPathway[pi];
      if (!seen) return undefined;
      let first = Infinity;
      let last = -Infinity;
      for (const d of seen.values()) {
        first = Math.min(first, d);
        last = Math.max(last, d);
      }
      return [first, seen.size === p.lessonIds.length ? last : -1] as const;
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
    const perWeek = (): Record<Group, number[]> => ({
      pilot: new Array<number>(elapsed).fill(0),
      comparison: new Array<number>(elapsed).fill(0),
    });
    const activeIn = perWeek();
    const startedIn = perWeek();
    const completedIn = perWeek();
    const streaksIn: Record<Group, Array<Record<StreakBucket, number>>> = {
      pilot: [],
      comparison: [],
    };
    for (const g of GROUPS)
      for (let w = 0; w < elapsed; w++)
        streaksIn[g].push(
          Object.fromEntries(STREAK_BUCKETS.map((b) => [b, 0])) as Record<StreakBucket, number>,
        );
    const run = new Int32Array(days);
    for (let m = 0; m < groupOf.length; m++) {
      const g = groupOf[m]!;
      const base = m * days;
      for (let d = 0; d < elapsed * 7; d++)
        run[d] = active[base + d] ? (d > 0 ? run[d - 1]! : 0) + 1 : 0;
      const spans = spansOf(m);
      for (let w = 0; w < elapsed; w++) {
        const lastDay = w * 7 + 6;
        for (let d = w * 7; d <= lastDay; d++)
          if (active[base + d]) {
            activeIn[g][w]!++;
            break;
          }
        const streak = run[lastDay] ? run[lastDay]! : run[lastDay - 1]!;
        streaksIn[g][w]![bucketOf(streak)]++;
        if (!spans) continue;
        for (const span of spans) {
          if (!span || span[0] > lastDay) continue;
          startedIn[g][w]!++;
          if (span[1] >= 0 && span[1] <= lastDay) completedIn[g][w]!++;
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
        const activeCount = activeIn[g][w]!;
        const started = startedIn[g][w]!;
        const completed = completedIn[g][w]!;
        const streaks = streaksIn[g][w]!;
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
      for (const [m, first] of pathwayFirst) {
        const from = first[pi]!;
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
