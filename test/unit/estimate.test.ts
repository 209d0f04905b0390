import { describe, expect, it } from 'vitest';
import * as estimate from '../../src/core/estimate';

describe('time estimates', () => {
  it('reads 200 words a minute and adds 15 s per quiz question', () => {
    expect(estimate.estimateLessonSeconds({ words: 400, quizQuestions: 0, mediaSeconds: 0 })).toBe(
      120,
    );
    expect(estimate.estimateLessonSeconds({ words: 400, quizQuestions: 2, mediaSeconds: 0 })).toBe(
      150,
    );
    expect(estimate.estimateLessonSeconds({ words: 0, quizQuestions: 0, mediaSeconds: 90 })).toBe(
      90,
    );
  });

  it('rounds up to whole minutes and never shows zero', () => {
    expect(estimate.estimateLessonMinutes({ words: 400, quizQuestions: 0, mediaSeconds: 0 })).toBe(
      2,
    );
    expect(estimate.estimateLessonMinutes({ words: 401, quizQuestions: 0, mediaSeconds: 0 })).toBe(
      3,
    );
    expect(estimate.estimateLessonMinutes({ words: 0, quizQuestions: 0, mediaSeconds: 0 })).toBe(1);
  });

  it("lets the author's override win", () => {
    expect(
      estimate.estimateLessonMinutes({
        words: 5000,
        quizQuestions: 9,
        mediaSeconds: 0,
        overrideMinutes: 4,
      }),
    ).toBe(4);
  });

  it('sums the minutes each lesson shows for modules and pathways', () => {
    expect(
      estimate.sumMinutes([{ estimateMinutes: 3 }, { estimateMinutes: 4 }, { estimateMinutes: 5 }]),
    ).toBe(12);
  });

  it('counts words as a reader meets them', () => {
    expect(estimate.countWords("It's a well-known idea — 3 times over, naïve café.")).toBe(9);
    expect(estimate.countWords('  ')).toBe(0);
  });
});
