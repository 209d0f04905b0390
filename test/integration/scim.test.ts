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
import { beforeEach, describe, expect, it } from 'vitest';
import { clientFor, lessonEvent, syncBody } from '../support/api';
import { freshApi } from '../support/fresh';
import {
  ENTERPRISE,
  filter,
  GROUP,
  issueScimToken,
  PATCH_OP,
  scimClient,
  USER,
  type ScimClient,
} from '../support/scim';
import { sessionCookie } from '../support/sessions';

const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

const { store, app } = freshApi();
let scim: ScimClient;
let globex: ScimClient;

beforeEach(async () => {
  scim = scimClient(app, await issueScimToken(app, store, 'u-demo-admin'));
  globex = scimClient(app, await issueScimToken(app, store, 'u-globex-admin'));
});

const entraUser = (userName: string) => ({
  schemas: [USER, ENTERPRISE],
  externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
  userName,
  active: true,
  emails: [{ primary: true, type: 'work', value: userName }],
  meta: { resourceType: 'User' },
  name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
  roles: [],
});

function expectError(res: { status: number; body: unknown }, status: number, scimType?: string) {
  expect(res.status).toBe(status);
  expect(res.body).toEqual({
    schemas: [ERROR],
    status: String(status),
    ...(scimType ? { scimType } : {}),
    detail: expect.any(String),
  });
}

