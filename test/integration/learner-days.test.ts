/**
 * Learner days (store/learner-days.ts) on both databases: whatever order, batching, duplication,
 * clock skew and time zones (DST changes included) the events arrive in, the kept days and totals
 * equal a recomputation from the stored events, and so does the team view's row; a backfill rebuilds them the same; and the pilot
 * report read off them gives the same numbers as the report folded from the event log.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDate } from '../../src/core/calendar';
import type { LearnerDay } from '../../src/core/pilot';
import { activityOf, reportProgress, type LearnerActivity } from '../../src/core/team';
import { learnerActivity } from '../../src/server/activity';
import { buildPilotReport, buildPilotReportFromEvents } from '../../src/server/pilot/report';
import type { Store } from '../../src/server/store/store';
import { storeKinds } from '../support/databases';
import { arrival, arrivalArbs, DST_FROM as FROM } from '../support/batches';
import { newLearner, sharedStore } from '../support/fresh';
import {
  content,
  draftArb,
  incoming,
  key,
  syncDuringBackfill,
  ZONES,
} from '../support/learning-drafts';

/** The days worked out from the whole set of events at once, by hand. */
function expectedDays(events: ReturnType<typeof incoming>): LearnerDay[] {
  const days = new Map<string, LearnerDay>();
  for (const { event, correctedAt: at, passes } of events) {
    const day = localDate(at, event.tz);
    const d = days.get(day) ?? { day, lessons: 0, lastAt: at, completions: {}, passes: {} };
    d.lastAt = Math.max(d.lastAt, at);
    if (event.type === 'lesson_completed') {
      d.lessons++;
      const c = d.completions[event.lessonId];
      d.completions[event.lessonId] = { n: (c?.n ?? 0) + 1, first: Math.min(c?.first ?? at, at) };
    }
    if (passes) d.passes[key.moduleId] = [...(d.passes[key.moduleId] ?? []), at];
    days.set(day, d);
  }
  for (const d of days.values())
    for (const ats of Object.values(d.passes)) ats.splice(0, ats.length, ...new Set(ats.sort()));
  return [...days.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
}

async function keptDays(store: Store, userId: string): Promise<LearnerDay[]> {
  return (await store.learnerDays([userId], '0000-00-00'))
    .map(({ userId: _, ...day }) => day)
    .sort((a, b) => (a.day < b.day ? -1 : 1));
}

const TEAM_INPUT = {
  assignments: [{ pathwayId: content.catalog.pathways[0]!.id, dueDate: '2026-03-20' }],
  competencies: [],
  streak: 0,
};

describe.each(storeKinds)('$name store: learner days', (kind) => {
  const { store } = sharedStore(kind, async (store) => {
    await store.saveContent(content.catalog, content.modules);
    await store.createOrg({ id: 'org', name: 'Org' });
    await store.createCohort({ id: 'pilot', orgId: 'org', name: 'Pilot', tz: 'UTC' });
  });
  let run = 0;

  async function learner(cohortIds: string[] = []): Promise<string> {
    const id = `u${++run}`;
    await store.createUser(newLearner(id, 'org', { cohortIds }));
    return id;
  }

  it('keeps the days a recomputation from the events gives, whatever the arrival', async () => {
    await fc.assert(
      fc.asyncProperty(...arrivalArbs(draftArb, 25, 5), async (drafts, cuts, resent, seed) => {
        const userId = await learner();
        const events = incoming(drafts, `device-${userId}`);
        for (const batch of arrival(events, cuts, resent, seed)) await store.ingest(userId, batch);

        const expected = expectedDays(events);
        expect(await keptDays(store, userId)).toEqual(expected);
        const [totals] = await store.learnerTotals([userId]);
        // The team view's numbers for this learner, at a moment inside their history.
        const now = FROM + (drafts[0]!.minutes + 3 * 24 * 60) * 60_000;
        const catalog = await store.getCatalog();
        const person = { id: userId, tz: ZONES[drafts[0]!.zone]! };
        const teamRow = (activity: LearnerActivity) =>
          reportProgress({ activity, catalog, ...TEAM_INPUT, tz: person.tz, now });
        expect(teamRow(await learnerActivity(store, person, now))).toEqual(
          teamRow(activityOf(await store.userEvents(userId))),
        );
        expect(totals).toEqual({
          userId,
          lastAt: Math.max(...events.map((e) => e.correctedAt)),
          completed: [
            ...new Set(
              events.flatMap(({ event }) =>
                event.type === 'lesson_completed' ? [event.lessonId] : [],
              ),
            ),
          ].sort(),
        });
      }),
      { numRuns: 25 },
    );
  });

  it('a backfill rebuilds the same days, a few learners a transaction', async () => {
    const userId = await learner();
    const events = incoming(fc.sample(draftArb, { seed: 7, numRuns: 30 }), `device-${userId}`);
    await store.ingest(userId, events);
    const kept = await keptDays(store, userId);
    expect(kept.length).toBeGreaterThan(0);
    await store.backfillLearnerDays({ restart: true, chunk: 2 });
    expect(await keptDays(store, userId)).toEqual(kept);
    expect(await store.learnerDaysReady()).toBe(true);
  });

  it('counts a sync racing the backfill exactly once', async () => {
    const users = [await learner(), await learner(), await learner()];
    const histories = await syncDuringBackfill(store, users, 11, () =>
      store.backfillLearnerDays({ restart: true, chunk: 1 }),
    );
    for (const [u, id] of users.entries())
      expect(await keptDays(store, id)).toEqual(expectedDays(histories[u]!));
  });

  it('gives the pilot report the numbers folding the event log gives', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(draftArb, { maxLength: 20 }), { minLength: 1, maxLength: 5 }),
        async (histories) => {
          for (const [i, drafts] of histories.entries()) {
            const userId = await learner(i % 2 ? ['pilot'] : []);
            await store.ingest(userId, incoming(drafts, `device-${userId}`));
          }
          const pilot = {
            id: `p${run}`,
            orgId: 'org',
            name: 'Spring',
            startDate: '2026-03-02',
            weeks: 4,
            cohortIds: ['pilot'],
            goals: [],
            createdAt: FROM,
            checklist: {},
          };
          const now = Date.parse('2026-04-10T00:00:00Z');
          const fromDays = await buildPilotReport(store, pilot, now);
          expect(fromDays).toEqual(await buildPilotReportFromEvents(store, pilot, now));
          expect(fromDays.weeks).toHaveLength(4);
        },
      ),
      { numRuns: 8 },
    );
  });
});
