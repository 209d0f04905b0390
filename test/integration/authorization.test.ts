/**
 * The authorization matrix: EVERY API route × every kind of caller × own team / other team /
 * other organisation, with the status each cell must answer.
 *
 * The routes (every /api/v1 route, and the shared /sso/<slug> link) come from the Hono app itself
 * (`app.routes`), so adding a route without adding a row here fails the first test. SCIM routes:
 * the last describe here (no session opens them) and scim.test.ts (which token opens what). Each row runs on a fresh demo database; callers run in a fixed order
 * (anonymous, learners, managers, admins) so rows that change data (deactivate, logout) do so after
 * the cells that depend on it.
 *
 * Scopes are seen from Demo Co's manager Max: `own` = Lena (Max's report), `otherTeam` = Leo
 * (Mia's report, same org), `otherOrg` = Gus at Globex. Cohort routes use Demo Co's pilot cohort
 * (Lena and Max are members) for own, Demo Co's "led" cohort for other team — only Leo is in it,
 * and Max leads it as its cohort manager, so that is the only way he reaches it — and Globex's
 * cohort for other org. Routes that name a person in the body
 * (kudos, recommendations) run over the same three people. Routes without a person or cohort have
 * one status per caller.
 *
 * The app has VAPID keys, so the push routes answer rather than 404 `push_disabled`.
 */
import webpush from 'web-push';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import { clientFor, syncBody, type Store } from '../support/api';
import { apiTestStore, demoStore, disposeApiTestStores } from '../support/server';
import { sessionCookie } from '../support/sessions';

const actors = [
  'anonymous',
  'learner',
  'otherOrgLearner',
  'manager',
  'otherOrgAdmin',
  'admin',
] as const;
type Actor = (typeof actors)[number];
const actorIds: Record<Exclude<Actor, 'anonymous'>, string> = {
  learner: 'u-demo-learner',
  otherOrgLearner: 'u-globex-learner',
  manager: 'u-demo-manager',
  otherOrgAdmin: 'u-globex-admin',
  admin: 'u-demo-admin',
};

const scopes = ['own', 'otherTeam', 'otherOrg'] as const;
type Scope = (typeof scopes)[number];
const people: Record<Scope, string> = {
  own: 'u-demo-learner',
  otherTeam: 'u-demo-learner2',
  otherOrg: 'u-globex-learner',
};
const cohorts: Record<Scope, string> = {
  own: 'demo-co-pilot',
  otherTeam: 'demo-co-led',
  otherOrg: 'globex-all',
};

/** Every row's database: Demo Co's second cohort, with Leo in it and Max as its manager. */
async function ledCohort(store: Store) {
  await store.createCohort({ id: 'demo-co-led', orgId: 'demo-co', name: 'Led', tz: 'UTC' });
  await store.updatePerson('demo-co', 'u-demo-learner2', {
    cohortIds: ['demo-co-pilot', 'demo-co-led'],
  });
  await store.updateCohort('demo-co', 'demo-co-led', { managerIds: ['u-demo-manager'] });
}

type Cell = number | [own: number, otherTeam: number, otherOrg: number];
interface Row {
  route: string;
  body?: unknown | ((actor: Actor, scope: Scope) => unknown);
  /** Fixed values for path parameters that are not a person or a cohort. */
  params?: Record<string, string>;
  /** A path parameter (other than `:cohortId`) that names a cohort: the row runs per scope. */
  cohortParam?: string;
  /** The body names a person (`body(actor, scope)` picks them): the row runs per scope. */
  personInBody?: true;
  /** Data the row needs in its fresh demo database before any caller runs. */
  setup?: (store: Store) => Promise<void>;
  expect: Record<Actor, Cell>;
}

