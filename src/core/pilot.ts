/**
 * Pilot metrics: what changed for the people in a 12-week pilot, next to a comparison group.
 *
 * Groups. The pilot group is every active member of the organisation in one of the pilot's
 * cohorts; the comparison group is every other active member of the same organisation.
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
 * pathway's competencies (the caller passes assessment passes up to the end of the window), the days from that first lesson to the moment
 * the last of them was reached (a competency is reached when every module with an assessment that
 * builds it is passed, see mastery.ts; earlier than the first lesson counts as 0). We report how
 * many started, how many reached, and the median days of those who reached.
 *
 * HR outcomes over the window (first to last day), from an imported HR file. Eligible: members
 * with an HR row, hired on or before the start date and not gone before it. Retention: eligible
 * members without an exit date inside the window. Internal mobility: eligible members with at
 * least one internal move or promotion date inside the window. Each rate comes with its group
 * size and a 95% Wilson score interval.
 *
 * These numbers show association, not proof of cause: people in the pilot were not chosen at
 * random. ASSOCIATION_NOTE says so in the report itself.
 *
 * The report's notes and the checklist's step titles are phrases (src/core/phrases/pilot.*.ts):
 * the API sends key and English text, and the dashboard words them in the reader's locale.
 */
import { addDays, daysBetween, localDate } from './calendar';
import type { Catalog } from './content';
import { assessmentLessonId } from './mastery';
import { pilotPhrase } from './phrases/pilot';
import { uploadPhrase, type UploadKey } from './phrases/uploads';
import type { Params, Phrase } from './wording';

export type Group = 'pilot' | 'comparison';
export const GROUPS: readonly Group[] = ['pilot', 'comparison'];

/** Association, not proof of cause: the report says so next to its numbers. */
export const ASSOCIATION_NOTE: Phrase = pilotPhrase('pilot.note.association');

/** How the weekly manager counts are made. */
export const MANAGER_ENGAGEMENT_NOTE: Phrase = pilotPhrase('pilot.note.managerEngagement');

export const STREAK_BUCKETS = ['0', '1-2', '3-6', '7-13', '14+'] as const;
export type StreakBucket = (typeof STREAK_BUCKETS)[number];

export const DEFAULT_PILOT_WEEKS = 12;

export interface PilotWindow {
  /** Day 0, YYYY-MM-DD. */
  startDate: string;
  weeks: number;
}

export interface PilotMember {
  userId: string;
  email: string;
  group: Group;
}

/** The parts of the catalog the metrics need. */
export interface PilotContent {
  lessonMinutes: ReadonlyMap<string, number>;
  pathways: ReadonlyArray<{
    id: string;
    title: string;
    lessonIds: readonly string[];
    /** Competencies the pathway builds that an assessment can reach. */
    competencies: readonly string[];
  }>;
  /** Competency → the modules with an assessment that build it (all must be passed). */
  competencyModules: ReadonlyMap<string, readonly string[]>;
}

export interface Completion {
  userId: string;
  lessonId: string;
  /** Server-corrected instant, epoch ms. */
  at: number;
  tz: string;
}

/** The first moment a member passed a module's assessment. */
export interface AssessmentPass {
  userId: string;
  moduleId: string;
  at: number;
}

export interface ManagerCounts {
  assignmentsMade: number;
  scriptsOpened: number;
  nudgesSent: number;
}

