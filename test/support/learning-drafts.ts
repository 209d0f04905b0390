/**
 * Random learning histories for the aggregate properties (learner days, pilot summaries): the demo
 * content's quiz answered right or wrong, its lessons started and completed, in zones with DST
 * changes in the five weeks after DST_FROM, with devices whose clocks are off.
 */
import fc from 'fast-check';
import { join } from 'node:path';
import { answerKeyOf } from '../../src/core/mastery';
import { loadContentDir } from '../../src/server/content/load';
import type { IncomingEvent, Store } from '../../src/server/store/store';
import { draftedEvents } from './batches';

export const content = loadContentDir(join(import.meta.dirname, '..', '..', 'content'));
export const key = content.modules.map(answerKeyOf).find((k) => k !== undefined)!;
const cards = [...key.quizzes.values()];
export const RIGHT = cards.map((c) => ({
  cardId: c.id,
  answerIds: c.options.filter((o) => o.correct).map((o) => o.id),
}));
export const WRONG = cards.map((c) => ({
  cardId: c.id,
  answerIds: [c.options.find((o) => !o.correct)!.id],
}));
export const LESSONS = [
  ...content.modules.find((m) => m.id === key.moduleId)!.lessons.map((l) => l.id),
  content.modules.find((m) => m.id !== key.moduleId)!.lessons[0]!.id,
];
/** Zones with DST (north and south, half-hour), the widest offsets, and none. */
export const ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'Australia/Lord_Howe',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
  'Asia/Kolkata',
  'UTC',
];

export const draftArb = fc.record({
  kind: fc.constantFrom('completed', 'completed', 'assessment', 'started'),
  lesson: fc.nat(LESSONS.length - 1),
  zone: fc.nat(ZONES.length - 1),
  minutes: fc.integer({ min: 0, max: 35 * 24 * 60 }),
  passes: fc.boolean(),
  skewMinutes: fc.constantFrom(0, 0, -90, 300),
});
export type Draft = typeof draftArb extends fc.Arbitrary<infer T> ? T : never;

/** The drafts as events from one device, each marked with whether it is a passed assessment. */
export function incoming(
  drafts: Draft[],
  device: string,
): Array<IncomingEvent & { passes: boolean }> {
  return draftedEvents(drafts, device, ZONES, (d, base) =>
    d.kind === 'completed'
      ? { ...base, type: 'lesson_completed', lessonId: LESSONS[d.lesson]!, durationMs: 600_000 }
      : d.kind === 'assessment'
        ? {
            ...base,
            type: 'assessment_submitted',
            lessonId: key.lessonId,
            answers: d.passes ? RIGHT : WRONG,
          }
        : { ...base, type: 'lesson_started', lessonId: LESSONS[d.lesson]! },
  ).map((e, i) => ({ ...e, passes: drafts[i]!.kind === 'assessment' && drafts[i]!.passes }));
}

/**
 * Gives each learner 24 sampled events (seeds `seed`, `seed + 1`, …): the first 12 synced before
 * `backfill` starts, the other 12 one a sync while it runs. Returns each learner's history.
 */
export async function syncDuringBackfill(
  store: Store,
  userIds: string[],
  seed: number,
  backfill: () => Promise<unknown>,
) {
  const histories = userIds.map((id, u) =>
    incoming(fc.sample(draftArb, { seed: seed + u, numRuns: 24 }), `device-${id}`),
  );
  await Promise.all(userIds.map((id, u) => store.ingest(id, histories[u]!.slice(0, 12))));
  await Promise.all([
    backfill(),
    ...userIds.map(async (id, u) => {
      for (const event of histories[u]!.slice(12)) await store.ingest(id, [event]);
    }),
  ]);
  return histories;
}
