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
import { apiTestStore } from '../support/server';
import { sessionCookie } from '../support/sessions';
import { actors, actorIds, app, useRouteApp } from '../support/authorization';

useRouteApp();

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
