/** Shared setup of the people-*.test.ts files (split from people.test.ts). */
import { beforeEach } from 'vitest';
import { coachPhrase, type CoachKey } from '../../src/core/phrases/coach';
import { notificationPhrase, type NotificationKey } from '../../src/core/phrases/notifications';
import type { Phrase } from '../../src/core/wording';
import { createApp } from '../../src/server/app';
import { clientFor, lessonEvent, syncBody, type App, type Client } from './api';
import { demoStore } from './server';
import { sessionCookie } from './sessions';
import type { Store } from '../../src/server/store/store';

export let store: Store;
export let app: App;
export let clock = Date.now();
/** Sets `clock` for the calling test (an imported binding cannot be assigned). */
export const setClock = (value: number) => {
  clock = value;
};
export const as = async (userId: string): Promise<Client> =>
  clientFor(app, await sessionCookie(store, userId));
export const json = async (res: Response) => (await res.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
/** A phrase from the API as a German reader's app words it. */
export const coachInGerman = (p: Phrase) => coachPhrase.say(p.key as CoachKey, p.params, 'de');
export const noticeInGerman = (p: Phrase) =>
  notificationPhrase.say(p.key as NotificationKey, p.params, 'de');

/** Lena (a learner) starts and completes one lesson, synced; answers her client. */
export async function lenaLearnsALesson(): Promise<Client> {
  const lena = await as('u-demo-learner');
  await lena.post(
    '/api/v1/sync',
    syncBody([
      lessonEvent('lesson_started', 'giving-feedback.specific-feedback'),
      lessonEvent('lesson_completed', 'giving-feedback.specific-feedback'),
    ]),
  );
  return lena;
}

/** The hooks every people test file runs. */
export function usePeopleApp(): void {
  beforeEach(async () => {
    clock = Date.now();
    store = await demoStore();
    app = createApp({ store, now: () => clock });
  });
}
