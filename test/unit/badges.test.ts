import { describe, expect, it } from 'vitest';
import { badgesOf, moduleMastered } from '../../src/core/badges';
import { emptyLedger, type Ledger } from '../../src/core/progress';

const module = { id: 'm', competencies: ['listening'], lessons: [{ id: 'm.a' }, { id: 'm.b' }] };
function ledger(done: string[], right: number, wrong: number): Ledger {
  const firstAnswers: Ledger['firstAnswers'] = {};
  for (let i = 0; i < right + wrong; i++)
    firstAnswers[`m.b#q${i}`] = { at: i, id: `e${i}`, correct: i < right };
  return {
    ...emptyLedger,
    completions: Object.fromEntries(
      done.map((id) => [id, { at: 1, id, quizzes: id === 'm.b' ? right + wrong : 0 }]),
    ),
    firstAnswers,
  };
}

describe('badges', () => {
  it('marks a competency reached only with every lesson done and 80% right first time', () => {
    expect(moduleMastered(ledger(['m.a', 'm.b'], 4, 1), module)).toBe(true);
    expect(moduleMastered(ledger(['m.a', 'm.b'], 3, 2), module)).toBe(false);
    expect(moduleMastered(ledger(['m.b'], 5, 0), module)).toBe(false);
  });

  it('gives streak and kudos milestones, never raw completion counts', () => {
    const badges = badgesOf({
      ledger: ledger(['m.a', 'm.b'], 5, 0),
      longestStreak: 30,
      kudosReceived: 1,
      modules: [module],
      competencyTitles: { listening: 'Active listening' },
    });
    expect(badges.map((b) => b.title)).toEqual([
      'Active listening',
      '7-day streak',
      '30-day streak',
      'First kudos',
    ]);
    expect(
      badgesOf({
        ledger: emptyLedger,
        longestStreak: 6,
        kudosReceived: 0,
        modules: [module],
        competencyTitles: {},
      }),
    ).toEqual([]);
  });
});
