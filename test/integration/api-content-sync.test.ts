import { describe, expect, it } from 'vitest';
import { lessonEvent, signInAs, syncBody } from '../support/api';
import { reimportModule } from '../support/server';
import { store, app, LESSON, useApiApp } from '../support/api-app';

useApiApp();

describe('content', () => {
  it('serves the catalog with minutes on every module and lesson', async () => {
    const learner = await signInAs(app, 'learner@demo.test');
    const catalog = await (await learner.get('/api/v1/catalog')).json();
    const feedback = catalog.modules.find((m: { id: string }) => m.id === 'giving-feedback');
    expect(feedback.title).toBe('Giving feedback that lands');
    expect(feedback.estimateMinutes).toBe(
      feedback.lessons.reduce(
        (n: number, l: { estimateMinutes: number }) => n + l.estimateMinutes,
        0,
      ),
    );
    for (const l of feedback.lessons) expect(l.estimateMinutes).toBeGreaterThan(0);
  });

  it('serves a whole module, and 404 in the error shape for an unknown one', async () => {
    const learner = await signInAs(app, 'learner@demo.test');
    const module = await (await learner.get('/api/v1/modules/giving-feedback')).json();
    expect(module.lessons[0].cards.length).toBeGreaterThan(1);
    const missing = await learner.get('/api/v1/modules/nope');
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('not_found');
  });
  it('names what changed: a new catalog ETag and module version after a content re-import', async () => {
    const learner = await signInAs(app, 'learner@demo.test');
    const before = await learner.get('/api/v1/catalog');
    const catalog = await before.json();
    const feedback = catalog.modules.find((m: { id: string }) => m.id === 'giving-feedback');
    const module = await (await learner.get('/api/v1/modules/giving-feedback?v=x')).json();
    expect(feedback.downloadBytes).toBe(Buffer.byteLength(JSON.stringify(module)));
    expect(feedback.imageCount).toBe(0);

    const version = await reimportModule(store, 'giving-feedback', (md) =>
      md.replace('Feedback', 'Useful feedback'),
    );
    const after = await learner.get('/api/v1/catalog');
    expect(after.headers.get('etag')).toMatch(/^".+"$/);
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    const updated = (await after.json()).modules.find(
      (m: { id: string }) => m.id === 'giving-feedback',
    );
    expect(updated.version).toBe(version);
    expect(updated.version).not.toBe(feedback.version);
    const fresh = await learner.get(`/api/v1/modules/giving-feedback?v=${feedback.version}`);
    expect(fresh.headers.get('etag')).toBe(`"${version}"`);
  });
});

