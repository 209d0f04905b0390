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
import { ENTERPRISE, filter } from '../support/scim';
import { scim, expectError, useScimClients } from '../support/scim-app';

useScimClients();

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
