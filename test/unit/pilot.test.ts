/**
 * Pilot metrics on small data sets whose every number was worked out by hand (see comments).
 */
import { describe, expect, it } from 'vitest';
import {
  ASSOCIATION_NOTE,
  createPilotTally,
  evaluateGoals,
  hrOutcomes,
  median,
  niceTop,
  pilotContentOf,
  wilson,
  type Completion,
  type PilotContent,
  type PilotMember,
} from '../../src/core/pilot';
import type { Catalog } from '../../src/core/content';

// Pilot day 0 is Monday 2026-01-05; two weeks: days 0–6 and 7–13.
const window = { startDate: '2026-01-05', weeks: 2 };
const members: PilotMember[] = [
  { userId: 'p1', email: 'p1@x.test', group: 'pilot' },
  { userId: 'p2', email: 'p2@x.test', group: 'pilot' },
  { userId: 'p3', email: 'p3@x.test', group: 'pilot' },
  { userId: 'c1', email: 'c1@x.test', group: 'comparison' },
  { userId: 'c2', email: 'c2@x.test', group: 'comparison' },
];
const content: PilotContent = {
  lessonMinutes: new Map([
    ['a.1', 3],
    ['a.2', 5],
    ['a.assessment', 2],
    ['b.1', 4],
  ]),
  pathways: [
    {
      id: 'path-a',
      title: 'A',
      lessonIds: ['a.1', 'a.2', 'a.assessment'],
      competencies: ['comp-a'],
    },
    { id: 'path-b', title: 'B', lessonIds: ['b.1'], competencies: [] },
  ],
  competencyModules: new Map([['comp-a', ['a']]]),
};
const utc = (userId: string, lessonId: string, iso: string): Completion => ({
  userId,
  lessonId,
  at: Date.parse(iso),
  tz: 'UTC',
});
const completions: Completion[] = [
  utc('p1', 'a.1', '2026-01-05T09:00:00Z'), // day 0
  utc('p1', 'a.2', '2026-01-06T09:00:00Z'), // day 1
  utc('p1', 'a.assessment', '2026-01-07T09:00:00Z'), // day 2: path-a complete
  utc('p1', 'a.1', '2026-01-08T09:00:00Z'), // day 3: a replay still counts as a lesson
  utc('p3', 'a.1', '2026-01-06T09:00:00Z'), // day 1
  // 23:30 UTC on Sunday is 00:30 Monday in Berlin: day 7, week 2.
  { userId: 'p2', lessonId: 'b.1', at: Date.parse('2026-01-11T23:30:00Z'), tz: 'Europe/Berlin' },
  utc('c1', 'a.1', '2026-01-10T09:00:00Z'), // day 5
  utc('c1', 'a.2', '2026-01-11T09:00:00Z'), // day 6
  utc('c1', 'a.assessment', '2026-01-14T09:00:00Z'), // day 9
  utc('c2', 'a.1', '2026-01-04T09:00:00Z'), // day -1: before the window
  utc('c2', 'a.1', '2026-01-19T09:00:00Z'), // day 14: after it
  utc('stranger', 'a.1', '2026-01-05T09:00:00Z'), // not a member
];

function tallied() {
  const tally = createPilotTally(members, window, content);
  for (const c of completions) tally.addCompletion(c);
  return tally;
}

