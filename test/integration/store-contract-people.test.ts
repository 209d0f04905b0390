/**
 * The Store contract for the people model (issue 7), on SQLite and PostgreSQL alike: org-scoped
 * people and cohorts (with their managers), assignments, notifications, 1:1 checks and script
 * opens, what managers did (for the pilot), push subscriptions per person, single-use expiring
 * tokens, sessions, sponsor message, learning goal, learners counted per org, module ownership.
 */
import { describe, expect, it } from 'vitest';
import type { LearningModule } from '../../src/core/content';
import { uuidv7 } from '../../src/core/uuidv7';
import type { AccessToken, NewUser } from '../../src/server/store/store';
import { freshStore } from '../support/fresh';
import { storeKinds } from '../support/databases';
import { oneLessonModule } from '../support/modules';

const T0 = Date.parse('2026-03-10T09:00:00.000Z');

function user(id: string, orgId: string, extra: Partial<NewUser> = {}): NewUser {
  return {
    id,
    orgId,
    email: `${id}@example.com`,
    name: `Name ${id}`,
    role: 'learner',
    managerId: null,
    tz: 'Europe/Berlin',
    passwordHash: `hash-${id}`,
    ...extra,
  };
}

function mod(id: string, version = 'v1'): LearningModule {
  return oneLessonModule(id, [{ id: 'c', kind: 'text', html: '' }], { version });
}

const invite: AccessToken = {
  kind: 'invite',
  orgId: 'acme',
  userId: null,
  cohortId: 'acme-1',
  role: 'learner',
  email: 'new@example.com',
  managerId: 'boss',
  createdBy: 'boss',
  expiresAt: T0 + 1000,
};

