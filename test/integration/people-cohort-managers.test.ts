/**
 * The people flows through the public door (`app.request`): a manager coaching a report, invites
 * and password resets (single use, expiring), deactivation, cohort managers, own sessions, content
 * upload with `file:line` problems, the sponsor message and the learning goal.
 */
import { describe, expect, it } from 'vitest';
import type { Client } from '../support/api';
import { as, json, usePeopleApp } from '../support/people-app';

usePeopleApp();

describe('cohort managers', () => {
  const board = (client: Client, cohortId: string) =>
    client.get(`/api/v1/cohorts/${cohortId}/leaderboard`);
  const challenge = (client: Client, cohortId: string) =>
    client.put(`/api/v1/cohorts/${cohortId}/challenge`, { goal: 12 });

  it('lets an admin add a manager to a cohort, who then reads its board and sets its challenge', async () => {
    const admin = await as('u-demo-admin');
    const { cohort } = await json(
      await admin.post('/api/v1/admin/cohorts', { name: 'Tokyo', tz: 'Asia/Tokyo' }),
    );
    expect(cohort.managerIds).toEqual([]);
    // Leo (Mia's report) is its only member: Max neither belongs to it nor manages anyone in it.
    await admin.post('/api/v1/admin/people/u-demo-learner2', { cohortIds: [cohort.id] });
    const max = await as('u-demo-manager');
    expect((await board(max, cohort.id)).status).toBe(403);
    expect((await challenge(max, cohort.id)).status).toBe(403);
    expect((await json(await max.get('/api/v1/team'))).cohorts).toEqual([]);

    const added = await admin.post(`/api/v1/admin/cohorts/${cohort.id}`, {
      managerIds: ['u-demo-manager'],
    });
    expect(added.status).toBe(200);
    expect((await json(added)).cohort).toMatchObject({ managerIds: ['u-demo-manager'] });
    const listed = await json(await admin.get('/api/v1/admin/people'));
    expect(listed.cohorts.find((c: { id: string }) => c.id === cohort.id).managerIds).toEqual([
      'u-demo-manager',
    ]);

    const read = await board(max, cohort.id);
    expect(read.status).toBe(200);
    expect(await json(read)).toMatchObject({ cohort: { name: 'Tokyo' }, me: null });
    const set = await challenge(max, cohort.id);
    expect(set.status).toBe(200);
    expect(await json(set)).toMatchObject({ goal: 12 });
    expect((await json(await max.get('/api/v1/team'))).cohorts).toEqual([
      { id: cohort.id, name: 'Tokyo', tz: 'Asia/Tokyo' },
    ]);
    // Leo's line manager still leads it too.
    const mia = await as('u-demo-manager2');
    expect((await board(mia, cohort.id)).status).toBe(200);
    // A member who only learns may read, not set.
    const leo = await as('u-demo-learner2');
    expect((await board(leo, cohort.id)).status).toBe(200);
    expect((await challenge(leo, cohort.id)).status).toBe(403);

    await admin.post(`/api/v1/admin/cohorts/${cohort.id}`, { managerIds: [] });
    expect((await board(max, cohort.id)).status).toBe(403);
    expect((await challenge(max, cohort.id)).status).toBe(403);
  });

  it('takes only active managers and admins of the same org as cohort managers', async () => {
    const admin = await as('u-demo-admin');
    const set = (managerIds: unknown) =>
      admin.post('/api/v1/admin/cohorts/demo-co-pilot', { managerIds });
    for (const managerIds of [
      ['u-demo-learner'],
      ['u-globex-admin'],
      ['nobody'],
      'u-demo-manager',
      Array.from({ length: 21 }, () => 'u-demo-manager'),
    ]) {
      const res = await set(managerIds);
      expect(res.status).toBe(400);
      expect((await json(res)).error.code).toMatch(/unknown_manager|invalid_request/);
    }
    await admin.post('/api/v1/admin/people/u-demo-manager2/deactivate', {});
    expect((await set(['u-demo-manager2'])).status).toBe(400);
    const ok = await set(['u-demo-admin', 'u-demo-manager']);
    expect(ok.status).toBe(200);
    expect((await json(ok)).cohort.managerIds).toEqual(['u-demo-admin', 'u-demo-manager']);
    // Demoted to learner: no longer listed, no longer leads.
    await admin.post('/api/v1/admin/people/u-demo-manager', { role: 'learner' });
    const { cohorts } = await json(await admin.get('/api/v1/admin/cohorts'));
    expect(cohorts.find((c: { id: string }) => c.id === 'demo-co-pilot').managerIds).toEqual([
      'u-demo-admin',
    ]);
  });
});
