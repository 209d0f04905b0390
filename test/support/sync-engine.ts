/** Shared setup of the sync-engine-*.test.ts files (split from sync-engine.test.ts). */
import { join } from 'node:path';
import { beforeEach } from 'vitest';
import type { Fetch } from '../../src/client/api';
import { createApp } from '../../src/server/app';
import { loadContentDir } from '../../src/server/content/load';
import type { Store } from '../../src/server/store/store';
import { signInAs, type App } from './api';
import { appFetch, DEMO_LEARNER, FakeClock, type Device } from './device';
import { demoStore, ROOT } from './server';

export let store: Store;
export let app: App;
export let clock: FakeClock;
export let cookie: string;
/** Sets `cookie` for the calling test (an imported binding cannot be assigned). */
export const setCookie = (value: string) => {
  cookie = value;
};
/** Event counts of every sync request that reached the app. */
export let batches: number[];

/** The app, counting each sync batch; `fault` may answer instead of (or after) the server. */
export function serverFetch(
  fault?: (input: string, init: RequestInit, send: () => Promise<Response>) => Promise<Response>,
): Fetch {
  return async (input, init = {}) => {
    const send = async () => {
      if (input.endsWith('/sync'))
        batches.push((JSON.parse(init.body as string) as { events: unknown[] }).events.length);
      return await appFetch(app, cookie)(input, init);
    };
    return fault ? await fault(input, init, send) : await send();
  };
}

export const serverEvents = () => store.userEvents(DEMO_LEARNER);

/**
 * The demo content's lessons. Progress (completed lessons, XP, streak days) only counts lessons
 * that exist and were read for a plausible time; `completeLessons` reads each for a fixed time, which is enough
 * where a test looks only at what reached the server.
 */
export const LESSONS = loadContentDir(join(ROOT, 'content')).modules.flatMap((m) => m.lessons);

/** Records `n` completions of real lessons, each read for its full estimate, cycling through them. */
export async function completeRealLessons(device: Device, n: number) {
  const events = [];
  for (let i = 0; i < n; i++) {
    const lesson = LESSONS[i % LESSONS.length]!;
    events.push(
      await device.outbox.record(DEMO_LEARNER, {
        type: 'lesson_completed',
        lessonId: lesson.id,
        durationMs: lesson.estimateMinutes * 60_000,
      }),
    );
  }
  return events;
}
/** Lessons taken as the player records them: started, then finished after their estimate. */
export async function learnRealLessons(device: Device, clockOfDevice: FakeClock, n: number) {
  for (let i = 0; i < n; i++) {
    const lesson = LESSONS[i % LESSONS.length]!;
    await device.outbox.record(DEMO_LEARNER, { type: 'lesson_started', lessonId: lesson.id });
    clockOfDevice.ms += lesson.estimateMinutes * 60_000;
    await device.outbox.record(DEMO_LEARNER, {
      type: 'lesson_completed',
      lessonId: lesson.id,
      durationMs: lesson.estimateMinutes * 60_000,
    });
  }
}
export const isSync = (input: string) => input.endsWith('/sync');

/** The hooks every sync-engine test file runs. */
export function useSyncServer(): void {
  beforeEach(async () => {
    store = await demoStore();
    clock = new FakeClock();
    app = createApp({ store, now: () => clock.ms });
    cookie = (await signInAs(app, 'learner@demo.test')).cookie;
    batches = [];
  });
}
