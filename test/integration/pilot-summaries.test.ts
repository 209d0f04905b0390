/**
 * Pilot summaries (store/pilot-summaries.ts) on both databases: whatever order, batching,
 * duplication, clock skew and time zones (DST changes included) the events arrive in, and whether
 * the summaries were kept at ingest or filled by a backfill, the pilot report read off them gives
 * the numbers of the report folded from the event log and of the report read off the learner days.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildPilotReport,
  buildPilotReportFromDays,
  buildPilotReportFromEvents,
} from '../../src/server/pilot/report';
import type { Pilot, Store } from '../../src/server/store/store';
import { storeKinds } from '../support/databases';
import { arrival, DST_FROM as FROM } from '../support/batches';
import { newLearner, sharedStore } from '../support/fresh';
import { content, draftArb, incoming, syncDuringBackfill } from '../support/learning-drafts';

const NOW = Date.parse('2026-04-10T00:00:00Z');

/** The three reports of a pilot: off the summaries, off the days, folded from the events. */
async function reports(store: Store, pilot: Pilot) {
  return {
    fromSummaries: await buildPilotReport(store, pilot, NOW),
    fromDays: await buildPilotReportFromDays(store, pilot, NOW),
    fromEvents: await buildPilotReportFromEvents(store, pilot, NOW),
  };
}

describe.each(storeKinds)('$name store: pilot summaries', (kind) => {
  const { store } = sharedStore(kind, async (store) => {
    await store.saveContent(content.catalog, content.modules);
  });
  let run = 0;

  /** A new organisation (so each run's pilot sees only its own learners) and its pilot. */
  async function pilotOrg(startDate = '2026-03-02', weeks = 4): Promise<Pilot> {
    const n = ++run;
    await store.createOrg({ id: `org${n}`, name: `Org ${n}` });
    await store.createCohort({ id: `pilot${n}`, orgId: `org${n}`, name: 'Pilot', tz: 'UTC' });
    const pilot: Pilot = {
      id: `p${n}`,
      orgId: `org${n}`,
      name: 'Spring',
      startDate,
      weeks,
      cohortIds: [`pilot${n}`],
      goals: [{ metric: 'weeklyActivePct', op: '>=', target: 50 }],
      createdAt: FROM,
      checklist: {},
    };
    await store.createPilot(pilot);
    return pilot;
  }

  async function learner(pilot: Pilot, i: number): Promise<string> {
    const id = `${pilot.id}-u${i}`;
    await store.createUser(
      newLearner(id, pilot.orgId, { cohortIds: i % 2 ? pilot.cohortIds : [] }),
    );
    return id;
  }

  const historiesArb = fc.array(
    fc.record({
      drafts: fc.array(draftArb, { minLength: 1, maxLength: 20 }),
      cuts: fc.array(fc.nat(), { maxLength: 4 }),
      resent: fc.array(fc.nat(), { maxLength: 5 }),
      seed: fc.nat(),
    }),
    { minLength: 1, maxLength: 5 },
  );

  it('kept at ingest, gives the numbers of the event log and of the learner days', async () => {
    await fc.assert(
      fc.asyncProperty(historiesArb, async (histories) => {
        const pilot = await pilotOrg();
        await store.backfillPilotSummaries();
        expect(await store.pilotSummariesReady(pilot.id)).toBe(true);
        for (const [i, h] of histories.entries()) {
          const userId = await learner(pilot, i);
          const events = incoming(h.drafts, `device-${userId}`);
          for (const batch of arrival(events, h.cuts, h.resent, h.seed))
            await store.ingest(userId, batch);
        }
        const { fromSummaries, fromDays, fromEvents } = await reports(store, pilot);
        expect(fromSummaries).toEqual(fromEvents);
        expect(fromDays).toEqual(fromEvents);
        expect(fromSummaries.weeks).toHaveLength(4);
      }),
      { numRuns: 12 },
    );
  });

  it('filled by a backfill for a pilot made after the events, gives the same numbers', async () => {
    const pilot: Pilot = {
      id: `late${++run}`,
      orgId: `org-late${run}`,
      name: 'Made late',
      startDate: '2026-03-02',
      weeks: 4,
      cohortIds: [`pilot-late${run}`],
      goals: [],
      createdAt: FROM,
      checklist: {},
    };
    await store.createOrg({ id: pilot.orgId, name: 'Late' });
    await store.createCohort({ id: pilot.cohortIds[0]!, orgId: pilot.orgId, name: 'P', tz: 'UTC' });
    for (let i = 0; i < 6; i++) {
      const userId = await learner(pilot, i);
      await store.ingest(
        userId,
        incoming(fc.sample(draftArb, { seed: 30 + i, numRuns: 25 }), `device-${userId}`),
      );
    }
    await store.createPilot(pilot);
    expect(await store.pilotSummariesReady(pilot.id)).toBe(false);
    // Until the backfill has run, the report reads the days.
    const before = await reports(store, pilot);
    expect(before.fromSummaries).toEqual(before.fromEvents);
    await store.backfillPilotSummaries({ chunk: 2 });
    expect(await store.pilotSummariesReady(pilot.id)).toBe(true);
    expect((await store.pilotSummaries(pilot.id)).length).toBeGreaterThan(0);
    const after = await reports(store, pilot);
    expect(after.fromSummaries).toEqual(after.fromEvents);
    expect(after.fromSummaries).toEqual(before.fromSummaries);
  });

  it('counts a sync racing the backfill exactly once', async () => {
    const pilot = await pilotOrg();
    const users = [0, 1, 2].map((i) => learner(pilot, i));
    const ids = await Promise.all(users);
    await syncDuringBackfill(store, ids, 50, () =>
      store.backfillPilotSummaries({ restart: true, chunk: 1 }),
    );
    const { fromSummaries, fromEvents } = await reports(store, pilot);
    expect(fromSummaries).toEqual(fromEvents);
  });

  it('folds the days of members whose summary was made with other content', async () => {
    const pilot = await pilotOrg();
    for (let i = 0; i < 4; i++) {
      const userId = await learner(pilot, i);
      await store.ingest(
        userId,
        incoming(fc.sample(draftArb, { seed: 70 + i, numRuns: 25 }), `device-${userId}`),
      );
    }
    // New estimates for every lesson: each summary's minutes are out of date.
    const longer = content.modules.map((m) => ({
      ...m,
      version: m.version + 1,
      lessons: m.lessons.map((l) => ({ ...l, estimateMinutes: l.estimateMinutes + 1 })),
    }));
    await store.saveContent(content.catalog, longer);
    try {
      const { fromSummaries, fromEvents } = await reports(store, pilot);
      expect(fromSummaries).toEqual(fromEvents);
      expect(fromSummaries.weeks.some((w) => w.pilot.minutes + w.comparison.minutes > 0)).toBe(
        true,
      );
    } finally {
      await store.saveContent(content.catalog, content.modules);
    }
  });
});
