/** The rows of the authorization matrix (authorization-matrix.test.ts): every API route, the status each caller and scope must get, and what a row sets up first. */
import { syncBody } from './api';
import {
  type Actor,
  type Scope,
  people,
  type Row,
  signedIn,
  everyone,
  coaching,
  adminOnly,
  adminScoped,
  cohortReaders,
  toColleague,
  pilots,
  otherOrg,
  moduleSource,
} from './authorization';

export const rows: Row[] = [
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
