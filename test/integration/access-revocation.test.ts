/**
 * Invites and reset links do not outlive their maker's or their subject's access (issue 17):
 * deactivating or demoting an admin burns the open links they made; acceptance checks the maker
 * again; a reset link is refused for an inactive person and does not survive a deactivation;
 * admins list and revoke open invites; a SCIM deactivation revokes the same way. Plus the 500s the
 * outside review found, now clear refusals.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { clientFor, type Client } from '../support/api';
import { freshApi } from '../support/fresh';
import { createPilot } from '../support/pilot';
import { issueScimToken, scimClient, USER } from '../support/scim';
import { sessionCookie } from '../support/sessions';

const { store, app } = freshApi();
let admin: Client;

beforeEach(async () => {
  admin = await as('u-demo-admin');
});

const as = async (userId: string) => clientFor(app, await sessionCookie(store, userId));
const anyone = () => clientFor(app);

async function invite(by: Client, body: Record<string, unknown> = {}): Promise<string> {
  const res = await by.post('/api/v1/admin/invites', { cohortId: 'demo-co-pilot', ...body });
  expect(res.status).toBe(201);
  return ((await res.json()) as { code: string }).code;
}

const accept = (code: string, email: string) =>
  anyone().post(`/api/v1/invites/${code}/accept`, {
    name: 'New Person',
    password: 'a-long-password',
    email,
  });

/** A second admin of Demo Co, made through an invite as a real one would be. */
async function secondAdmin(email = 'admin2@demo.test') {
  const res = await accept(await invite(admin, { role: 'admin' }), email);
  expect(res.status).toBe(201);
  const id = ((await res.json()) as { user: { id: string } }).user.id;
  return { id, client: await as(id) };
}

async function resetToken(userId: string): Promise<string> {
  const res = await admin.post(`/api/v1/admin/people/${userId}/reset-link`, {});
  expect(res.status).toBe(201);
  return ((await res.json()) as { url: string }).url.split('/reset/')[1]!;
}

const useReset = (token: string) =>
  anyone().post('/api/v1/auth/reset', { token, password: 'another-long-password' });

describe('invites do not outlive their maker’s role', () => {
  it('deactivating an admin burns the open invites they made', async () => {
    const other = await secondAdmin();
    const code = await invite(other.client, { role: 'admin' });
    expect((await admin.post(`/api/v1/admin/people/${other.id}/deactivate`, {})).status).toBe(200);
    const res = await accept(code, 'would-be-admin@demo.test');
    expect(res.status).toBe(404);
    expect((await res.json()).error.key).toBe('error.inviteInvalid');
    // Reactivating them does not bring the invite back.
    await admin.post(`/api/v1/admin/people/${other.id}`, { active: true });
    expect((await accept(code, 'would-be-admin@demo.test')).status).toBe(404);
  });

  it('demoting an admin burns the invites their new role could not grant', async () => {
    const other = await secondAdmin();
    const code = await invite(other.client, { role: 'manager' });
    const demoted = await admin.post(`/api/v1/admin/people/${other.id}`, { role: 'manager' });
    expect(demoted.status).toBe(200);
    expect((await accept(code, 'would-be-manager@demo.test')).status).toBe(404);
  });

  it('acceptance checks the maker even when they changed by another path', async () => {
    const other = await secondAdmin();
    const code = await invite(other.client, { role: 'admin' });
    // Straight in the store, as a script or a future door might: no revocation ran.
    await store.updatePerson('demo-co', other.id, { role: 'learner' });
    expect((await accept(code, 'would-be-admin@demo.test')).status).toBe(404);
    // …and the invite is burned, not left to work again if the role comes back.
    await store.updatePerson('demo-co', other.id, { role: 'admin' });
    expect((await accept(code, 'would-be-admin@demo.test')).status).toBe(404);
  });

  it('an admin’s own invites and their colleagues’ keep working when nothing changed', async () => {
    const other = await secondAdmin();
    await admin.post(`/api/v1/admin/people/u-demo-learner`, { role: 'manager' });
    expect((await accept(await invite(other.client), 'fresh@demo.test')).status).toBe(201);
  });
});

describe('reset links', () => {
  it('a link issued before a deactivation does not work after a reactivation', async () => {
    const token = await resetToken('u-demo-learner2');
    await admin.post('/api/v1/admin/people/u-demo-learner2/deactivate', {});
    await admin.post('/api/v1/admin/people/u-demo-learner2', { active: true });
    const res = await useReset(token);
    expect(res.status).toBe(404);
    expect((await res.json()).error.key).toBe('error.resetInvalid');
  });

  it('is refused for an inactive person, whatever deactivated them', async () => {
    const token = await resetToken('u-demo-learner2');
    await store.updatePerson('demo-co', 'u-demo-learner2', { active: false });
    expect((await useReset(token)).status).toBe(404);
  });

  it('made by an admin who left stops working', async () => {
    const other = await secondAdmin();
    const res = await other.client.post('/api/v1/admin/people/u-demo-learner/reset-link', {});
    const token = ((await res.json()) as { url: string }).url.split('/reset/')[1]!;
    await admin.post(`/api/v1/admin/people/${other.id}/deactivate`, {});
    expect((await useReset(token)).status).toBe(404);
  });

  it('still works for an active person', async () => {
    expect((await useReset(await resetToken('u-demo-learner2'))).status).toBe(200);
  });
});

