/**
 * The Store contract for motivation (issue 6): progress ledgers and cohort board rows kept in the
 * ingest transaction, board reads (top, my rank, the rows around me), board settings. Every
 * implementation (SQLite, PostgreSQL) must pass exactly these tests.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../src/core/events';
import { uuidv7 } from '../../src/core/uuidv7';
import type {
  Aggregate,
  IncomingEvent,
  NewUser,
  PushSubscriptionRow,
} from '../../src/server/store/store';
import { freshStore, newLearner } from '../support/fresh';
import { allTimeBoard } from '../support/boards';
import { storeKinds } from '../support/databases';

const T0 = Date.parse('2026-11-24T09:00:00.000Z');

const user = (id: string, extra: Partial<NewUser> = {}): NewUser =>
  newLearner(id, 'org-1', { name: `Name ${id}`, tz: 'Europe/Berlin', cohortIds: ['c1'], ...extra });

let seq = 0;
function event(): IncomingEvent {
  seq++;
  const e: ProgressEvent = {
    id: uuidv7(),
    type: 'lesson_completed',
    lessonId: `m.l${seq}`,
    durationMs: 200_000,
    occurredAt: new Date(T0 + seq * 1000).toISOString(),
    tz: 'Europe/Berlin',
    deviceId: 'device-0001',
    seq,
  };
  return { event: e, body: JSON.stringify(e), correctedAt: T0 + seq * 1000, receivedAt: T0 };
}

/** A stand-in aggregate: the ledger counts events; one row per cohort holds 10 XP each. */
function counting(cohorts: string[], calls: Array<{ previous?: string; n: number }>): Aggregate {
  return (previous, accepted) => {
    calls.push({ ...(previous === undefined ? {} : { previous }), n: accepted.length });
    const n = Number(previous ?? 0) + accepted.length;
    return {
      ledger: String(n),
      upsert: cohorts.map((cohortId) => ({
        cohortId,
        period: 'all',
        xp: 10 * n,
        lessons: n,
        reachedAt: T0 + n,
      })),
      remove: n >= 3 ? [{ cohortId: 'c1', period: '2026-11-16' }] : [],
    };
  };
}

