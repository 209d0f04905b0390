/**
 * The hostile-input suite: fast-check generates at least 10,000 requests and sends them through
 * app.request to every API route the app registers (found from `app.routes`, so routes added later
 * are fuzzed too), as every role — signed out, learner, manager, admin, and a learner of another
 * organisation. Requests mix wrong methods, malformed JSON, wrong types, huge strings, deep
 * nesting, unicode edge cases (lone surrogates, NUL, RTL, BOM) and near-valid bodies with fields
 * missing, extra or of the wrong type.
 *
 * Pass: no 5xx; every error body is `{ error: { code, message, key } }` (key: a phrase of the
 * errors catalog); the app still answers
 * health afterwards; and a canary learner nobody signs in as has the same data before and after.
 *
 * Also (issue 17): lists with a repeated item, control characters inside path parameters, and
 * states reached through several requests in a row (an invite for an address deactivated a step
 * before, a person patched after being deactivated, an export after a pilot was set up) — each
 * of which once answered 500 where a single request never did.
 *
 * Not sent with a real session: POST /auth/logout (it would end the role's session and leave the
 * rest of the run signed out); it is fuzzed signed out and with forged cookies instead.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import type { Store } from '../../src/server/store/store';
import { signInAs, type App } from '../support/api';
import { issueScimToken } from '../support/scim';
import { apiTestStore } from '../support/server';
import {
  RUNS,
  app,
  scimCallers,
  canarySnapshot,
  canaryBefore,
  text,
  urlSegment,
  ERROR_KEYS,
  useFuzzApp,
} from '../support/fuzz';

useFuzzApp();

describe('a NUL character anywhere in a request', () => {
  // Its own store and app: the fuzz above signs sessions out and spends the sign-in budget.
  let store: Store;
  let app: App;
  let learnerCookie = '';
  beforeAll(async () => {
    store = await apiTestStore();
    app = createApp({ store });
    learnerCookie = (await signInAs(app, 'learner@demo.test')).cookie;
    scimCallers.nul = {
      authorization: `Bearer ${await issueScimToken(app, store, 'u-demo-admin')}`,
    };
  }, 60_000);
  const learner = () => ({ cookie: learnerCookie, origin: 'http://localhost' });
  it('answers 400 with a worded error in a path, and never reaches the database', async () => {
    const res = await app.request('http://localhost/api/v1/cohorts/x%00y/feed', {
      headers: learner(),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; key: string } };
    expect(body.error).toMatchObject({ code: 'invalid_request', key: 'error.nulCharacter' });
  });
  it('refuses a board alias holding NUL and keeps the one before', async () => {
    const before = await store.getBoardProfile('u-demo-learner');
    const res = await app.request('http://localhost/api/v1/me/board-profile', {
      method: 'PUT',
      headers: { ...learner(), 'content-type': 'application/json' },
      body: JSON.stringify({ alias: 'Ace\u0000', hidden: false }),
    });
    expect(res.status).toBe(400);
    expect(await store.getBoardProfile('u-demo-learner')).toEqual(before);
  });
  it('answers a SCIM lookup of a NUL id in the SCIM error shape', async () => {
    const res = await app.request('http://localhost/scim/v2/Users/%00', {
      headers: scimCallers.nul,
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ status: '400', scimType: 'invalidValue' });
  });
  it('sends a NUL organisation in the shared link back to sign-in with a phrase', async () => {
    const res = await app.request('http://localhost/api/v1/auth/sso/start?org=%00');
    expect(res.status).toBe(303);
    expect(
      new URL(res.headers.get('location')!, 'http://localhost').searchParams.get('signInError'),
    ).toBe('error.ssoNoProvider');
  });
});

describe('hostile organisation names in the shared sign-in link', () => {
  it('sends any /sso/<slug> on to the sign-in start, which answers with a redirect, never a 5xx', async () => {
    // The link is not under /api/v1, so the fuzz of every API route above does not reach it.
    expect(app.routes.some((r) => r.method === 'GET' && r.path === '/sso/:slug')).toBe(true);
    let doors = 0;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.oneof(text, fc.constantFrom('demo-co', 'globex')), async (slug) => {
        const door = await app.request(`http://localhost/sso/${urlSegment(slug)}`);
        const where = `/sso/${urlSegment(slug).slice(0, 80)} → ${door.status}`;
        // An empty or malformed segment is not that route (404 or 400); never a 5xx.
        if (door.status !== 302) return void expect(door.status, where).toBeLessThan(500);
        doors++;
        const start = door.headers.get('location')!;
        expect(start, where).toMatch(/^\/api\/v1\/auth\/sso\/start\?org=/);
        const res = await app.request(`http://localhost${start}`);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        // The provider's page (302), or back to the sign-in screen with a phrase (303): no
        // provider, unreachable, or too many sign-ins started from here.
        expect([302, 303], `${where} → ${start.slice(0, 120)} → ${res.status}`).toContain(
          res.status,
        );
        if (res.status === 303) {
          const back = new URL(res.headers.get('location')!, 'http://localhost');
          expect(back.pathname).toBe('/');
          expect(ERROR_KEYS).toContain(back.searchParams.get('signInError'));
        }
      }),
      { numRuns: Math.ceil(RUNS / 20) },
    );
    console.log('sso door fuzz statuses', JSON.stringify(Object.fromEntries(statuses)));
    expect(doors).toBeGreaterThan(Math.ceil(RUNS / 20) / 2);
    expect(await canarySnapshot()).toEqual(canaryBefore);
  });
});

/**
 * States reached through several requests: an admin's sequence of steps that each look fine alone
 * (invite, deactivate, accept, patch, set up a pilot, export), on a store of its own so the steps
 * may deactivate anyone. Every answer must be below 500 and in the error shape.
 */
