/**
 * The Store contract for what the two hand-written stores once did differently (issue 15), and
 * the board's SQL order checked against the core rule (`rankBoard`, `visibleRows`). Every case
 * runs on SQLite and on PostgreSQL.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankBoard, visibleRows } from '../../src/core/leaderboard';
import type { ProgressEvent } from '../../src/core/events';
import { uuidv7 } from '../../src/core/uuidv7';
import type { Aggregate, IncomingEvent } from '../../src/server/store/store';
import { freshStore } from '../support/fresh';
import { allTimeBoard } from '../support/boards';
import { storeKinds } from '../support/databases';

const T0 = Date.parse('2026-11-24T09:00:00.000Z');

function started(seq: number): IncomingEvent {
  const event: ProgressEvent = {
    id: uuidv7(),
    type: 'lesson_started',
    lessonId: 'm.l1',
    occurredAt: new Date(T0 + seq * 1000).toISOString(),
    tz: 'Europe/Berlin',
    deviceId: 'device-0001',
    seq,
  };
  return { event, body: JSON.stringify(event), correctedAt: T0 + seq * 1000, receivedAt: T0 };
}

/** An aggregate that writes exactly `rows` as the user's board rows (ledger: events folded). */
const writes =
  (rows: Array<{ xp: number; reachedAt: number }>, cohortId = 'c1'): Aggregate =>
  (_previous, accepted) => ({
    ledger: String(accepted.length),
    upsert: rows.map((r) => ({ cohortId, period: 'all', lessons: 1, ...r })),
    remove: [],
  });

describe.each(storeKinds)('$name store contract: one behaviour on both databases', (kind) => {
  const { store } = freshStore(kind, async (store) => {
    await store.createOrg({ id: 'org-1', name: 'Acme' });
    await store.createCohort({ id: 'c1', orgId: 'org-1', name: 'One', tz: 'Europe/Berlin' });
  });

  const person = (id: string, name = `Name ${id}`) =>
    store.createUser({
      id,
      orgId: 'org-1',
      email: `${id}@example.com`,
      name,
      role: 'learner',
      managerId: null,
      tz: 'Europe/Berlin',
      passwordHash: 'x',
      cohortIds: ['c1'],
    });

  it('builds a missing ledger from stored events even when the batch is empty', async () => {
    await person('u1');
    await store.ingest('u1', [started(1), started(2)]); // stored without aggregates
    expect(await store.getLedger('u1')).toBeUndefined();
    expect(await store.ingest('u1', [], writes([{ xp: 10, reachedAt: T0 }]))).toEqual([]);
    expect(await store.getLedger('u1')).toBe('2');
    const board = await allTimeBoard(store, 'c1', 'u1', 5);
    expect(board.me).toEqual({ rank: 1, xp: 10, hidden: false });
  });

  it("lists every pilot with only its own checklist, whatever the pilots' order", async () => {
    await person('admin');
    for (const [i, id] of ['p1', 'p2', 'p3'].entries())
      await store.createPilot({
        id,
        orgId: 'org-1',
        name: `Pilot ${id}`,
        startDate: '2026-01-05',
        weeks: 12,
        cohortIds: ['c1'],
        goals: [],
        createdAt: T0 + i,
      });
    await store.setPilotStep('org-1', 'p1', 'sponsor', { at: T0, by: 'admin' });
    await store.setPilotStep('org-1', 'p3', 'baseline', { at: T0 + 5, by: 'admin' });
    await store.setPilotStep('org-1', 'p3', 'sponsor', { at: T0 + 6, by: 'admin' });
    const pilots = await store.listPilots('org-1');
    expect(pilots.map((p) => [p.id, Object.keys(p.checklist).sort()])).toEqual([
      ['p3', ['baseline', 'sponsor']],
      ['p2', []],
      ['p1', ['sponsor']],
    ]);
    expect(pilots[0]!.checklist.baseline).toEqual({ doneAt: T0 + 5, doneBy: 'admin' });
  });

  it('keeps question marks in names and texts as they are (no placeholder rewriting)', async () => {
    await person('u1', 'Who? Me?');
    await store.updatePerson('org-1', 'u1', { name: 'Still ? here' });
    expect((await store.getPerson('org-1', 'u1'))?.name).toBe('Still ? here');
    await store.addNotification({
      id: 'n1',
      orgId: 'org-1',
      userId: 'u1',
      fromUserId: null,
      kind: 'nudge',
      text: 'Ready for a lesson? ?1 $1',
      createdAt: T0,
      readAt: null,
    });
    expect((await store.listNotifications('org-1', 'u1', 5))[0]?.text).toBe(
      'Ready for a lesson? ?1 $1',
    );
  });

  it('orders a board exactly as the core rule does: top, my rank and the rows around me', async () => {
    // Few distinct XP values and instants, so ties on XP and on the instant are common.
    const scores = fc.array(
      fc.record({ xp: fc.integer({ min: 1, max: 4 }), reachedAt: fc.integer({ min: 0, max: 3 }) }),
      { minLength: 1, maxLength: 12 },
    );
    let board = 0;
    await fc.assert(
      fc.asyncProperty(scores, fc.nat(), async (rows, pick) => {
        const cohortId = `b${++board}`;
        await store.createCohort({ id: cohortId, orgId: 'org-1', name: cohortId, tz: 'UTC' });
        const entries = rows.map((r, i) => ({
          userId: `${cohortId}-u${String(i).padStart(2, '0')}`,
          xp: r.xp * 10,
          reachedAt: T0 + r.reachedAt,
        }));
        for (const e of entries) {
          await person(e.userId);
          await store.ingest(e.userId, [], writes([e], cohortId));
        }
        const me = entries[pick % entries.length]!.userId;
        const read = await allTimeBoard(store, cohortId, me);
        const ranked = rankBoard(entries);
        const shown = (rank: number) => ranked.filter((e) => e.rank <= rank);
        expect(read.entries.map((e) => [e.rank, e.userId, e.xp])).toEqual(
          shown(3).map((e) => [e.rank, e.userId, e.xp]),
        );
        const mine = ranked.find((e) => e.userId === me)!;
        expect(read.me).toEqual({ rank: mine.rank, xp: mine.xp, hidden: false });
        expect(read.around.map((e) => [e.rank, e.userId])).toEqual(
          visibleRows(ranked, me, 0, 2).map((e) => [e.rank, e.userId]),
        );
      }),
      { numRuns: 25 },
    );
  });
});
