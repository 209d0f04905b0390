/**
 * The pilot API end to end through `app.request`: an admin sets up a two-week pilot, imports HR
 * rows, and every number on the report is checked against values worked out by hand below.
 * Runs on SQLite and on PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import { signInAs, type Client } from '../support/api';
import { storeKinds } from '../support/databases';
import { NOW, store, admin, setUpPilot, usePilotApi } from '../support/pilot-api';
import { expectErrorBody } from '../support/error-body';

describe.each(storeKinds)('pilot API on $name', (kind) => {
  usePilotApi(kind);

  describe('pilot report', () => {
    it('checks every number of a seeded pilot', async () => {
      await setUpPilot();
      const res = await admin.get('/api/v1/pilot/report');
      expect(res.status).toBe(200);
      const report = await res.json();
      expect(report.pilot).toMatchObject({
        name: 'Winter pilot',
        startDate: '2026-01-05',
        endDate: '2026-01-18',
        weeks: 2,
      });
      expect(report.groups).toEqual({ pilot: { members: 5 }, comparison: { members: 3 } });
      // Nobody but ann is active on the last day of a week or the day before it.
      const allZero = (n: number) => ({ '0': n, '1-2': 0, '3-6': 0, '7-13': 0, '14+': 0 });
      const noManager = { assignmentsMade: 0, scriptsOpened: 0, nudgesSent: 0 };
      expect(report.weeks).toEqual([
        {
          week: 1,
          from: '2026-01-05',
          to: '2026-01-11',
          // learner: alpha.one (3) + alpha.assessment (2); path-a done. 1 of 5 active = 20%;
          // 5 min / 5 members = 1. Her last active day is day 2, so her streak on day 6 is 0.
          pilot: {
            members: 5,
            active: 1,
            weeklyActivePct: 20,
            lessons: 2,
            lessonsPerActive: 2,
            minutes: 5,
            minutesPerMember: 1,
            pathwaysStarted: 1,
            pathwaysCompleted: 1,
            pathwayCompletionPct: 100,
            streaks: allZero(5),
            manager: noManager,
          },
          // cal: alpha.one (3); path-a started. 1 of 3 active = 33.3%; 3 min / 3 members = 1.
          comparison: {
            members: 3,
            active: 1,
            weeklyActivePct: 33.3,
            lessons: 1,
            lessonsPerActive: 1,
            minutes: 3,
            minutesPerMember: 1,
            pathwaysStarted: 1,
            pathwaysCompleted: 0,
            pathwayCompletionPct: 0,
            streaks: allZero(3),
            manager: noManager,
          },
        },
        {
          week: 2,
          from: '2026-01-12',
          to: '2026-01-18',
          // ann: beta.one three times (4 min each, replays count): 12 min / 5 members = 2.4;
          // 1 of 5 active = 20%. Pathways are counted to date: learner's path-a (week 1) and
          // ann's path-b, both complete. ann's streak on the 18th is 2 (17th, 18th); 4 others 0.
          pilot: {
            members: 5,
            active: 1,
            weeklyActivePct: 20,
            lessons: 3,
            lessonsPerActive: 3,
            minutes: 12,
            minutesPerMember: 2.4,
            pathwaysStarted: 2,
            pathwaysCompleted: 2,
            pathwayCompletionPct: 100,
            streaks: { ...allZero(4), '1-2': 1 },
            manager: noManager,
          },
          comparison: {
            members: 3,
            active: 0,
            weeklyActivePct: 0,
            lessons: 0,
            lessonsPerActive: null,
            minutes: 0,
            minutesPerMember: 0,
            pathwaysStarted: 1,
            pathwaysCompleted: 0,
            pathwayCompletionPct: 0,
            streaks: allZero(3),
            manager: noManager,
          },
        },
      ]);
      // learner: first lesson Jan 5 08:00, passed Jan 7 08:00 → 2 days. cal failed. path-b has no assessed competency.
      expect(report.timeToCompetency).toEqual([
        {
          pathwayId: 'path-a',
          title: 'Path A',
          pilot: { started: 1, reached: 1, medianDays: 2 },
          comparison: { started: 1, reached: 0, medianDays: null },
        },
      ]);
      // Pilot: manager2 and learner2 have no HR row, so 3 of 5 have one. Eligible: learner,
      // manager, ann; the manager left on Jan 10; the learner moved on Jan 15.
      // Comparison eligible: admin, cal, dee; cal and dee left; dee moved on Jan 12 (cal's move predates the window).
      expect(report.outcomes).toEqual({
        pilot: {
          members: 5,
          withHrRecord: 3,
          retention: { n: 3, k: 2, pct: 66.7, low: 20.8, high: 93.9 },
          mobility: { n: 3, k: 1, pct: 33.3, low: 6.1, high: 79.2 },
        },
        comparison: {
          members: 3,
          withHrRecord: 3,
          retention: { n: 3, k: 1, pct: 33.3, low: 6.1, high: 79.2 },
          mobility: { n: 3, k: 1, pct: 33.3, low: 6.1, high: 79.2 },
        },
      });
      // Goals are read off the latest week's pilot row: 20% < 70%.
      expect(report.goals).toEqual([
        { metric: 'weeklyActivePct', op: '>=', target: 70, value: 20, met: false },
      ]);
      // The notes come as phrases: the dashboard words the key, API users read the English text.
      expect(report.managerEngagement.note).toEqual({
        key: 'pilot.note.managerEngagement',
        text: expect.stringMatching(/local date/),
      });
      expect(report.managerEngagement.note.text).not.toMatch(/not recorded/);
      expect(report.note).toEqual({
        key: 'pilot.note.association',
        text: expect.stringMatching(/association.*not proof/),
      });
    });

    it('counts assignments, 1:1 scripts opened and nudges per week, in the manager’s group', async () => {
      await setUpPilot();
      // Managers act through the API at known instants. Everyone involved is in Europe/Berlin.
      let clock = NOW;
      const timed = createApp({ store, now: () => clock });
      const max = await signInAs(timed, 'manager@demo.test'); // pilot group
      const mia = await signInAs(timed, 'manager2@demo.test'); // pilot group
      const ada = await signInAs(timed, 'admin@demo.test'); // comparison group
      const at = async (iso: string, action: () => Promise<Response>) => {
        clock = Date.parse(iso);
        const res = await action();
        expect(res.status).toBeLessThan(300);
      };
      const assign = (by: Client, userId: string, pathwayId: string, dueDate = '2026-03-01') =>
        by.post(`/api/v1/team/${userId}/assignments`, { pathwayId, dueDate });
      const nudge = (by: Client, userId: string) => by.post(`/api/v1/team/${userId}/nudge`, {});
      const script = (by: Client, userId: string) => by.get(`/api/v1/team/${userId}`);

      // Sunday 4 January, the day before the pilot: not counted.
      await at('2026-01-04T12:00:00Z', () => nudge(max, 'u-demo-learner'));
      // Week 1 (5–11 January).
      await at('2026-01-06T10:00:00Z', () => assign(max, 'u-demo-learner', 'path-a'));
      await at('2026-01-06T10:05:00Z', () => script(max, 'u-demo-learner'));
      await at('2026-01-06T15:00:00Z', () => script(max, 'u-demo-learner')); // same day: once
      await at('2026-01-07T09:00:00Z', () => nudge(max, 'u-demo-learner'));
      await at('2026-01-08T09:00:00Z', () => nudge(ada, 'cal'));
      // 23:30 UTC on Sunday 11 January is already Monday 12 January in Berlin: week 2.
      await at('2026-01-11T23:30:00Z', () => script(max, 'u-demo-learner'));
      // Week 2 (12–18 January); assigning path-a again to move its due date counts again.
      await at('2026-01-13T09:00:00Z', () => assign(max, 'u-demo-learner', 'path-b'));
      await at('2026-01-14T09:00:00Z', () => assign(max, 'u-demo-learner', 'path-a', '2026-04-01'));
      await at('2026-01-15T09:00:00Z', () => nudge(mia, 'u-demo-learner2'));
      await at('2026-01-16T09:00:00Z', () => assign(ada, 'dee', 'path-b'));
      await at('2026-01-16T09:30:00Z', () => script(ada, 'cal'));
      // Monday 19 January is after the pilot's last day: not counted.
      await at('2026-01-19T09:00:00Z', () => nudge(max, 'u-demo-learner'));

      const report = await (await admin.get('/api/v1/pilot/report')).json();
      const counts = (assignmentsMade: number, scriptsOpened: number, nudgesSent: number) => ({
        assignmentsMade,
        scriptsOpened,
        nudgesSent,
      });
      expect(
        report.weeks.map((w: { pilot: { manager: unknown }; comparison: { manager: unknown } }) => [
          w.pilot.manager,
          w.comparison.manager,
        ]),
      ).toEqual([
        [counts(1, 1, 1), counts(0, 0, 1)],
        [counts(2, 1, 1), counts(1, 1, 0)],
      ]);
      const weekly = (await (await admin.get('/api/v1/pilot/export/weekly.csv')).text())
        .trim()
        .split('\r\n')
        .map((line) => line.split(',').slice(-3).join(','));
      expect(weekly).toEqual([
        'assignments_made,scripts_opened,nudges_sent',
        '1,1,1',
        '0,0,1',
        '2,1,1',
        '1,1,0',
      ]);
    });

    it('exports the weekly table and every event of the org as CSV', async () => {
      await setUpPilot();
      const weekly = await admin.get('/api/v1/pilot/export/weekly.csv');
      expect(weekly.headers.get('content-type')).toMatch(/text\/csv/);
      const lines = (await weekly.text()).trim().split('\r\n');
      expect(lines).toHaveLength(5);
      expect(lines[0]).toMatch(/^week,from,to,group,members,active,weekly_active_pct,/);
      // Week 1 of the pilot, as in the report test: 5 members, streak buckets 5,0,0,0,0, and
      // no manager actions yet.
      expect(lines[1]).toBe('1,2026-01-05,2026-01-11,pilot,5,1,20,2,2,5,1,1,1,100,5,0,0,0,0,0,0,0');

      const outcomes = (await (await admin.get('/api/v1/pilot/export/outcomes.csv')).text()).split(
        '\r\n',
      );
      expect(outcomes[1]).toBe('retention,pilot,3,2,66.7,20.8,93.9');
      // Files for BI tools stay English: the note's English text, not its key.
      expect(outcomes.at(-2)).toMatch(/^"?# These figures show an association .*not proof/);
      expect(
        (await (await admin.get('/api/v1/pilot/export/competency.csv')).text()).split('\r\n')[1],
      ).toBe('path-a,Path A,pilot,1,1,2');

      const events = await admin.get('/api/v1/pilot/export/events.csv');
      expect(events.status).toBe(200);
      const rows = (await events.text()).trim().split('\r\n');
      expect(rows[0]).toBe('event_id,user_email,type,occurred_at,corrected_at,tz,lesson_id,body');
      // learner 3 + ann 3 + cal 2; the Globex learner's event is not in Demo Co's export.
      expect(rows).toHaveLength(9);
      expect(rows.filter((r) => r.includes('globex'))).toEqual([]);
      expect(rows[1]).toMatch(
        /^[0-9a-f-]{36},learner@demo\.test,lesson_completed,2026-01-05T08:00:00Z,2026-01-05T08:00:00.000Z,Europe\/Berlin,alpha\.one,"\{/,
      );
      expect((await admin.get('/api/v1/pilot/export/secrets.csv')).status).toBe(404);
    });

    it('answers 404 with a clear error before any pilot exists', async () => {
      const res = await admin.get('/api/v1/pilot/report');
      await expectErrorBody(res, 404, {
        code: 'no_pilot',
        message: 'No pilot has been set up yet.',
        key: 'error.noPilotYet',
      });
    });
  });
});