describe.each(storeKinds)('$name people store contract', (kind) => {
  const { store } = freshStore(kind, async (store) => {
    await store.createOrg({ id: 'acme', name: 'Acme' });
    await store.createOrg({ id: 'other', name: 'Other' });
    await store.createCohort({ id: 'acme-1', orgId: 'acme', name: 'Spring', tz: 'Europe/Berlin' });
    await store.createCohort({ id: 'acme-2', orgId: 'acme', name: 'Autumn', tz: 'Asia/Tokyo' });
    await store.createCohort({ id: 'other-1', orgId: 'other', name: 'All', tz: 'UTC' });
    await store.createUser(user('boss', 'acme', { role: 'manager', cohortIds: ['acme-1'] }));
    await store.createUser(user('ann', 'acme', { managerId: 'boss', cohortIds: ['acme-1'] }));
    await store.createUser(user('zed', 'other', { cohortIds: ['other-1'] }));
  });

  it('lists and reads people only inside the org', async () => {
    expect((await store.listPeople('acme')).map((p) => p.id)).toEqual(['ann', 'boss']);
    expect(await store.getPerson('acme', 'zed')).toBeUndefined();
    expect(await store.getPerson('acme', 'ann')).toEqual({
      id: 'ann',
      orgId: 'acme',
      email: 'ann@example.com',
      name: 'Name ann',
      role: 'learner',
      managerId: 'boss',
      tz: 'Europe/Berlin',
      cohortIds: ['acme-1'],
      active: true,
      career: null,
    });
  });

  it('updates a person in one go, and never one in another org', async () => {
    expect(
      await store.updatePerson('acme', 'ann', {
        name: 'Ann B',
        managerId: null,
        cohortIds: ['acme-2', 'acme-1'],
        career: { roleId: 'engineer', level: 2 },
        tz: 'Asia/Tokyo',
      }),
    ).toBe(true);
    expect(await store.getPerson('acme', 'ann')).toMatchObject({
      name: 'Ann B',
      managerId: null,
      cohortIds: ['acme-1', 'acme-2'],
      career: { roleId: 'engineer', level: 2 },
      tz: 'Asia/Tokyo',
    });
    expect(await store.updatePerson('acme', 'zed', { name: 'Hijacked' })).toBe(false);
    expect((await store.getPerson('other', 'zed'))!.name).toBe('Name zed');
  });

  it('deactivates: the person stays listed, getUser and findLogin no longer see them', async () => {
    await store.updatePerson('acme', 'ann', { active: false, career: null });
    expect((await store.getPerson('acme', 'ann'))!.active).toBe(false);
    expect(await store.getUser('ann')).toBeUndefined();
    expect(await store.findLogin('ann@example.com')).toBeUndefined();
  });

  it('lists and renames cohorts per org', async () => {
    expect((await store.listCohorts('acme')).map((c) => c.name)).toEqual(['Autumn', 'Spring']);
    expect(await store.updateCohort('acme', 'acme-1', { tz: 'Europe/Paris' })).toBe(true);
    expect(await store.updateCohort('acme', 'other-1', { name: 'Mine now' })).toBe(false);
    expect((await store.listCohorts('acme')).find((c) => c.id === 'acme-1')).toEqual({
      id: 'acme-1',
      orgId: 'acme',
      name: 'Spring',
      tz: 'Europe/Paris',
      managerIds: [],
    });
  });

  it('keeps a cohort’s managers: replaced as a list, counted while they lead', async () => {
    await store.createUser(user('admin', 'acme', { role: 'admin' }));
    expect(await store.isCohortManager('boss', 'acme-2')).toBe(false);
    expect(
      await store.updateCohort('acme', 'acme-2', { managerIds: ['boss', 'admin', 'boss'] }),
    ).toBe(true);
    const managersOf = async (id: string) =>
      (await store.listCohorts('acme')).find((c) => c.id === id)!.managerIds;
    expect(await managersOf('acme-2')).toEqual(['admin', 'boss']);
    expect(await managersOf('acme-1')).toEqual([]);
    expect(await store.isCohortManager('boss', 'acme-2')).toBe(true);
    expect(await store.isCohortManager('boss', 'acme-1')).toBe(false);
    // Another org's cohort is not found and keeps its managers (none).
    expect(await store.updateCohort('acme', 'other-1', { managerIds: ['boss'] })).toBe(false);
    expect(await store.isCohortManager('boss', 'other-1')).toBe(false);
    // A manager who becomes a learner, or is deactivated, stops leading the cohort.
    await store.updatePerson('acme', 'boss', { role: 'learner' });
    expect(await store.isCohortManager('boss', 'acme-2')).toBe(false);
    expect(await managersOf('acme-2')).toEqual(['admin']);
    await store.updatePerson('acme', 'admin', { active: false });
    expect(await managersOf('acme-2')).toEqual([]);
    await store.updatePerson('acme', 'boss', { role: 'manager' });
    expect(await store.updateCohort('acme', 'acme-2', { managerIds: [] })).toBe(true);
    expect(await store.isCohortManager('boss', 'acme-2')).toBe(false);
  });

  it('keeps one assignment per person and pathway; assigning again moves the due date', async () => {
    const a = {
      id: 'a1',
      orgId: 'acme',
      userId: 'ann',
      pathwayId: 'p1',
      dueDate: '2026-04-01',
      assignedBy: 'boss',
      createdAt: T0,
    };
    await store.upsertAssignment(a);
    await store.upsertAssignment({ ...a, id: 'a2', dueDate: '2026-05-01' });
    await store.upsertAssignment({ ...a, id: 'a3', pathwayId: 'p0', dueDate: '2026-03-20' });
    const list = await store.listAssignments('acme', ['ann']);
    expect(list.map((x) => [x.pathwayId, x.dueDate])).toEqual([
      ['p0', '2026-03-20'],
      ['p1', '2026-05-01'],
    ]);
    expect(await store.listAssignments('other', ['ann'])).toEqual([]);
    expect(await store.listAssignments('acme', [])).toEqual([]);
  });

  it('keeps notifications newest first and marks them read', async () => {
    for (const [i, text] of ['first', 'second'].entries())
      await store.addNotification({
        id: `n${i}`,
        orgId: 'acme',
        userId: 'ann',
        fromUserId: 'boss',
        kind: 'nudge',
        text,
        createdAt: T0 + i,
        readAt: null,
      });
    expect((await store.listNotifications('acme', 'ann', 10)).map((n) => n.text)).toEqual([
      'second',
      'first',
    ]);
    await store.markNotificationsRead('acme', 'ann', T0 + 5);
    const read = await store.listNotifications('acme', 'ann', 1);
    expect(read).toEqual([
      {
        id: 'n1',
        orgId: 'acme',
        userId: 'ann',
        fromUserId: 'boss',
        kind: 'nudge',
        text: 'second',
        createdAt: T0 + 1,
        readAt: T0 + 5,
      },
    ]);
    expect(await store.listNotifications('other', 'ann', 10)).toEqual([]);
  });

  it('keeps a notification’s phrase (key and parameters) with its English text', async () => {
    const text = 'Max assigned you "Craft" (12 min), due Mar 31, 2099.';
    const phrase = {
      key: 'notification.assignment',
      params: { name: 'Max', title: 'Craft', minutes: 12, dueDate: '2099-03-31' },
      text,
    };
    const note = { orgId: 'acme', userId: 'ann', fromUserId: 'boss', readAt: null };
    await store.addNotification({ ...note, id: 'n0', kind: 'nudge', text: 'typed', createdAt: T0 });
    await store.addNotification({
      ...note,
      id: 'n1',
      kind: 'assignment',
      text,
      phrase,
      createdAt: T0 + 1,
    });
    const [assignment, typed] = await store.listNotifications('acme', 'ann', 10);
    expect(assignment).toMatchObject({ id: 'n1', text, phrase });
    expect(typed).toMatchObject({ id: 'n0', text: 'typed' });
    expect(typed).not.toHaveProperty('phrase');
  });

  it('ticks and unticks 1:1 checklist items per manager and report', async () => {
    await store.setOneOnOneCheck('boss', 'ann', 'question', true, T0);
    await store.setOneOnOneCheck('boss', 'ann', 'celebrate', true, T0);
    await store.setOneOnOneCheck('boss', 'ann', 'celebrate', true, T0 + 1);
    expect(await store.oneOnOneChecks('boss', 'ann')).toEqual(['celebrate', 'question']);
    await store.setOneOnOneCheck('boss', 'ann', 'question', false, T0);
    expect(await store.oneOnOneChecks('boss', 'ann')).toEqual(['celebrate']);
    expect(await store.oneOnOneChecks('ann', 'boss')).toEqual([]);
  });

  it('lists what managers did in a time range: assignments, nudges, scripts opened once a day', async () => {
    await store.createUser(user('tokyo-boss', 'acme', { role: 'manager', tz: 'Asia/Tokyo' }));
    const note = (id: string, from: string, kind: 'nudge' | 'assignment', at: number) =>
      store.addNotification({
        id,
        orgId: 'acme',
        userId: 'ann',
        fromUserId: from,
        kind,
        text: 'x',
        createdAt: at,
        readAt: null,
      });
    await note('n1', 'boss', 'nudge', T0);
    await note('n2', 'tokyo-boss', 'assignment', T0 + 1000);
    await note('n3', 'boss', 'nudge', T0 + 10_000); // outside the range asked for
    const open = (managerId: string, day: string, at: number) =>
      store.recordScriptOpen({ orgId: 'acme', managerId, reportId: 'ann', day, at });
    await open('boss', '2026-03-10', T0 + 2000);
    await open('boss', '2026-03-10', T0 + 3000); // same day: not again
    await open('boss', '2026-03-11', T0 + 4000);
    const actions = await store.managerActions('acme', T0, T0 + 10_000);
    expect(actions.sort((a, b) => a.at - b.at)).toEqual([
      { userId: 'boss', kind: 'nudge', at: T0, tz: 'Europe/Berlin' },
      { userId: 'tokyo-boss', kind: 'assignment', at: T0 + 1000, tz: 'Asia/Tokyo' },
      { userId: 'boss', kind: 'script', at: T0 + 2000, tz: 'Europe/Berlin' },
      { userId: 'boss', kind: 'script', at: T0 + 4000, tz: 'Europe/Berlin' },
    ]);
    expect(await store.managerActions('other', T0, T0 + 10_000)).toEqual([]);
  });

  it('lists one person’s push subscriptions', async () => {
    const sub = (endpoint: string, userId: string) =>
      store.savePushSubscription({
        endpoint,
        userId,
        deviceId: `device-${endpoint}`,
        p256dh: 'key',
        auth: 'auth',
        createdAt: T0,
        locale: 'en',
      });
    await sub('https://push.test/b', 'ann');
    await sub('https://push.test/a', 'ann');
    await sub('https://push.test/c', 'boss');
    expect(await store.pushSubscriptionsOf('ann')).toEqual([
      {
        endpoint: 'https://push.test/a',
        userId: 'ann',
        deviceId: 'device-https://push.test/a',
        p256dh: 'key',
        auth: 'auth',
        createdAt: T0,
        locale: 'en',
      },
      expect.objectContaining({ endpoint: 'https://push.test/b' }),
    ]);
    expect(await store.pushSubscriptionsOf('zed')).toEqual([]);
  });

  it('gives a token back once: single use, and never after it expires', async () => {
    await store.createAccessToken('h1', invite);
    await store.createAccessToken('h2', { ...invite, email: null });
    expect(await store.peekAccessToken('h1', 'reset', T0)).toBeUndefined();
    expect(await store.peekAccessToken('h1', 'invite', T0)).toEqual(invite);
    const both = await Promise.all([
      store.consumeAccessToken('h1', 'invite', T0),
      store.consumeAccessToken('h1', 'invite', T0),
    ]);
    expect(both.filter(Boolean)).toEqual([invite]);
    expect(await store.peekAccessToken('h1', 'invite', T0)).toBeUndefined();
    expect(await store.consumeAccessToken('h2', 'invite', T0 + 1000)).toBeUndefined();
  });

  it('lists live sessions and deletes all of a person at once', async () => {
    await store.createSession('s1', 'ann', T0 + 10);
    await store.createSession('s2', 'ann', T0 - 10);
    await store.createSession('s3', 'boss', T0 + 10);
    expect((await store.listSessions('ann', T0)).map((s) => s.tokenHash)).toEqual(['s1']);
    await store.deleteUserSessions('ann');
    expect(await store.listSessions('ann', T0)).toEqual([]);
    expect(await store.getSession('s3', T0)).toBeDefined();
  });

  it('keeps one sponsor message and one goal per org', async () => {
    const message = {
      orgId: 'acme',
      sponsorUserId: 'boss',
      name: 'Sam',
      title: 'CEO',
      text: 'Learn!',
      startsOn: '2026-03-01',
      endsOn: '2026-03-31',
    };
    await store.setSponsorMessage(message);
    await store.setSponsorMessage({ ...message, text: 'Keep learning!' });
    expect(await store.getSponsorMessage('acme')).toEqual({ ...message, text: 'Keep learning!' });
    expect(await store.getSponsorMessage('other')).toBeUndefined();
    await store.setOrgGoal({ orgId: 'acme', targetPercent: 80, label: 'Weekly learners' });
    await store.setOrgGoal({ orgId: 'acme', targetPercent: 70, label: 'Weekly learners' });
    expect(await store.getOrgGoal('acme')).toEqual({
      orgId: 'acme',
      targetPercent: 70,
      label: 'Weekly learners',
    });
  });

  it('counts distinct active learners of an org with a completion since a time', async () => {
    const done = (userId: string, at: number, seq: number) => {
      const event = {
        id: uuidv7(() => at),
        type: 'lesson_completed' as const,
        lessonId: 'm.l1',
        durationMs: 100_000,
        occurredAt: new Date(at).toISOString(),
        tz: 'UTC',
        deviceId: `device-${userId}`,
        seq,
      };
      return store.ingest(userId, [
        { event, body: JSON.stringify(event), correctedAt: at, receivedAt: at },
      ]);
    };
    await done('ann', T0, 1);
    await done('ann', T0 + 1000, 2);
    await done('boss', T0 - 86_400_000, 1);
    await done('zed', T0, 1);
    expect(await store.countLearnersSince('acme', T0 - 1)).toBe(1);
    expect(await store.countLearnersSince('acme', T0 - 2 * 86_400_000)).toBe(2);
    await store.updatePerson('acme', 'ann', { active: false });
    expect(await store.countLearnersSince('acme', T0 - 1)).toBe(0);
  });

  it('saves an uploaded module for its org and refuses ids owned by others or shipped', async () => {
    await store.saveContent({ competencies: [], roles: [], pathways: [] }, [mod('shipped')]);
    expect(await store.saveModule(mod('mine'), 'acme')).toBe(true);
    expect(await store.saveModule(mod('mine', 'v2'), 'acme')).toBe(true);
    expect(await store.saveModule(mod('mine', 'v3'), 'other')).toBe(false);
    expect(await store.saveModule(mod('shipped', 'v9'), 'acme')).toBe(false);
    expect((await store.getModule('mine', 'acme'))!.version).toBe('v2');
    expect((await store.getCatalog('acme')).modules.map((m) => m.id)).toEqual(['shipped', 'mine']);
    // Another org, and a reader without one, see the shipped content only.
    expect(await store.getModule('mine', 'other')).toBeUndefined();
    expect(await store.getModule('mine')).toBeUndefined();
    expect((await store.getCatalog('other')).modules.map((m) => m.id)).toEqual(['shipped']);
    expect((await store.getCatalog()).modules.map((m) => m.id)).toEqual(['shipped']);
    // The shipped import takes back an id an org claimed first.
    await store.saveContent({ competencies: [], roles: [], pathways: [] }, [
      mod('shipped'),
      mod('mine', 'shipped-v1'),
    ]);
    expect((await store.getModule('mine', 'other'))!.version).toBe('shipped-v1');
    expect(await store.saveModule(mod('mine', 'v4'), 'acme')).toBe(false);
  });
});
