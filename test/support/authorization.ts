/**
 * Shared by the authorization-*.test.ts files: the actors and scopes of the matrix, the kinds of
 * rows (see ./authorization-rows.ts), and the route list read off an app on the demo store.
 */
import webpush from 'web-push';
import { afterAll, afterEach } from 'vitest';
import { createApp } from '../../src/server/app';
import type { Store } from './api';
import { demoStore, disposeApiTestStores } from './server';

export const actors = [
  'anonymous',
  'learner',
  'otherOrgLearner',
  'manager',
  'otherOrgAdmin',
  'admin',
] as const;
export type Actor = (typeof actors)[number];
export const actorIds: Record<Exclude<Actor, 'anonymous'>, string> = {
  learner: 'u-demo-learner',
  otherOrgLearner: 'u-globex-learner',
  manager: 'u-demo-manager',
  otherOrgAdmin: 'u-globex-admin',
  admin: 'u-demo-admin',
};

export const scopes = ['own', 'otherTeam', 'otherOrg'] as const;
export type Scope = (typeof scopes)[number];
export const people: Record<Scope, string> = {
  own: 'u-demo-learner',
  otherTeam: 'u-demo-learner2',
  otherOrg: 'u-globex-learner',
};
export const cohorts: Record<Scope, string> = {
  own: 'demo-co-pilot',
  otherTeam: 'demo-co-led',
  otherOrg: 'globex-all',
};

/** Every row's database: Demo Co's second cohort, with Leo in it and Max as its manager. */
export async function ledCohort(store: Store) {
  await store.createCohort({ id: 'demo-co-led', orgId: 'demo-co', name: 'Led', tz: 'UTC' });
  await store.updatePerson('demo-co', 'u-demo-learner2', {
    cohortIds: ['demo-co-pilot', 'demo-co-led'],
  });
  await store.updateCohort('demo-co', 'demo-co-led', { managerIds: ['u-demo-manager'] });
}

export type Cell = number | [own: number, otherTeam: number, otherOrg: number];
export interface Row {
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
export const signedIn = (ok: number): Row['expect'] => ({
  anonymous: 401,
  learner: ok,
  otherOrgLearner: ok,
  manager: ok,
  otherOrgAdmin: ok,
  admin: ok,
});
export const everyone = (status: number): Row['expect'] => ({
  anonymous: status,
  learner: status,
  otherOrgLearner: status,
  manager: status,
  otherOrgAdmin: status,
  admin: status,
});
/** Manager/admin routes about one person. */
export const coaching = (ok: number): Row['expect'] => ({
  anonymous: [401, 401, 401],
  learner: [403, 403, 403],
  otherOrgLearner: [403, 403, 403],
  manager: [ok, 403, 404],
  otherOrgAdmin: [404, 404, ok],
  admin: [ok, ok, 404],
});
/** Admin-only routes without a person or cohort in the path. */
export const adminOnly = (ok: number, otherOrgAdmin = ok): Row['expect'] => ({
  anonymous: 401,
  learner: 403,
  otherOrgLearner: 403,
  manager: 403,
  otherOrgAdmin,
  admin: ok,
});
/** Admin routes about one person or cohort: only inside the admin's own org. */
export const adminScoped = (ok: number): Row['expect'] => ({
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
export const cohortReaders = (ok: number): Row['expect'] => ({
  anonymous: [401, 401, 401],
  learner: [ok, 403, 404],
  otherOrgLearner: [404, 404, ok],
  manager: [ok, ok, 404],
  otherOrgAdmin: [404, 404, ok],
  admin: [ok, ok, 404],
});
/** A colleague named in the body: same org only, never oneself (400 `self`). */
export const toColleague = (ok: number): Row['expect'] => ({
  anonymous: [401, 401, 401],
  learner: [400, ok, 404],
  otherOrgLearner: [404, 404, 400],
  manager: [ok, ok, 404],
  otherOrgAdmin: [404, 404, ok],
  admin: [ok, ok, 404],
});

/** One pilot in each organisation, for the report, export and checklist routes. */
export async function pilots(store: Store) {
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
export const otherOrg = (actor: Actor) => actor === 'otherOrgLearner' || actor === 'otherOrgAdmin';
export const vapid = { ...webpush.generateVAPIDKeys(), subject: 'mailto:ops@kindling.test' };

export const moduleSource = (id: string) => `---
id: ${id}
title: Uploaded module
competencies: [feedback]
---

## A short lesson {#short}

A few words to read.
`;

// The route list only: read off an app on the in-memory demo store.
export const routeStore = await demoStore();
export const app = createApp({ store: routeStore });
export const apiRoutes = [
  ...new Set(
    app.routes
      .filter(
        (r) => r.method !== 'ALL' && (r.path.startsWith('/api/v1/') || r.path.startsWith('/sso/')),
      )
      .map((r) => `${r.method} ${r.path}`),
  ),
].sort();

/** Closes the route list's store after the calling file, and disposes the API test stores after each test. */
export function useRouteApp(): void {
  afterAll(() => routeStore.close());
  afterEach(disposeApiTestStores);
}
