/**
 * Builds the pilot report through the pure tally in src/core/pilot/tally.ts, from the learner
 * days kept at ingest (a row per member and active day, never the event log), page by page, so
 * memory grows with the number of members, not with the number of days or events.
 */
import { localDate } from '../../core/calendar';
import type { LearningModule } from '../../core/content';
import {
  ASSESSMENT_PASS,
  answerKeyOf,
  moduleIdOf,
  scoreAttempt,
  type AnswerKey,
} from '../../core/mastery';
import {
  ASSOCIATION_NOTE,
  createPilotTally,
  evaluateGoals,
  hrOutcomes,
  MANAGER_ENGAGEMENT_NOTE,
  managerCounts,
  pilotContentOf,
  pilotContentKey,
  pilotEndDate,
  windowDays,
  windowRange,
  type Group,
  type PilotMember,
  type PilotReport,
} from '../../core/pilot';
import type { Pilot, Store } from '../store/store';

export type { PilotReport };

export function groupsOf(
  members: ReadonlyArray<{ userId: string; email: string; cohortIds: string[] }>,
  pilot: Pick<Pilot, 'cohortIds'>,
): PilotMember[] {
  const cohorts = new Set(pilot.cohortIds);
  return members.map((m) => ({
    userId: m.userId,
    email: m.email,
    group: m.cohortIds.some((c) => cohorts.has(c)) ? 'pilot' : 'comparison',
  }));
}

export { windowRange };

type Tally = ReturnType<typeof createPilotTally>;

/**
 * The pilot report, read off the pilot summaries (store/pilot-summaries.ts): a row per member
 * with anything in the window; a member whose summary was made with other content is folded
 * from their learner days. Until the pilot's summaries are filled, it is read off the days;
 * until the days are, folded from the events.
 */
export async function buildPilotReport(
  store: Store,
  pilot: Pilot,
  now: number,
): Promise<PilotReport> {
  if (!(await store.learnerDaysReady())) return buildPilotReportFromEvents(store, pilot, now);
  if (!(await store.pilotSummariesReady(pilot.id)))
    return buildPilotReportFromDays(store, pilot, now);
  const members = groupsOf(await store.orgMembers(pilot.orgId), pilot);
  const content = pilotContentOf(await store.getCatalog(pilot.orgId));
  const key = pilotContentKey(content);
  const tally = createPilotTally(members, pilot, content);
  const stale: string[] = [];
  for (const row of await store.pilotSummaries(pilot.id))
    if (row.content === key) tally.addStoredSummary(row.userId, row.detail);
    else stale.push(row.userId);
  if (stale.length) await addDaysOf(store, pilot, stale, tally);
  return reportOf(store, pilot, now, members, tally);
}

/**
 * The pilot report read off the learner days (store/learner-days.ts): the days of the window,
 * two more on each side for assessment passes, whose window is of instants (`windowRange`).
 * What the summaries replace, kept until a pilot's are filled and as their reference
 * (test/integration/pilot-summaries.test.ts, bench/scale.ts).
 */
export async function buildPilotReportFromDays(
  store: Store,
  pilot: Pilot,
  now: number,
): Promise<PilotReport> {
  const members = groupsOf(await store.orgMembers(pilot.orgId), pilot);
  const content = pilotContentOf(await store.getCatalog(pilot.orgId));
  const tally = createPilotTally(members, pilot, content);
  await addDaysOf(
    store,
    pilot,
    members.map((m) => m.userId),
    tally,
  );
  return reportOf(store, pilot, now, members, tally);
}

/** Folds the learner days of `userIds` that the window counts into the tally, page by page. */
async function addDaysOf(
  store: Store,
  pilot: Pilot,
  userIds: readonly string[],
  tally: Tally,
): Promise<void> {
  const start = pilot.startDate;
  const end = pilotEndDate(pilot);
  const range = windowRange(pilot);
  for await (const page of store.learnerDayPages({ userIds, ...windowDays(pilot) })) {
    for (const d of page) {
      if (d.day >= start && d.day <= end)
        for (const [lessonId, { n, first }] of Object.entries(d.completions))
          tally.addLessonDay({ userId: d.userId, lessonId, date: d.day, n, first });
      for (const [moduleId, ats] of Object.entries(d.passes))
        for (const at of ats)
          if (at >= range.fromMs && at < range.toMs)
            tally.addPass({ userId: d.userId, moduleId, at });
    }
  }
}

