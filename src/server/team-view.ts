/**
 * The manager's team view (`GET /api/v1/team`): every report's progress, as `reportProgressOf`
 * (team-progress.ts) gives it one report at a time, read for the whole team in a fixed number of
 * statements (store/team.ts) however many reports there are, all issued at once: the reports
 * joined with their kept totals, streak summaries and mastery; their learner days; their
 * assignments; content and cohorts; and, only when some streak summary cannot answer, those
 * reports' ledgers. Nothing reads the event log, except while a backfill of an old database is
 * still running (then the reads fall back to what the single-report path does).
 */
import type { PathwayOption, TeamReply } from '../core/api';
import { localDate } from '../core/calendar';
import { careerGap, type Career, type PathwaySuggestion } from '../core/career';
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
import type { Store, TeamDay, TeamRow, User } from './store/store';

export const pathwayOptions = (catalog: Catalog): PathwayOption[] =>
  catalog.pathways.map((p) => ({ id: p.id, title: p.title, estimateMinutes: p.estimateMinutes }));

/** Each time zone's local date at `now` (a team lives in a few zones). */
function todaysIn(reports: readonly { tz: string }[], now: number): Map<string, string> {
  const todays = new Map<string, string>();
  for (const { tz } of reports) if (!todays.has(tz)) todays.set(tz, localDate(now, tz));
  return todays;
}

/**
 * The earliest local date anywhere at `now` (UTC−12): the days read from its `activitySince` on
 * cover every report's, whatever their zone, so the days are read beside the reports, not after.
 * A day before a report's own window changes nothing: it is more than a week before their today.
 */
function daysToRead(now: number) {
  const earliest = localDate(now, 'Etc/GMT+12');
  return { fromDay: activitySince(earliest), detailFromDay: weekStart(earliest) };
}

/** The reports' activity off their kept totals and days. */
function activities(rows: readonly TeamRow[], days: readonly TeamDay[]) {
  const activity = new Map<string, LearnerActivity>();
  for (const r of rows)
    activity.set(r.id, {
      completed: r.totals?.completed ?? [],
      lastActiveAt: r.totals?.lastAt ?? null,
      days: [],
    });
  for (const d of days)
    (activity.get(d.userId)?.days as ActivityDay[] | undefined)?.push({
      day: d.day,
      lessons: d.lessons,
      // Before the report's Monday only the day's count matters (the quiet days at risk).
      completions: d.completions ?? {},
    });
  return activity;
}

/**
 * The reports' current streaks off their kept summaries; the few a summary cannot answer are read
 * off their ledgers (one statement, only when there are such reports). A report with neither a
 * ledger nor any activity kept has never learned: a streak of 0, without reading their (absent)
 * events.
 */
async function streaks(
  store: Store,
  rows: readonly TeamRow[],
  reports: readonly User[],
  learned: ((id: string) => boolean) | undefined,
  todays: ReadonlyMap<string, string>,
  now: number,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const fromLedger: User[] = [];
  const folded: User[] = [];
  for (const [i, r] of rows.entries()) {
    const current =
      r.streak === null
        ? undefined
        : currentStreakOn(JSON.parse(r.streak) as StreakSummary | null, todays.get(r.tz)!);
    if (current !== undefined) out.set(r.id, current);
    else if (r.hasLedger) fromLedger.push(reports[i]!);
    else if (learned && !learned(r.id)) out.set(r.id, 0);
    else folded.push(reports[i]!);
  }
  if (fromLedger.length) {
    const ledgers = await store.getLedgers(fromLedger.map((u) => u.id));
    for (const u of fromLedger) {
      const text = ledgers.get(u.id);
      if (text !== undefined) out.set(u.id, streakOf(parseLedger(text), todays.get(u.tz)!).current);
      else folded.push(u); // gone since the rows were read
    }
  }
  for (const u of folded) out.set(u.id, (await progressStateOf(store, u, now)).streak.current);
  return out;
}

/** What `GET /api/v1/team` answers `manager`, names in `locale` (the catalog's own without). */
export async function teamView(
  store: Store,
  manager: { id: string; orgId: string },
  locale: Locale | undefined,
  now: number,
): Promise<TeamReply> {
  const team = { orgId: manager.orgId, managerId: manager.id };
  const { fromDay, detailFromDay } = daysToRead(now);
  const localised = contentSnapshot(store, manager.orgId, locale);
  // Everything at once: on PostgreSQL the statements run side by side on the pool.
  const [rows, days, assignments, { catalog }, cohorts, daysReady, masteryReady] =
    await Promise.all([
      store.teamRows(team),
      store.teamDays(team, fromDay, detailFromDay),
      store.teamAssignments(team),
      localised,
      store.teamCohorts(team),
      store.learnerDaysReady(),
      store.learnerMasteryReady(),
    ]);
  const reports: User[] = rows.map((r) => ({
    id: r.id,
    orgId: manager.orgId,
    email: r.email,
    name: r.name,
    role: 'learner',
    managerId: manager.id,
    tz: r.tz,
    cohortIds: [],
  }));
  const todays = todaysIn(rows, now);
  // Until an old database's backfills finish, what is not kept yet is read as for one report.
  const activity = daysReady
    ? activities(rows, days)
    : await learnerActivities(store, reports, now);
  const [streak, reached] = await Promise.all([
    streaks(
      store,
      rows,
      reports,
      daysReady ? (id) => activity.get(id)!.lastActiveAt !== null : undefined,
      todays,
      now,
    ),
    masteryReady
      ? // Graded against the organisation's content in its own words: the manager's snapshot
        // when they ask for no language.
        (locale === undefined ? localised : contentSnapshot(store, manager.orgId)).then(
          ({ catalog: own }) =>
            new Map(
              rows.map((r) => [
                r.id,
                r.assessments && Object.keys(r.assessments).length
                  ? competenciesReached(own.modules, r.assessments)
                  : [],
              ]),
            ),
        )
      : competenciesOf(store, reports),
  ]);
  // Reports with the same career and competencies (most of a team) get the same suggestions.
  const suggestions = new Map<string, PathwaySuggestion[]>();
  const suggestionsFor = (career: Career, reached: readonly string[]) => {
    const key = `${career.roleId}\n${career.level}\n${reached.join('\n')}`;
    let list = suggestions.get(key);
    if (!list) {
      list = careerGap(catalog, career, reached)?.suggestions.slice(0, 3) ?? [];
      suggestions.set(key, list);
    }
    return list;
  };
  const assignmentsOf = new Map<string, Array<{ pathwayId: string; dueDate: string }>>();
  for (const a of assignments) {
    const list = assignmentsOf.get(a.userId);
    if (list) list.push(a);
    else assignmentsOf.set(a.userId, [a]);
  }
  return {
    reports: rows.map((p) => {
      const progress = reportProgress({
        activity: activity.get(p.id)!,
        catalog,
        assignments: assignmentsOf.get(p.id) ?? [],
        streak: streak.get(p.id)!,
        competencies: reached.get(p.id)!,
        tz: p.tz,
        now,
        today: todays.get(p.tz)!,
      });
      return {
        id: p.id,
        name: p.name,
        email: p.email,
        tz: p.tz,
        career: p.career,
        ...progress,
        suggestions: p.career ? suggestionsFor(p.career, progress.competencies) : [],
      };
    }),
    cohorts,
    pathways: pathwayOptions(catalog),
  };
}
