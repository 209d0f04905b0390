/**
 * Kept mastery (store/learner-mastery.ts) on both databases: whatever order, batching,
 * duplication, clock skew and time zones (DST changes included) a learner's assessment attempts,
 * quiz answers and review answers arrive in, the mastery `/me/state` reads equals grading every
 * stored event at once (src/core/mastery.ts), and a backfill rebuilds the same.
 */
import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { QuizCard } from '../../src/core/content';
import { answerKeyOf } from '../../src/core/mastery';
import { loadContentDir } from '../../src/server/content/load';
import { gradeMastery, masteryOf } from '../../src/server/mastery';
import type { IncomingEvent } from '../../src/server/store/store';
import { storeKinds } from '../support/databases';
import { arrival, arrivalArbs, draftedEvents } from '../support/batches';
import { newLearner, sharedStore } from '../support/fresh';

const content = loadContentDir(join(import.meta.dirname, '..', '..', 'content'));
const key = content.modules.map(answerKeyOf).find((k) => k !== undefined)!;
const keyCards = [...key.quizzes.values()];
const answers = (right: (c: QuizCard) => boolean) =>
  keyCards.map((c) => ({
    cardId: c.id,
    answerIds: right(c)
      ? c.options.filter((o) => o.correct).map((o) => o.id)
      : [c.options.find((o) => !o.correct)!.id],
  }));
/** A few quiz cards of ordinary lessons, from two modules. */
const CARDS = content.modules
  .flatMap((m) =>
    m.lessons
      .filter((l) => l.id !== key.lessonId)
      .flatMap((l) =>
        l.cards.flatMap((c) => (c.kind === 'quiz' ? [{ lessonId: l.id, card: c }] : [])),
      ),
  )
  .slice(0, 4);
const ZONES = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC'];

const draftArb = fc.record({
  kind: fc.constantFrom('quiz', 'review', 'review', 'assessment', 'started'),
  card: fc.nat(CARDS.length - 1),
  right: fc.boolean(),
  /** Questions of the assessment answered right (out of all of them). */
  share: fc.nat(keyCards.length),
  zone: fc.nat(ZONES.length - 1),
  minutes: fc.integer({ min: 0, max: 35 * 24 * 60 }),
  skewMinutes: fc.constantFrom(0, 0, -90, 300),
});
type Draft = typeof draftArb extends fc.Arbitrary<infer T> ? T : never;

function incoming(drafts: Draft[], device: string): IncomingEvent[] {
  return draftedEvents(drafts, device, ZONES, (d, base) => {
    const { lessonId, card } = CARDS[d.card]!;
    const answerIds = d.right
      ? card.options.filter((o) => o.correct).map((o) => o.id)
      : [card.options.find((o) => !o.correct)!.id];
    return d.kind === 'assessment'
      ? {
          ...base,
          type: 'assessment_submitted',
          lessonId: key.lessonId,
          answers: answers((c) => keyCards.indexOf(c) < d.share),
        }
      : d.kind === 'started'
        ? { ...base, type: 'lesson_started', lessonId }
        : {
            ...base,
            type: d.kind === 'quiz' ? 'quiz_answered' : 'review_answered',
            lessonId,
            cardId: card.id,
            answerIds,
          };
  });
}

describe.each(storeKinds)('$name store: kept mastery', (kind) => {
  const { store } = sharedStore(kind, async (store) => {
    await store.saveContent(content.catalog, content.modules);
    await store.createOrg({ id: 'org', name: 'Org' });
  });
  let run = 0;

  async function learner(): Promise<{ id: string; orgId: string }> {
    const id = `u${++run}`;
    await store.createUser(newLearner(id, 'org'));
    return { id, orgId: 'org' };
  }

  /** Mastery graded from every stored event at once: what /me/state answered before it was kept. */
  const recomputed = async (user: { id: string; orgId: string }) =>
    gradeMastery(store, await store.userEvents(user.id), user.orgId);

  it('keeps the mastery a grading of all the events gives, whatever the arrival', async () => {
    expect(await store.learnerMasteryReady()).toBe(true);
    await fc.assert(
      fc.asyncProperty(...arrivalArbs(draftArb, 30, 5), async (drafts, cuts, resent, seed) => {
        const user = await learner();
        const events = incoming(drafts, `device-${user.id}`);
        for (const batch of arrival(events, cuts, resent, seed)) await store.ingest(user.id, batch);
        expect(await masteryOf(store, user)).toEqual(await recomputed(user));
      }),
      { numRuns: kind.name === 'sqlite' ? 60 : 25 },
    );
  });

  it('passes an assessment from the kept row, and reads several learners at once', async () => {
    const user = await learner();
    await store.ingest(
      user.id,
      incoming(
        [
          {
            kind: 'assessment',
            card: 0,
            right: true,
            share: keyCards.length,
            zone: 0,
            minutes: 0,
            skewMinutes: 0,
          },
        ],
        'd',
      ),
    );
    const mastery = await masteryOf(store, user);
    expect(mastery.assessments[key.lessonId]).toMatchObject({ passed: true, attempts: 1 });
    expect(mastery).toEqual(await recomputed(user));
    const kept = await store.learnerMasteries([user.id, 'nobody']);
    expect([...kept.keys()]).toEqual([user.id]);
  });

  it('rebuilds the same mastery in a backfill', async () => {
    const before = new Map<string, unknown>();
    for (let i = 1; i <= run; i++) {
      const user = { id: `u${i}`, orgId: 'org' };
      before.set(user.id, await masteryOf(store, user));
    }
    await store.backfillLearnerMastery({ restart: true, chunk: 7 });
    expect(await store.learnerMasteryReady()).toBe(true);
    for (const [id, mastery] of before)
      expect(await masteryOf(store, { id, orgId: 'org' })).toEqual(mastery);
  });
});
