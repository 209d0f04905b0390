/**
 * Cohort leaderboards through the public door: progress synced by several learners, read back as
 * the board a learner, their manager and an admin would see — and refused to everyone else.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../src/core/events';
import { LESSON_XP, QUIZ_BONUS_XP } from '../../src/core/progress';
import { uuidv7 } from '../../src/core/uuidv7';
import { createApp } from '../../src/server/app';
import type { Store } from '../../src/server/store/store';
import { knownDevice, signInAs, syncBody, type App, type Client } from '../support/api';
import { demoLearner } from '../support/fresh';
import { seqAt, withStarts } from '../support/starts';
import { demoStore } from '../support/server';

// Wednesday 25 November 2026, 12:00 in Berlin; the cohort's week began Monday 23 November.
const NOW = Date.parse('2026-11-25T11:00:00Z');
let store: Store;
let app: App;
let lessons: string[];
let quizLesson: { id: string; quizzes: Array<{ cardId: string; right: string[] }> };

let seq = 0;
function completion(lessonId: string, occurredAt: string, durationMs = 240_000): ProgressEvent {
  seq++;
  return {
    id: uuidv7(),
    type: 'lesson_completed',
    lessonId,
    durationMs,
    occurredAt,
    tz: 'Europe/Berlin',
    deviceId: 'device-board-1',
    seq: seqAt(occurredAt, seq),
  };
}
function answer(
  lessonId: string,
  cardId: string,
  answerIds: string[],
  occurredAt: string,
): ProgressEvent {
  seq++;
  return {
    id: uuidv7(),
    type: 'quiz_answered',
    lessonId,
    cardId,
    answerIds,
    occurredAt,
    tz: 'Europe/Berlin',
    deviceId: 'device-board-1',
    seq: seqAt(occurredAt, seq),
  };
}
/** Syncs the events from their device, each completion after its start (as the player records). */
async function sync(client: Client, events: ProgressEvent[]) {
  const res = await client.post(
    '/api/v1/sync',
    syncBody(withStarts(events), events[0]!.deviceId, new Date(NOW).toISOString()),
  );
  expect(res.status).toBe(200);
  return (await res.json()) as { state: { xp: number } };
}
async function board(client: Client, cohort = 'demo-co-pilot', period = 'week') {
  return client.get(`/api/v1/cohorts/${cohort}/leaderboard?period=${period}`);
}

beforeEach(async () => {
  store = await demoStore();
  app = createApp({ store, now: () => NOW });
  const { passwordHash } = (await store.findLogin('learner@demo.test'))!;
  const person = (id: string, name: string, cohortIds: string[]) =>
    store.createUser(demoLearner(id, { name, passwordHash, cohortIds }));
  await store.createCohort({
    id: 'demo-co-other',
    orgId: 'demo-co',
    name: 'Other',
    tz: 'Europe/Berlin',
  });
  await person('amy', 'Amy Ahead', ['demo-co-pilot']);
  await person('ben', 'Ben Behind', ['demo-co-pilot']);
  await person('cid', 'Cid Elsewhere', ['demo-co-other']);
  // Their phones signed in long before the progress they sync.
  for (const email of ['learner@demo.test', 'learner2@demo.test', 'amy@demo.test', 'ben@demo.test'])
    await knownDevice(store, email, 'device-board-1');
  await knownDevice(store, 'learner@demo.test', 'device-board-2');
  const catalog = await store.getCatalog();
  lessons = catalog.modules.flatMap((m) => m.lessons.map((l) => l.id));
  for (const m of catalog.modules) {
    const full = (await store.getModule(m.id))!;
    for (const l of full.lessons) {
      const quizzes = l.cards.flatMap((c) =>
        c.kind === 'quiz'
          ? [{ cardId: c.id, right: c.options.filter((o) => o.correct).map((o) => o.id) }]
          : [],
      );
      if (quizzes.length > 0) quizLesson ??= { id: l.id, quizzes };
    }
  }
  expect(quizLesson).toBeDefined();
});

