/** The pure people rules: a report's progress and risk, the career gap, the 1:1 script. */
import { describe, expect, it } from 'vitest';
import { careerGap } from '../../src/core/career';
import type { Catalog } from '../../src/core/content';
import type { ProgressEvent } from '../../src/core/events';
import { oneOnOneScript } from '../../src/core/one-on-one';
import { coachPhrase, type CoachKey } from '../../src/core/phrases/coach';
import type { Phrase } from '../../src/core/wording';
import { activityOf, reportProgress, weekStart } from '../../src/core/team';

const lesson = (id: string, estimateMinutes = 4) => ({ id, title: id, estimateMinutes });
const catalog = {
  roles: [
    {
      id: 'eng',
      title: 'Engineer',
      levels: [
        { id: 'e1', title: 'Engineer', competencies: ['review'] },
        { id: 'e2', title: 'Senior engineer', competencies: ['review', 'writing', 'coaching'] },
      ],
    },
  ],
  competencies: [
    { id: 'review', title: 'Code review' },
    { id: 'writing', title: 'Writing' },
    { id: 'coaching', title: 'Coaching' },
  ],
  pathways: [
    { id: 'craft', title: 'Craft', moduleIds: ['m-review', 'm-writing'], estimateMinutes: 11 },
    { id: 'write', title: 'Write', moduleIds: ['m-writing'], estimateMinutes: 3 },
    { id: 'coach', title: 'Coach', moduleIds: ['m-coach'], estimateMinutes: 9 },
  ],
  modules: [
    { id: 'm-review', competencies: ['review'], lessons: [lesson('r1'), lesson('r2')] },
    { id: 'm-writing', competencies: ['writing'], lessons: [lesson('w1', 3)] },
    { id: 'm-coach', competencies: ['coaching'], lessons: [lesson('c1', 9)] },
  ].map((m) => ({ ...m, title: m.id, summary: '', estimateMinutes: 0, version: '1' })),
} as unknown as Catalog;

/** A phrase as a German manager reads it. */
const inGerman = (p: Phrase) => coachPhrase.say(p.key as CoachKey, p.params, 'de');

const NOW = Date.parse('2026-03-12T10:00:00Z'); // a Thursday
let seq = 0;
const done = (lessonId: string, iso: string): ProgressEvent => ({
  id: `e${++seq}`,
  type: 'lesson_completed',
  lessonId,
  durationMs: 100_000,
  occurredAt: iso,
  tz: 'Europe/Berlin',
  deviceId: 'device-1',
  seq,
});

/** A report's progress at NOW in Berlin: no assignments, competencies or streak unless given. */
const progressOf = ({
  events = [],
  ...input
}: Partial<Parameters<typeof reportProgress>[0]> & { events?: ProgressEvent[] }) =>
  reportProgress({
    activity: activityOf(events),
    catalog,
    assignments: [],
    competencies: [],
    streak: 0,
    tz: 'Europe/Berlin',
    now: NOW,
    ...input,
  });

describe('reportProgress', () => {
  it('weeks start on Monday', () => {
    expect(weekStart('2026-03-12')).toBe('2026-03-09');
    expect(weekStart('2026-03-09')).toBe('2026-03-09');
    expect(weekStart('2026-03-15')).toBe('2026-03-09');
  });

  it('counts this week, the streak, the assessed competencies and assignment minutes left', () => {
    const p = progressOf({
      events: [
        done('r1', '2026-03-08T10:00:00Z'), // Sunday: last week
        done('r2', '2026-03-11T10:00:00Z'),
        done('w1', '2026-03-12T08:00:00Z'),
      ],
      assignments: [{ pathwayId: 'coach', dueDate: '2026-03-20' }],
      competencies: ['writing', 'review'],
      streak: 2,
    });
    expect(p.lessonsThisWeek).toBe(2);
    const minutes = (id: string) =>
      catalog.modules.flatMap((m) => m.lessons).find((l) => l.id === id)!.estimateMinutes;
    expect(p.minutesThisWeek).toBe(minutes('r2') + minutes('w1'));
    expect(p.streak).toBe(2);
    expect(p.lastActiveAt).toBe('2026-03-12T08:00:00.000Z');
    expect(p.competencies).toEqual(['review', 'writing']);
    expect(p.assignments).toEqual([
      expect.objectContaining({ pathwayId: 'coach', remainingMinutes: 9, overdue: false }),
    ]);
    expect(p.atRisk).toBe(false);
  });

  it('is at risk after 7 quiet days or with an overdue assignment', () => {
    const quiet = progressOf({
      events: [done('r1', '2026-03-05T10:00:00Z')],
    });
    expect(quiet.atRisk).toBe(true);
    expect(quiet.riskReasons).toEqual([
      { key: 'coach.risk.quiet', params: { days: 7 }, text: 'No lesson in the last 7 days' },
    ]);
    expect(quiet.riskReasons.map(inGerman)).toEqual(['Keine Lektion in den letzten 7 Tagen']);
    const sixDays = progressOf({
      events: [done('r1', '2026-03-06T10:00:00Z')],
    });
    expect(sixDays.atRisk).toBe(false);
    const overdue = progressOf({
      events: [done('r1', '2026-03-12T09:00:00Z')],
      assignments: [{ pathwayId: 'craft', dueDate: '2026-03-11' }],
    });
    expect(overdue.assignments[0]).toMatchObject({ overdue: true, remainingMinutes: 7 });
    expect(overdue.riskReasons).toEqual([
      {
        key: 'coach.risk.overdue',
        params: { title: 'Craft', dueDate: '2026-03-11' },
        text: '"Craft" was due Mar 11, 2026',
      },
    ]);
    expect(overdue.riskReasons.map(inGerman)).toEqual(['„Craft“ war am 11.03.2026 fällig']);
  });

  it('never calls a finished pathway overdue', () => {
    const p = progressOf({
      events: [done('w1', '2026-03-01T10:00:00Z')],
      assignments: [{ pathwayId: 'write', dueDate: '2026-03-02' }],
    });
    expect(p.assignments[0]).toMatchObject({ complete: true, overdue: false, remainingMinutes: 0 });
  });
});

