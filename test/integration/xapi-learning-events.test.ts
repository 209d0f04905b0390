/** The LRS at /xapi (issue 19): Kindling's own learning events as statements. */
import { describe, expect, it } from 'vitest';
import { SYNC_LIMITS } from '../../src/core/sync';
import { clientFor, lessonEvent, startsAndCompletions, syncBody } from '../support/api';
import { sessionCookie } from '../support/sessions';
import { type Json, ADL, LESSON, statement } from '../support/xapi-statement';
import { store, app, post, get, ids, useLrsPerTest } from '../support/xapi-lrs';

useLrsPerTest();

describe("Kindling's own learning events as statements", () => {
  it('shows a completed lesson as an ADL statement about the learner, the lesson and its module', async () => {
    const learner = clientFor(app, await sessionCookie(store, 'u-demo-learner'));
    const lessonId = LESSON;
    // Minutes ago, as a device in UTC+01:00 writes its time.
    const local = (minutesAgo: number) =>
      `${new Date(Date.now() - minutesAgo * 60_000 + 3_600_000).toISOString().slice(0, 19)}+01:00`;
    const started = lessonEvent('lesson_started', lessonId, local(10));
    const completed = lessonEvent('lesson_completed', lessonId, local(5));
    const sync = await learner.post('/api/v1/sync', syncBody([started, completed]));
    expect(sync.status).toBe(200);
    const { results } = (await sync.json()) as { results: Array<{ status: string }> };
    expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    const me = encodeURIComponent(
      JSON.stringify({ account: { homePage: 'http://localhost', name: 'u-demo-learner' } }),
    );
    const res = await get(`?agent=${me}&verb=${encodeURIComponent(`${ADL}completed`)}`);
    const [s] = ((await res.json()) as { statements: Json[] }).statements;
    expect(s).toMatchObject({
      id: completed.id,
      actor: { account: { homePage: 'http://localhost', name: 'u-demo-learner' } },
      verb: { id: `${ADL}completed` },
      object: { id: `http://localhost/xapi/activities/lesson/${lessonId}` },
      result: { completion: true, duration: 'PT3M20S' },
      timestamp: completed.occurredAt,
    });
    expect((s!.object as { definition: { name: Json } }).definition.name['en-US']).toBeTruthy();
    const activity = encodeURIComponent(`http://localhost/xapi/activities/lesson/${lessonId}`);
    // One sync stores both at one instant, so their order within it is the id's.
    expect((await ids(await get(`?activity=${activity}`))).sort()).toEqual(
      [completed.id, started.id].sort(),
    );
  });

  it('makes every event of a full sync batch a statement its filters find', async () => {
    const learner = clientFor(app, await sessionCookie(store, 'u-demo-learner'));
    const events = startsAndCompletions(SYNC_LIMITS.maxEvents, LESSON);
    const sync = await learner.post('/api/v1/sync', syncBody(events));
    expect(sync.status).toBe(200);
    const activity = encodeURIComponent(`http://localhost/xapi/activities/lesson/${LESSON}`);
    expect((await ids(await get(`?activity=${activity}&limit=0`))).sort()).toEqual(
      events.map((e) => e.id).sort(),
    );
  });

  it('stores foreign statements about a learner without changing their XP', async () => {
    const learner = clientFor(app, await sessionCookie(store, 'u-demo-learner'));
    const before = (await (await learner.get('/api/v1/me/state')).json()) as { xp: number };
    await post(
      statement({
        actor: { account: { homePage: 'http://localhost', name: 'u-demo-learner' } },
        object: { id: `http://localhost/xapi/activities/lesson/${LESSON}` },
      }),
    );
    const after = (await (await learner.get('/api/v1/me/state')).json()) as { xp: number };
    expect(after.xp).toBe(before.xp);
  });
});