describe('GET /cohorts/:id/leaderboard', () => {
  it('ranks by XP this week, ties to whoever got there first, with my own rank', async () => {
    const lena = await signInAs(app, 'learner@demo.test');
    const amy = await signInAs(app, 'amy@demo.test');
    const ben = await signInAs(app, 'ben@demo.test');
    // Amy and Lena both reach 20 XP this week; Amy got there first. Ben has 10.
    await sync(lena, [
      completion(lessons[0]!, '2026-11-24T10:00:00+01:00'),
      completion(lessons[1]!, '2026-11-25T09:00:00+01:00'),
    ]);
    await sync(amy, [
      completion(lessons[0]!, '2026-11-23T08:00:00+01:00'),
      completion(lessons[2]!, '2026-11-24T08:00:00+01:00'),
    ]);
    // Ben's other lesson was last week: it counts all-time only.
    await sync(ben, [
      completion(lessons[0]!, '2026-11-24T07:00:00+01:00'),
      completion(lessons[3]!, '2026-11-20T07:00:00+01:00'),
    ]);

    const res = await board(lena);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      period: 'week',
      weekStart: '2026-11-23',
      entries: [
        { rank: 1, displayName: 'Amy Ahead', xp: 2 * LESSON_XP },
        { rank: 2, displayName: 'Lena Learner', xp: 2 * LESSON_XP, isMe: true },
        { rank: 3, displayName: 'Ben Behind', xp: LESSON_XP },
      ],
      me: { rank: 2, xp: 2 * LESSON_XP },
    });
    expect(body.entries[0]).not.toHaveProperty('userId');

    const all = await (await board(lena, 'demo-co-pilot', 'all')).json();
    // All time, Ben also has 20 and reached it (24 Nov 07:00) before both others.
    expect(all.entries.map((e: { displayName: string }) => e.displayName)).toEqual([
      'Ben Behind',
      'Amy Ahead',
      'Lena Learner',
    ]);
    expect(all.me).toMatchObject({ rank: 3 });
    expect(all.around.map((e: { rank: number }) => e.rank)).toEqual([1, 2, 3]);
  });

  it('shows a rank for a learner with no XP yet', async () => {
    const amy = await signInAs(app, 'amy@demo.test');
    await sync(amy, [completion(lessons[0]!, '2026-11-24T08:00:00+01:00')]);
    const body = await (await board(await signInAs(app, 'learner@demo.test'))).json();
    expect(body.me).toMatchObject({ rank: 2, xp: 0 });
  });

  it('uses aliases, hides hidden learners from others, and still tells them their rank', async () => {
    const lena = await signInAs(app, 'learner@demo.test');
    const amy = await signInAs(app, 'amy@demo.test');
    await sync(lena, [completion(lessons[0]!, '2026-11-24T10:00:00+01:00')]);
    await sync(amy, [
      completion(lessons[0]!, '2026-11-23T08:00:00+01:00'),
      completion(lessons[1]!, '2026-11-23T09:00:00+01:00'),
    ]);
    expect((await amy.put('/api/v1/me/board-profile', { alias: null, hidden: true })).status).toBe(
      200,
    );
    expect(
      (await lena.put('/api/v1/me/board-profile', { alias: '  Night Owl ', hidden: false })).status,
    ).toBe(200);

    const seenByLena = await (await board(lena)).json();
    expect(seenByLena.entries).toEqual([
      { rank: 1, displayName: 'Night Owl', xp: LESSON_XP, isMe: true },
    ]);
    const seenByAmy = await (await board(amy)).json();
    expect(seenByAmy.me).toEqual({ rank: 1, xp: 2 * LESSON_XP, hidden: true });
    expect(seenByAmy.entries.map((e: { displayName: string }) => e.displayName)).toEqual([
      'Night Owl',
    ]);

    // Progress synced while hidden stays hidden.
    await sync(amy, [completion(lessons[2]!, '2026-11-25T08:00:00+01:00')]);
    expect((await (await board(lena)).json()).entries).toHaveLength(1);
  });

  it('never shows two “Leo Learner” rows: an alias cannot copy a cohort colleague', async () => {
    const amy = await signInAs(app, 'amy@demo.test');
    const leo = await signInAs(app, 'learner2@demo.test');
    await sync(amy, [completion(lessons[0]!, '2026-11-24T08:00:00+01:00')]);
    await sync(leo, [completion(lessons[1]!, '2026-11-24T09:00:00+01:00')]);
    const copy = await amy.put('/api/v1/me/board-profile', {
      alias: ' leo  LEARNER',
      hidden: false,
    });
    expect(copy.status).toBe(409);
    expect((await copy.json()).error).toMatchObject({
      code: 'alias_taken',
      key: 'error.aliasTaken',
    });
    expect(
      (await leo.put('/api/v1/me/board-profile', { alias: 'Lion', hidden: false })).status,
    ).toBe(200);
    expect(
      (await amy.put('/api/v1/me/board-profile', { alias: 'lion', hidden: false })).status,
    ).toBe(409);
    const names = (await (await board(leo)).json()).entries.map(
      (e: { displayName: string }) => e.displayName,
    );
    expect(names).toEqual(['Amy Ahead', 'Lion']);
  });

  it('refuses bad board settings with a clear 400', async () => {
    const lena = await signInAs(app, 'learner@demo.test');
    const res = await lena.put('/api/v1/me/board-profile', {
      alias: 'x'.repeat(41),
      hidden: false,
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('invalid_request');
  });

  it('is readable by members, their managers and admins of the org only', async () => {
    expect((await board(await signInAs(app, 'manager@demo.test'))).status).toBe(200);
    const asAdmin = await board(await signInAs(app, 'admin@demo.test'));
    expect(asAdmin.status).toBe(200);
    expect((await asAdmin.json()).me).toBeNull();
    const cid = await signInAs(app, 'cid@demo.test');
    expect((await board(cid)).status).toBe(403);
    const globex = await board(await signInAs(app, 'learner@globex.test'));
    expect(globex.status).toBe(404);
    expect((await globex.json()).error.code).toBe('not_found');
    expect((await board(cid, 'no-such-cohort')).status).toBe(404);
    expect((await board(cid, 'demo-co-other', 'month')).status).toBe(400);
  });
});

