/**
 * Arrival order does not matter (issue 3): any permutation of the same events, with duplicates,
 * split into any batches, leaves the server in the same state as the in-order log.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { ProgressEvent } from '../../src/core/events';
import { uuidv7 } from '../../src/core/uuidv7';
import { createApp } from '../../src/server/app';
import { signInAs, syncBody } from '../support/api';
import { demoStore } from '../support/server';
import { arrival, arrivalArbs } from '../support/batches';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const DEVICE = 'device-order-1';

const eventArb = fc.record({
  kind: fc.constantFrom('lesson_started', 'lesson_completed', 'quiz_answered'),
  lesson: fc.integer({ min: 0, max: 3 }),
  hoursAgo: fc.integer({ min: 0, max: 24 * 6 }),
  durationMs: fc.integer({ min: 0, max: 400_000 }),
});

type Draft = typeof eventArb extends fc.Arbitrary<infer T> ? T : never;

function materialise(drafts: Array<Draft>): ProgressEvent[] {
  return drafts.map((d, i) => {
    const base = {
      id: uuidv7(),
      occurredAt: new Date(NOW - d.hoursAgo * 3_600_000).toISOString(),
      tz: 'Europe/Berlin',
      deviceId: DEVICE,
      seq: i + 1,
      lessonId: `lesson-${d.lesson}`,
    };
    if (d.kind === 'lesson_completed')
      return { ...base, type: 'lesson_completed', durationMs: d.durationMs };
    if (d.kind === 'quiz_answered')
      return { ...base, type: 'quiz_answered', cardId: 'q1', answerIds: ['a'] };
    return { ...base, type: 'lesson_started' };
  });
}

async function stateAfter(batches: ProgressEvent[][]) {
  const app = createApp({ store: await demoStore(), now: () => NOW });
  const learner = await signInAs(app, 'learner@demo.test');
  for (const batch of batches) {
    const res = await learner.post(
      '/api/v1/sync',
      syncBody(batch, DEVICE, new Date(NOW).toISOString()),
    );
    expect(res.status).toBe(200);
  }
  return await (await learner.get('/api/v1/me/state')).json();
}

it('gives the same state for any order, duplication and batching of the same events', async () => {
  await fc.assert(
    fc.asyncProperty(...arrivalArbs(eventArb, 20, 6), async (drafts, cuts, duplicateAt, seed) => {
      const events = materialise(drafts);
      const inOrder = await stateAfter([events]);
      const scrambled = await stateAfter(arrival(events, cuts, duplicateAt, seed));
      expect(scrambled).toEqual(inOrder);
    }),
    { numRuns: 8 },
  );
}, 120_000);