/** Signed-in callers all get `ok`; nobody signed in gets 401. */
const signedIn = (ok: number): Row['expect'] => ({
  anonymous: 401,
  learner: ok,
  otherOrgLearner: ok,
  manager: ok,
  otherOrgAdmin: ok,
  admin: ok,
});
const everyone = (status: number): Row['expect'] => ({
  anonymous: status,
  learner: status,
  otherOrgLearner: status,
  manager: status,
  otherOrgAdmin: status,
  admin: status,
});
/** Manager/admin routes about one person. */
const coaching = (ok: number): Row['expect'] => ({
  anonymous: [401, 401, 401],
  learner: [403, 403, 403],
  otherOrgLearner: [403, 403, 403],
  manager: [ok, 403, 404],
  otherOrgAdmin: [404, 404, ok],
  admin: [ok, ok, 404],
});
/** Admin-only routes without a person or cohort in the path. */
const adminOnly = (ok: number, otherOrgAdmin = ok): Row['expect'] => ({
  anonymous: 401,
  learner: 403,
  otherOrgLearner: 403,
  manager: 403,
  otherOrgAdmin,
  admin: ok,
});
/** Admin routes about one person or cohort: only inside the admin's own org. */
const adminScoped = (ok: number): Row['expect'] => ({
  anonymous: [401, 401, 401],
  learner: [403, 403, 403],
  otherOrgLearner: [403, 403, 403],
  manager: [403, 403, 403],
  otherOrgAdmin: [404, 404, ok],
  admin: [ok, ok, 404],
});

/**
 * Cohort routes for its members and those who lead it: its cohort managers, managers of a member,
 * org admins. Lena is not in the led cohort (403); Max leads it as its cohort manager.
 */
const cohortReaders = (ok: number): Row['expect'] => ({
  anonymous: [401, 401, 401],
  learner: [ok, 403, 404],
  otherOrgLearner: [404, 404, ok],
  manager: [ok, ok, 404],
  otherOrgAdmin: [404, 404, ok],
  admin: [ok, ok, 404],
});
/** A colleague named in the body: same org only, never oneself (400 `self`). */
const toColleague = (ok: number): Row['expect'] => ({
  anonymous: [401, 401, 401],
  learner: [400, ok, 404],
  otherOrgLearner: [404, 404, 400],
  manager: [ok, ok, 404],
  otherOrgAdmin: [404, 404, ok],
  admin: [ok, ok, 404],
});

/** One pilot in each organisation, for the report, export and checklist routes. */
async function pilots(store: Store) {
  for (const [orgId, cohortId] of [
    ['demo-co', 'demo-co-pilot'],
    ['globex', 'globex-all'],
  ] as const)
    await store.createPilot({
      id: `pilot-${orgId}`,
      orgId,
      name: 'Spring pilot',
      startDate: '2026-01-05',
      weeks: 12,
      cohortIds: [cohortId],
      goals: [],
      createdAt: Date.parse('2026-01-01T00:00:00Z'),
    });
}
const otherOrg = (actor: Actor) => actor === 'otherOrgLearner' || actor === 'otherOrgAdmin';
const vapid = { ...webpush.generateVAPIDKeys(), subject: 'mailto:ops@kindling.test' };

const moduleSource = (id: string) => `---
id: ${id}
title: Uploaded module
competencies: [feedback]
---

## A short lesson {#short}

A few words to read.
`;

