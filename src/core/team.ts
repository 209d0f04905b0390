/**
 * What a manager sees about one report, from the report's activity (kept at ingest) and the catalog.
 *
 * - Lessons this week: completions (first or replay) on local dates from Monday of the report's
 *   current week, in the report's time zone.
 * - Last active: the latest event of any kind.
 * - Competencies reached: given by the caller from graded assessments (mastery.ts), never from
 *   lessons merely completed.
 * - A pathway assignment is overdue when today (the report's local date) is after its due date and
 *   the pathway still has unfinished lessons; its remaining minutes are the sum of the unfinished
 *   lessons' minutes, so they add up with what the learner sees.
 * - At risk: no completed lesson in the last 7 days (counting today), or any assignment overdue.
 */
import { addDays, daysBetween, localDate } from './calendar';
import type { Catalog, CatalogModule } from './content';
import type { ProgressEvent } from './events';
import { coachPhrase } from './phrases/coach';
import type { Phrase } from './wording';

export const QUIET_DAYS_AT_RISK = 7;

export interface AssignmentInput {
  pathwayId: string;
  dueDate: string;
}

export interface AssignmentProgress {
  pathwayId: string;
  title: string;
  dueDate: string;
  estimateMinutes: number;
  remainingMinutes: number;
  lessonsDone: number;
  lessonsTotal: number;
  complete: boolean;
  overdue: boolean;
}

export interface ReportProgress {
  streak: number;
  lastActiveAt: string | null;
  lessonsThisWeek: number;
  /** The estimated minutes of this week's completions (the weekly digest shows them). */
  minutesThisWeek: number;
  completedLessonIds: string[];
  competencies: string[];
  assignments: AssignmentProgress[];
  atRisk: boolean;
  /** Why the report is at risk, as phrases of the coach catalog (English text included). */
  riskReasons: Phrase[];
}

/** Mondays by date: a team view asks for the same few dates once per report. */
const mondays = new Map<string, string>();

/** Monday of the week that contains `date` (YYYY-MM-DD). */
export function weekStart(date: string): string {
  let monday = mondays.get(date);
  if (monday === undefined) {
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay(); // 0 = Sunday
    monday = addDays(date, -((weekday + 6) % 7));
    if (mondays.size >= 1000) mondays.clear();
    mondays.set(date, monday);
  }
  return monday;
}

export function completedModules(
  modules: readonly CatalogModule[],
  completed: ReadonlySet<string>,
): CatalogModule[] {
  return modules.filter((m) => m.lessons.length > 0 && m.lessons.every((l) => completed.has(l.id)));
}

/** What progress needs of a catalog, worked out once per catalog object (a team reads 50 reports). */
interface CatalogIndex {
  minutesOf: ReadonlyMap<string, number>;
  pathways: ReadonlyMap<string, { pathway: Catalog['pathways'][number]; lessons: LessonOutline[] }>;
}

type LessonOutline = CatalogModule['lessons'][number];

const indexes = new WeakMap<Catalog, CatalogIndex>();

function indexOf(catalog: Catalog): CatalogIndex {
  let index = indexes.get(catalog);
  if (!index) {
    const pathways: CatalogIndex['pathways'] extends ReadonlyMap<string, infer V>
      ? Map<string, V>
      : never = new Map();
    // The first pathway of an id wins, as `find` would pick it.
    for (const pathway of catalog.pathways)
      if (!pathways.has(pathway.id))
        pathways.set(pathway.id, {
          pathway,
          lessons: pathway.moduleIds.flatMap(
            (id) => catalog.modules.find((m) => m.id === id)?.lessons ?? [],
          ),
        });
    index = {
      minutesOf: new Map(
        catalog.modules.flatMap((m) => m.lessons.map((l) => [l.id, l.estimateMinutes] as const)),
      ),
      pathways,
    };
    indexes.set(catalog, index);
  }
  return index;
}

export function assignmentProgress(
  catalog: Catalog,
  assignment: AssignmentInput,
  completed: ReadonlySet<string>,
  today: string,
): AssignmentProgress | undefined {
  const found = indexOf(catalog).pathways.get(assignment.pathwayId);
  if (!found) return undefined;
  const { pathway, lessons } = found;
  const left = lessons.filter((l) => !completed.has(l.id));
  const complete = left.length === 0;
  return {
    pathwayId: pathway.id,
    title: pathway.title,
    dueDate: assignment.dueDate,
    estimateMinutes: pathway.estimateMinutes,
    remainingMinutes: left.reduce((sum, l) => sum + l.estimateMinutes, 0),
    lessonsDone: lessons.length - left.length,
    lessonsTotal: lessons.length,
    complete,
    overdue: !complete && today > assignment.dueDate,
  };
}

