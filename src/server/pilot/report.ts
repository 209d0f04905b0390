/**
 * Builds the pilot report by streaming the organisation's events through the pure tally in
 * src/core/pilot/tally.ts: completions and assessment attempts are read page by page, so memory grows
 * with the number of members, not with the number of events.
 */
import { addDays, localDate } from '../../core/calendar';
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
  pilotEndDate,
  type Group,
  type PilotMember,
  type PilotReport,
} from '../../core/pilot';
import type { Pilot, Store } from '../store/store';

export type { PilotReport };

/** The widest offsets from UTC of any zone: a local date's instants lie within these margins. */
const EARLIEST_OFFSET_MS = 14 * 3_600_000;
const LATEST_OFFSET_MS = 12 * 3_600_000;

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

/** The window's instants, widened so every local date inside it is covered in any time zone. */
export function windowRange(pilot: Pick<Pilot, 'startDate' | 'weeks'>): {
  fromMs: number;
  toMs: number;
} {
  return {
    fromMs: Date.parse(`${pilot.startDate}T00:00:00Z`) - EARLIEST_OFFSET_MS,
    toMs: Date.parse(`${addDays(pilotEndDate(pilot), 1)}T00:00:00Z`) + LATEST_OFFSET_MS,
  };
}

export async function buildPilotReport(
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
