/**
 * The manager's team view (`GET /api/v1/team`): every report's progress, as `reportProgressOf`
 * (team-progress.ts) gives it one report at a time, read for the whole team in a fixed number of
 * statements (store/team.ts), however many reports there are: the reports, content, cohorts,
 * and one read each of learner days, totals, streak summaries, kept mastery and assignments.
 * Nothing reads the event log, except while a backfill of an old database is still running
 * (then the reads fall back to what the single-report path does).
 */
import type { PathwayOption, TeamReply } from '../core/api';
import { localDate } from '../core/calendar';
import { careerGap } from '../core/career';
import type { Catalog } from '../core/content';
import type { Locale } from '../core/wording';
import { competenciesReached } from '../core/mastery';
import { currentStreakOn, type StreakSummary } from '../core/streak-summary';
import { streakOf } from '../core/streak';
import {
  activitySince,
  reportProgress,
  weekStart,
  type ActivityDay,
  type LearnerActivity,
} from '../core/team';
import { learnerActivities } from './activity';
import { contentSnapshot } from './content-snapshot';
import { competenciesOf } from './mastery';
import { parseLedger, progressStateOf } from './progress-aggregate';
import type { Store, TeamMember, User } from './store/store';

export const pathwayOptions = (catalog: Catalog): PathwayOption[] =>
  catalog.pathways.map((p) => ({ id: p.id, title: p.title, estimateMinutes: p.estimateMinutes }));

/** The reports' activity off their kept days and totals: two statements for the team. */
async function activities(
  store: Store,
  reports: readonly TeamMember[],
  now: number,
): Promise<Map<string, LearnerActivity>> {
  const todays = new Map(reports.map((p) => [p.id, localDate(now, p.tz)]));
  let since = '9999-12-31';
  let mondays = '9999-12-31';
  for (const today of todays.values()) {
    const from = activitySince(today);
    const monday = weekStart(today);
    if (from < since) since = from;
    if (monday < mondays) mondays = monday;
  }
  const ids = reports.map((p) => p.id);
  const [totals, days] = await Promise.all([
    store.learnerTotals(ids),
    store.teamDays(ids, since, mondays),
  ]);
  const activity = new Map<string, LearnerActivity>(
    ids.map((id) => [id, { completed: [], lastActiveAt: null, days: [] }]),
  );
  for (const t of totals)
    activity.set(t.userId, { completed: t.completed, lastActiveAt: t.lastAt, days: [] });
  for (const d of days)
    (activity.get(d.userId)!.days as ActivityDay[]).push({
      day: d.day,
      lessons: d.lessons,
      // Before the report's Monday only the day's count matters (the quiet days at risk).
      completions: d.completions ?? {},
    });
  return activity;
}

/**
 * The reports' current streaks off their kept summaries (one statement); the few a summary cannot
 * answer are read off their ledgers (one more). A report with neither a ledger nor any activity
 * kept has never learned: a streak of 0, without reading their (absent) events.
 */
async function streaks(
  store: Store,
  reports: readonly User[],
  activity: ReadonlyMap<string, LearnerActivity> | undefined,
  now: number,
): Promise<Map<string, number>> {
  const summaries = await store.ledgerStreaks(reports.map((u) => u.id));
  const out = new Map<string, number>();
  const rest: User[] = [];
  for (const u of reports) {
    const text = summaries.get(u.id);
    const current =
      text === undefined || text === null
        ? undefined
        : currentStreakOn(JSON.parse(text) as StreakSummary | null, localDate(now, u.tz));
    if (current === undefined) rest.push(u);
    else out.set(u.id, current);
  }
  if (rest.length === 0) return out;
  const ledgers = await store.getLedgers(rest.map((u) => u.id));
  for (const u of rest) {
    const text = ledgers.get(u.id);
    if (text !== undefined)
      out.set(u.id, streakOf(parseLedger(text), localDate(now, u.tz)).current);
    else if (activity && activity.get(u.id)!.lastActiveAt === null) out.set(u.id, 0);
    else out.set(u.id, (await progressStateOf(store, u, now)).streak.current);
  }
  return out;
}

/** The competencies each report has reached by passed assessments. */
async function competencies(
  store: Store,
  reports: readonly User[],
  orgId: string,
): Promise<Map<string, string[]>> {
  if (!(await store.learnerMasteryReady())) return competenciesOf(store, reports);
  const [kept, { catalog }] = await Promise.all([
    store.teamAssessments(reports.map((u) => u.id)),
    contentSnapshot(store, orgId),
  ]);
  return new Map(
    reports.map((u) => {
      const assessments = kept.get(u.id);
      return [
        u.id,
        assessments && Object.keys(assessments).length
          ? competenciesReached(catalog.modules, assessments)
          : [],
      ];
    }),
  );
}

/** What `GET /api/v1/team` answers `manager`, names in `locale` (the catalog's own without). */
export async function teamView(
  store: Store,
  manager: { id: string; orgId: string },
  locale: Locale | undefined,
  now: number,
): Promise<TeamReply> {
  const [members, { catalog }, cohorts, daysReady] = await Promise.all([
    store.teamMembers(manager.orgId, manager.id),
    contentSnapshot(store, manager.orgId, locale),
    store.listCohorts(manager.orgId),
    store.learnerDaysReady(),
  ]);
  const reports: User[] = members.map((m) => ({
    ...m,
    orgId: manager.orgId,
    role: 'learner',
    managerId: manager.id,
    cohortIds: [],
  }));
  const ids = reports.map((p) => p.id);
  const activity = daysReady
    ? await activities(store, members, now)
    : await learnerActivities(store, reports, now);
  const [assignments, streak, reached] = await Promise.all([
    store.teamAssignments(manager.orgId, ids),
    streaks(store, reports, daysReady ? activity : undefined, now),
    competencies(store, reports, manager.orgId),
  ]);
  const assignmentsOf = new Map<string, Array<{ pathwayId: string; dueDate: string }>>();
  for (const a of assignments) {
    const list = assignmentsOf.get(a.userId);
    if (list) list.push(a);
    else assignmentsOf.set(a.userId, [a]);
  }
  return {
    reports: members.map((p) => {
      const progress = reportProgress({
        activity: activity.get(p.id)!,
        catalog,
        assignments: assignmentsOf.get(p.id) ?? [],
        streak: streak.get(p.id)!,
        competencies: reached.get(p.id)!,
        tz: p.tz,
        now,
      });
      const gap = p.career ? careerGap(catalog, p.career, progress.competencies) : undefined;
      return {
        id: p.id,
        name: p.name,
        email: p.email,
        tz: p.tz,
        career: p.career,
        ...progress,
        suggestions: gap?.suggestions.slice(0, 3) ?? [],
      };
    }),
    cohorts: cohorts
      .filter((x) => x.managerIds.includes(manager.id))
      .map((x) => ({ id: x.id, name: x.name, tz: x.tz })),
    pathways: pathwayOptions(catalog),
  };
}