describe.each(storeKinds)('$name store contract: motivation', (kind) => {
  const { store } = freshStore(kind, async (store) => {
    await store.createOrg({ id: 'org-1', name: 'Acme' });
    await store.createCohort({ id: 'c1', orgId: 'org-1', name: 'One', tz: 'Europe/Berlin' });
    await store.createCohort({ id: 'c2', orgId: 'org-1', name: 'Two', tz: 'Asia/Tokyo' });
    await store.createUser(user('boss', { role: 'manager', cohortIds: [] }));
    await store.createUser(user('u1', { managerId: 'boss' }));
    await store.createUser(user('u2'));
  });

  it('reads cohorts and who manages a member', async () => {
    expect(await store.getCohort('c2')).toEqual({
      id: 'c2',
      orgId: 'org-1',
      name: 'Two',
      tz: 'Asia/Tokyo',
    });
    expect(await store.getCohort('nope')).toBeUndefined();
    expect(await store.managesCohortMember('boss', 'c1')).toBe(true);
    expect(await store.managesCohortMember('boss', 'c2')).toBe(false);
    expect(await store.managesCohortMember('u2', 'c1')).toBe(false);
  });

  it('refuses an alias that reads like a cohort colleague’s name or alias', async () => {
    expect(await store.setBoardProfile('u1', { alias: '  name   U2 ', hidden: false })).toBe(
      'alias_taken',
    );
    expect(await store.getBoardProfile('u1')).toEqual({ alias: null, hidden: false });
    expect(await store.setBoardProfile('u1', { alias: 'Night Owl', hidden: false })).toBe('saved');
    expect(await store.setBoardProfile('u2', { alias: 'NIGHT owl', hidden: false })).toBe(
      'alias_taken',
    );
    // Someone's own name, an alias kept as it was, and a name used only in another cohort are free.
    expect(await store.setBoardProfile('u2', { alias: 'Name u2', hidden: true })).toBe('saved');
    expect(await store.setBoardProfile('u1', { alias: 'Night Owl', hidden: true })).toBe('saved');
    await store.createUser(user('far', { cohortIds: ['c2'] }));
    expect(await store.setBoardProfile('far', { alias: 'night owl', hidden: false })).toBe('saved');
  });

  it('gives an alias to one of several people asking for it at once', async () => {
    const ids = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6'];
    for (const id of ids) await store.createUser(user(id));
    const outcomes = await Promise.all(
      ids.map((id) => store.setBoardProfile(id, { alias: 'Early Bird', hidden: false })),
    );
    expect(outcomes.filter((o) => o === 'saved')).toHaveLength(1);
    const aliases = await Promise.all(
      ids.map(async (id) => (await store.getBoardProfile(id)).alias),
    );
    expect(aliases.filter((a) => a === 'Early Bird')).toHaveLength(1);
  });

  it('keeps the ledger and board rows with the events, joining only accepted events', async () => {
    const calls: Array<{ previous?: string; n: number }> = [];
    const a = event();
    const b = event();
    await store.ingest('u1', [a, b], counting(['c1'], calls));
    expect(await store.getLedger('u1')).toBe('2');
    // A resend changes nothing and does not call the aggregate.
    await store.ingest('u1', [a], counting(['c1'], calls));
    await store.ingest('u1', [event()], counting(['c1'], calls));
    expect(calls).toEqual([{ n: 2 }, { previous: '2', n: 1 }]);
    expect(await store.getLedger('u1')).toBe('3');
    const board = await allTimeBoard(store, 'c1', 'u1', 20);
    expect(board.me).toEqual({ rank: 1, xp: 30, hidden: false });
    expect(await store.cohortLessons('c1', 'all')).toBe(3);
  });

  it('folds every stored event into a user’s first ledger', async () => {
    await store.ingest('u1', [event(), event()]);
    const calls: Array<{ previous?: string; n: number }> = [];
    await store.ingest('u1', [event()], counting(['c1'], calls));
    expect(calls).toEqual([{ n: 3 }]);
  });

  it('removes board rows the aggregate says moved away', async () => {
    const move: Aggregate = (previous) => ({
      ledger: 'x',
      upsert:
        previous === undefined
          ? [{ cohortId: 'c1', period: '2026-11-23', xp: 10, lessons: 1, reachedAt: T0 }]
          : [{ cohortId: 'c1', period: '2026-11-16', xp: 10, lessons: 1, reachedAt: T0 }],
      remove: previous === undefined ? [] : [{ cohortId: 'c1', period: '2026-11-23' }],
    });
    await store.ingest('u1', [event()], move);
    expect(await store.cohortLessons('c1', '2026-11-23')).toBe(1);
    await store.ingest('u1', [event()], move);
    expect(await store.cohortLessons('c1', '2026-11-23')).toBe(0);
    expect(await store.cohortLessons('c1', '2026-11-16')).toBe(1);
  });

  it('stores nothing when the aggregate fails: events and aggregates commit together', async () => {
    const boom: Aggregate = () => {
      throw new Error('boom');
    };
    await expect(store.ingest('u1', [event()], boom)).rejects.toThrow('boom');
    expect(await store.userEvents('u1')).toEqual([]);
    expect(await store.getLedger('u1')).toBeUndefined();
  });

  describe('board reads', () => {
    /** Twelve learners; p00 has the most XP; p05 and p06 tie, p05 reached it first. */
    beforeEach(async () => {
      for (let i = 0; i < 12; i++) {
        const id = `p${String(i).padStart(2, '0')}`;
        await store.createUser(user(id));
        const xp = i === 6 ? 200 - 5 * 10 : 200 - i * 10;
        const reachedAt = i === 6 ? T0 + 999 : T0 + i;
        const fixed: Aggregate = () => ({
          ledger: '{}',
          upsert: [{ cohortId: 'c1', period: 'all', xp, lessons: 1, reachedAt }],
          remove: [],
        });
        await store.ingest(id, [event()], fixed);
      }
    });

    const read = (userId: string, top = 3, around = 2) =>
      allTimeBoard(store, 'c1', userId, top, around);

    it('answers the top, my rank and the rows around me, ties to whoever was first', async () => {
      const board = await read('p07');
      expect(board.entries.map((e) => [e.rank, e.userId, e.displayName, e.xp])).toEqual([
        [1, 'p00', 'Name p00', 200],
        [2, 'p01', 'Name p01', 190],
        [3, 'p02', 'Name p02', 180],
      ]);
      expect(board.me).toEqual({ rank: 8, xp: 130, hidden: false });
      expect(board.around.map((e) => [e.rank, e.userId])).toEqual([
        [6, 'p05'],
        [7, 'p06'],
        [8, 'p07'],
        [9, 'p08'],
        [10, 'p09'],
      ]);
    });

    it('places me correctly inside a tie, on either side of it', async () => {
      const tiedLater = await read('p06');
      expect(tiedLater.me.rank).toBe(7);
      expect(tiedLater.around.map((e) => [e.rank, e.userId])).toEqual([
        [5, 'p04'],
        [6, 'p05'],
        [7, 'p06'],
        [8, 'p07'],
        [9, 'p08'],
      ]);
      const tiedFirst = await read('p05');
      expect(tiedFirst.me.rank).toBe(6);
      expect(tiedFirst.around.map((e) => e.userId)).toEqual(['p03', 'p04', 'p05', 'p06', 'p07']);
    });

    it('ranks someone without points after everyone with points', async () => {
      const board = await read('u2');
      expect(board.me).toEqual({ rank: 13, xp: 0, hidden: false });
      expect(board.around.map((e) => e.rank)).toEqual([11, 12, 13]);
    });

    it('uses aliases and leaves hidden learners out of others’ boards but tells them their rank', async () => {
      await store.setBoardProfile('p00', { alias: null, hidden: true });
      await store.setBoardProfile('p01', { alias: '<b>Ace</b>', hidden: false });
      expect(await store.getBoardProfile('p00')).toEqual({ alias: null, hidden: true });
      const others = await read('p03');
      expect(others.entries.map((e) => e.displayName)).toEqual([
        '<b>Ace</b>',
        'Name p02',
        'Name p03',
      ]);
      expect(others.me.rank).toBe(3);
      const hidden = await read('p00');
      expect(hidden.me).toEqual({ rank: 1, xp: 200, hidden: true });
      await store.setBoardProfile('p00', { alias: null, hidden: false });
      expect((await read('p03')).me.rank).toBe(4);
    });

    it('keeps hidden learners hidden on rows written after they chose it', async () => {
      await store.setBoardProfile('u2', { alias: null, hidden: true });
      await store.ingest('u2', [event()], () => ({
        ledger: '{}',
        upsert: [{ cohortId: 'c1', period: 'all', xp: 1000, lessons: 1, reachedAt: T0 }],
        remove: [],
      }));
      expect((await read('p00')).entries[0]!.userId).toBe('p00');
      expect((await read('u2')).me).toEqual({ rank: 1, xp: 1000, hidden: true });
    });
  });

  describe('social', () => {
    it('keeps kudos: received list, counts, the daily window and the cohort feed', async () => {
      const base = { orgId: 'org-1', reason: 'lesson' as const, message: '<b>hi</b>' };
      await store.addKudos({ ...base, id: 'k1', fromUser: 'u2', toUser: 'u1', createdAt: T0 });
      await store.addKudos({ ...base, id: 'k2', fromUser: 'u2', toUser: 'u1', createdAt: T0 + 5 });
      await store.addKudos({
        ...base,
        id: 'k3',
        fromUser: 'u1',
        toUser: 'boss',
        createdAt: T0 + 9,
      });
      expect(await store.kudosSentSince('u2', T0 + 1)).toBe(1);
      expect(await store.kudosReceivedCount('u1')).toBe(2);
      expect(await store.kudosReceived('u1', 10)).toEqual([
        {
          id: 'k2',
          fromName: 'Name u2',
          toName: 'Name u1',
          reason: 'lesson',
          message: '<b>hi</b>',
          createdAt: T0 + 5,
        },
        {
          id: 'k1',
          fromName: 'Name u2',
          toName: 'Name u1',
          reason: 'lesson',
          message: '<b>hi</b>',
          createdAt: T0,
        },
      ]);
      // boss is in no cohort: only kudos to c1's members appear in its feed.
      expect((await store.cohortFeed('c1', 10)).map((k) => k.id)).toEqual(['k2', 'k1']);
      expect(await store.orgPeople('org-1')).toEqual([
        { id: 'boss', name: 'Name boss' },
        { id: 'u1', name: 'Name u1' },
        { id: 'u2', name: 'Name u2' },
      ]);
    });

    it('stores a recommendation once per sender, colleague and module', async () => {
      const r = { id: 'r1', fromUser: 'u2', toUser: 'u1', moduleId: 'm', createdAt: T0 };
      expect(await store.addRecommendation(r)).toBe(true);
      expect(await store.addRecommendation({ ...r, id: 'r2' })).toBe(false);
      expect(await store.recommendationsFor('u1')).toEqual([
        { moduleId: 'm', fromName: 'Name u2', createdAt: T0 },
      ]);
    });

    it('keeps one challenge per cohort and week, the latest goal winning', async () => {
      await store.setChallenge({ cohortId: 'c1', week: '2026-11-23', goal: 50, setBy: 'boss' });
      await store.setChallenge({ cohortId: 'c1', week: '2026-11-23', goal: 80, setBy: 'boss' });
      expect(await store.getChallenge('c1', '2026-11-23')).toBe(80);
      expect(await store.getChallenge('c1', '2026-11-30')).toBeUndefined();
    });
  });

  /** u1's device subscribed to pushes in English, unless told otherwise. */
  const pushSubscription = (over: Partial<PushSubscriptionRow> = {}): PushSubscriptionRow => ({
    endpoint: 'https://push.test/1',
    userId: 'u1',
    deviceId: 'dev-1',
    p256dh: 'k',
    auth: 'a',
    createdAt: T0,
    locale: 'en',
    ...over,
  });

  it('keeps push subscriptions per device and claims one reminder per device per day', async () => {
    const sub = pushSubscription();
    expect(await store.savePushSubscription(sub)).toBe('saved');
    // Someone else posting u1's endpoint never moves it to them.
    expect(await store.savePushSubscription({ ...sub, userId: 'u2', p256dh: 'x' })).toBe('taken');
    expect(await store.reminderTargets()).toEqual([
      { ...sub, tz: 'Europe/Berlin', lastRemindedOn: null },
    ]);
    expect(await store.claimReminder(sub.endpoint, '2026-11-25')).toBe(true);
    expect(await store.claimReminder(sub.endpoint, '2026-11-25')).toBe(false);
    expect(await store.claimReminder(sub.endpoint, '2026-11-26')).toBe(true);
    await store.deletePushSubscription(sub.endpoint, 'u2'); // not u2's: kept
    expect(await store.reminderTargets()).toHaveLength(1);
    await store.deletePushSubscription(sub.endpoint, 'u1');
    expect(await store.reminderTargets()).toEqual([]);
  });

  it('keeps at most `keep` subscriptions per person, dropping the oldest', async () => {
    for (let i = 0; i < 4; i++)
      await store.savePushSubscription(
        pushSubscription({ endpoint: `https://push.test/${i}`, createdAt: T0 + i }),
        3,
      );
    await store.savePushSubscription(
      pushSubscription({ endpoint: 'https://push.test/u2', userId: 'u2' }),
      3,
    );
    expect((await store.pushSubscriptionsOf('u1')).map((s) => s.endpoint)).toEqual([
      'https://push.test/1',
      'https://push.test/2',
      'https://push.test/3',
    ]);
    expect(await store.pushSubscriptionsOf('u2')).toHaveLength(1);
  });

  it('keeps the locale a device’s pushes are worded in, until it subscribes again', async () => {
    const sub = pushSubscription({ endpoint: 'https://push.test/de', locale: 'de' });
    await store.savePushSubscription(sub);
    expect(await store.reminderTargets()).toEqual([
      expect.objectContaining({ endpoint: sub.endpoint, locale: 'de' }),
    ]);
    expect(await store.pushSubscriptionsOf('u1')).toEqual([sub]);
    // The learner switched the app to English: the device subscribes again with it.
    await store.savePushSubscription({ ...sub, locale: 'en' });
    expect((await store.pushSubscriptionsOf('u1')).map((s) => s.locale)).toEqual(['en']);
    expect((await store.reminderTargets()).map((s) => s.locale)).toEqual(['en']);
  });
});