describe('XP through sync', () => {
  it('adds the first-attempt quiz bonus and gives rushed completions nothing', async () => {
    const lena = await signInAs(app, 'learner@demo.test');
    const { state } = await sync(lena, [
      ...quizLesson.quizzes.map((q) =>
        answer(quizLesson.id, q.cardId, q.right, '2026-11-25T08:00:00+01:00'),
      ),
      completion(quizLesson.id, '2026-11-25T08:01:00+01:00'),
      completion(
        lessons.find((l) => l !== quizLesson.id)!,
        '2026-11-25T09:00:00+01:00',
        5_000,
      ),
    ]);
    expect(state.xp).toBe(LESSON_XP + QUIZ_BONUS_XP);
    const again = await (await lena.get('/api/v1/me/state')).json();
    expect(again.xp).toBe(LESSON_XP + QUIZ_BONUS_XP);
    const top = await (await board(lena)).json();
    expect(top.me.xp).toBe(LESSON_XP + QUIZ_BONUS_XP);
  });

  it('moves XP to the earlier week when an older completion arrives late', async () => {
    const lena = await signInAs(app, 'learner@demo.test');
    await sync(lena, [completion(lessons[0]!, '2026-11-24T10:00:00+01:00')]);
    expect((await (await board(lena)).json()).me.xp).toBe(LESSON_XP);
    // From another device (a phone that was offline): this device had sent later progress.
    await sync(lena, [
      { ...completion(lessons[0]!, '2026-11-19T10:00:00+01:00'), deviceId: 'device-board-2' },
    ]);
    expect((await (await board(lena)).json()).me.xp).toBe(0);
    expect((await (await board(lena, 'demo-co-pilot', 'all')).json()).me.xp).toBe(LESSON_XP);
  });
});
