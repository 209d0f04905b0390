/**
 * The sync path grades against a parsed copy of the content kept between requests; a content
 * re-import must reach the very next sync (XP facts, and the modules mastery is graded on).
 */
import { describe, expect, it } from 'vitest';
import { contentSnapshot } from '../../src/server/content-snapshot';
import { lessonLookup } from '../../src/server/progress-aggregate';
import { demoStore, reimportModule } from '../support/server';

const TRUE_FALSE = '- [x] True\n  > Specific praise';
const FLIPPED = '- [ ] True\n  > Specific praise';

describe('content snapshot', () => {
  it('keeps one parsed copy while the content is unchanged', async () => {
    const store = await demoStore();
    expect(await contentSnapshot(store)).toBe(await contentSnapshot(store));
  });

  it('grades the next sync against re-imported content', async () => {
    const store = await demoStore();
    const module = (await store.getModule('giving-feedback'))!;
    const lesson = module.lessons.find((l) =>
      l.cards.some((c) => c.kind === 'quiz' && c.options.some((o) => o.id && o.correct)),
    )!;
    const quizIds = Object.keys((await lessonLookup(store))(lesson.id)!.quiz);
    const trueFalse = quizIds.find((id) => {
      const card = lesson.cards.find((c) => c.id === id);
      return card?.kind === 'quiz' && card.options.length === 2;
    })!;
    const answeredTrue = (await lessonLookup(store))(lesson.id)!.quiz[trueFalse]!;
    expect(answeredTrue).toHaveLength(1);
    await reimportModule(store, 'giving-feedback', (md) => {
      expect(md).toContain(TRUE_FALSE);
      return md.replace(TRUE_FALSE, FLIPPED).replace('- [ ] False', '- [x] False');
    });
    const flipped = (await lessonLookup(store))(lesson.id)!.quiz[trueFalse]!;
    expect(flipped).toHaveLength(1);
    expect(flipped).not.toEqual(answeredTrue);
    expect((await contentSnapshot(store)).module('giving-feedback')!.version).not.toBe(
      module.version,
    );
  });
});
