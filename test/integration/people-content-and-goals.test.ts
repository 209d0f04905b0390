/**
 * The people flows through the public door (`app.request`): a manager coaching a report, invites
 * and password resets (single use, expiring), deactivation, cohort managers, own sessions, content
 * upload with `file:line` problems, the sponsor message and the learning goal.
 */
import { describe, expect, it } from 'vitest';
import { LISTENING_MODULE } from '../support/modules';
import { store, as, json, lenaLearnsALesson, usePeopleApp } from '../support/people-app';

usePeopleApp();

describe('admin content upload', () => {
  const source = LISTENING_MODULE;

  it('validates with file:line problems and imports only valid modules', async () => {
    const admin = await as('u-demo-admin');
    const broken = source.replace('title: Listening well\n', '');
    const check = await json(
      await admin.post('/api/v1/admin/content/validate', { fileName: 'listen.md', source: broken }),
    );
    expect(check.ok).toBe(false);
    expect(check.errors[0]).toMatchObject({ file: 'listen.md', line: expect.any(Number) });
    const refused = await admin.post('/api/v1/admin/content/import', {
      fileName: 'listen.md',
      source: broken,
    });
    expect(refused.status).toBe(422);
    expect((await json(refused)).errors.length).toBeGreaterThan(0);
    const ok = await admin.post('/api/v1/admin/content/import', { fileName: 'listen.md', source });
    expect(ok.status).toBe(201);
    expect((await store.getCatalog('demo-co')).modules.map((m) => m.id)).toContain(
      'listening-well',
    );
    const shipped = source.replace('id: listening-well', 'id: giving-feedback');
    const clash = await admin.post('/api/v1/admin/content/import', { source: shipped });
    expect(clash.status).toBe(409);
  });
});

describe('sponsor message and learning goal', () => {
  it('shows the sponsor message on learner home only during its period', async () => {
    const admin = await as('u-demo-admin');
    await admin.post('/api/v1/admin/sponsor', {
      name: 'Sam Sponsor',
      title: 'Chief Executive',
      text: 'Ten minutes a week makes us better.',
      startsOn: '2000-01-01',
      endsOn: '2099-01-01',
      sponsorUserId: 'u-demo-manager2',
    });
    const lena = await as('u-demo-learner');
    expect((await json(await lena.get('/api/v1/me/home'))).sponsor).toEqual({
      name: 'Sam Sponsor',
      title: 'Chief Executive',
      text: 'Ten minutes a week makes us better.',
    });
    const globex = await json(await (await as('u-globex-learner')).get('/api/v1/me/home'));
    expect(globex.sponsor).toBeNull();
    await admin.post('/api/v1/admin/sponsor', {
      name: 'Sam Sponsor',
      title: 'Chief Executive',
      text: 'Later.',
      startsOn: '2099-01-01',
      endsOn: '2099-02-01',
    });
    expect((await json(await lena.get('/api/v1/me/home'))).sponsor).toBeNull();
  });

  it('reports the goal with its current value to admins and the sponsor only, and null to others', async () => {
    const admin = await as('u-demo-admin');
    await admin.post('/api/v1/admin/goal', { label: 'People who learn weekly', targetPercent: 80 });
    const lena = await lenaLearnsALesson();
    const { goal } = await json(await admin.get('/api/v1/admin/programme'));
    expect(goal).toMatchObject({
      label: 'People who learn weekly',
      targetPercent: 80,
      learnersThisWeek: 1,
      people: 5,
      currentPercent: 20,
    });
    const mia = await as('u-demo-manager2');
    // Not (yet) the sponsor: an answer without the goal, not a refusal.
    const before = await mia.get('/api/v1/org/goal');
    expect(before.status).toBe(200);
    expect((await json(before)).goal).toBeNull();
    expect((await json(await lena.get('/api/v1/org/goal'))).goal).toBeNull();
    await admin.post('/api/v1/admin/sponsor', {
      name: 'Mia',
      title: 'VP',
      text: 'Learn.',
      startsOn: '2000-01-01',
      endsOn: '2099-01-01',
      sponsorUserId: 'u-demo-manager2',
    });
    expect((await json(await mia.get('/api/v1/org/goal'))).goal.currentPercent).toBe(20);
  });
});