describe('careerGap', () => {
  it('suggests pathways covering most of the next level gap first', () => {
    const gap = careerGap(catalog, { roleId: 'eng', level: 1 }, ['review'])!;
    expect(gap.targetLevel).toBe('Senior engineer');
    expect(gap.missing).toEqual(['writing', 'coaching']);
    expect(gap.suggestions.map((s) => [s.pathwayId, s.covers])).toEqual([
      ['write', ['writing']],
      ['coach', ['coaching']],
      ['craft', ['writing']],
    ]);
  });

  it('at the top level closes the current level; unknown roles give nothing', () => {
    expect(careerGap(catalog, { roleId: 'eng', level: 2 }, ['review', 'writing'])!.missing).toEqual(
      ['coaching'],
    );
    expect(careerGap(catalog, { roleId: 'nope', level: 1 }, [])).toBeUndefined();
  });
});

describe('oneOnOneScript', () => {
  /** Lena's script: a 2-day streak, 2 lessons, one competency, "Coach" assigned and not started. */
  const lenasScript = (competencyTitle: (id: string) => string) => {
    const progress = progressOf({
      events: [done('r1', '2026-03-11T10:00:00Z'), done('r2', '2026-03-12T08:00:00Z')],
      assignments: [{ pathwayId: 'coach', dueDate: '2026-03-30' }],
      competencies: ['review'],
      streak: 2,
    });
    const gap = careerGap(catalog, { roleId: 'eng', level: 1 }, progress.competencies);
    return oneOnOneScript('Lena Learner', progress, gap, competencyTitle);
  };

  it('celebrates, names what is stuck, asks one question and suggests the next pathway', () => {
    const script = lenasScript((id) => id.toUpperCase());
    expect(script.celebrate).toEqual([
      { key: 'coach.celebrate.streak', params: { days: 2 }, text: 'A 2-day learning streak' },
      { key: 'coach.celebrate.lessons', params: { count: 2 }, text: '2 lessons this week' },
      {
        key: 'coach.celebrate.competency',
        params: { competency: 'REVIEW' },
        text: 'Reached: REVIEW',
      },
    ]);
    expect(script.stuck).toEqual([
      {
        key: 'coach.stuck.notStarted',
        params: { title: 'Coach', dueDate: '2026-03-30' },
        text: '"Coach" not started yet (due Mar 30, 2026)',
      },
    ]);
    expect(script.nextPathway).toMatchObject({ pathwayId: 'write' });
    expect(script.question).toEqual({
      key: 'coach.question.apply',
      params: { title: 'Write' },
      text: 'Which situation this month could you use "Write" in?',
    });
    // Ids stay the stored words, so a tick survives the script being rebuilt (or reworded).
    expect(script.checklist.map((i) => [i.id, i.key])).toEqual([
      ['celebrate', 'coach.check.celebrate'],
      ['blockers', 'coach.check.blockers'],
      ['question', 'coach.check.question'],
      ['next-step', 'coach.check.dueDate'],
      ['time', 'coach.check.time'],
    ]);
    expect(script.checklist[0]!.text).toBe('Tell Lena what you noticed and appreciate');
  });

  it('reads in German for a German manager: celebrations, dates, the question, the checklist', () => {
    const script = lenasScript(() => 'Code-Review');
    expect(script.celebrate.map(inGerman)).toEqual([
      'Eine Lernserie von 2 Tagen',
      '2 Lektionen diese Woche',
      'Erreicht: Code-Review',
    ]);
    expect(script.stuck.map(inGerman)).toEqual([
      '„Coach“ noch nicht begonnen (fällig am 30.03.2026)',
    ]);
    expect(inGerman(script.question)).toBe(
      'In welcher Situation könntest du „Write“ diesen Monat anwenden?',
    );
    expect(script.checklist.map(inGerman)).toEqual([
      'Sag Lena, was dir aufgefallen ist und was du schätzt',
      'Frag nach Hindernissen und vereinbare eine Änderung',
      'Stell die Frage oben und hör zu',
      'Vereinbare ein Fälligkeitsdatum für „Write“',
      'Trag Lernzeit in beide Kalender ein',
    ]);
  });

  it('at risk and with nothing to celebrate, asks about blockers and suggests showing up', () => {
    const progress = progressOf({
      events: [],
    });
    const script = oneOnOneScript('Ole', progress, undefined);
    expect(script.celebrate.map((p) => p.key)).toEqual(['coach.celebrate.showingUp']);
    expect(script.stuck).toEqual(progress.riskReasons);
    expect(script.question.key).toBe('coach.question.blockers');
    expect(script.checklist.find((i) => i.id === 'next-step')!.text).toBe(
      'Agree the next learning step',
    );
    expect(inGerman(script.celebrate[0]!)).toBe(
      'Dabeibleiben: Frag, was die Person zuletzt ausprobiert hat',
    );
    expect(inGerman(script.question)).toBe(
      'Was hält dich gerade vom Lernen ab, und was würde 10 Minuten pro Woche leicht machen?',
    );
  });
});
