import { describe, expect, it } from 'vitest';
import { badgeGallery, badgesOf, moduleMastered } from '../../src/core/badges';
import { badgeHowPhrase, type BadgeHowKey } from '../../src/core/phrases/badge-how';
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
/** The badges of a learner who has finished no lesson and answered no question yet. */
const badgesWithoutLessons = (
  longestStreak: number,
  kudosReceived: number,
  modules: Array<typeof module> = [],
) => badgesOf({ ledger: emptyLedger, longestStreak, kudosReceived, modules, competencyTitles: {} });

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
    expect(badgesWithoutLessons(6, 0, [module])).toEqual([]);
  });

  it('titles ten kudos and a hundred-day streak with numbers in the reader’s locale', () => {
    const badges = badgesWithoutLessons(100, 10);
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

describe('the badge gallery', () => {
  const modules = [
    { id: 'fb', title: 'Giving feedback', competencies: ['feedback', 'coaching'] },
    { id: 'co', title: 'Coaching conversations', competencies: ['coaching'] },
  ];
  const competencies = [
    { id: 'feedback', title: 'Feedback' },
    { id: 'coaching', title: 'Coaching' },
    { id: 'hiring', title: 'Hiring' }, // taught by no module: no badge to chase
  ];
  const say = (p: { key: string; params?: Record<string, string | number> }, l: 'en' | 'de') =>
    badgeHowPhrase.say(p.key as BadgeHowKey, p.params ?? {}, l);

  it('lists every badge there is, the earned ones first, each locked one with what earns it', () => {
    const earned = badgesWithoutLessons(8, 3);
    const slots = badgeGallery({
      earned,
      longestStreak: 8,
      kudosReceived: 3,
      modules,
      competencies,
    });
    expect(slots.map((s) => [s.id, s.earned])).toEqual([
      ['streak:7', true],
      ['kudos:1', true],
      ['streak:30', false],
      ['streak:100', false],
      ['kudos:10', false],
      ['competency:feedback', false],
      ['competency:coaching', false],
    ]);
    const locked = Object.fromEntries(slots.map((s) => [s.id, s]));
    expect(say(locked['streak:30']!.how, 'en')).toBe('Learn 30 days in a row');
    expect(locked['streak:30']!.progress).toEqual({ have: 8, need: 30 });
    expect(locked['streak:7']!.progress).toEqual({ have: 7, need: 7 });
    expect(locked['kudos:10']!.progress).toEqual({ have: 3, need: 10 });
    expect(say(locked['competency:feedback']!.how, 'en')).toBe(
      'Finish “Giving feedback” with 80% of your first answers right',
    );
    expect(say(locked['competency:coaching']!.how, 'en')).toBe(
      'Finish a module that teaches it, such as “Giving feedback”, with 80% of your first answers right',
    );
    expect(say(locked['competency:feedback']!.how, 'de')).toBe(
      'Schließe „Giving feedback“ mit 80 % richtigen ersten Antworten ab',
    );
    expect(say(locked['kudos:10']!.how, 'de')).toBe(
      'Erhalte 10 Kudos von Kolleginnen und Kollegen',
    );
  });

  it('claims only what the server gave: reaching a count on the device is not yet earning it', () => {
    const slots = badgeGallery({
      earned: [],
      longestStreak: 7,
      kudosReceived: 1,
      modules,
      competencies,
    });
    expect(slots.filter((s) => s.earned)).toEqual([]);
  });
});
