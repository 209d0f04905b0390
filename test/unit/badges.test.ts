import { describe, expect, it } from 'vitest';
import { badgesOf, moduleMastered } from '../../src/core/badges';
import { badgePhrase, type BadgeKey } from '../../src/core/phrases/badges';
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
    expect(badges.map((b) => b.phrase.key)).toEqual([
      'badge.competency',
      'badge.streak',
      'badge.streak',
      'badge.firstKudos',
    ]);
    expect(
      badges.map((b) => badgePhrase.say(b.phrase.key as BadgeKey, b.phrase.params, 'de')),
    ).toEqual(['Active listening', '7-Tage-Serie', '30-Tage-Serie', 'Erste Kudos']);
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

  it('titles ten kudos and a hundred-day streak with numbers in the reader’s locale', () => {
    const badges = badgesOf({
      ledger: emptyLedger,
      longestStreak: 100,
      kudosReceived: 10,
      modules: [],
      competencyTitles: {},
    });
    expect(badges.map((b) => [b.id, b.title])).toEqual([
      ['streak:7', '7-day streak'],
      ['streak:30', '30-day streak'],
      ['streak:100', '100-day streak'],
      ['kudos:1', 'First kudos'],
      ['kudos:10', '10 kudos'],
    ]);
    expect(badges.at(-1)!.phrase).toEqual({
      key: 'badge.kudos',
      params: { count: 10 },
      text: '10 kudos',
    });
    expect(badgePhrase.say('badge.kudos', { count: 10 }, 'de')).toBe('10 Kudos');
    expect(badgePhrase.say('badge.streak', { days: 100 }, 'de')).toBe('100-Tage-Serie');
  });
});