describe('weekly pilot metrics', () => {
  const [w1, w2] = tallied().weekly('2026-01-18');

  it('covers every week that has begun', () => {
    expect(tallied().weekly('2026-01-18')).toHaveLength(2);
    expect(tallied().weekly('2026-01-11')).toHaveLength(1);
    expect(tallied().weekly('2026-03-01')).toHaveLength(2);
    expect(w1).toMatchObject({ week: 1, from: '2026-01-05', to: '2026-01-11' });
    expect(w2).toMatchObject({ week: 2, from: '2026-01-12', to: '2026-01-18' });
  });

  it('weekly active learners %: active members ÷ group size', () => {
    // Week 1: p1, p3 of 3 pilot members; c1 of 2. Week 2: p2 (Berlin Monday) of 3; c1 of 2.
    expect([w1!.pilot.active, w1!.pilot.weeklyActivePct]).toEqual([2, 66.7]);
    expect([w1!.comparison.active, w1!.comparison.weeklyActivePct]).toEqual([1, 50]);
    expect([w2!.pilot.active, w2!.pilot.weeklyActivePct]).toEqual([1, 33.3]);
    expect([w2!.comparison.active, w2!.comparison.weeklyActivePct]).toEqual([1, 50]);
  });

  it('lessons per active learner counts every completion, replays included', () => {
    // Week 1 pilot: p1 4 + p3 1 = 5 over 2 active; comparison 2 over 1.
    expect([w1!.pilot.lessons, w1!.pilot.lessonsPerActive]).toEqual([5, 2.5]);
    expect([w1!.comparison.lessons, w1!.comparison.lessonsPerActive]).toEqual([2, 2]);
    expect([w2!.pilot.lessons, w2!.pilot.lessonsPerActive]).toEqual([1, 1]);
  });

  it('minutes learned sum the lesson estimates of completions', () => {
    // Week 1 pilot: 3+5+2+3 (p1) + 3 (p3) = 16; per member 16/3. Comparison 3+5 = 8.
    expect([w1!.pilot.minutes, w1!.pilot.minutesPerMember]).toEqual([16, 5.33]);
    expect([w1!.comparison.minutes, w1!.comparison.minutesPerMember]).toEqual([8, 4]);
    // Week 2: p2's b.1 = 4; c1's assessment = 2.
    expect([w2!.pilot.minutes, w2!.comparison.minutes]).toEqual([4, 2]);
  });

  it('pathway completion rate: completed ÷ started (member, pathway) pairs by the end of the week', () => {
    // Week 1 pilot: p1 path-a done, p3 path-a started → 1/2. Comparison: c1 started → 0/1.
    expect(w1!.pilot).toMatchObject({
      pathwaysStarted: 2,
      pathwaysCompleted: 1,
      pathwayCompletionPct: 50,
    });
    expect(w1!.comparison).toMatchObject({
      pathwaysStarted: 1,
      pathwaysCompleted: 0,
      pathwayCompletionPct: 0,
    });
    // Week 2: + p2 path-b done → 2/3; c1 finished path-a on day 9 → 1/1.
    expect(w2!.pilot).toMatchObject({
      pathwaysStarted: 3,
      pathwaysCompleted: 2,
      pathwayCompletionPct: 66.7,
    });
    expect(w2!.comparison.pathwayCompletionPct).toBe(100);
  });

  it('a group with no members or no activity reports null, not a division by zero', () => {
    const [week] = createPilotTally([], window, content).weekly('2026-01-05');
    expect(week!.pilot).toMatchObject({
      members: 0,
      weeklyActivePct: null,
      lessonsPerActive: null,
      minutesPerMember: null,
      pathwayCompletionPct: null,
    });
  });

  it('streak distribution on the last day of each week', () => {
    // Week 1 ends day 6: c1 active days 5, 6 → 2; everyone else 0.
    expect(w1!.pilot.streaks).toEqual({ '0': 3, '1-2': 0, '3-6': 0, '7-13': 0, '14+': 0 });
    expect(w1!.comparison.streaks).toEqual({ '0': 1, '1-2': 1, '3-6': 0, '7-13': 0, '14+': 0 });

    const three = { startDate: '2026-01-05', weeks: 3 };
    const people: PilotMember[] = ['s7', 's3', 's1', 's0', 's21'].map((userId) => ({
      userId,
      email: `${userId}@x.test`,
      group: 'pilot',
    }));
    const tally = createPilotTally(people, three, content);
    const on = (userId: string, days: number[]) =>
      days.forEach((d) =>
        tally.addCompletion(
          utc(userId, 'b.1', `2026-01-${String(5 + d).padStart(2, '0')}T12:00:00Z`),
        ),
      );
    on('s7', [0, 1, 2, 3, 4, 5, 6]); // 7 days ending on day 6
    on('s3', [3, 4, 5]); // ends the day before day 6: still current → 3
    on('s1', [6]);
    on('s0', [4]); // two days before: broken
    on(
      's21',
      Array.from({ length: 21 }, (_, d) => d),
    );
    const weeks = tally.weekly('2026-01-25');
    expect(weeks[0]!.pilot.streaks).toEqual({ '0': 1, '1-2': 1, '3-6': 1, '7-13': 2, '14+': 0 });
    expect(weeks[2]!.pilot.streaks).toEqual({ '0': 4, '1-2': 0, '3-6': 0, '7-13': 0, '14+': 1 });
  });

  it('manager engagement is null until its counts exist, then passes them through', () => {
    expect(w1!.pilot.manager).toEqual({
      assignmentsMade: null,
      scriptsOpened: null,
      nudgesSent: null,
    });
    const counts = { assignmentsMade: 4, scriptsOpened: 2, nudgesSent: 7 };
    const [week] = tallied().weekly('2026-01-05', { pilot: [counts], comparison: [] });
    expect(week!.pilot.manager).toEqual(counts);
    expect(week!.comparison.manager.nudgesSent).toBeNull();
  });
});