describe('sync', () => {
  it('accepts an event, answers duplicate for the same event again, and rejects a conflicting one', async () => {
    const learner = await signInAs(app, 'learner@demo.test');
    const event = lessonEvent('lesson_completed', LESSON);
    const first = await (await learner.post('/api/v1/sync', syncBody([event]))).json();
    expect(first.results).toEqual([{ id: event.id, status: 'accepted' }]);
    expect(first.state.completedLessonIds).toEqual([LESSON]);

    const again = await (await learner.post('/api/v1/sync', syncBody([event]))).json();
    expect(again.results).toEqual([{ id: event.id, status: 'duplicate' }]);

    const changed = { ...event, durationMs: 1 };
    const conflict = await (await learner.post('/api/v1/sync', syncBody([changed]))).json();
    expect(conflict.results).toEqual([
      {
        id: event.id,
        status: 'rejected',
        reason: 'conflict',
        phrase: {
          key: 'error.event.idTaken',
          text: 'This event id was already stored with other content.',
        },
        message: 'This event id was already stored with other content.',
      },
    ]);
    expect(
      (await store.userEvents('u-demo-learner')).map((e) => 'durationMs' in e && e.durationMs),
    ).toEqual([200_000]);
  });

  it('reports the state from GET /me/state', async () => {
    const learner = await signInAs(app, 'learner@demo.test');
    await learner.post(
      '/api/v1/sync',
      syncBody([lessonEvent('lesson_started', LESSON), lessonEvent('lesson_completed', LESSON)]),
    );
    const state = await (await learner.get('/api/v1/me/state')).json();
    expect(state).toMatchObject({
      xp: 10,
      completedLessonIds: [LESSON],
      streak: { current: 1, longest: 1, freezes: 0 },
    });
  });

  it('rejects one malformed event and still stores the rest of the batch', async () => {
    const learner = await signInAs(app, 'learner@demo.test');
    const good = lessonEvent('lesson_completed', LESSON);
    const bad = { ...lessonEvent('lesson_completed', LESSON), durationMs: 'fast' };
    const res = await (await learner.post('/api/v1/sync', syncBody([bad, good]))).json();
    expect(res.results).toEqual([
      {
        id: bad.id,
        status: 'rejected',
        reason: 'invalid',
        phrase: {
          key: 'error.field.wrongType',
          params: { field: 'durationMs' },
          text: 'durationMs: this has the wrong type.',
        },
        message: 'durationMs: this has the wrong type.',
      },
      { id: good.id, status: 'accepted' },
    ]);
  });

  it('rejects events too old or from the future, after correcting the device clock', async () => {
    const learner = await signInAs(app, 'learner@demo.test');
    const now = Date.now();
    const old = lessonEvent(
      'lesson_started',
      LESSON,
      new Date(now - 40 * 86_400_000).toISOString(),
    );
    const future = lessonEvent('lesson_started', LESSON, new Date(now + 3600_000).toISOString());
    const res = await (await learner.post('/api/v1/sync', syncBody([old, future]))).json();
    expect(res.results.map((r: { reason: string }) => r.reason)).toEqual(['too_old', 'in_future']);

    // A device whose clock runs three days fast: its events are shifted back and accepted.
    const skewed = lessonEvent(
      'lesson_completed',
      LESSON,
      new Date(now + 3 * 86_400_000).toISOString(),
    );
    const sentAt = new Date(now + 3 * 86_400_000).toISOString();
    const ok = await (
      await learner.post('/api/v1/sync', syncBody([skewed], 'device-test-1', sentAt))
    ).json();
    expect(ok.results).toEqual([{ id: skewed.id, status: 'accepted' }]);
    const [stored] = await store.userEvents('u-demo-learner');
    expect(Math.abs(Date.parse(stored!.occurredAt) - now)).toBeLessThan(60_000);
  });

  it.each([
    ['not JSON', '{"deviceId":', 'invalid_json'],
    [
      'no events',
      { deviceId: 'device-test-1', sentAt: new Date().toISOString() },
      'invalid_request',
    ],
    [
      'events not a list',
      { deviceId: 'device-test-1', sentAt: new Date().toISOString(), events: 'x' },
      'invalid_request',
    ],
    [
      'a bad sentAt',
      { deviceId: 'device-test-1', sentAt: 'yesterday', events: [] },
      'invalid_request',
    ],
    [
      'too many events',
      syncBody(Array.from({ length: 501 }, (_, i) => ({ id: `e${i}` }))),
      'invalid_request',
    ],
    ['an event without an id', syncBody([{ type: 'lesson_started' }]), 'invalid_request'],
    ['an event that is not an object', syncBody(['e1']), 'invalid_request'],
    ['an event with a numeric id', syncBody([{ id: 7 }]), 'invalid_request'],
  ])('answers 400 for %s', async (_name, body, code) => {
    const learner = await signInAs(app, 'learner@demo.test');
    const res = await learner.post('/api/v1/sync', body);
    expect(res.status).toBe(400);
    // The design's shape, with the phrase the app words in the reader's locale.
    expect(await res.json()).toEqual({
      error: {
        code,
        message: expect.any(String),
        key: expect.stringMatching(/^error\./),
        ...(code === 'invalid_request'
          ? { params: expect.objectContaining({ field: expect.any(String) }) }
          : {}),
      },
    });
  });

  it('answers 413 for a body over 1 MiB', async () => {
    const learner = await signInAs(app, 'learner@demo.test');
    const res = await learner.post(
      '/api/v1/sync',
      syncBody([{ id: 'x', pad: 'a'.repeat(1024 * 1024) }]),
    );
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('payload_too_large');
  });

  it('refuses a state-changing request from another origin', async () => {
    const learner = await signInAs(app, 'learner@demo.test');
    const res = await learner.post('/api/v1/sync', syncBody([]), {
      origin: 'https://evil.example',
    });
    expect(res.status).toBe(403);
  });
});