/**
 * The pilot report folded from the event log (completions and assessment attempts, page by
 * page): what the learner days replace, kept for databases not yet backfilled and as the
 * reference the days are checked against (test/integration/pilot-days.test.ts, bench/scale.ts).
 */
export async function buildPilotReportFromEvents(
  store: Store,
  pilot: Pilot,
  now: number,
): Promise<PilotReport> {
  const window = { startDate: pilot.startDate, weeks: pilot.weeks };
  const members = groupsOf(await store.orgMembers(pilot.orgId), pilot);
  const catalog = await store.getCatalog(pilot.orgId);
  const content = pilotContentOf(catalog);
  const keys = new Map<string, AnswerKey>();
  for (const outline of catalog.modules) {
    if (!outline.lessons.some((l) => l.id === `${outline.id}.assessment`)) continue;
    const module: LearningModule | undefined = await store.getModule(outline.id, pilot.orgId);
    const key = module && answerKeyOf(module);
    if (key) keys.set(key.lessonId, key);
  }

  const tally = createPilotTally(members, window, content);
  for await (const page of store.eventPages({
    orgId: pilot.orgId,
    ...windowRange(pilot),
    types: ['lesson_completed', 'assessment_submitted'],
  })) {
    for (const row of page) {
      if (row.type === 'lesson_completed' && row.lessonId) {
        tally.addCompletion({
          userId: row.userId,
          lessonId: row.lessonId,
          at: row.correctedAt,
          tz: row.tz,
        });
        continue;
      }
      const key = row.lessonId ? keys.get(row.lessonId) : undefined;
      if (!key) continue;
      const { answers } = JSON.parse(row.body) as {
        answers: Array<{ cardId: string; answerIds: string[] }>;
      };
      if (scoreAttempt(key, answers) >= ASSESSMENT_PASS - 1e-9)
        tally.addPass({
          userId: row.userId,
          moduleId: moduleIdOf(key.lessonId),
          at: row.correctedAt,
        });
    }
  }
  return reportOf(store, pilot, now, members, tally);
}

/** The report around a filled tally: manager engagement, HR outcomes and goals. */
async function reportOf(
  store: Store,
  pilot: Pilot,
  now: number,
  members: PilotMember[],
  tally: Tally,
): Promise<PilotReport> {
  const window = { startDate: pilot.startDate, weeks: pilot.weeks };
  const range = windowRange(pilot);
  const actions = await store.managerActions(pilot.orgId, range.fromMs, range.toMs);
  const weeks = tally.weekly(localDate(now, 'UTC'), managerCounts(members, window, actions));
  const outcomes = hrOutcomes(members, await store.hrRecords(pilot.orgId), window);
  const count = (g: Group) => members.filter((m) => m.group === g).length;
  return {
    pilot: {
      id: pilot.id,
      name: pilot.name,
      startDate: pilot.startDate,
      endDate: pilotEndDate(window),
      weeks: pilot.weeks,
      cohortIds: pilot.cohortIds,
      goals: pilot.goals,
      createdAt: pilot.createdAt,
    },
    generatedAt: new Date(now).toISOString(),
    groups: { pilot: { members: count('pilot') }, comparison: { members: count('comparison') } },
    weeks,
    timeToCompetency: tally.timeToCompetency(),
    outcomes: { pilot: outcomes.pilot, comparison: outcomes.comparison },
    goals: evaluateGoals(pilot.goals, weeks, outcomes),
    managerEngagement: { note: MANAGER_ENGAGEMENT_NOTE },
    note: ASSOCIATION_NOTE,
  };
}
