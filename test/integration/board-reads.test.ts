/**
 * A board read by one process while another writes (issue 20): on PostgreSQL the reader answers
 * from a board it keeps in memory (store/board-cache.ts), so every write of the other process —
 * a score up or down, a week's row removed, a learner hiding or renamed — must show in the very
 * next read. Random runs of such writes are checked against the core rule (`rankBoard`) after
 * each one, on both databases, with the writer and the reader two store instances.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankBoard, visibleRows } from '../../src/core/leaderboard';
import type { ProgressEvent } from '../../src/core/events';
import { uuidv7 } from '../../src/core/uuidv7';
import type { Aggregate, IncomingEvent, Store } from '../../src/server/store/store';
import { storeKinds } from '../support/databases';
import { freshStore } from '../support/fresh';
import { allTimeBoard } from '../support/boards';

const T0 = Date.parse('2026-11-24T09:00:00.000Z');
const PEOPLE = 8;
const person = (i: number) => `p${i}`;

type Write =
  | { kind: 'score'; who: number; xp: number; at: number }
  | { kind: 'remove'; who: number }
  | { kind: 'hide'; who: number; hidden: boolean }
  | { kind: 'rename'; who: number };

const writes: fc.Arbitrary<Write[]> = fc.array(
  fc.oneof(
    fc.record({
      kind: fc.constant('score' as const),
      who: fc.nat(PEOPLE - 1),
      xp: fc.integer({ min: 0, max: 5 }).map((n) => n * 10),
      at: fc.nat(3),
    }),
    fc.record({ kind: fc.constant('remove' as const), who: fc.nat(PEOPLE - 1) }),
    fc.record({
      kind: fc.constant('hide' as const),
      who: fc.nat(PEOPLE - 1),
      hidden: fc.boolean(),
    }),
    fc.record({ kind: fc.constant('rename' as const), who: fc.nat(PEOPLE - 1) }),
  ),
  { minLength: 1, maxLength: 14 },
);

let seq = 0;
/** An event to carry a write: the store calls the aggregate only for accepted events. */
function started(): IncomingEvent {
  const at = T0 + ++seq;
  const event: ProgressEvent = {
    id: uuidv7(),
    type: 'lesson_started',
    lessonId: 'm.l1',
    occurredAt: new Date(at).toISOString(),
    tz: 'UTC',
    deviceId: 'device-0001',
    seq,
  };
  return { event, body: JSON.stringify(event), correctedAt: at, receivedAt: at };
}

/** Writes exactly these board rows for the user (and removes the row when `row` is absent). */
const rowOf =
  (cohortId: string, row?: { xp: number; reachedAt: number }): Aggregate =>
  () => ({
    ledger: '{}',
    upsert: row ? [{ cohortId, period: 'all', lessons: 1, ...row }] : [],
    remove: row ? [] : [{ cohortId, period: 'all' }],
  });

describe.each(storeKinds)('$name board reads while another process writes', (kind) => {
  const { store, db } = freshStore(kind, (s) => s.createOrg({ id: 'org-1', name: 'Acme' }));

  it('shows every write of the other process in the next read, in board order', async () => {
    const writer: Store = await db.open();
    let board = 0;
    await fc.assert(
      fc.asyncProperty(writes, fc.nat(PEOPLE - 1), async (run, reader) => {
        const cohortId = `c${++board}`;
        await store.createCohort({ id: cohortId, orgId: 'org-1', name: cohortId, tz: 'UTC' });
        const model = new Map<string, { xp: number; reachedAt: number }>();
        const hidden = new Set<string>();
        const names = new Map<string, string>();
        for (let i = 0; i < PEOPLE; i++) {
          const id = `${cohortId}-${person(i)}`;
          names.set(id, `Name ${id}`);
          await store.createUser({
            id,
            orgId: 'org-1',
            email: `${id}@example.com`,
            name: names.get(id)!,
            role: 'learner',
            managerId: null,
            tz: 'UTC',
            passwordHash: 'x',
            cohortIds: [cohortId],
          });
        }
        const me = `${cohortId}-${person(reader)}`;
        const read = () => allTimeBoard(store, cohortId, me);
        await read(); // the reader holds this board from now on
        for (const w of run) {
          const id = `${cohortId}-${person(w.who)}`;
          if (w.kind === 'score') {
            const row = { xp: w.xp, reachedAt: T0 + w.at };
            model.set(id, row);
            await writer.ingest(id, [started()], rowOf(cohortId, row));
          } else if (w.kind === 'remove') {
            model.delete(id);
            await writer.ingest(id, [started()], rowOf(cohortId));
          } else if (w.kind === 'hide') {
            if (w.hidden) hidden.add(id);
            else hidden.delete(id);
            await writer.setBoardProfile(id, { alias: null, hidden: w.hidden });
          } else {
            names.set(id, `${names.get(id)}'`);
            await writer.updatePerson('org-1', id, { name: names.get(id)! });
          }
          const ranked = rankBoard(
            [...model]
              .filter(([userId]) => !hidden.has(userId))
              .map(([userId, row]) => ({ userId, ...row })),
          );
          const got = await read();
          expect(got.entries.map((e) => [e.rank, e.userId, e.xp, e.displayName])).toEqual(
            ranked.slice(0, 3).map((e) => [e.rank, e.userId, e.xp, names.get(e.userId)]),
          );
          const mine = model.get(me) ?? { xp: 0, reachedAt: Number.MAX_SAFE_INTEGER };
          const place = rankBoard([
            ...ranked.filter((e) => e.userId !== me),
            { userId: me, ...mine },
          ]).find((e) => e.userId === me)!;
          expect(got.me).toEqual({ rank: place.rank, xp: mine.xp, hidden: hidden.has(me) });
          const around = visibleRows(
            rankBoard([...ranked.filter((e) => e.userId !== me), { userId: me, ...mine }]),
            me,
            0,
            2,
          );
          expect(got.around.map((e) => [e.rank, e.userId, e.displayName])).toEqual(
            around.map((e) => [e.rank, e.userId, names.get(e.userId)]),
          );
        }
      }),
      { numRuns: 20 },
    );
  });
});
