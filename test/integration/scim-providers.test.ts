/**
 * SCIM 2.0 provisioning through the public door (`app.request` on `/scim/v2`), on SQLite and — in
 * the vitest project "postgres" — on PostgreSQL:
 *
 * - the request sequences Microsoft Entra ID and Okta document for their provisioning clients
 *   (Entra: "Develop and plan provisioning for a SCIM endpoint", its request/response examples;
 *   Okta: "SCIM 2.0 protocol reference"), bodies as they publish them, userNames as emails;
 * - the RFC 7644 filter (§3.4.2.2) and PATCH (§3.5.2) examples;
 * - errors in SCIM's shape with the right scimType, and a userName taken in another organisation
 *   answered exactly like one taken here;
 * - deactivation ends sessions and keeps history; reactivation brings the person back;
 * - who may call what: a matrix of every SCIM route × token of this org / another org / revoked /
 *   an admin's session cookie / nothing.
 */
import { describe, expect, it } from 'vitest';
import { clientFor } from '../support/api';
import { ENTERPRISE, filter, GROUP, USER } from '../support/scim';
import { sessionCookie } from '../support/sessions';
import * as scimApp from '../support/scim-app';

scimApp.useScimClients();

describe('Microsoft Entra ID provisioning, as documented', () => {
  it('creates, finds, updates, sets the manager, disables and deletes a user', async () => {
    const userName = 'test_user_ab6490ee@demo.test';
    // 1. Entra asks whether the user exists.
    const none = await scimApp.scim.get(`/Users?${filter(`userName eq "${userName}"`)}`);
    expect(none.status).toBe(200);
    expect(none.type).toMatch(/^application\/scim\+json/);
    expect(none.body).toEqual({
      schemas: [scimApp.LIST],
      totalResults: 0,
      startIndex: 1,
      itemsPerPage: 0,
      Resources: [],
    });
    // 2. It creates them.
    const created = await scimApp.scim.post('/Users', scimApp.entraUser(userName));
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({
      id,
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      userName,
      active: true,
      displayName: 'givenName familyName',
      name: { givenName: 'givenName', familyName: 'familyName' },
      meta: { resourceType: 'User', location: `http://localhost/scim/v2/Users/${id}` },
    });
    // 3. Found by userName (any case), by externalId; an unknown one is an empty list.
    const found = await scimApp.scim.get(
      `/Users?${filter(`userName eq "${userName.toUpperCase()}"`)}`,
    );
    expect(found.body.Resources.map((r: { id: string }) => r.id)).toEqual([id]);
    const byExternal = await scimApp.scim.get(
      `/Users?${filter('externalId eq "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"')}`,
    );
    expect(byExternal.body.totalResults).toBe(1);
    const unknown = await scimApp.scim.get(`/Users?${filter('userName eq "non-existent user"')}`);
    expect(unknown.body.totalResults).toBe(0);
    // 4. Update [multi-valued and single-valued properties].
    const updated = await scimApp.scim.patch(
      `/Users/${id}`,
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedemail@demo.test' },
      { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
    );
    expect(updated.status).toBe(200);
    expect(updated.body.emails).toEqual([
      { primary: true, type: 'work', value: 'updatedemail@demo.test' },
    ]);
    expect(updated.body.name.familyName).toBe('updatedFamilyName');
    // 5. The manager, by the enterprise extension's path; the manager's team now shows them.
    const manager = await scimApp.scim.patch(`/Users/${id}`, {
      op: 'Add',
      path: `${ENTERPRISE}:manager`,
      value: 'u-demo-manager',
    });
    expect(manager.body[ENTERPRISE].manager.value).toBe('u-demo-manager');
    const team = await clientFor(
      scimApp.app,
      await sessionCookie(scimApp.store, 'u-demo-manager'),
    ).get('/api/v1/team');
    expect(JSON.stringify(await team.json())).toContain(id);
    const noManager = await scimApp.scim.patch(`/Users/${id}`, {
      op: 'Remove',
      path: `${ENTERPRISE}:manager`,
    });
    expect(noManager.body[ENTERPRISE]?.manager).toBeUndefined();
    expect((await scimApp.store.getPerson('demo-co', id))?.managerId).toBeNull();
    // 6. Disable user: "False" as a string.
    const disabled = await scimApp.scim.patch(`/Users/${id}`, {
      op: 'Replace',
      path: 'active',
      value: 'False',
    });
    expect(disabled.body.active).toBe(false);
    expect((await scimApp.store.getPerson('demo-co', id))?.active).toBe(false);
    // 7. Delete user.
    expect((await scimApp.scim.delete(`/Users/${id}`)).status).toBe(204);
    scimApp.expectError(await scimApp.scim.get(`/Users/${id}`), 404);
    expect(
      (await scimApp.scim.get(`/Users?${filter(`userName eq "${userName}"`)}`)).body.totalResults,
    ).toBe(0);
    expect(await scimApp.store.getPerson('demo-co', id)).toMatchObject({ active: false }); // kept
  });

  it('creates a group, finds it without members, renames it, adds and removes members, deletes it', async () => {
    const created = await scimApp.scim.post('/Groups', {
      externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
      displayName: 'displayName',
      meta: { resourceType: 'Group' },
      schemas: [GROUP],
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({ displayName: 'displayName', members: [] });
    const found = await scimApp.scim.get(
      `/Groups?excludedAttributes=members&${filter('displayName eq "displayName"')}`,
    );
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources[0]).not.toHaveProperty('members');
    const renamed = await scimApp.scim.patch(`/Groups/${id}`, {
      op: 'Replace',
      path: 'displayName',
      value: '1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName',
    });
    expect(renamed.body.displayName).toBe('1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName');
    const added = await scimApp.scim.patch(`/Groups/${id}`, {
      op: 'Add',
      path: 'members',
      value: [
        { $ref: null, value: 'u-demo-learner' },
        { $ref: null, value: 'u-demo-learner2' },
      ],
    });
    expect(added.status).toBe(200);
    expect((await scimApp.store.getUser('u-demo-learner'))?.cohortIds).toContain(id);
    const member = await scimApp.scim.get(
      `/Groups?${filter(`id eq "${id}" and members[value eq "u-demo-learner"]`)}&excludedAttributes=members`,
    );
    expect(member.body.totalResults).toBe(1);
    const removed = await scimApp.scim.patch(`/Groups/${id}`, {
      op: 'Remove',
      path: 'members',
      value: [{ $ref: null, value: 'u-demo-learner' }],
    });
    expect(removed.body.members.map((m: { value: string }) => m.value)).toEqual([
      'u-demo-learner2',
    ]);
    expect((await scimApp.store.getUser('u-demo-learner'))?.cohortIds).not.toContain(id);
    expect((await scimApp.scim.delete(`/Groups/${id}`)).status).toBe(204);
    scimApp.expectError(await scimApp.scim.get(`/Groups/${id}`), 404);
    expect(await scimApp.store.getCohort(id)).toBeDefined(); // the cohort and its boards stay
  });
});

describe('Okta provisioning, as documented', () => {
  it('creates a user (its password is never kept), replaces, deactivates and reactivates them', async () => {
    const userName = 'test.user@demo.test';
    const none = await scimApp.scim.get(
      `/Users?${filter(`userName eq "${userName}"`)}&startIndex=1&count=100`,
    );
    expect(none.body.totalResults).toBe(0);
    const body = {
      schemas: [USER],
      userName,
      name: { givenName: 'Test', familyName: 'User' },
      emails: [{ primary: true, value: userName, type: 'work' }],
      displayName: 'Test User',
      locale: 'en_US',
      externalId: '00ujl29u0le5T6Aj10h7',
      groups: [],
      password: '1mz050nq',
      active: true,
    };
    const created = await scimApp.scim.post('/Users', body);
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({ userName, displayName: 'Test User', locale: 'en-US' });
    expect(JSON.stringify(created.body)).not.toContain('1mz050nq');
    expect((await scimApp.store.findLogin(userName))?.passwordHash).toBe('');
    expect((await scimApp.scim.get(`/Users/${id}`)).body.id).toBe(id);
    const replaced = await scimApp.scim.put(`/Users/${id}`, {
      ...body,
      id,
      name: { givenName: 'Another', familyName: 'User' },
      displayName: 'Another User',
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body.name.givenName).toBe('Another');
    expect((await scimApp.store.getPerson('demo-co', id))?.name).toBe('Another User');
    const off = await scimApp.scim.patch(`/Users/${id}`, {
      op: 'replace',
      value: { active: false },
    });
    expect(off.body.active).toBe(false);
    const on = await scimApp.scim.patch(`/Users/${id}`, { op: 'replace', value: { active: true } });
    expect(on.body.active).toBe(true);
    expect(await scimApp.store.getUser(id)).toBeDefined();
  });

  it('pushes a group: create, rename, add members, remove one by value path, delete', async () => {
    const created = await scimApp.scim.post('/Groups', {
      schemas: [GROUP],
      displayName: 'Test SCIMv2',
      members: [],
    });
    const id = created.body.id as string;
    const listed = await scimApp.scim.get(
      `/Groups?${filter('displayName eq "Test SCIMv2"')}&startIndex=1&count=100`,
    );
    expect(listed.body.Resources.map((g: { id: string }) => g.id)).toEqual([id]);
    const renamed = await scimApp.scim.patch(`/Groups/${id}`, {
      op: 'replace',
      value: { id, displayName: 'Test SCIMv2 renamed' },
    });
    expect(renamed.body.displayName).toBe('Test SCIMv2 renamed');
    await scimApp.scim.patch(`/Groups/${id}`, {
      op: 'add',
      path: 'members',
      value: [
        { value: 'u-demo-learner', display: 'learner@demo.test' },
        { value: 'u-demo-manager', display: 'manager@demo.test' },
      ],
    });
    const removed = await scimApp.scim.patch(`/Groups/${id}`, {
      op: 'remove',
      path: 'members[value eq "u-demo-learner"]',
    });
    expect(removed.body.members.map((m: { value: string }) => m.value)).toEqual(['u-demo-manager']);
    expect((await scimApp.scim.delete(`/Groups/${id}`)).status).toBe(204);
  });
});