describe('admins list and revoke open invites', () => {
  it('lists open invites with their maker, and a revoked one stops working', async () => {
    const code = await invite(admin, { email: 'listed@demo.test', role: 'manager' });
    const list = await admin.get('/api/v1/admin/invites');
    expect(list.status).toBe(200);
    const { invites } = (await list.json()) as {
      invites: Array<{ id: string; email: string; role: string; createdBy: string }>;
    };
    const listed = invites.find((i) => i.email === 'listed@demo.test')!;
    expect(listed).toMatchObject({
      role: 'manager',
      createdBy: 'Ada Admin',
      cohort: expect.any(String),
    });
    expect(JSON.stringify(invites)).not.toContain(code.replace('-', ''));

    expect((await admin.post(`/api/v1/admin/invites/${listed.id}/revoke`, {})).status).toBe(200);
    expect((await accept(code, 'listed@demo.test')).status).toBe(404);
    const after = (await (await admin.get('/api/v1/admin/invites')).json()) as {
      invites: Array<{ id: string }>;
    };
    expect(after.invites.map((i) => i.id)).not.toContain(listed.id);
    const again = await admin.post(`/api/v1/admin/invites/${listed.id}/revoke`, {});
    expect(again.status).toBe(404);
    expect((await again.json()).error.key).toBe('error.noInvite');
  });

  it('another organisation’s admin neither sees nor revokes them', async () => {
    await invite(admin, { email: 'ours@demo.test' });
    const globex = await as('u-globex-admin');
    const theirs = (await (await globex.get('/api/v1/admin/invites')).json()) as {
      invites: Array<{ email: string }>;
    };
    expect(theirs.invites.map((i) => i.email)).not.toContain('ours@demo.test');
    const ours = (await (await admin.get('/api/v1/admin/invites')).json()) as {
      invites: Array<{ id: string }>;
    };
    expect(
      (await globex.post(`/api/v1/admin/invites/${ours.invites[0]!.id}/revoke`, {})).status,
    ).toBe(404);
    expect((await (await as('u-demo-manager')).get('/api/v1/admin/invites')).status).toBe(403);
  });
});

describe('a SCIM deactivation revokes as the admin screen does', () => {
  it('burns the invites a directory-managed admin made and the reset links for them', async () => {
    const scim = scimClient(app, await issueScimToken(app, store, 'u-demo-admin'));
    const made = await scim.post('/Users', {
      schemas: [USER],
      userName: 'dir-admin@demo.test',
      name: { givenName: 'Dora', familyName: 'Directory' },
      active: true,
    });
    expect(made.status).toBe(201);
    const id = made.body.id as string;
    await admin.post(`/api/v1/admin/people/${id}`, { role: 'admin' });
    const code = await invite(await as(id), { role: 'admin' });
    const token = await resetToken(id);

    const off = await scim.patch(`/Users/${id}`, { op: 'replace', path: 'active', value: false });
    expect(off.status).toBe(200);
    expect((await accept(code, 'via-directory@demo.test')).status).toBe(404);
    await scim.patch(`/Users/${id}`, { op: 'replace', path: 'active', value: true });
    expect((await useReset(token)).status).toBe(404);
  });
});

describe('the outside review’s 500s are clear refusals', () => {
  it('accepting an invite for a deactivated account’s address says so and keeps the invite', async () => {
    await admin.post('/api/v1/admin/people/u-demo-learner2/deactivate', {});
    const code = await invite(admin);
    const res = await accept(code, 'learner2@demo.test');
    expect(res.status).toBe(409);
    expect((await res.json()).error.key).toBe('error.inviteInactiveAccount');
    // Kept: the same invite still works for a free address.
    expect((await accept(code, 'someone-else@demo.test')).status).toBe(201);
  });

  it('a duplicate in cohortIds is a 400 naming the field', async () => {
    const res = await admin.post('/api/v1/admin/people/u-demo-learner', {
      cohortIds: ['demo-co-pilot', 'demo-co-pilot'],
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { key: string; params: { field: string } } };
    expect(body.error).toMatchObject({
      key: 'error.field.duplicate',
      params: { field: 'cohortIds' },
    });
  });

  it('an export name with a control character is a 404 listing the files', async () => {
    await createPilot(admin, { name: 'Pilot', startDate: '2026-11-02' });
    const res = await admin.get('/api/v1/pilot/export/x%00y');
    expect(res.status).toBe(404);
    expect((await res.json()).error.key).toBe('error.exports');
  });
});