describe('Microsoft Entra ID provisioning, as documented', () => {
  it('creates, finds, updates, sets the manager, disables and deletes a user', async () => {
    const userName = 'test_user_ab6490ee@demo.test';
    // 1. Entra asks whether the user exists.
    const none = await scim.get(`/Users?${filter(`userName eq "${userName}"`)}`);
    expect(none.status).toBe(200);
    expect(none.type).toMatch(/^application\/scim\+json/);
    expect(none.body).toEqual({
      schemas: [LIST],
      totalResults: 0,
      startIndex: 1,
      itemsPerPage: 0,
      Resources: [],
    });
    // 2. It creates them.
    const created = await scim.post('/Users', entraUser(userName));
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
    const found = await scim.get(`/Users?${filter(`userName eq "${userName.toUpperCase()}"`)}`);
    expect(found.body.Resources.map((r: { id: string }) => r.id)).toEqual([id]);
    const byExternal = await scim.get(
      `/Users?${filter('externalId eq "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"')}`,
    );
    expect(byExternal.body.totalResults).toBe(1);
    const unknown = await scim.get(`/Users?${filter('userName eq "non-existent user"')}`);
    expect(unknown.body.totalResults).toBe(0);
    // 4. Update [multi-valued and single-valued properties].
    const updated = await scim.patch(
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
    const manager = await scim.patch(`/Users/${id}`, {
      op: 'Add',
      path: `${ENTERPRISE}:manager`,
      value: 'u-demo-manager',
    });
    expect(manager.body[ENTERPRISE].manager.value).toBe('u-demo-manager');
    const team = await clientFor(app, await sessionCookie(store, 'u-demo-manager')).get(
      '/api/v1/team',
    );
    expect(JSON.stringify(await team.json())).toContain(id);
    const noManager = await scim.patch(`/Users/${id}`, {
      op: 'Remove',
      path: `${ENTERPRISE}:manager`,
    });
    expect(noManager.body[ENTERPRISE]?.manager).toBeUndefined();
    expect((await store.getPerson('demo-co', id))?.managerId).toBeNull();
    // 6. Disable user: "False" as a string.
    const disabled = await scim.patch(`/Users/${id}`, {
      op: 'Replace',
      path: 'active',
      value: 'False',
    });
    expect(disabled.body.active).toBe(false);
    expect((await store.getPerson('demo-co', id))?.active).toBe(false);
    // 7. Delete user.
    expect((await scim.delete(`/Users/${id}`)).status).toBe(204);
    expectError(await scim.get(`/Users/${id}`), 404);
    expect(
      (await scim.get(`/Users?${filter(`userName eq "${userName}"`)}`)).body.totalResults,
    ).toBe(0);
    expect(await store.getPerson('demo-co', id)).toMatchObject({ active: false }); // kept
  });

  it('creates a group, finds it without members, renames it, adds and removes members, deletes it', async () => {
    const created = await scim.post('/Groups', {
      externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
      displayName: 'displayName',
      meta: { resourceType: 'Group' },
      schemas: [GROUP],
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({ displayName: 'displayName', members: [] });
    const found = await scim.get(
      `/Groups?excludedAttributes=members&${filter('displayName eq "displayName"')}`,
    );
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources[0]).not.toHaveProperty('members');
    const renamed = await scim.patch(`/Groups/${id}`, {
      op: 'Replace',
      path: 'displayName',
      value: '1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName',
    });
    expect(renamed.body.displayName).toBe('1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName');
    const added = await scim.patch(`/Groups/${id}`, {
      op: 'Add',
      path: 'members',
      value: [
        { $ref: null, value: 'u-demo-learner' },
        { $ref: null, value: 'u-demo-learner2' },
      ],
    });
    expect(added.status).toBe(200);
    expect((await store.getUser('u-demo-learner'))?.cohortIds).toContain(id);
    const member = await scim.get(
      `/Groups?${filter(`id eq "${id}" and members[value eq "u-demo-learner"]`)}&excludedAttributes=members`,
    );
    expect(member.body.totalResults).toBe(1);
    const removed = await scim.patch(`/Groups/${id}`, {
      op: 'Remove',
      path: 'members',
      value: [{ $ref: null, value: 'u-demo-learner' }],
    });
    expect(removed.body.members.map((m: { value: string }) => m.value)).toEqual([
      'u-demo-learner2',
    ]);
    expect((await store.getUser('u-demo-learner'))?.cohortIds).not.toContain(id);
    expect((await scim.delete(`/Groups/${id}`)).status).toBe(204);
    expectError(await scim.get(`/Groups/${id}`), 404);
    expect(await store.getCohort(id)).toBeDefined(); // the cohort and its boards stay
  });
});

describe('Okta provisioning, as documented', () => {
  it('creates a user (its password is never kept), replaces, deactivates and reactivates them', async () => {
    const userName = 'test.user@demo.test';
    const none = await scim.get(
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
    const created = await scim.post('/Users', body);
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({ userName, displayName: 'Test User', locale: 'en-US' });
    expect(JSON.stringify(created.body)).not.toContain('1mz050nq');
    expect((await store.findLogin(userName))?.passwordHash).toBe('');
    expect((await scim.get(`/Users/${id}`)).body.id).toBe(id);
    const replaced = await scim.put(`/Users/${id}`, {
      ...body,
      id,
      name: { givenName: 'Another', familyName: 'User' },
      displayName: 'Another User',
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body.name.givenName).toBe('Another');
    expect((await store.getPerson('demo-co', id))?.name).toBe('Another User');
    const off = await scim.patch(`/Users/${id}`, { op: 'replace', value: { active: false } });
    expect(off.body.active).toBe(false);
    const on = await scim.patch(`/Users/${id}`, { op: 'replace', value: { active: true } });
    expect(on.body.active).toBe(true);
    expect(await store.getUser(id)).toBeDefined();
  });

  it('pushes a group: create, rename, add members, remove one by value path, delete', async () => {
    const created = await scim.post('/Groups', {
      schemas: [GROUP],
      displayName: 'Test SCIMv2',
      members: [],
    });
    const id = created.body.id as string;
    const listed = await scim.get(
      `/Groups?${filter('displayName eq "Test SCIMv2"')}&startIndex=1&count=100`,
    );
    expect(listed.body.Resources.map((g: { id: string }) => g.id)).toEqual([id]);
    const renamed = await scim.patch(`/Groups/${id}`, {
      op: 'replace',
      value: { id, displayName: 'Test SCIMv2 renamed' },
    });
    expect(renamed.body.displayName).toBe('Test SCIMv2 renamed');
    await scim.patch(`/Groups/${id}`, {
      op: 'add',
      path: 'members',
      value: [
        { value: 'u-demo-learner', display: 'learner@demo.test' },
        { value: 'u-demo-manager', display: 'manager@demo.test' },
      ],
    });
    const removed = await scim.patch(`/Groups/${id}`, {
      op: 'remove',
      path: 'members[value eq "u-demo-learner"]',
    });
    expect(removed.body.members.map((m: { value: string }) => m.value)).toEqual(['u-demo-manager']);
    expect((await scim.delete(`/Groups/${id}`)).status).toBe(204);
  });
});

describe('the RFC 7644 examples', () => {
  it('answers the §3.4.2.2 filters it supports and refuses the rest as invalidFilter', async () => {
    await scim.post('/Users', {
      userName: 'bjensen@example.com',
      name: { familyName: "O'Malley", givenName: 'Barbara' },
      displayName: 'Babs Jensen',
    });
    const answers: Array<[string, number]> = [
      ['userName eq "bjensen@example.com"', 1],
      ['name.familyName co "O\'Malley"', 1],
      ['userName sw "J"', 0],
      ['urn:ietf:params:scim:schemas:core:2.0:User:userName sw "B"', 1],
      ['emails co "example.com"', 1],
      ['emails[type eq "work" and value co "@example.com"]', 1],
      ['displayName pr and not (emails co "example.org")', 6],
      ['displayName pr and emails co "example.com"', 1],
      ['userName eq "bjensen@example.com" or userName eq "nobody@example.com"', 1],
    ];
    for (const [text, n] of answers) {
      const res = await scim.get(`/Users?${filter(text)}`);
      expect(res.status, text).toBe(200);
      expect(res.body.totalResults, text).toBe(n);
    }
    for (const text of [
      'title pr',
      'meta.lastModified gt "2011-05-13T04:42:34Z"',
      'title pr and userType eq "Employee"',
      'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
      'userName eq',
      'active eq "yes"',
    ])
      expectError(await scim.get(`/Users?${filter(text)}`), 400, 'invalidFilter');
  });

  it('applies the §3.5.2 PATCH examples to a group and a user', async () => {
    const { body: group } = await scim.post('/Groups', { displayName: 'Tour Guides' });
    const path = `/Groups/${group.id}`;
    const values = (res: { body: { members?: Array<{ value: string }> } }) =>
      (res.body.members ?? []).map((m) => m.value);
    const add = await scim.patch(path, {
      op: 'add',
      path: 'members',
      value: [
        {
          display: 'Lena',
          $ref: 'https://example.com/v2/Users/u-demo-learner',
          value: 'u-demo-learner',
        },
        { value: 'u-demo-learner2' },
      ],
    });
    expect(values(add)).toEqual(['u-demo-learner', 'u-demo-learner2']);
    const one = await scim.patch(path, {
      op: 'remove',
      path: 'members[value eq "u-demo-learner"]',
    });
    expect(values(one)).toEqual(['u-demo-learner2']);
    const replaced = await scim.patch(
      path,
      { op: 'remove', path: 'members' },
      { op: 'add', path: 'members', value: [{ value: 'u-demo-manager' }] },
    );
    expect(values(replaced)).toEqual(['u-demo-manager']);
    expect(values(await scim.patch(path, { op: 'remove', path: 'members' }))).toEqual([]);
    expectError(
      await scim.patch(path, { op: 'replace', path: 'members[value eq "nobody"]', value: {} }),
      400,
      'noTarget',
    );
    expectError(await scim.patch(path, { op: 'remove' }), 400, 'noTarget');

    const { body: user } = await scim.post('/Users', { userName: 'babs@example.com' });
    const added = await scim.patch(`/Users/${user.id}`, {
      op: 'add',
      value: { emails: [{ value: 'babs@jensen.org', type: 'home' }], nickname: 'Babs' },
    });
    expect(added.body.emails).toContainEqual({ value: 'babs@jensen.org', type: 'home' });
    const street = await scim.patch(`/Users/${user.id}`, {
      op: 'replace',
      path: 'addresses[type eq "work"].streetAddress',
      value: '1010 Broadway Ave',
    });
    expect(street.status).toBe(200); // not an attribute Kindling keeps: accepted, ignored
    const noPath = await scim.patch(`/Users/${user.id}`, {
      op: 'replace',
      value: { displayName: 'Babs', [`${ENTERPRISE}:department`]: 'Tours' },
    });
    expect(noPath.body).toMatchObject({
      displayName: 'Babs',
      [ENTERPRISE]: { department: 'Tours' },
    });
  });
});

describe('refusals in SCIM terms', () => {
  it('answers a userName taken in another organisation exactly like one taken here', async () => {
    const here = await scim.post('/Users', { userName: 'learner@demo.test' });
    const elsewhere = await scim.post('/Users', { userName: 'learner@globex.test' });
    expectError(here, 409, 'uniqueness');
    expect(elsewhere).toEqual(here);
    expect(
      (await scim.get(`/Users?${filter('userName eq "learner@globex.test"')}`)).body.totalResults,
    ).toBe(0);
  });

  it('names the kind of problem and never answers 5xx for malformed input', async () => {
    const { body: user } = await scim.post('/Users', { userName: 'valid@demo.test' });
    expectError(await scim.post('/Users', { userName: 'not an email' }), 400, 'invalidValue');
    expectError(await scim.post('/Users', { displayName: 'No userName' }), 400, 'invalidValue');
    expectError(
      await scim.post('/Users', { userName: 'a@demo.test', timezone: 'Mars/Base' }),
      400,
      'invalidValue',
    );
    expectError(
      await scim.post('/Users', { userName: 'a@demo.test', active: 'maybe' }),
      400,
      'invalidValue',
    );
    expectError(await scim.post('/Users', '{"userName":'), 400, 'invalidSyntax');
    expectError(await scim.post('/Users', []), 400, 'invalidSyntax');
    expectError(
      await scim.put(`/Users/${user.id}`, { id: 'someone-else', userName: 'valid@demo.test' }),
      400,
      'mutability',
    );
    expectError(
      await scim.patch(`/Users/${user.id}`, { op: 'replace', path: 'id', value: 'x' }),
      400,
      'mutability',
    );
    expectError(
      await scim.call('PATCH', `/Users/${user.id}`, { Operations: [] }),
      400,
      'invalidSyntax',
    );
    expectError(
      await scim.patch(`/Users/${user.id}`, { op: 'jump', path: 'active' }),
      400,
      'invalidSyntax',
    );
    expectError(
      await scim.patch(`/Users/${user.id}`, {
        op: 'add',
        path: `${ENTERPRISE}:manager`,
        value: 'u-globex-learner',
      }),
      400,
      'invalidValue',
    );
    expectError(
      await scim.patch(`/Users/u-demo-manager`, {
        op: 'add',
        path: `${ENTERPRISE}:manager`,
        value: 'u-demo-learner',
      }),
      400,
      'invalidValue',
    ); // Lena reports to Max: Max cannot report to Lena
    expectError(
      await scim.post('/Groups', { displayName: 'G', members: [{ value: 'u-globex-learner' }] }),
      400,
      'invalidValue',
    );
    expectError(await scim.get('/Users?startIndex=first'), 400, 'invalidValue');
    expectError(await scim.get('/Users?sortBy=password'), 400, 'invalidValue');
    expectError(await scim.get('/Nope'), 404);
  });
});

describe('listing', () => {
  it('pages, sorts and picks attributes', async () => {
    const page = await scim.get(
      '/Users?sortBy=displayName&sortOrder=descending&startIndex=2&count=2&attributes=displayName,urn:ietf:params:scim:schemas:core:2.0:User:name.familyName',
    );
    expect(page.body).toMatchObject({ totalResults: 5, startIndex: 2, itemsPerPage: 2 });
    expect(page.body.Resources.map((r: { displayName: string }) => r.displayName)).toEqual([
      'Max Manager',
      'Leo Learner',
    ]);
    expect(Object.keys(page.body.Resources[0]).sort()).toEqual(['displayName', 'id', 'schemas']);
    const byUserName = await scim.get(
      '/Users?sortBy=userName&count=1&excludedAttributes=emails,name',
    );
    expect(byUserName.body.Resources[0]).toMatchObject({ userName: 'admin@demo.test' });
    expect(byUserName.body.Resources[0]).not.toHaveProperty('emails');
    expect(byUserName.body.Resources[0]).not.toHaveProperty('name');
    const manager = await scim.get(`/Users/u-demo-learner?attributes=${ENTERPRISE}:manager`);
    expect(manager.body).toEqual({
      schemas: [USER, ENTERPRISE],
      id: 'u-demo-learner',
      [ENTERPRISE]: {
        manager: { value: 'u-demo-manager', $ref: 'http://localhost/scim/v2/Users/u-demo-manager' },
      },
    });
    for (const p of [
      '/ServiceProviderConfig',
      '/ResourceTypes',
      '/Schemas',
      '/ResourceTypes/User',
      `/Schemas/${ENTERPRISE}`,
    ])
      expect((await scim.get(p)).status, p).toBe(200);
  });
});

describe('deactivation keeps history', () => {
  it('ends sessions, keeps events and board rows, and a reactivation restores the person', async () => {
    const learner = clientFor(app, await sessionCookie(store, 'u-demo-learner'));
    const lesson = 'giving-feedback.specific-feedback';
    await learner.post(
      '/api/v1/sync',
      syncBody([lessonEvent('lesson_started', lesson), lessonEvent('lesson_completed', lesson)]),
    );
    const before = (await (await learner.get('/api/v1/me/state')).json()) as {
      completedLessonIds: string[];
    };
    expect(before.completedLessonIds).toEqual([lesson]);
    const zone = (await store.getUser('u-demo-learner'))!.tz;
    expect(zone).not.toBe('UTC');
    await scim.patch('/Users/u-demo-learner', { op: 'replace', path: 'active', value: 'False' });
    expect((await learner.get('/api/v1/me')).status).toBe(401);
    expect(await store.userEvents('u-demo-learner')).toHaveLength(2);
    await scim.delete('/Users/u-demo-learner');
    // The directory creates them again: the same person, with their history.
    const back = await scim.post('/Users', {
      userName: 'learner@demo.test',
      displayName: 'Lena Learner',
    });
    expect(back.status).toBe(201);
    expect(back.body.id).toBe('u-demo-learner');
    // No time zone in the body: they keep theirs, so their days and streak stay where they were.
    expect(back.body.timezone).toBe(zone);
    const again = clientFor(app, await sessionCookie(store, 'u-demo-learner'));
    expect(await (await again.get('/api/v1/me/state')).json()).toEqual(before);
  });
});

describe('who may call SCIM', () => {
  it('has a row for every SCIM route, and only the organisation’s own working token opens it', async () => {
    const revoked = await issueScimToken(app, store, 'u-demo-admin');
    const admin = clientFor(app, await sessionCookie(store, 'u-demo-admin'));
    const tokens = (await (await admin.get('/api/v1/admin/scim-tokens')).json()) as {
      tokens: Array<{ id: string }>;
    };
    expect(tokens.tokens).toHaveLength(3 - 1); // scim + revoked (Globex's is not listed here)
    const revokedId = tokens.tokens[0]!.id;
    expect((await admin.delete(`/api/v1/admin/scim-tokens/${revokedId}`)).status).toBe(200);
    const { body: group } = await scim.post('/Groups', { displayName: 'Matrix' });
    const callers: Record<string, ScimClient> = {
      none: scimClient(app, ''),
      garbage: scimClient(app, 'kscim_not-a-token'),
      revoked: scimClient(app, revoked),
      adminCookie: scimClient(app, '', { cookie: admin.cookie }),
      otherOrg: globex,
      own: scim,
    };
    const user = { userName: 'learner2@demo.test', displayName: 'Leo Learner' };
    const ok = (status: number) => ({ own: status, otherOrg: 404 });
    const rows: Record<string, { path: string; body?: unknown; expect: Record<string, number> }> = {
      'GET /scim/v2/ServiceProviderConfig': {
        path: '/ServiceProviderConfig',
        expect: { own: 200, otherOrg: 200 },
      },
      'GET /scim/v2/ResourceTypes': { path: '/ResourceTypes', expect: { own: 200, otherOrg: 200 } },
      'GET /scim/v2/ResourceTypes/:id': {
        path: '/ResourceTypes/Group',
        expect: { own: 200, otherOrg: 200 },
      },
      'GET /scim/v2/Schemas': { path: '/Schemas', expect: { own: 200, otherOrg: 200 } },
      'GET /scim/v2/Schemas/:id': {
        path: `/Schemas/${GROUP}`,
        expect: { own: 200, otherOrg: 200 },
      },
      'GET /scim/v2/Users': { path: '/Users', expect: { own: 200, otherOrg: 200 } },
      'GET /scim/v2/Users/:id': { path: '/Users/u-demo-learner2', expect: ok(200) },
      'POST /scim/v2/Users': {
        path: '/Users',
        body: (who: string) => ({ userName: `new-${who}@example.com` }),
        expect: { own: 201, otherOrg: 201 },
      },
      'PUT /scim/v2/Users/:id': { path: '/Users/u-demo-learner2', body: user, expect: ok(200) },
      'PATCH /scim/v2/Users/:id': {
        path: '/Users/u-demo-learner2',
        body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'locale', value: 'de' }] },
        expect: ok(200),
      },
      'DELETE /scim/v2/Users/:id': { path: '/Users/u-demo-learner2', expect: ok(204) },
      'GET /scim/v2/Groups': { path: '/Groups', expect: { own: 200, otherOrg: 200 } },
      'GET /scim/v2/Groups/:id': { path: `/Groups/${group.id}`, expect: ok(200) },
      'POST /scim/v2/Groups': {
        path: '/Groups',
        body: { displayName: 'New' },
        expect: { own: 201, otherOrg: 201 },
      },
      'PUT /scim/v2/Groups/:id': {
        path: `/Groups/${group.id}`,
        body: { displayName: 'Matrix' },
        expect: ok(200),
      },
      'PATCH /scim/v2/Groups/:id': {
        path: `/Groups/${group.id}`,
        body: {
          schemas: [PATCH_OP],
          Operations: [{ op: 'replace', path: 'displayName', value: 'M' }],
        },
        expect: ok(200),
      },
      'DELETE /scim/v2/Groups/:id': { path: `/Groups/${group.id}`, expect: ok(204) },
      // Not offered (ServiceProviderConfig says so): 501 in the SCIM error schema, to a token.
      ...Object.fromEntries(
        ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((method) => [
          `${method} /scim/v2/Me`,
          {
            path: '/Me',
            body: method === 'GET' || method === 'DELETE' ? undefined : user,
            expect: { own: 501, otherOrg: 501 },
          },
        ]),
      ),
      'POST /scim/v2/Bulk': { path: '/Bulk', body: {}, expect: { own: 501, otherOrg: 501 } },
    };
    const routes = [
      ...new Set(
        app.routes
          .filter((r) => r.path.startsWith('/scim/v2/') && !r.path.includes('*'))
          .map((r) => `${r.method} ${r.path}`),
      ),
    ].sort();
    expect(Object.keys(rows).sort()).toEqual(routes);
    const wrong: string[] = [];
    for (const [route, row] of Object.entries(rows))
      for (const [who, client] of Object.entries(callers)) {
        const want = row.expect[who] ?? 401;
        const body = typeof row.body === 'function' ? row.body(who) : row.body;
        const res = await client.call(route.split(' ')[0]!, row.path, body);
        if (res.status !== want) wrong.push(`${who} → ${route}: ${res.status}, expected ${want}`);
        if (res.status === 401 && res.body?.schemas?.[0] !== ERROR)
          wrong.push(`${who} → ${route}: not a SCIM error`);
      }
    expect(wrong).toEqual([]);
    // Globex's writes stayed in Globex.
    expect((await store.getPerson('demo-co', 'u-demo-learner2'))?.active).toBe(false); // own DELETE
    expect(
      (await globex.get(`/Users?${filter('userName eq "new-own@example.com"')}`)).body.totalResults,
    ).toBe(0);
  });
});

describe('what ServiceProviderConfig promises', () => {
  it('matches what the service does: PATCH, filter, sort yes; bulk, /Me, ETags, passwords no', async () => {
    const config = (await scim.get('/ServiceProviderConfig')).body;
    expect(config).toMatchObject({
      patch: { supported: true },
      filter: { supported: true },
      sort: { supported: true },
      bulk: { supported: false },
      etag: { supported: false },
      changePassword: { supported: false },
    });
    // No bulk endpoint and no /Me: 501 with the SCIM error and a clear detail.
    for (const [method, path] of [
      ['POST', '/Bulk'],
      ['GET', '/Me'],
    ] as const) {
      const res = await scim.call(method, path, method === 'POST' ? {} : undefined);
      expect(res.status, path).toBe(501);
      expect(res.body).toEqual({
        schemas: [ERROR],
        status: '501',
        detail: expect.stringContaining(path),
      });
    }
    // No ETags: no version on a resource, no ETag header.
    const raw = await app.request('http://localhost/scim/v2/Users/u-demo-learner', {
      headers: { authorization: `Bearer ${scim.token}` },
    });
    expect(raw.headers.get('etag')).toBeNull();
    expect(((await raw.json()) as { meta: object }).meta).not.toHaveProperty('version');
  });
});
