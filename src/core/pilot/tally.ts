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
import type { PilotSummary } from './summary';
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
  /** member → pathway → [first day, day completed or -1], from summaries (summary.ts). */
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

  /** A member's summary (summary.ts, made with this window and content), in place of their days. */
  function addSummary(userId: string, s: PilotSummary): void {
    const m = index.get(userId);
    if (m === undefined) return;
    const g = groupOf[m]!;
    for (let w = 0; w < window.weeks; w++) {
      const bits = s.active[w] ?? 0;
      for (let d = 0; d < 7; d++) if (bits & (1 << d)) active[m * days + w * 7 + d] = 1;
      lessons[g][w]! += s.lessons[w] ?? 0;
      minutes[g][w]! += s.minutes[w] ?? 0;
    }
    const spans: Array<readonly [number, number] | undefined> = [];
    let first: Float64Array | undefined;
    content.pathways.forEach((p, pi) => {
      const span = s.pathways[p.id];
      if (!span) return;
      spans[pi] = [span[0], span[1]];
      first ??= new Float64Array(content.pathways.length).fill(Infinity);
      first[pi] = span[2];
    });
    if (first) {
      pathwaySpans.set(m, spans);
      pathwayFirst.set(m, first);
    }
    for (const [moduleId, at] of Object.entries(s.passes))
      addPass({ userId, moduleId, at });
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

  function streakAt(m: number, day: number): number {
    let end = day;
    if (!active[m * days + end]) end -= 1;
    let run = 0;
    while (end >= 0 && active[m * days + end]) {
      run++;
      end--;
    }
    return run;
  }

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
        let activeCount = 0;
        let started = 0;
        let completed = 0;
        const streaks = Object.fromEntries(STREAK_BUCKETS.map((b) => [b, 0])) as Record<
          StreakBucket,
          number
        >;
        for (let m = 0; m < groupOf.length; m++) {
          if (groupOf[m] !== g) continue;
          let wasActive = false;
          for (let d = w * 7; d <= lastDay; d++) if (active[m * days + d]) wasActive = true;
          if (wasActive) activeCount++;
          streaks[bucketOf(streakAt(m, lastDay))]++;
          const spans = spansOf(m);
          if (!spans) continue;
          for (const span of spans) {
            if (!span || span[0] > lastDay) continue;
            started++;
            if (span[1] >= 0 && span[1] <= lastDay) completed++;
          }
        }
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

  return { addCompletion, addLessonDay, addPass, addSummary, weekly, timeToCompetency };
}
