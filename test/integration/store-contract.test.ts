/**
 * The Store contract: every implementation (SQLite, PostgreSQL) must pass exactly these tests.
 * Each test runs on a fresh, empty database (see test/support/databases.ts).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { LearningModule } from '../../src/core/content';
import type { ProgressEvent } from '../../src/core/events';
import type { SyncResult } from '../../src/core/sync';
import { uuidv7 } from '../../src/core/uuidv7';
import type { CatalogFile } from '../../src/server/content/load';
import type { IncomingEvent, NewUser } from '../../src/server/store/store';
import { freshStore, newLearner } from '../support/fresh';
import { storeKinds } from '../support/databases';
import { oneLessonModule } from '../support/modules';

const T0 = Date.parse('2025-03-10T09:00:00.000Z');

const user = (id: string, extra: Partial<NewUser> = {}): NewUser =>
  newLearner(id, 'org-1', {
    tz: 'Europe/Berlin',
    passwordHash: `hash-of-${id}`,
    cohortIds: undefined, // left out: the store must make it []
    ...extra,
  });

let seq = 0;
type StartedEvent = Extract<ProgressEvent, { type: 'lesson_started' }>;
function started(extra: Partial<StartedEvent> = {}): StartedEvent {
  seq += 1;
  return {
    id: uuidv7(),
    type: 'lesson_started',
    lessonId: 'mod-a.l1',
    occurredAt: new Date(T0 + seq * 1000).toISOString(),
    tz: 'Europe/Berlin',
    deviceId: 'device-0001',
    seq,
    ...extra,
  } as StartedEvent;
}

function incoming(event: ProgressEvent, correctedAt = Date.parse(event.occurredAt)): IncomingEvent {
  return { event, body: JSON.stringify(event), correctedAt, receivedAt: T0 + 3_600_000 };
}

function mod(id: string, version: string): LearningModule {
  return oneLessonModule(id, [{ id: 'c1', kind: 'text', html: `<p>${version}</p>` }], {
    title: `Module ${id}`,
    competencies: ['listening'],
    version,
    estimateMinutes: 3,
  });
}

const catalogFile: CatalogFile = {
  competencies: [{ id: 'listening', title: 'Listening' }],
  roles: [{ id: 'lead', title: 'Team lead', levels: [] }],
  pathways: [{ id: 'p1', title: 'Lead', summary: '', moduleIds: ['mod-a', 'mod-b'] }],
};

describe.each(storeKinds)('$name store contract', (kind) => {
  const { store, db } = freshStore(kind, async (store) => {
    await store.createOrg({ id: 'org-1', name: 'Acme' });
    await store.createUser(user('u1'));
    await store.createUser(user('u2'));
  });

  it('reports its dialect and health', async () => {
    expect(store.dialect).toBe(kind.name);
    expect(await store.health()).toBe(true);
  });

  it('runs migrations once: opening the same database again keeps the data', async () => {
    const again = await db.open();
    expect(await again.health()).toBe(true);
    expect(await again.countUsers()).toBe(2);
  });

  it('migrates a fresh database from several instances at once', async () => {
    const fresh = await kind.create();
    try {
      const [a, b, c] = await Promise.all([fresh.open(), fresh.open(), fresh.open()]);
      await a!.createOrg({ id: 'org-x', name: 'X' });
      await b!.createUser(user('ux', { orgId: 'org-x' }));
      expect(await c!.countUsers()).toBe(1);
    } finally {
      await fresh.dispose();
    }
  });

  describe('people', () => {
    beforeEach(async () => {
      await store.createCohort({ id: 'cohort-b', orgId: 'org-1', name: 'B', tz: 'Europe/Berlin' });
      await store.createCohort({ id: 'cohort-a', orgId: 'org-1', name: 'A', tz: 'Europe/London' });
      await store.createUser(
        user('ada', {
          email: 'Ada.Lovelace@Example.COM',
          role: 'manager',
          cohortIds: ['cohort-b', 'cohort-a'],
        }),
      );
      await store.createUser(user('bob', { managerId: 'ada', cohortIds: ['cohort-a'] }));
    });

    it('stores users with their cohorts and a lowercase email', async () => {
      expect(await store.countUsers()).toBe(4);
      expect(await store.getUser('ada')).toEqual({
        id: 'ada',
        orgId: 'org-1',
        email: 'ada.lovelace@example.com',
        name: 'ada',
        role: 'manager',
        managerId: null,
        tz: 'Europe/Berlin',
        cohortIds: ['cohort-a', 'cohort-b'],
      });
      expect((await store.getUser('bob'))?.managerId).toBe('ada');
      expect((await store.getUser('u1'))?.cohortIds).toEqual([]);
      expect(await store.getUser('nobody')).toBeUndefined();
    });

    it('finds a login by email, whatever its case', async () => {
      const login = await store.findLogin('ADA.lovelace@example.com');
      expect(login?.user.id).toBe('ada');
      expect(login?.user.cohortIds).toEqual(['cohort-a', 'cohort-b']);
      expect(login?.passwordHash).toBe('hash-of-ada');
      expect(await store.findLogin('nobody@example.com')).toBeUndefined();
    });

    it('refuses a second user with the same email in another case', async () => {
      await expect(
        store.createUser(user('ada2', { email: 'ada.LOVELACE@example.com' })),
      ).rejects.toThrow();
      expect(await store.getUser('ada2')).toBeUndefined();
    });
  });

  it('creates, reads, expires and deletes sessions', async () => {
    const now = Date.now();
    await store.createSession('token-1', 'u1', now + 60_000);
    expect(await store.getSession('token-1', now)).toEqual({
      userId: 'u1',
      expiresAt: now + 60_000,
    });
    expect(await store.getSession('token-1', now + 60_000)).toBeUndefined();
    expect(await store.getSession('other', now)).toBeUndefined();
    await store.deleteSession('token-1');
    expect(await store.getSession('token-1', now)).toBeUndefined();
  });

  it('keeps the earliest instant each device of a person was heard from', async () => {
    await store.noteDevice('u1', 'device-0001', T0 + 5000);
    await store.noteDevice('u1', 'device-0001', T0 + 9000);
    await store.noteDevice('u1', 'device-0001', T0 + 1000);
    await store.noteDevice('u1', 'device-0002', T0);
    await store.noteDevice('u2', 'device-0001', T0 + 7000);
    expect(await store.deviceContacts('u1')).toEqual({
      'device-0001': T0 + 1000,
      'device-0002': T0,
    });
    expect(await store.deviceContacts('u2')).toEqual({ 'device-0001': T0 + 7000 });
  });

  it('answers the contacts with a device among them, keeping its first instant', async () => {
    expect(await store.knowDevice('u1', 'device-0001', T0 + 5000)).toEqual({
      'device-0001': T0 + 5000,
    });
    // Heard from again later (every sync): the first instant stays, a new device joins.
    expect(await store.knowDevice('u1', 'device-0001', T0 + 9000)).toEqual({
      'device-0001': T0 + 5000,
    });
    expect(await store.knowDevice('u1', 'device-0002', T0 + 6000)).toEqual({
      'device-0001': T0 + 5000,
      'device-0002': T0 + 6000,
    });
    expect(await store.deviceContacts('u1')).toEqual({
      'device-0001': T0 + 5000,
      'device-0002': T0 + 6000,
    });
  });

  it('counts rate-limit hits per key and resets after the window', async () => {
    const now = Date.now();
    const hit = (key: string, at: number) => store.hitRateLimit(key, 60_000, at);
    expect(await hit('login:a', now)).toBe(1);
    expect(await hit('login:a', now + 1)).toBe(2);
    expect(await hit('login:a', now + 59_999)).toBe(3);
    expect(await hit('login:b', now)).toBe(1);
    expect(await hit('login:a', now + 60_000)).toBe(1);
    expect(await hit('login:a', now + 60_001)).toBe(2);
  });

  it('counts concurrent rate-limit hits from two instances', async () => {
    const other = await db.open();
    const now = Date.now();
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? store : other).hitRateLimit('k', 60_000, now)),
    );
    expect(await store.hitRateLimit('k', 60_000, now)).toBe(11);
  });

  it('saves content, builds the catalog and replaces a module on a new version', async () => {
    expect(await store.getCatalog()).toEqual({
      roles: [],
      competencies: [],
      pathways: [],
      modules: [],
    });
    await store.saveContent(catalogFile, [mod('mod-b', 'v1'), mod('mod-a', 'v1')]);
    const catalog = await store.getCatalog();
    expect(catalog.modules.map((m) => [m.id, m.version])).toEqual([
      ['mod-b', 'v1'],
      ['mod-a', 'v1'],
    ]);
    expect(catalog.roles).toEqual([{ id: 'lead', title: 'Team lead', levels: [] }]);
    expect(catalog.pathways).toEqual([
      { id: 'p1', title: 'Lead', summary: '', moduleIds: ['mod-a', 'mod-b'], estimateMinutes: 6 },
    ]);
    expect(await store.getModule('mod-a')).toEqual(mod('mod-a', 'v1'));
    expect(await store.getModule('missing')).toBeUndefined();

    await store.saveContent(catalogFile, [mod('mod-a', 'v2'), mod('mod-b', 'v1')]);
    expect(await store.getModule('mod-a')).toEqual(mod('mod-a', 'v2'));
    expect((await store.getCatalog()).modules.map((m) => [m.id, m.version])).toEqual([
      ['mod-a', 'v2'],
      ['mod-b', 'v1'],
    ]);
  });

  it('changes the content signature with any module version, order or catalog change, and only then', async () => {
    await store.saveContent(catalogFile, [mod('mod-a', 'v1'), mod('mod-b', 'v1')]);
    const first = await store.contentSignature();
    await store.saveContent(catalogFile, [mod('mod-a', 'v1'), mod('mod-b', 'v1')]);
    expect(await store.contentSignature()).toBe(first);
    const seen = new Set([first]);
    const changes: Array<[CatalogFile, LearningModule[]]> = [
      [catalogFile, [mod('mod-a', 'v2'), mod('mod-b', 'v1')]],
      [catalogFile, [mod('mod-b', 'v1'), mod('mod-a', 'v2')]],
      [{ ...catalogFile, competencies: [] }, [mod('mod-b', 'v1'), mod('mod-a', 'v2')]],
    ];
    for (const [file, modules] of changes) {
      await store.saveContent(file, modules);
      const signature = await store.contentSignature();
      expect(seen.has(signature)).toBe(false);
      seen.add(signature);
    }
  });

  describe('ingest', () => {
    it('accepts an event once, then answers duplicate for the same content', async () => {
      const e = started();
      expect(await store.ingest('u1', [incoming(e)])).toEqual([{ id: e.id, status: 'accepted' }]);
      expect(await store.ingest('u1', [incoming(e)])).toEqual([{ id: e.id, status: 'duplicate' }]);
      expect(await store.userEvents('u1')).toEqual([e]);
    });

    it('knows a resend of an event stored with sorted keys (the earlier body form) as a duplicate', async () => {
      const e = started();
      const sortedKeys = JSON.stringify(e, Object.keys(e).sort());
      expect(sortedKeys).not.toBe(JSON.stringify(e));
      await store.ingest('u1', [{ ...incoming(e), body: sortedKeys }]);
      expect(await store.ingest('u1', [incoming(e)])).toEqual([{ id: e.id, status: 'duplicate' }]);
      const [changed] = await store.ingest('u1', [incoming({ ...e, lessonId: 'mod-b.l1' })]);
      expect(changed).toMatchObject({ id: e.id, status: 'rejected', reason: 'conflict' });
    });

    it('rejects the same id with other content as a conflict and keeps the stored one', async () => {
      const e = started();
      await store.ingest('u1', [incoming(e)]);
      const [result] = await store.ingest('u1', [incoming({ ...e, lessonId: 'mod-b.l1' })]);
      expect(result).toMatchObject({ id: e.id, status: 'rejected', reason: 'conflict' });
      expect(await store.userEvents('u1')).toEqual([e]);
    });

    it('rejects another id with the same device and seq as a conflict', async () => {
      const e = started();
      await store.ingest('u1', [incoming(e)]);
      const other = { ...started(), seq: e.seq };
      const [result] = await store.ingest('u1', [incoming(other)]);
      expect(result).toMatchObject({ id: other.id, status: 'rejected', reason: 'conflict' });
      expect(await store.userEvents('u1')).toEqual([e]);
    });

    it("treats another user's event with the same id as a conflict", async () => {
      const e = started();
      await store.ingest('u1', [incoming(e)]);
      const [result] = await store.ingest('u2', [incoming(e)]);
      expect(result).toMatchObject({ id: e.id, status: 'rejected', reason: 'conflict' });
      expect(await store.userEvents('u2')).toEqual([]);
    });

    it('answers every event of a batch in order, including repeats within the batch', async () => {
      const a = started();
      const b = started();
      const results = await store.ingest('u1', [
        incoming(a),
        incoming(a),
        incoming(b),
        incoming({ ...b, lessonId: 'mod-b.l1' }),
        incoming({ ...started(), seq: a.seq }),
      ]);
      expect(results.map((r: SyncResult) => r.status)).toEqual([
        'accepted',
        'duplicate',
        'accepted',
        'rejected',
        'rejected',
      ]);
      expect(results[3]).toMatchObject({ reason: 'conflict', id: b.id });
      expect(await store.userEvents('u1')).toEqual([a, b]);
    });

    it('reads only the event types asked for, in corrected time', async () => {
      const first = started();
      const quiz = {
        ...started(),
        type: 'quiz_answered',
        cardId: 'c1',
        answerIds: ['a'],
      } as ProgressEvent;
      const goal = { ...started(), type: 'goal_set', goal: 2 } as ProgressEvent;
      const later = started();
      await store.ingest('u1', [incoming(later), incoming(goal), incoming(quiz), incoming(first)]);
      await store.ingest('u2', [incoming(started({ type: 'lesson_started', seq: 10 ** 6 }))]);
      expect(await store.userEvents('u1', ['quiz_answered', 'goal_set'])).toEqual([quiz, goal]);
      expect(await store.userEvents('u1', ['assessment_submitted'])).toEqual([]);
      expect(await store.userEvents('u1')).toEqual([first, quiz, goal, later]);
    });

    it('returns user events in corrected time with the corrected occurredAt', async () => {
      const early = started();
      const late = started({ seq: 2 ** 40 });
      // The device clock ran 10 minutes fast for `early`: it is corrected to before `late`'s time.
      const earlyAt = Date.parse(early.occurredAt) - 10 * 60_000;
      await store.ingest('u1', [incoming(late), incoming(early, earlyAt)]);
      expect(await store.userEvents('u1')).toEqual([
        { ...early, occurredAt: new Date(earlyAt).toISOString() },
        late,
      ]);
    });

    it.each([
      ['the same order', false],
      ['opposite orders', true],
    ])(
      'stores each event once when two instances ingest the same batch at once, in %s',
      async (_label, reverse) => {
        // A SQLite file belongs to one process, so there "at once" is two syncs on its one store.
        const other = kind.name === 'postgres' ? await db.open() : store;
        const batch = Array.from({ length: 60 }, () => incoming(started()));
        const [first, second] = await Promise.all([
          store.ingest('u1', batch),
          other.ingest('u1', reverse ? [...batch].reverse() : batch),
        ]);
        const statuses = new Map<string, string[]>();
        for (const r of [...first, ...second])
          statuses.set(r.id, [...(statuses.get(r.id) ?? []), r.status]);
        for (const e of batch)
          expect(statuses.get(e.event.id)?.sort()).toEqual(['accepted', 'duplicate']);
        const stored = await other.userEvents('u1');
        expect(stored.map((e) => e.id).sort()).toEqual(batch.map((e) => e.event.id).sort());
      },
    );
  });
});
