/**
 * Kudos, recommendations, cohort challenges, badges and the recognition feed through the API,
 * with the limits and organisation boundaries a person would run into.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../src/core/events';
import { uuidv7 } from '../../src/core/uuidv7';
import { createApp } from '../../src/server/app';
import { KUDOS_PER_DAY } from '../../src/server/routes/social';
import type { Store } from '../../src/server/store/store';
import { knownDevice, signInAs, syncBody, type App } from '../support/api';
import { demoStore } from '../support/server';

const NOW = Date.parse('2026-11-25T11:00:00Z');
let clock = NOW;
let store: Store;
let app: App;

beforeEach(async () => {
  clock = NOW;
  store = await demoStore();
  app = createApp({ store, now: () => clock });
});

describe('kudos', () => {
  it('reaches the colleague, with the message as plain text, and shows in the cohort feed', async () => {
    const manager = await signInAs(app, 'manager@demo.test');
    const hostile = '<script>alert(1)</script> well done!';
    const res = await manager.post('/api/v1/kudos', {
      toUserId: 'u-demo-learner',
      reason: 'streak',
      message: hostile,
    });
    expect(res.status).toBe(201);
    const learner = await signInAs(app, 'learner@demo.test');
    const { kudos } = await (await learner.get('/api/v1/me/kudos')).json();
    expect(kudos).toEqual([
      expect.objectContaining({ fromName: 'Max Manager', reason: 'streak', message: hostile }),
    ]);
    const { feed } = await (await learner.get('/api/v1/cohorts/demo-co-pilot/feed')).json();
    expect(feed[0]).toMatchObject({ fromName: 'Max Manager', toName: 'Lena Learner' });
    const { badges } = await (await learner.get('/api/v1/me/badges')).json();
    expect(badges).toContainEqual({
      id: 'kudos:1',
      kind: 'kudos',
      title: 'First kudos',
      phrase: { key: 'badge.firstKudos', text: 'First kudos' },
    });
  });

  it(`allows ${KUDOS_PER_DAY} a day`, async () => {
    const manager = await signInAs(app, 'manager@demo.test');
    const give = () =>
      manager.post('/api/v1/kudos', { toUserId: 'u-demo-learner', reason: 'lesson' });
    for (let i = 0; i < KUDOS_PER_DAY; i++) expect((await give()).status).toBe(201);
    const refused = await give();
    expect(refused.status).toBe(429);
    expect((await refused.json()).error.code).toBe('kudos_limit');
    clock += 86_400_000;
    expect((await give()).status).toBe(201);
  });

  it('stays inside the organisation and refuses bad input clearly', async () => {
    const learner = await signInAs(app, 'learner@demo.test');
    const other = await learner.post('/api/v1/kudos', {
      toUserId: 'u-globex-learner',
      reason: 'lesson',
    });
    expect(other.status).toBe(404);
    const self = await learner.post('/api/v1/kudos', {
      toUserId: 'u-demo-learner',
      reason: 'lesson',
    });
    expect(self.status).toBe(400);
    const long = await learner.post('/api/v1/kudos', {
      toUserId: 'u-demo-manager',
      reason: 'lesson',
      message: 'x'.repeat(141),
    });
    expect(long.status).toBe(400);
    const { people } = await (await learner.get('/api/v1/colleagues')).json();
    // Everyone else in Demo Co, by name; nobody from Globex, and not the learner themself.
    expect(people.map((p: { name: string }) => p.name)).toEqual([
      'Ada Admin',
      'Leo Learner',
      'Max Manager',
      'Mia Manager',
    ]);
  });
});

describe('recommend to a colleague', () => {
  it('shows "Recommended by" to the colleague, once per module and person', async () => {
    const manager = await signInAs(app, 'manager@demo.test');
    const moduleId = (await store.getCatalog()).modules[1]!.id;
    const body = { toUserId: 'u-demo-learner', moduleId };
    expect((await manager.post('/api/v1/recommendations', body)).status).toBe(201);
    const again = await manager.post('/api/v1/recommendations', body);
    expect(again.status).toBe(200);
    expect((await again.json()).alreadySent).toBe(true);
    const learner = await signInAs(app, 'learner@demo.test');
    const { recommendations } = await (await learner.get('/api/v1/me/recommendations')).json();
    expect(recommendations).toEqual([{ moduleId, fromName: 'Max Manager', createdAt: NOW }]);
    const missing = await manager.post('/api/v1/recommendations', { ...body, moduleId: 'nope' });
    expect(missing.status).toBe(404);
  });
});

describe('cohort challenge', () => {
  it('is set by a manager or admin and everyone sees the shared progress', async () => {
    const learner = await signInAs(app, 'learner@demo.test');
    expect(
      (await learner.put('/api/v1/cohorts/demo-co-pilot/challenge', { goal: 10 })).status,
    ).toBe(403);
    const manager = await signInAs(app, 'manager@demo.test');
    const set = await manager.put('/api/v1/cohorts/demo-co-pilot/challenge', { goal: 10 });
    expect(set.status).toBe(200);
    expect((await manager.put('/api/v1/cohorts/demo-co-pilot/challenge', { goal: 0 })).status).toBe(
      400,
    );

    const lesson = (await store.getCatalog()).modules[0]!.lessons[0]!.id;
    await knownDevice(store, 'learner@demo.test');
    const done: ProgressEvent = {
      id: uuidv7(),
      type: 'lesson_completed',
      lessonId: lesson,
      durationMs: 300_000,
      occurredAt: new Date(NOW - 3_600_000).toISOString(),
      tz: 'Europe/Berlin',
      deviceId: 'device-test-1',
      seq: 2,
    };
    const start: ProgressEvent = {
      id: uuidv7(),
      type: 'lesson_started',
      lessonId: lesson,
      occurredAt: new Date(NOW - 3_900_000).toISOString(),
      tz: 'Europe/Berlin',
      deviceId: 'device-test-1',
      seq: 1,
    };
    await learner.post(
      '/api/v1/sync',
      syncBody([start, done], 'device-test-1', new Date(NOW).toISOString()),
    );
    const seen = await (await learner.get('/api/v1/cohorts/demo-co-pilot/challenge')).json();
    expect(seen).toEqual({ week: '2026-11-23', goal: 10, done: 1 });
    const globex = await signInAs(app, 'learner@globex.test');
    expect((await globex.get('/api/v1/cohorts/demo-co-pilot/challenge')).status).toBe(404);
  });
});