const rows: Row[] = [
  { route: 'GET /api/v1/health', expect: everyone(200) },
  {
    route: 'POST /api/v1/auth/login',
    body: { email: 'learner@demo.test', password: 'learn-daily' },
    expect: everyone(200),
  },
  { route: 'POST /api/v1/auth/logout', expect: signedIn(200) },
  { route: 'GET /api/v1/me', expect: signedIn(200) },
  // Single sign-on: public doors (a refusal is a redirect to the sign-in screen; flows:
  // sso.test.ts), and each admin sets their own organisation's provider only.
  { route: 'GET /api/v1/auth/sso/discover', expect: everyone(200) },
  { route: 'GET /api/v1/auth/sso/start', expect: everyone(303) },
  { route: 'GET /api/v1/auth/sso/callback', expect: everyone(303) },
  // The link an admin shares: a redirect to the start above, for anyone.
  { route: 'GET /sso/:slug', params: { slug: 'demo-co' }, expect: everyone(302) },
  { route: 'GET /api/v1/admin/sso', expect: adminOnly(200) },
  {
    route: 'PUT /api/v1/admin/sso',
    body: (actor: Actor) => ({
      issuer: 'https://login.example.com',
      clientId: 'kindling',
      clientSecret: 'secret',
      emailDomains: [actor === 'otherOrgAdmin' ? 'globex.test' : 'demo.test'],
    }),
    expect: adminOnly(200),
  },
  { route: 'GET /api/v1/catalog', expect: signedIn(200) },
  { route: 'GET /api/v1/modules/:id', params: { id: 'giving-feedback' }, expect: signedIn(200) },
  { route: 'POST /api/v1/sync', body: syncBody([]), expect: signedIn(200) },
  { route: 'GET /api/v1/me/state', expect: signedIn(200) },
  // Only the caller's own attempts are read: with none synced, every caller gets 404.
  {
    route: 'GET /api/v1/me/assessments/:lessonId',
    params: { lessonId: 'delegating-with-clarity.assessment' },
    expect: signedIn(404),
  },
  // Public doors: an unknown code or token is 404 for everyone (flows: people.test.ts).
  { route: 'GET /api/v1/invites/:code', params: { code: 'AAAAA-BBBBB' }, expect: everyone(404) },
  {
    route: 'POST /api/v1/invites/:code/accept',
    params: { code: 'AAAAA-BBBBB' },
    body: { name: 'New Person', password: 'a-long-password', email: 'new@demo.test' },
    expect: everyone(404),
  },
  {
    route: 'POST /api/v1/auth/reset',
    body: { token: 'x'.repeat(43), password: 'a-long-password' },
    expect: everyone(404),
  },
  { route: 'GET /api/v1/me/home', expect: signedIn(200) },
  { route: 'POST /api/v1/me/notifications/read', expect: signedIn(200) },
  { route: 'PUT /api/v1/me/locale', body: { locale: 'de' }, expect: signedIn(200) },
  { route: 'GET /api/v1/me/sessions', expect: signedIn(200) },
  // Someone else's (or no) session id: never found, whoever asks.
  {
    route: 'POST /api/v1/me/sessions/:id/revoke',
    params: { id: '0123456789abcdef' },
    expect: signedIn(404),
  },
  {
    route: 'GET /api/v1/team',
    expect: { ...adminOnly(200), manager: 200 },
  },
  { route: 'GET /api/v1/team/:userId', expect: coaching(200) },
  {
    route: 'POST /api/v1/team/:userId/assignments',
    body: { pathwayId: 'new-manager-essentials', dueDate: '2099-01-31' },
    expect: coaching(201),
  },
  { route: 'POST /api/v1/team/:userId/nudge', body: {}, expect: coaching(201) },
  {
    route: 'POST /api/v1/team/:userId/one-on-one/checks',
    body: { itemId: 'celebrate', checked: true },
    expect: coaching(200),
  },
  { route: 'GET /api/v1/admin/people', expect: adminOnly(200) },
  {
    route: 'POST /api/v1/admin/people/:userId',
    body: { name: 'Renamed Person' },
    expect: adminScoped(200),
  },
  { route: 'POST /api/v1/admin/people/:userId/deactivate', expect: adminScoped(200) },
  { route: 'POST /api/v1/admin/people/:userId/reset-link', expect: adminScoped(201) },
  { route: 'GET /api/v1/admin/cohorts', expect: adminOnly(200) },
  {
    route: 'POST /api/v1/admin/cohorts',
    body: { name: 'Autumn cohort', tz: 'Europe/Lisbon' },
    expect: adminOnly(201),
  },
  {
    route: 'POST /api/v1/admin/cohorts/:cohortId',
    body: (actor: Actor) => ({
      name: 'Renamed cohort',
      managerIds: [otherOrg(actor) ? 'u-globex-admin' : 'u-demo-manager'],
    }),
    expect: adminScoped(200),
  },
  // Globex's admin names Demo Co's cohort: unknown in Globex.
  {
    route: 'POST /api/v1/admin/invites',
    body: { cohortId: 'demo-co-pilot' },
    expect: adminOnly(201, 400),
  },
  // Open invites: each org's own; Demo Co's invite is unknown in Globex.
  { route: 'GET /api/v1/admin/invites', expect: adminOnly(200) },
  {
    route: 'POST /api/v1/admin/invites/:id/revoke',
    params: { id: 'a'.repeat(16) },
    setup: (store) =>
      store.createAccessToken('a'.repeat(64), {
        kind: 'invite',
        orgId: 'demo-co',
        userId: null,
        cohortId: 'demo-co-pilot',
        role: 'learner',
        email: null,
        managerId: null,
        createdBy: 'u-demo-admin',
        expiresAt: Date.now() + 86_400_000,
      }),
    expect: adminOnly(200, 404),
  },
  // Globex's admin names Demo Co's cohort: unknown in Globex, a row to fix.
  {
    route: 'POST /api/v1/admin/invites/bulk',
    body: { csv: 'email,cohort\nnew.person@demo.test,Pilot cohort' },
    expect: adminOnly(201, 422),
  },
  {
    route: 'POST /api/v1/admin/content/validate',
    body: { fileName: 'upload.md', source: moduleSource('uploaded') },
    expect: adminOnly(200),
  },
  {
    route: 'POST /api/v1/admin/content/import',
    body: (actor: Actor) => ({
      fileName: 'upload.md',
      source: moduleSource(`uploaded-by-${actor.toLowerCase()}`),
    }),
    expect: adminOnly(201),
  },
  { route: 'GET /api/v1/admin/programme', expect: adminOnly(200) },
  {
    route: 'POST /api/v1/admin/sponsor',
    body: {
      name: 'Sam Sponsor',
      title: 'CEO',
      text: 'Ten minutes a week.',
      startsOn: '2026-01-01',
      endsOn: '2099-12-31',
    },
    expect: adminOnly(200),
  },
  {
    route: 'POST /api/v1/admin/goal',
    body: { label: 'People who learn weekly', targetPercent: 80 },
    expect: adminOnly(200),
  },
  // Everyone signed in gets an answer; only admins and the sponsor get the goal (people.test.ts).
  { route: 'GET /api/v1/org/goal', expect: signedIn(200) },
  // SCIM tokens: each admin sees and revokes only their own organisation's (SCIM itself:
  // scim.test.ts has its own matrix of tokens).
  { route: 'GET /api/v1/admin/scim-tokens', expect: adminOnly(200) },
  { route: 'POST /api/v1/admin/scim-tokens', body: { name: 'Entra ID' }, expect: adminOnly(201) },
  {
    route: 'DELETE /api/v1/admin/scim-tokens/:id',
    params: { id: 'scim-demo' },
    setup: (store) =>
      store.createScimToken({
        id: 'scim-demo',
        orgId: 'demo-co',
        name: 'Okta',
        tokenHash: 'hash-scim-demo',
        createdBy: 'u-demo-admin',
        createdAt: Date.now(),
      }),
    expect: adminOnly(200, 404),
  },
  // LRS credentials for /xapi (the LRS itself: xapi.test.ts); Demo Co's credential is unknown in
  // Globex.
  {
    route: 'POST /api/v1/admin/lrs-credentials',
    body: { name: 'Company LRS', scope: 'read' },
    expect: adminOnly(201),
  },
  { route: 'GET /api/v1/admin/lrs-credentials', expect: adminOnly(200) },
  {
    route: 'POST /api/v1/admin/lrs-credentials/:id/revoke',
    params: { id: 'lrs-demo-co' },
    setup: async (store) =>
      store.createLrsCredential({
        id: 'lrs-demo-co',
        orgId: 'demo-co',
        name: 'Company LRS',
        key: 'lrs-demo-co-key',
        scope: 'all',
        createdAt: Date.now(),
        revokedAt: null,
        secretHash: 'not-a-real-hash',
      }),
    expect: adminOnly(200, 404),
  },
  // Forwarding to the organisation's own LRS (flows: xapi-forwarding*.test.ts); only Demo Co
  // forwards, so Globex's admin has nothing to delete.
  { route: 'GET /api/v1/admin/xapi-forwarding', expect: adminOnly(200) },
  {
    route: 'PUT /api/v1/admin/xapi-forwarding',
    body: { endpoint: 'https://203.0.114.7/xapi', key: 'company', secret: 'secret' },
    expect: adminOnly(200),
  },
  {
    route: 'DELETE /api/v1/admin/xapi-forwarding',
    setup: (store) =>
      store.saveForwarding({
        orgId: 'demo-co',
        endpoint: 'https://lrs.example.com/xapi',
        key: 'company',
        sealedSecret: 'v1.sealed',
        home: 'http://localhost',
        updatedAt: Date.now(),
      }),
    expect: adminOnly(200, 404),
  },
  // Motivation: cohort boards and the caller's own board settings.
  { route: 'GET /api/v1/cohorts/:id/leaderboard', cohortParam: 'id', expect: cohortReaders(200) },
  { route: 'GET /api/v1/me/board-profile', expect: signedIn(200) },
  {
    route: 'PUT /api/v1/me/board-profile',
    // Each caller its own alias: an alias is unique within a cohort.
    body: (actor: Actor) => ({ alias: `Quiet Fox ${actor}`, hidden: false }),
    expect: signedIn(200),
  },
  // Social: colleagues, kudos, recommendations, badges, cohort challenge and feed.
  { route: 'GET /api/v1/colleagues', expect: signedIn(200) },
  {
    route: 'POST /api/v1/kudos',
    personInBody: true,
    body: (_actor: Actor, scope: Scope) => ({ toUserId: people[scope], reason: 'lesson' }),
    expect: toColleague(201),
  },
  { route: 'GET /api/v1/me/kudos', expect: signedIn(200) },
  {
    route: 'POST /api/v1/recommendations',
    personInBody: true,
    body: (_actor: Actor, scope: Scope) => ({
      toUserId: people[scope],
      moduleId: 'giving-feedback',
    }),
    expect: toColleague(201),
  },
  { route: 'GET /api/v1/me/recommendations', expect: signedIn(200) },
  { route: 'GET /api/v1/me/badges', expect: signedIn(200) },
  { route: 'GET /api/v1/cohorts/:id/challenge', cohortParam: 'id', expect: cohortReaders(200) },
  // Setting the challenge: admins, cohort managers and managers of a member; learners get 403.
  {
    route: 'PUT /api/v1/cohorts/:id/challenge',
    cohortParam: 'id',
    body: { goal: 25 },
    expect: {
      ...cohortReaders(200),
      learner: [403, 403, 404],
      otherOrgLearner: [404, 404, 403],
    },
  },
  { route: 'GET /api/v1/cohorts/:id/feed', cohortParam: 'id', expect: cohortReaders(200) },
  // Web Push: each caller's own devices only.
  { route: 'GET /api/v1/push/public-key', expect: signedIn(200) },
  {
    route: 'POST /api/v1/push/subscriptions',
    body: (actor: Actor) => ({
      deviceId: `device-${actor}`,
      subscription: {
        endpoint: `https://push.example.test/send/${actor}`,
        keys: {
          p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQ',
          auth: 'tBHItJI5svbpez7KI4CCXg',
        },
      },
    }),
    expect: signedIn(201),
  },
  {
    route: 'POST /api/v1/push/unsubscribe',
    body: (actor: Actor) => ({ endpoint: `https://push.example.test/send/${actor}` }),
    expect: signedIn(200),
  },
  // The pilot: admins of the pilot's own organisation only.
  { route: 'GET /api/v1/pilot/setup', expect: adminOnly(200) },
  {
    route: 'POST /api/v1/pilot/pilots',
    body: (actor: Actor) => ({
      name: 'Autumn pilot',
      startDate: '2026-09-07',
      cohortIds: [otherOrg(actor) ? 'globex-all' : 'demo-co-pilot'],
    }),
    expect: adminOnly(201),
  },
  // Demo Co's pilot: unknown in Globex.
  {
    route: 'POST /api/v1/pilot/pilots/:id/checklist',
    params: { id: 'pilot-demo-co' },
    setup: pilots,
    body: { step: 'select-teams', done: true },
    expect: adminOnly(200, 404),
  },
  {
    route: 'POST /api/v1/pilot/hr',
    body: (actor: Actor) =>
      `email,hire_date\n${otherOrg(actor) ? 'learner@globex.test' : 'learner@demo.test'},2024-03-01\n`,
    expect: adminOnly(200),
  },
  { route: 'GET /api/v1/pilot/report', setup: pilots, expect: adminOnly(200) },
  {
    route: 'GET /api/v1/pilot/export/:file',
    params: { file: 'weekly.csv' },
    setup: pilots,
    expect: adminOnly(200),
  },
];