/**
 * What the team view needs from a report's events, kept at ingest as learner totals and days
 * (src/server/store/learner-days.ts), so the view never reads the event log.
 */
export interface LearnerActivity {
  /** Every lesson ever completed. */
  completed: readonly string[];
  /** The latest event of any kind, epoch ms. */
  lastActiveAt: number | null;
  /** Completions per local date: at least every date from `activitySince(today)` on. */
  days: ReadonlyArray<ActivityDay>;
}

/** Completions on one local date: how many, and how many times each lesson. */
export interface ActivityDay {
  day: string;
  lessons: number;
  completions: Readonly<Record<string, number>>;
}

/** The first local date whose completions `reportProgress` reads: this week's and the quiet days'. */
export function activitySince(today: string): string {
  const quiet = addDays(today, 1 - QUIET_DAYS_AT_RISK);
  const monday = weekStart(today);
  return quiet < monday ? quiet : monday;
}

/** A report's activity folded from their events (what the kept totals and days must equal). */
export function activityOf(events: readonly ProgressEvent[]): LearnerActivity {
  const completed = new Set<string>();
  const days = new Map<
    string,
    { day: string; lessons: number; completions: Record<string, number> }
  >();
  let lastActiveAt: number | null = null;
  for (const e of events) {
    const at = Date.parse(e.occurredAt);
    if (lastActiveAt === null || at > lastActiveAt) lastActiveAt = at;
    if (e.type !== 'lesson_completed') continue;
    completed.add(e.lessonId);
    const day = localDate(at, e.tz);
    const entry = days.get(day) ?? { day, lessons: 0, completions: {} };
    entry.lessons++;
    entry.completions[e.lessonId] = (entry.completions[e.lessonId] ?? 0) + 1;
    days.set(day, entry);
  }
  return { completed: [...completed], lastActiveAt, days: [...days.values()] };
}

/** `list` sorted; kept totals come sorted already, and checking is cheaper than sorting. */
function sorted(list: string[]): string[] {
  for (let i = 1; i < list.length; i++) if (list[i - 1]! > list[i]!) return list.sort();
  return list;
}

export function reportProgress(input: {
  activity: LearnerActivity;
  catalog: Catalog;
  assignments: readonly AssignmentInput[];
  /** Competencies reached by passed assessments (see mastery.ts). */
  competencies: readonly string[];
  /** The report's current streak, as they see it themselves (progress.ts). */
  streak: number;
  tz: string;
  now: number;
  /** The report's local date at `now`, when the caller has it already (a team shares a few). */
  today?: string;
}): ReportProgress {
  const today = input.today ?? localDate(input.now, input.tz);
  const monday = weekStart(today);
  const completed = new Set(input.activity.completed);
  const { lastActiveAt: lastActive } = input.activity;
  const { minutesOf } = indexOf(input.catalog);
  let lessonsThisWeek = 0;
  let minutesThisWeek = 0;
  let lastLearned: string | undefined;
  for (const { day, lessons, completions } of input.activity.days) {
    if (lessons === 0) continue;
    if (lastLearned === undefined || day > lastLearned) lastLearned = day;
    if (day < monday || day > today) continue;
    lessonsThisWeek += lessons;
    for (const [lessonId, n] of Object.entries(completions))
      minutesThisWeek += n * (minutesOf.get(lessonId) ?? 0);
  }
  const competencies = [...input.competencies].sort();
  const assignments = input.assignments.flatMap(
    (a) => assignmentProgress(input.catalog, a, completed, today) ?? [],
  );
  const riskReasons: Phrase[] = [];
  if (!lastLearned || daysBetween(lastLearned, today) >= QUIET_DAYS_AT_RISK)
    riskReasons.push(coachPhrase('coach.risk.quiet', { days: QUIET_DAYS_AT_RISK }));
  for (const a of assignments)
    if (a.overdue)
      riskReasons.push(coachPhrase('coach.risk.overdue', { title: a.title, dueDate: a.dueDate }));
  return {
    streak: input.streak,
    lastActiveAt: lastActive === null ? null : new Date(lastActive).toISOString(),
    lessonsThisWeek,
    minutesThisWeek,
    completedLessonIds: sorted([...completed]),
    competencies,
    assignments,
    atRisk: riskReasons.length > 0,
    riskReasons,
  };
}
