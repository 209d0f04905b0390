/**
 * No single account can fill the event log or keep the server busy (issue 17): events about
 * lessons or cards the content does not hold are refused with their reason, a person's syncs are
 * limited per minute and their stored events per day, both answered 429 with `Retry-After`.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/core/uuidv7';
import { SYNC_BOUNDS } from '../../src/server/sync-bounds';
import { lessonEvent, signInAs, syncBody } from '../support/api';
import { freshApi } from '../support/fresh';

let now: number;
const { store, app } = freshApi({ now: () => now });
beforeEach(() => {
  now = Date.parse('2026-03-02T09:00:00Z');
});

const LESSON = 'giving-feedback.specific-feedback';
const at = () => new Date(now).toISOString();
const json = async (res: Response) => (await res.json()) as { results: Array<{ reason?: string }> };

describe('events about content that does not exist', () => {
  it('are refused with their reason, and a real card of a real lesson is kept', async () => {
    const learner = await signInAs(app, 'learner@demo.test');
    const module = (await store.getModule('giving-feedback'))!;
    const lesson = module.lessons[0]!;
    const card = (cardId: string) => ({
      id: uuidv7(),
      occurredAt: at(),
      tz: 'Europe/Berlin',
      deviceId: 'device-test-1',
      seq: Math.floor(Math.random() * 1e9),
      type: 'card_viewed',
      lessonId: lesson.id,
      cardId,
    });
    const res = await learner.post(
      '/api/v1/sync',
      syncBody(
        [
          lessonEvent('lesson_completed', 'invented.lesson', at()),
          card('no-such-card'),
          card(lesson.cards[0]!.id),
        ],
        'device-test-1',
        at(),
      ),
    );
    const { results } = await json(res);
    expect(results.map((r) => r.reason ?? 'accepted')).toEqual([
      'unknown_content',
      'unknown_content',
      'accepted',
    ]);
    expect(await store.userEvents('u-demo-learner')).toHaveLength(1);
  });
});

describe('ids outside the content alphabet', () => {
  it('are refused as an invalid field, so a formula can never reach an export', async () => {
    const learner = await signInAs(app, 'learner@demo.test');
    const hostile = "x;=cmd|' /C calc'!A0";
    const lesson = (await store.getModule('giving-feedback'))!.lessons[0]!;
    const quiz = {
      id: uuidv7(),
      occurredAt: at(),
      tz: 'Europe/Berlin',
      deviceId: 'device-test-1',
      seq: 7,
      type: 'quiz_answered',
      lessonId: lesson.id,
      cardId: lesson.cards[0]!.id,
      answerIds: [hostile],
    };
    const res = await learner.post(
      '/api/v1/sync',
      syncBody([lessonEvent('lesson_started', hostile, at()), quiz], 'device-test-1', at()),
    );
    const { results } = (await res.json()) as {
      results: Array<{ reason?: string; phrase?: { key: string } }>;
    };
    expect(results.map((r) => [r.reason, r.phrase?.key])).toEqual([
      ['invalid', 'error.field.invalid'],
      ['invalid', 'error.field.invalid'],
    ]);
    expect(await store.userEvents('u-demo-learner')).toHaveLength(0);
  });
});

describe('a person’s syncs per minute', () => {
  it('are limited, answered 429 with Retry-After, and allowed again after the minute', async () => {
    const learner = await signInAs(app, 'learner@demo.test');
    const sync = () => learner.post('/api/v1/sync', syncBody([], 'device-test-1', at()));
    for (let i = 0; i < SYNC_BOUNDS.syncsPerMinute; i++) expect((await sync()).status).toBe(200);
    const refused = await sync();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    // Once the minute is used up, even a body that would be refused as malformed is not read.
    const unread = await learner.post('/api/v1/sync', { events: 'not a list' });
    expect(unread.status).toBe(429);
    // Another person is not slowed down by it.
    const colleague = await signInAs(app, 'learner2@demo.test');
    expect((await colleague.post('/api/v1/sync', syncBody([], 'device-test-2', at()))).status).toBe(
      200,
    );
    now += 60_000;
    expect((await sync()).status).toBe(200);
  });
});

describe('a person’s events per day', () => {
  it('stop at the daily bound with 429 and Retry-After; nothing past it is stored', async () => {
    const learner = await signInAs(app, 'learner@demo.test');
    const batch = (n: number) =>
      syncBody(
        Array.from({ length: n }, () => lessonEvent('lesson_started', LESSON, at())),
        'device-test-1',
        at(),
      );
    let sent = 0;
    while (sent < SYNC_BOUNDS.eventsPerDay) {
      const n = Math.min(500, SYNC_BOUNDS.eventsPerDay - sent);
      expect((await learner.post('/api/v1/sync', batch(n))).status).toBe(200);
      sent += n;
    }
    const over = await learner.post('/api/v1/sync', batch(1));
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await store.userEvents('u-demo-learner')).toHaveLength(SYNC_BOUNDS.eventsPerDay);
    // A day later the person syncs again.
    now += 86_400_000;
    expect((await learner.post('/api/v1/sync', batch(1))).status).toBe(200);
  });
});

describe('two syncs racing at the daily bound', () => {
  it('cannot both pass it: one is stored, the other refused with nothing of it kept', async () => {
    const learner = await signInAs(app, 'learner@demo.test');
    const batch = (n: number, device: string) =>
      syncBody(
        Array.from({ length: n }, () => ({
          ...lessonEvent('lesson_started', LESSON, at()),
          deviceId: device,
        })),
        device,
        at(),
      );
    const room = 10;
    let sent = 0;
    while (sent < SYNC_BOUNDS.eventsPerDay - room) {
      const n = Math.min(500, SYNC_BOUNDS.eventsPerDay - room - sent);
      expect((await learner.post('/api/v1/sync', batch(n, 'device-test-1'))).status).toBe(200);
      sent += n;
    }
    // Two devices of the person, each with the room left, sync at the same moment.
    const answers = await Promise.all([
      learner.post('/api/v1/sync', batch(room, 'device-test-1')),
      learner.post('/api/v1/sync', batch(room, 'device-test-2')),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 429]);
    expect(await store.userEvents('u-demo-learner')).toHaveLength(SYNC_BOUNDS.eventsPerDay);
  });
});