// The route list only: read off an app on the in-memory demo store.
const routeStore = await demoStore();
const app = createApp({ store: routeStore });
afterAll(() => routeStore.close());
afterEach(disposeApiTestStores);
const apiRoutes = [
  ...new Set(
    app.routes
      .filter(
        (r) => r.method !== 'ALL' && (r.path.startsWith('/api/v1/') || r.path.startsWith('/sso/')),
      )
      .map((r) => `${r.method} ${r.path}`),
  ),
].sort();

describe('the authorization matrix', () => {
  it('has exactly one row for every API route the app serves', () => {
    const inTable = rows.map((r) => r.route);
    expect(new Set(inTable).size).toBe(inTable.length);
    expect([...inTable].sort()).toEqual(apiRoutes);
  });

  it.each(rows)('$route', async (row) => {
    const store = await apiTestStore();
    await ledCohort(store);
    await row.setup?.(store);
    const rowApp = createApp({ store, vapid });
    const [method, route] = row.route.split(' ') as [string, string];
    const pattern = row.cohortParam ? route.replace(`:${row.cohortParam}`, ':cohortId') : route;
    const scoped = /:userId|:cohortId/.test(pattern) || row.personInBody === true;
    const seen: string[] = [];
    const wrong: string[] = [];
    for (const actor of actors) {
      const cookie = actor === 'anonymous' ? '' : await sessionCookie(store, actorIds[actor]);
      const client = clientFor(rowApp, cookie);
      const cell = row.expect[actor];
      for (const scope of scoped ? scopes : (['own'] as const)) {
        const path = pattern
          .replace(':userId', people[scope])
          .replace(':cohortId', cohorts[scope])
          .replace(/:(\w+)/g, (_, name: string) => row.params?.[name] ?? `missing-${name}`);
        const want = Array.isArray(cell) ? cell[scopes.indexOf(scope)]! : cell;
        const body = typeof row.body === 'function' ? row.body(actor, scope) : row.body;
        const res =
          method === 'GET'
            ? await client.get(path)
            : method === 'DELETE'
              ? await client.delete(path)
              : method === 'PUT'
                ? await client.put(path, body ?? {})
                : await client.post(path, body ?? {});
        const label = `${actor} → ${scoped ? `${scope} ` : ''}${path}`;
        seen.push(label);
        if (res.status !== want) wrong.push(`${label}: ${res.status}, expected ${want}`);
        if (res.status >= 400) {
          const json = (await res.json()) as { error?: { code?: string; message?: string } };
          if (typeof json.error?.code !== 'string' || typeof json.error?.message !== 'string')
            wrong.push(`${label}: error body without { error: { code, message } }`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(seen.length).toBe(actors.length * (scoped ? 3 : 1));
    await store.close();
  });
});

/**
 * SCIM (`/scim/v2`) opens with an organisation's SCIM token only; which token reaches what is
 * scim.test.ts's own matrix of every SCIM route. Here: no session, not even an admin's, opens any
 * SCIM route — each answers 401 in the SCIM error schema and changes nothing.
 */
describe('SCIM routes for every kind of caller with a session', () => {
  const scimRoutes = [
    ...new Set(
      app.routes
        .filter((r) => r.method !== 'ALL' && r.path.startsWith('/scim/v2/'))
        .map((r) => `${r.method} ${r.path}`),
    ),
  ].sort();

  it('lists the SCIM routes (Users, Groups, discovery)', () => {
    expect(scimRoutes).toContain('PATCH /scim/v2/Users/:id');
    expect(scimRoutes).toContain('DELETE /scim/v2/Groups/:id');
    expect(scimRoutes.length).toBeGreaterThanOrEqual(17);
  });

  it('answers 401 to every session on every SCIM route', async () => {
    const store = await apiTestStore();
    const rowApp = createApp({ store });
    const before = await store.countUsers();
    const wrong: string[] = [];
    for (const actor of actors) {
      const cookie = actor === 'anonymous' ? '' : await sessionCookie(store, actorIds[actor]);
      for (const route of scimRoutes) {
        const [method, pattern] = route.split(' ') as [string, string];
        const path = pattern.replace(
          ':id',
          pattern.includes('Groups') ? 'demo-co-pilot' : 'u-demo-learner',
        );
        const res = await rowApp.request(`http://localhost${path}`, {
          method,
          headers: { cookie, 'content-type': 'application/scim+json' },
          body:
            method === 'GET' || method === 'DELETE'
              ? undefined
              : JSON.stringify({ userName: 'x@demo.test' }),
        });
        const body = (await res.json()) as { schemas?: string[]; status?: string };
        if (
          res.status !== 401 ||
          body.schemas?.[0] !== 'urn:ietf:params:scim:api:messages:2.0:Error'
        )
          wrong.push(`${actor} → ${route}: ${res.status} ${JSON.stringify(body).slice(0, 100)}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await store.countUsers()).toBe(before);
    await store.close();
  });
});