describe('time to competency', () => {
  it('median days from the first lesson of a pathway to its competency, per group', () => {
    const tally = tallied();
    // p1: first a.1 Jan 5 09:00, passed Jan 7 21:00 → 2.5 days. p3: Jan 6 09:00 → Jan 7 09:00 → 1.
    tally.addPass({ userId: 'p1', moduleId: 'a', at: Date.parse('2026-01-07T21:00:00Z') });
    tally.addPass({ userId: 'p1', moduleId: 'a', at: Date.parse('2026-01-09T21:00:00Z') }); // later pass ignored
    tally.addPass({ userId: 'p3', moduleId: 'a', at: Date.parse('2026-01-07T09:00:00Z') });
    // p2 passed but never started path-a: not counted. c1: Jan 10 09:00 → Jan 14 09:00 → 4.
    tally.addPass({ userId: 'p2', moduleId: 'a', at: Date.parse('2026-01-07T09:00:00Z') });
    tally.addPass({ userId: 'c1', moduleId: 'a', at: Date.parse('2026-01-14T09:00:00Z') });
    // path-b has no assessed competency, so it is left out.
    expect(tally.timeToCompetency()).toEqual([
      {
        pathwayId: 'path-a',
        title: 'A',
        pilot: { started: 2, reached: 2, medianDays: 1.75 },
        comparison: { started: 1, reached: 1, medianDays: 4 },
      },
    ]);
  });

  it('counts starters who have not reached it, with no median when nobody has', () => {
    expect(tallied().timeToCompetency()[0]!.pilot).toEqual({
      started: 2,
      reached: 0,
      medianDays: null,
    });
  });

  it('median of odd and even counts', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe('pilot content from the catalog', () => {
  it('takes lesson minutes, pathway lessons and assessed competencies', () => {
    const catalog: Catalog = {
      roles: [],
      competencies: [],
      pathways: [{ id: 'p', title: 'P', moduleIds: ['a', 'b'], estimateMinutes: 9 }],
      modules: [
        {
          id: 'a',
          title: 'A',
          summary: '',
          competencies: ['x'],
          estimateMinutes: 5,
          version: '1',
          lessons: [
            { id: 'a.1', title: '', estimateMinutes: 3 },
            { id: 'a.assessment', title: '', estimateMinutes: 2 },
          ],
        },
        {
          id: 'b',
          title: 'B',
          summary: '',
          competencies: ['y'],
          estimateMinutes: 4,
          version: '1',
          lessons: [{ id: 'b.1', title: '', estimateMinutes: 4 }],
        },
      ],
    };
    const c = pilotContentOf(catalog);
    expect(c.lessonMinutes.get('a.assessment')).toBe(2);
    expect(c.pathways[0]).toEqual({
      id: 'p',
      title: 'P',
      lessonIds: ['a.1', 'a.assessment', 'b.1'],
      competencies: ['x'],
    });
    expect([...c.competencyModules]).toEqual([['x', ['a']]]);
  });
});

describe('HR outcomes', () => {
  const records = [
    { email: 'p1@x.test', hireDate: '2020-01-01', exitDate: null, moves: ['2026-01-10'] }, // stays, moves
    { email: 'P2@x.test', hireDate: '2021-05-01', exitDate: '2026-01-15', moves: [] }, // leaves in window
    { email: 'p3@x.test', hireDate: '2026-01-06', exitDate: null, moves: [] }, // hired after start: not eligible
    { email: 'c1@x.test', hireDate: '2019-01-01', exitDate: '2026-02-01', moves: ['2025-06-01'] }, // leaves after window; old move
    { email: 'c2@x.test', hireDate: '2018-01-01', exitDate: '2025-12-31', moves: [] }, // gone before start
    { email: 'stranger@x.test', hireDate: '2018-01-01', exitDate: null, moves: [] },
  ];

  it('retention and internal mobility with group sizes and 95% Wilson intervals', () => {
    const out = hrOutcomes(members, records, window);
    // Pilot: eligible p1, p2 → retained 1/2, moved 1/2. Wilson(1, 2) = 9.5 … 90.5 %.
    expect(out.pilot).toEqual({
      members: 3,
      withHrRecord: 3,
      retention: { n: 2, k: 1, pct: 50, low: 9.5, high: 90.5 },
      mobility: { n: 2, k: 1, pct: 50, low: 9.5, high: 90.5 },
    });
    // Comparison: eligible c1 only → retained 1/1 (Wilson 20.7 … 100), moved 0/1 (0 … 79.3).
    expect(out.comparison).toEqual({
      members: 2,
      withHrRecord: 2,
      retention: { n: 1, k: 1, pct: 100, low: 20.7, high: 100 },
      mobility: { n: 1, k: 0, pct: 0, low: 0, high: 79.3 },
    });
    expect(out.note).toBe(ASSOCIATION_NOTE);
    expect(out.note).toEqual({
      key: 'pilot.note.association',
      text: expect.stringMatching(/association.*not proof/),
    });
  });

  it('Wilson score interval matches the textbook values', () => {
    const eight = wilson(8, 10)!; // 0.4902 … 0.9433
    expect(eight.low).toBeCloseTo(0.4902, 4);
    expect(eight.high).toBeCloseTo(0.9433, 4);
    expect(wilson(0, 0)).toBeNull();
  });
});

describe('goals', () => {
  it('compares the pilot group with each target: latest week, or the window for HR outcomes', () => {
    const weeks = tallied().weekly('2026-01-18');
    const outcomes = hrOutcomes(members, [], window);
    expect(
      evaluateGoals(
        [
          { metric: 'weeklyActivePct', op: '>=', target: 30 },
          { metric: 'lessonsPerActive', op: '>=', target: 3 },
          { metric: 'retentionPct', op: '>=', target: 90 },
        ],
        weeks,
        outcomes,
      ),
    ).toEqual([
      { metric: 'weeklyActivePct', op: '>=', target: 30, value: 33.3, met: true },
      { metric: 'lessonsPerActive', op: '>=', target: 3, value: 1, met: false },
      { metric: 'retentionPct', op: '>=', target: 90, value: null, met: null },
    ]);
  });
});

describe('a chart axis', () => {
  it('tops at a real value at or above the highest bar, never a rounded label above it', () => {
    // A 1.5 bar once reached a top label of "2" (Math.round); now it stands at 75% of a true 2.
    expect(niceTop(1.5)).toBe(2);
    expect([0.3, 1, 2.2, 3, 7, 12, 80, 100].map(niceTop)).toEqual([
      0.5, 1, 2.5, 5, 10, 20, 100, 100,
    ]);
    expect(niceTop(0)).toBe(1);
    for (const v of [0.07, 1.5, 4.4, 37, 999]) {
      expect(niceTop(v)).toBeGreaterThanOrEqual(v);
      expect(niceTop(v)).toBeLessThanOrEqual(v * 2.5);
    }
  });
});
