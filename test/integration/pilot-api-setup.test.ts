/**
 * The pilot API end to end through `app.request`: an admin sets up a two-week pilot, imports HR
 * rows, and every number on the report is checked against values worked out by hand below.
 * Runs on SQLite and on PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import { signInAs } from '../support/api';
import { storeKinds } from '../support/databases';
import { NOW, store, app, admin, usePilotApi } from '../support/pilot-api';
import { createPilot } from '../support/pilot';
import { expectErrorBody } from '../support/error-body';

describe.each(storeKinds)('pilot API on $name', (kind) => {
  usePilotApi(kind);

  describe('pilot setup', () => {
    it('is for admins only', async () => {
      const learner = await signInAs(app, 'learner@demo.test');
      for (const path of [
        '/api/v1/pilot/report',
        '/api/v1/pilot/setup',
        '/api/v1/pilot/export/events.csv',
      ]) {
        const res = await learner.get(path);
        expect(res.status).toBe(403);
        expect((await res.json()).error.code).toBe('forbidden');
      }
      expect(
        (await (await signInAs(app, 'manager@demo.test')).get('/api/v1/pilot/report')).status,
      ).toBe(403);
      expect((await app.request('http://localhost/api/v1/pilot/report')).status).toBe(401);
    });

    it('creates a 12-week pilot by default and ticks the checklist', async () => {
      const res = await createPilot(admin, { name: 'Spring', startDate: '2026-03-02' });
      const { pilot } = await res.json();
      expect(pilot).toMatchObject({ weeks: 12, goals: [], checklist: {} });
      const tick = await admin.post(`/api/v1/pilot/pilots/${pilot.id}/checklist`, {
        step: 'launch',
        done: true,
      });
      expect(tick.status).toBe(200);
      expect((await tick.json()).pilot.checklist.launch).toEqual({
        doneAt: NOW,
        doneBy: 'u-demo-admin',
      });
      const setup = await (await admin.get('/api/v1/pilot/setup')).json();
      expect(setup.pilots[0].checklist).toHaveProperty('launch');
      expect(setup.checklist.map((s: { id: string }) => s.id)).toEqual([
        'select-teams',
        'brief-managers',
        'launch',
        'weekly-review',
        'mid-point',
        'final-readout',
      ]);
      // Each step keeps its English title for API users and comes as a phrase to word it.
      expect(setup.checklist[0]).toEqual({
        id: 'select-teams',
        week: 0,
        title: 'Select the pilot teams',
        phrase: { key: 'pilot.step.select-teams', text: 'Select the pilot teams' },
      });
      for (const step of setup.checklist)
        expect(step.phrase).toEqual({ key: `pilot.step.${step.id}`, text: step.title });
      expect(setup.cohorts).toEqual([
        { id: 'demo-co-pilot', name: 'Pilot cohort', tz: 'Europe/Berlin' },
      ]);
      const untick = await admin.post(`/api/v1/pilot/pilots/${pilot.id}/checklist`, {
        step: 'launch',
        done: false,
      });
      expect((await untick.json()).pilot.checklist).toEqual({});
      expect(
        (await admin.post('/api/v1/pilot/pilots/nope/checklist', { step: 'launch', done: true }))
          .status,
      ).toBe(404);
      expect(
        (
          await admin.post(`/api/v1/pilot/pilots/${pilot.id}/checklist`, {
            step: 'party',
            done: true,
          })
        ).status,
      ).toBe(400);
    });

    it('refuses bad pilots with a clear 400', async () => {
      const cases: Array<[unknown, RegExp]> = [
        [
          { name: 'X', startDate: '2026-02-30', cohortIds: ['demo-co-pilot'] },
          /startDate: not a real date/,
        ],
        [{ name: 'X', startDate: '2026-02-02', cohortIds: [] }, /at least one pilot cohort/],
        [
          { name: 'X', startDate: '2026-02-02', cohortIds: ['globex-all'] },
          /no cohort "globex-all"/,
        ],
        [
          {
            name: 'X',
            startDate: '2026-02-02',
            cohortIds: ['demo-co-pilot'],
            goals: Array(4).fill({ metric: 'weeklyActivePct', op: '>=', target: 70 }),
          },
          /at most three goals/,
        ],
      ];
      for (const [body, message] of cases) {
        const res = await admin.post('/api/v1/pilot/pilots', body);
        expect(res.status).toBe(400);
        expect((await res.json()).error.message).toMatch(message);
      }
    });

    it('rejects an HR file with bad rows, naming each, and imports nothing', async () => {
      const csv =
        'email,hire_date,exit_date,internal_moves\nlearner@demo.test,2022-03-01,,\nstranger@else.test,2022-01-01,,\nann@demo.test,yesterday,,\n';
      const res = await admin.post('/api/v1/pilot/hr', csv, { 'content-type': 'text/csv' });
      await expectErrorBody(res, 422, {
        code: 'invalid_rows',
        message: '2 rows need fixing; nothing was imported.',
        key: 'error.hrRows',
        params: { count: 2 },
        rows: [
          {
            key: 'upload.hr.stranger',
            params: { row: 3, value: 'stranger@else.test' },
            text: 'row 3: stranger@else.test is not a member of this organisation',
          },
          {
            key: 'upload.hr.notDate',
            params: { row: 4, column: 'hire_date', value: 'yesterday' },
            text: 'row 4: hire_date "yesterday" is not a date (YYYY-MM-DD)',
          },
        ],
      });
      expect(await store.hrRecords('demo-co')).toEqual([]);
      expect(
        (await admin.post('/api/v1/pilot/hr', 'email,hire_date\n', { 'content-type': 'text/csv' }))
          .status,
      ).toBe(400);
    });
  });
});
