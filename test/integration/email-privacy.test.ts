/**
 * Whether an email has an account is never confirmed to another organisation (issue 17): a Globex
 * admin's invite for a Demo Co address is answered as for a free one, and accepting an invite
 * with another organisation's address is answered as a used invite and uses it up, so one invite
 * cannot test address after address. Within the invite's own organisation the person is told to
 * sign in, and a deactivated account's address is refused without a 500.
 */
import { describe, expect, it } from 'vitest';
import { clientFor, signInAs } from '../support/api';
import { freshApi } from '../support/fresh';

const { store, app } = freshApi();

const json = async (res: Response) => (await res.json()) as Record<string, unknown>;

async function globexInvite(email?: string): Promise<Response> {
  const admin = await signInAs(app, 'admin@globex.test');
  return admin.post('/api/v1/admin/invites', { cohortId: 'globex-all', ...(email && { email }) });
}

async function accept(code: string, email?: string): Promise<Response> {
  return clientFor(app).post(`/api/v1/invites/${code}/accept`, {
    name: 'Probe',
    password: 'a-long-enough-password',
    ...(email && { email }),
  });
}

describe('an admin’s invite', () => {
  it('answers another organisation’s address as it answers a free one', async () => {
    const free = await globexInvite('nobody@elsewhere.test');
    const taken = await globexInvite('learner@demo.test');
    expect(taken.status).toBe(free.status);
    expect(Object.keys(await json(taken)).sort()).toEqual(Object.keys(await json(free)).sort());
  });

  it('still says so for an address in the admin’s own organisation', async () => {
    const res = await globexInvite('learner@globex.test');
    expect(res.status).toBe(409);
  });
});

describe('accepting an invite', () => {
  it('answers another organisation’s address as a used invite, and uses it up', async () => {
    const { code } = (await json(await globexInvite())) as { code: string };
    const probe = await accept(code, 'learner@demo.test');
    expect(probe.status).toBe(404);
    expect(((await json(probe)).error as { code: string }).code).toBe('invite_invalid');
    // The next address cannot be tried with the same invite.
    expect((await accept(code, 'nobody@elsewhere.test')).status).toBe(404);
    expect(await store.emailOrg('nobody@elsewhere.test')).toBeUndefined();
  });

  it('tells a person of the invite’s own organisation to sign in, deactivated or not', async () => {
    const { code } = (await json(await globexInvite())) as { code: string };
    expect((await accept(code, 'learner@globex.test')).status).toBe(409);
    await store.updatePerson('globex', 'u-globex-learner', { active: false });
    const res = await accept(code, 'learner@globex.test');
    expect(res.status).toBe(409);
    // The invite still works for the person it was meant for.
    expect((await accept(code, 'new@globex.test')).status).toBe(201);
  });
});
