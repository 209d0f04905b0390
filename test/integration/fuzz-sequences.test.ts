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
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import { signInAs } from '../support/api';
import { apiTestStore } from '../support/server';
import { RUNS, controlChars, urlSegment, expectErrorShape, useFuzzApp } from '../support/fuzz';

useFuzzApp();

type Step =
  | { kind: 'invite'; email: string | null; role: string }
  | { kind: 'accept'; email: string }
  | { kind: 'deactivate' | 'reactivate' | 'reset-link'; userId: string }
  | { kind: 'use-reset' }
  | { kind: 'patch'; userId: string; cohortIds: string[]; role: string }
  | { kind: 'pilot'; cohortIds: string[] }
  | { kind: 'export'; file: string };

const PEOPLE = ['u-demo-learner', 'u-demo-learner2', 'u-demo-manager2', 'u-demo-admin'];
const EMAILS = [
  'learner2@demo.test',
  'manager2@demo.test',
  'learner@globex.test',
  'fresh@demo.test',
];
const COHORTS = ['demo-co-pilot', 'canary-cohort', 'nope'];
/** Lists that repeat an item as often as not. */
const idList = (pool: string[]) =>
  fc
    .tuple(fc.array(fc.constantFrom(...pool), { maxLength: 3 }), fc.boolean())
    .map(([items, repeat]) => (repeat && items.length ? [...items, items[0]!] : items));

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('invite' as const),
    email: fc.option(fc.constantFrom(...EMAILS)),
    role: fc.constantFrom('learner', 'manager', 'admin'),
  }),
  fc.record({ kind: fc.constant('accept' as const), email: fc.constantFrom(...EMAILS) }),
  fc.record({
    kind: fc.constantFrom('deactivate' as const, 'reactivate' as const, 'reset-link' as const),
    userId: fc.constantFrom(...PEOPLE),
  }),
  fc.constant({ kind: 'use-reset' as const }),
  fc.record({
    kind: fc.constant('patch' as const),
    userId: fc.constantFrom(...PEOPLE),
    cohortIds: idList(COHORTS),
    role: fc.constantFrom('learner', 'manager', 'admin'),
  }),
  fc.record({
    kind: fc.constant('pilot' as const),
    // Often a valid pilot, so later steps (exports) reach past "no pilot yet".
    cohortIds: fc.oneof(fc.constant<string[]>(['demo-co-pilot']), idList(COHORTS)),
  }),
  fc.record({
    kind: fc.constant('export' as const),
    file: fc.oneof(
      { arbitrary: fc.constantFrom('weekly.csv', 'events.csv', 'people'), weight: 1 },
      { arbitrary: controlChars, weight: 3 },
    ),
  }),
);

describe('hostile sequences of requests', () => {
  it(`survives ${Math.ceil(RUNS / 50)} sequences of admin steps`, async () => {
    const own = await apiTestStore();
    const ownApp = createApp({ store: own });
    const adminCookie = (await signInAs(ownApp, 'admin@demo.test')).cookie;
    const send = async (method: string, path: string, body?: unknown, cookie = adminCookie) => {
      const res = await ownApp.request(`http://localhost/api/v1${path}`, {
        method,
        headers: { ...(cookie ? { cookie } : {}), 'content-type': 'application/json' },
        body: body === undefined ? null : JSON.stringify(body),
      });
      const text = await res.text();
      const req = { route: path, role: 'admin', method, path, contentType: null, body: null };
      expectErrorShape(res.status, text, req);
      return { status: res.status, json: () => JSON.parse(text) as Record<string, unknown> };
    };
    let seq = 0;
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 2, maxLength: 6 }), async (steps) => {
          let code = 'NOPE0-NOPE0';
          let resetToken = 'x'.repeat(43);
          for (const s of steps) {
            if (s.kind === 'invite') {
              const res = await send('POST', '/admin/invites', {
                cohortId: 'demo-co-pilot',
                role: s.role,
                ...(s.email ? { email: s.email } : {}),
              });
              if (res.status === 201) code = res.json().code as string;
            } else if (s.kind === 'accept') {
              // Fresh addresses stay fresh: each run's new person gets an address of their own.
              const email = s.email === 'fresh@demo.test' ? `fresh-${++seq}@demo.test` : s.email;
              await send(
                'POST',
                `/invites/${code}/accept`,
                { name: 'Seq', password: 'a-long-password', email },
                '',
              );
            } else if (s.kind === 'deactivate')
              await send('POST', `/admin/people/${s.userId}/deactivate`, {});
            else if (s.kind === 'reactivate')
              await send('POST', `/admin/people/${s.userId}`, { active: true });
            else if (s.kind === 'reset-link') {
              const res = await send('POST', `/admin/people/${s.userId}/reset-link`, {});
              if (res.status === 201) resetToken = (res.json().url as string).split('/reset/')[1]!;
            } else if (s.kind === 'use-reset')
              await send(
                'POST',
                '/auth/reset',
                { token: resetToken, password: 'a-long-password' },
                '',
              );
            else if (s.kind === 'patch')
              await send('POST', `/admin/people/${s.userId}`, {
                cohortIds: s.cohortIds,
                role: s.role,
              });
            else if (s.kind === 'pilot')
              await send('POST', '/pilot/pilots', {
                name: 'Seq pilot',
                startDate: '2026-11-02',
                cohortIds: s.cohortIds,
              });
            else if (s.kind === 'export') await send('GET', `/pilot/export/${urlSegment(s.file)}`);
          }
        }),
        { numRuns: Math.ceil(RUNS / 50) },
      );
      expect((await ownApp.request('http://localhost/api/v1/health')).status).toBe(200);
    } finally {
      await own.close();
    }
  }, 600_000);
});
