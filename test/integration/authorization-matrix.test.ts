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
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import { clientFor } from '../support/api';
import { apiTestStore } from '../support/server';
import { sessionCookie } from '../support/sessions';
import {
  actors,
  actorIds,
  scopes,
  people,
  cohorts,
  ledCohort,
  vapid,
  apiRoutes,
  useRouteApp,
} from '../support/authorization';

import { rows } from '../support/authorization-rows';

useRouteApp();

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