/** One thing a manager did for their people, as the pilot counts it. */
export interface ManagerAction {
  /** Who did it: a manager, or an admin coaching someone. */
  userId: string;
  kind: 'assignment' | 'script' | 'nudge';
  /** Epoch ms. */
  at: number;
  /** The actor's time zone: the action counts on their local date. */
  tz: string;
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

export function pilotEndDate(window: PilotWindow): string {
  return addDays(window.startDate, window.weeks * 7 - 1);
}

/** What pilot metrics need from the catalog. */
export function pilotContentOf(catalog: Catalog): PilotContent {
  const lessonMinutes = new Map<string, number>();
  const competencyModules = new Map<string, string[]>();
  const modules = new Map(catalog.modules.map((m) => [m.id, m]));
  for (const m of catalog.modules) {
    for (const l of m.lessons) lessonMinutes.set(l.id, l.estimateMinutes);
    if (!m.lessons.some((l) => l.id === assessmentLessonId(m.id))) continue;
    for (const c of m.competencies)
      competencyModules.set(c, [...(competencyModules.get(c) ?? []), m.id]);
  }
  const pathways = catalog.pathways.map((p) => {
    const members = p.moduleIds.flatMap((id) => modules.get(id) ?? []);
    const competencies = [...new Set(members.flatMap((m) => m.competencies))]
      .filter((c) => competencyModules.has(c))
      .sort();
    return {
      id: p.id,
      title: p.title,
      lessonIds: members.flatMap((m) => m.lessons.map((l) => l.id)),
      competencies,
    };
  });
  return { lessonMinutes, pathways, competencyModules };
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

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const round = (x: number, places = 1) => Math.round(x * 10 ** places) / 10 ** places;
const pct = (k: number, n: number) => (n === 0 ? null : round((k / n) * 100));
const ratio = (k: number, n: number) => (n === 0 ? null : round(k / n, 2));

/**
 * Folds completions and assessment passes, one at a time, into the weekly and time-to-competency
 * metrics. Memory grows with members × window days (a byte each) and the lessons each member
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
    const day = dayOf(c.at, c.tz);
    if (day < 0 || day >= days) return;
    const g = groupOf[m]!;
    const week = Math.floor(day / 7);
    active[m * days + day] = 1;
    lessons[g][week]! += 1;
    minutes[g][week]! += content.lessonMinutes.get(c.lessonId) ?? 0;
    const inPathways = lessonIndex.get(c.lessonId);
    if (!inPathways) return;
    let perPathway = pathwayDays.get(m);
    if (!perPathway) pathwayDays.set(m, (perPathway = []));
    let first = pathwayFirst.get(m);
    if (!first)
      pathwayFirst.set(m, (first = new Float64Array(content.pathways.length).fill(Infinity)));
    for (const pi of inPathways) {
      const seen = (perPathway[pi] ??= new Map());
      const prior = seen.get(c.lessonId);
      if (prior === undefined || day < prior) seen.set(c.lessonId, day);
      if (c.at < first[pi]!) first[pi] = c.at;
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
          const perPathway = pathwayDays.get(m);
          if (!perPathway) continue;
          content.pathways.forEach((p, pi) => {
            const seen = perPathway[pi];
            if (!seen) return;
            let first = Infinity;
            let last = -Infinity;
            for (const d of seen.values()) {
              first = Math.min(first, d);
              last = Math.max(last, d);
            }
            if (first > lastDay) return;
            started++;
            if (seen.size === p.lessonIds.length && last <= lastDay) completed++;
          });
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

  return { addCompletion, addPass, weekly, timeToCompetency };
}

/* ---------------------------------------------------------------- HR outcomes */

export interface HrRecord {
  email: string;
  hireDate: string;
  exitDate: string | null;
  /** Dates of internal moves and promotions. */
  moves: string[];
}

export interface Proportion {
  n: number;
  k: number;
  pct: number | null;
  /** 95% Wilson score interval, in percent. */
  low: number | null;
  high: number | null;
}

/**
 * The 95% Wilson score interval for k successes out of n, as fractions.
 *
 * @example
 * wilson(8, 10) // { low: 0.4902, high: 0.9433 }
 */
export function wilson(k: number, n: number, z = 1.959964): { low: number; high: number } | null {
  if (n === 0) return null;
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export function proportion(k: number, n: number): Proportion {
  const ci = wilson(k, n);
  return {
    n,
    k,
    pct: pct(k, n),
    low: ci ? round(ci.low * 100) : null,
    high: ci ? round(ci.high * 100) : null,
  };
}

export interface GroupOutcomes {
  members: number;
  withHrRecord: number;
  retention: Proportion;
  mobility: Proportion;
}

export function hrOutcomes(
  members: readonly PilotMember[],
  records: readonly HrRecord[],
  window: PilotWindow,
): Record<Group, GroupOutcomes> & { note: Phrase } {
  const start = window.startDate;
  const end = pilotEndDate(window);
  const byEmail = new Map(records.map((r) => [r.email.toLowerCase(), r]));
  const outcome = (g: Group): GroupOutcomes => {
    const group = members.filter((m) => m.group === g);
    const rows = group.flatMap((m) => byEmail.get(m.email.toLowerCase()) ?? []);
    const eligible = rows.filter(
      (r) => r.hireDate <= start && (r.exitDate === null || r.exitDate >= start),
    );
    const retained = eligible.filter((r) => r.exitDate === null || r.exitDate > end).length;
    const moved = eligible.filter((r) => r.moves.some((d) => d >= start && d <= end)).length;
    return {
      members: group.length,
      withHrRecord: rows.length,
      retention: proportion(retained, eligible.length),
      mobility: proportion(moved, eligible.length),
    };
  };
  return { pilot: outcome('pilot'), comparison: outcome('comparison'), note: ASSOCIATION_NOTE };
}

/* ---------------------------------------------------------------- HR CSV */

export interface HrParseResult {
  records: HrRecord[];
  /** One phrase a row ("row N: …"), N counting the header as row 1 (as a spreadsheet does). */
  errors: Phrase[];
}

/** Splits CSV text into rows of fields; handles quotes, doubled quotes and CRLF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (s: string) =>
  ISO_DATE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const HR_COLUMNS = ['email', 'hire_date', 'exit_date', 'internal_moves'] as const;

/** What is wrong with one HR row (the first problem), or undefined when it can be imported. */
function hrRowProblem(
  row: number,
  {
    email,
    hireDate,
    exitDate,
    moves,
  }: { email: string; hireDate: string; exitDate: string; moves: string[] },
  seen: ReadonlySet<string>,
  knownEmails: ReadonlySet<string> | undefined,
): Phrase | undefined {
  const at = (key: UploadKey, params: Params) => uploadPhrase(key, { row, ...params });
  if (!EMAIL.test(email)) return at('upload.hr.notEmail', { value: email });
  if (seen.has(email)) return at('upload.hr.twice', { value: email });
  if (knownEmails && !knownEmails.has(email)) return at('upload.hr.stranger', { value: email });
  if (!isDate(hireDate)) return at('upload.hr.notDate', { column: 'hire_date', value: hireDate });
  if (exitDate && !isDate(exitDate))
    return at('upload.hr.notDate', { column: 'exit_date', value: exitDate });
  if (exitDate && exitDate < hireDate)
    return at('upload.hr.exitBeforeHire', { exit: exitDate, hire: hireDate });
  const badMove = moves.find((d) => !isDate(d));
  if (badMove !== undefined)
    return at('upload.hr.notDate', { column: 'internal_moves', value: badMove });
  const earlyMove = moves.find((d) => d < hireDate);
  if (earlyMove !== undefined)
    return at('upload.hr.moveBeforeHire', { move: earlyMove, hire: hireDate });
  return undefined;
}

/**
 * Reads an HR export: columns `email, hire_date, exit_date, internal_moves` (any order; the last
 * two may be empty; internal_moves holds move and promotion dates separated by `;`). Dates are
 * YYYY-MM-DD. `knownEmails`, when given, must contain every email (members of the organisation).
 */
export function parseHrCsv(text: string, knownEmails?: ReadonlySet<string>): HrParseResult {
  const rows = parseCsv(text.replace(/^\uFEFF/, ''));
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const missing = ['email', 'hire_date'].filter((c) => !header.includes(c));
  if (rows.length === 0 || missing.length)
    return {
      records: [],
      errors: [
        uploadPhrase('upload.hr.header', {
          columns: HR_COLUMNS.join(', '),
          missing: missing.join(', ') || HR_COLUMNS.join(', '),
        }),
      ],
    };
  const col = (name: string) => header.indexOf(name);
  const records: HrRecord[] = [];
  const errors: Phrase[] = [];
  const seen = new Set<string>();
  rows.slice(1).forEach((fields, i) => {
    const row = i + 2;
    if (fields.every((f) => f.trim() === '')) return;
    const get = (name: string) => (col(name) < 0 ? '' : (fields[col(name)] ?? '').trim());
    const email = get('email').toLowerCase();
    const hireDate = get('hire_date');
    const exitDate = get('exit_date');
    const moves = get('internal_moves')
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean);
    const problem = hrRowProblem(row, { email, hireDate, exitDate, moves }, seen, knownEmails);
    if (problem) return void errors.push(problem);
    seen.add(email);
    records.push({ email, hireDate, exitDate: exitDate || null, moves: moves.sort() });
  });
  return { records, errors };
}

/* ---------------------------------------------------------------- goals */

export const GOAL_METRICS = [
  'weeklyActivePct',
  'lessonsPerActive',
  'minutesPerMember',
  'pathwayCompletionPct',
  'retentionPct',
  'mobilityPct',
] as const;
export type GoalMetric = (typeof GOAL_METRICS)[number];

export interface PilotGoal {
  metric: GoalMetric;
  op: '>=' | '<=';
  target: number;
}

export interface GoalResult extends PilotGoal {
  /** The pilot group's value: the latest week for weekly metrics, the window for HR outcomes. */
  value: number | null;
  met: boolean | null;
}

export function evaluateGoals(
  goals: readonly PilotGoal[],
  weeks: readonly WeekMetrics[],
  outcomes: Record<Group, GroupOutcomes>,
): GoalResult[] {
  const latest = weeks.at(-1)?.pilot;
  return goals.map((goal) => {
    const value =
      goal.metric === 'retentionPct'
        ? outcomes.pilot.retention.pct
        : goal.metric === 'mobilityPct'
          ? outcomes.pilot.mobility.pct
          : (latest?.[goal.metric] ?? null);
    const met =
      value === null ? null : goal.op === '>=' ? value >= goal.target : value <= goal.target;
    return { ...goal, value, met };
  });
}

/* ------------------------------------------------------- manager engagement */

const ACTION_COUNT: Record<ManagerAction['kind'], keyof ManagerCounts> = {
  assignment: 'assignmentsMade',
  script: 'scriptsOpened',
  nudge: 'nudgesSent',
};

/**
 * Manager actions per group and pilot week. An action counts in the group of whoever did it, on
 * their local date; actors who are not members (deactivated) and days outside the window are
 * left out.
 */
export function managerCounts(
  members: readonly PilotMember[],
  window: PilotWindow,
  actions: Iterable<ManagerAction>,
): Record<Group, ManagerCounts[]> {
  const zero = (): ManagerCounts[] =>
    Array.from({ length: window.weeks }, () => ({
      assignmentsMade: 0,
      scriptsOpened: 0,
      nudgesSent: 0,
    }));
  const counts: Record<Group, ManagerCounts[]> = { pilot: zero(), comparison: zero() };
  const groupOf = new Map(members.map((m) => [m.userId, m.group]));
  for (const a of actions) {
    const group = groupOf.get(a.userId);
    if (!group) continue;
    const day = daysBetween(window.startDate, localDate(a.at, a.tz));
    if (day < 0 || day >= window.weeks * 7) continue;
    counts[group][Math.floor(day / 7)]![ACTION_COUNT[a.kind]]++;
  }
  return counts;
}

/* ---------------------------------------------------------------- checklist */

const STEPS = [
  { id: 'select-teams', week: 0 },
  { id: 'brief-managers', week: 0 },
  { id: 'launch', week: 1 },
  { id: 'weekly-review', week: 1 },
  { id: 'mid-point', week: 6 },
  { id: 'final-readout', week: 12 },
] as const;
export type PilotStep = (typeof STEPS)[number]['id'];

/** One step of the checklist: a stable id (what a tick stores), its week, and its wording. */
export interface PilotChecklistStep {
  id: PilotStep;
  /** 0: before launch. */
  week: number;
  /** English, for API users; `phrase` words it in any locale. */
  title: string;
  phrase: Phrase;
}

/** The steps of running a pilot, in order, for the admin's checklist. */
export const PILOT_CHECKLIST: readonly PilotChecklistStep[] = STEPS.map(({ id, week }) => {
  const phrase = pilotPhrase(`pilot.step.${id}`);
  return { id, week, title: phrase.text, phrase };
});

/** What `GET /api/v1/pilot/report` answers: the dashboard's numbers. */
export interface PilotReport {
  pilot: {
    id: string;
    name: string;
    startDate: string;
    endDate: string;
    weeks: number;
    cohortIds: string[];
    goals: PilotGoal[];
    createdAt: number;
  };
  generatedAt: string;
  groups: Record<Group, { members: number }>;
  weeks: WeekMetrics[];
  timeToCompetency: PathwayTime[];
  outcomes: Record<Group, GroupOutcomes>;
  goals: GoalResult[];
  /** How the weekly `manager` counts are made. */
  managerEngagement: { note: Phrase };
  /** Association, not proof of cause. */
  note: Phrase;
}
