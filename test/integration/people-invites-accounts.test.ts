/**
 * The people flows through the public door (`app.request`): a manager coaching a report, invites
 * and password resets (single use, expiring), deactivation, cohort managers, own sessions, content
 * upload with `file:line` problems, the sponsor message and the learning goal.
 */
import { describe, expect, it } from 'vitest';
import { TOKEN_LIMIT } from '../../src/server/auth/tokens';
import { clientFor, signInAs } from '../support/api';
import { store, app, clock, as, json, usePeopleApp, setClock } from '../support/people-app';

usePeopleApp();

describe('invites', () => {
  const createInvite = async (body: object = {}) =>
    json(
      await (
        await as('u-demo-admin')
      ).post('/api/v1/admin/invites', {
        cohortId: 'demo-co-pilot',
        managerId: 'u-demo-manager',
        ...body,
      }),
    );

  it('lets a person join once with a code, landing in the cohort under their manager', async () => {
    const { code, url } = await createInvite({ email: 'nina@demo.test' });
    expect(url).toBe(`http://localhost/join/${code}`);
    const peek = await json(await clientFor(app).get(`/api/v1/invites/${code.toLowerCase()}`));
    expect(peek.invite).toMatchObject({ email: 'nina@demo.test', cohort: 'Pilot cohort' });
    const accept = await clientFor(app).post(`/api/v1/invites/${code}/accept`, {
      name: 'Nina New',
      password: 'a-good-password',
    });
    expect(accept.status).toBe(201);
    expect((await json(accept)).user).toMatchObject({
      email: 'nina@demo.test',
      orgId: 'demo-co',
      managerId: 'u-demo-manager',
      cohortIds: ['demo-co-pilot'],
      role: 'learner',
    });
    expect(accept.headers.get('set-cookie')).toMatch(/kindling_session=/);
    await signInAs(app, 'nina@demo.test', 'a-good-password');
    const reuse = await clientFor(app).post(`/api/v1/invites/${code}/accept`, {
      name: 'Someone Else',
      password: 'a-good-password',
      email: 'else@demo.test',
    });
    expect(reuse.status).toBe(404);
    expect((await json(reuse)).error.code).toBe('invite_invalid');
  });

  it('expires, asks for an email when the invite has none, and wants a real password', async () => {
    const { code } = await createInvite();
    const accept = (body: object) => clientFor(app).post(`/api/v1/invites/${code}/accept`, body);
    expect((await accept({ name: 'Ole', password: 'short', email: 'ole@demo.test' })).status).toBe(
      400,
    );
    expect((await accept({ name: 'Ole', password: 'long-enough-pw' })).status).toBe(400);
    expect(
      (await accept({ name: 'Ole', password: 'long-enough-pw', email: 'learner@demo.test' }))
        .status,
    ).toBe(409);
    setClock(clock + 15 * 86_400_000);
    expect(
      (await accept({ name: 'Ole', password: 'long-enough-pw', email: 'ole@demo.test' })).status,
    ).toBe(404);
  });

  it('lets only one of two people racing on the same code in', async () => {
    const { code } = await createInvite();
    const results = await Promise.all(
      ['a', 'b'].map((who) =>
        clientFor(app).post(`/api/v1/invites/${code}/accept`, {
          name: `Racer ${who}`,
          password: 'a-good-password',
          email: `racer-${who}@demo.test`,
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 404]);
  });

  it('stores only a hash of the code', async () => {
    const { code } = await createInvite();
    const stored = await store.peekAccessToken(code, 'invite', clock);
    expect(stored).toBeUndefined();
  });

  it('rate-limits guessing at the invite door', async () => {
    const statuses = [];
    for (let i = 0; i <= TOKEN_LIMIT.perAddress; i++)
      statuses.push((await clientFor(app).get(`/api/v1/invites/GUESS-${i}`)).status);
    expect(statuses.at(-2)).toBe(404);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('accounts', () => {
  it('a reset link sets a new password once and ends the old sessions', async () => {
    const lena = await signInAs(app, 'learner@demo.test');
    const { url } = await json(
      await (await as('u-demo-admin')).post('/api/v1/admin/people/u-demo-learner/reset-link', {}),
    );
    const token = url.split('/reset/')[1];
    const reset = await clientFor(app).post('/api/v1/auth/reset', {
      token,
      password: 'brand-new-password',
    });
    expect(reset.status).toBe(200);
    expect((await lena.get('/api/v1/me')).status).toBe(401);
    await signInAs(app, 'learner@demo.test', 'brand-new-password');
    const again = await clientFor(app).post('/api/v1/auth/reset', {
      token,
      password: 'another-password',
    });
    expect(again.status).toBe(404);
  });

  it('deactivating ends the sessions and refuses sign-in; admins cannot lock themselves out', async () => {
    const lena = await as('u-demo-learner');
    const admin = await as('u-demo-admin');
    expect((await admin.post('/api/v1/admin/people/u-demo-learner/deactivate', {})).status).toBe(
      200,
    );
    expect((await lena.get('/api/v1/me')).status).toBe(401);
    const login = await clientFor(app).post('/api/v1/auth/login', {
      email: 'learner@demo.test',
      password: 'learn-daily',
    });
    expect(login.status).toBe(401);
    expect((await admin.post('/api/v1/admin/people/u-demo-admin/deactivate', {})).status).toBe(400);
    const people = await json(await admin.get('/api/v1/admin/people'));
    expect(people.people.find((p: { id: string }) => p.id === 'u-demo-learner').active).toBe(false);
  });

  it('moves people between teams and cohorts, with checks on the org', async () => {
    const admin = await as('u-demo-admin');
    const { cohort } = await json(
      await admin.post('/api/v1/admin/cohorts', { name: 'Tokyo', tz: 'Asia/Tokyo' }),
    );
    const move = await admin.post('/api/v1/admin/people/u-demo-learner', {
      managerId: 'u-demo-manager2',
      cohortIds: [cohort.id],
    });
    expect(move.status).toBe(200);
    expect((await json(move)).person).toMatchObject({
      managerId: 'u-demo-manager2',
      cohortIds: [cohort.id],
    });
    const team = await json(await (await as('u-demo-manager2')).get('/api/v1/team'));
    expect(team.reports.map((r: { id: string }) => r.id).sort()).toEqual([
      'u-demo-learner',
      'u-demo-learner2',
    ]);
    for (const body of [
      { managerId: 'u-globex-admin' },
      { cohortIds: ['globex-all'] },
      { tz: 'Mars/Base' },
      { career: { roleId: 'astronaut', level: 1 } },
      { unknownField: 1 },
    ])
      expect((await admin.post('/api/v1/admin/people/u-demo-learner', body)).status).toBe(400);
    const renamed = await admin.post(`/api/v1/admin/cohorts/${cohort.id}`, { tz: 'Europe/Paris' });
    expect((await json(renamed)).cohort).toMatchObject({ name: 'Tokyo', tz: 'Europe/Paris' });
    const moved = await admin.post('/api/v1/admin/people/u-demo-learner', {
      tz: 'America/Chicago',
    });
    expect((await json(moved)).person.tz).toBe('America/Chicago');
  });

  it('lists own sessions and revokes another one', async () => {
    const phone = await signInAs(app, 'learner@demo.test');
    const laptop = await signInAs(app, 'learner@demo.test');
    const { sessions } = await json(await laptop.get('/api/v1/me/sessions'));
    expect(sessions).toHaveLength(2);
    const other = sessions.find((s: { current: boolean }) => !s.current);
    expect((await laptop.post(`/api/v1/me/sessions/${other.id}/revoke`, {})).status).toBe(200);
    expect((await phone.get('/api/v1/me')).status).toBe(401);
    expect((await laptop.get('/api/v1/me')).status).toBe(200);
  });
});
