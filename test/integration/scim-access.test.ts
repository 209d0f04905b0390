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
import { clientFor, lessonEvent, syncBody } from '../support/api';
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
import { ERROR, scim, globex, useScimClients, store, app } from '../support/scim-app';

useScimClients();

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
