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
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorPhrase } from '../../src/core/phrases/errors';
import { hashPassword } from '../../src/server/auth/password';
import { createApp } from '../../src/server/app';
import { createOrgWithCohort } from '../../src/server/seed';
import type { Store } from '../../src/server/store/store';
import { lessonEvent, signInAs, syncBody, type App } from '../support/api';
import { ENTERPRISE, GROUP, issueScimToken, PATCH_OP, USER } from '../support/scim';
import { apiTestStore, disposeApiTestStores } from '../support/server';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const LESSON = 'giving-feedback.deliver-feedback';
const CANARY = { id: 'u-canary', email: 'canary@demo.test' };

let store: Store;
let app: App;
const cookies: Record<string, string> = { anonymous: '', forged: 'kindling_session=forged' };
/** SCIM callers: Authorization headers (and one admin cookie, which is no SCIM credential). */
const scimCallers: Record<string, Record<string, string>> = {
  none: {},
  garbage: { authorization: 'Bearer kscim_garbage' },
};

async function canarySnapshot() {
  const events = await store.userEvents(CANARY.id);
  return { user: await store.getUser(CANARY.id), events };
}
let canaryBefore: Awaited<ReturnType<typeof canarySnapshot>>;

beforeAll(async () => {
  store = await apiTestStore();
  app = createApp({ store });
  // The canary lives in an organisation none of the fuzzing roles belongs to, so an admin's
  // legitimate powers (deactivate, reset, move) cannot reach it: any change is a leak.
  await createOrgWithCohort(
    store,
    { id: 'canary-org', name: 'Canary Inc' },
    { id: 'canary-cohort', name: 'All', tz: 'Europe/Berlin' },
  );
  await store.createUser({
    id: CANARY.id,
    email: CANARY.email,
    name: 'Canary Learner',
    role: 'learner',
    orgId: 'canary-org',
    managerId: null,
    tz: 'Europe/Berlin',
    cohortIds: ['canary-cohort'],
    passwordHash: await hashPassword('learn-daily'),
  });
  const canary = await signInAs(app, CANARY.email);
  const day = new Date(Date.now() - 86_400_000).toISOString();
  await canary.post(
    '/api/v1/sync',
    syncBody([
      lessonEvent('lesson_started', LESSON, day),
      lessonEvent('lesson_completed', LESSON, day),
    ]),
  );
  await canary.post('/api/v1/auth/logout', {});
  canaryBefore = await canarySnapshot();
  expect(canaryBefore.events).toHaveLength(2);
  for (const email of [
    'learner@demo.test',
    'manager@demo.test',
    'admin@demo.test',
    'learner@globex.test',
  ])
    cookies[email] = (await signInAs(app, email)).cookie;
  scimCallers.demo = {
    authorization: `Bearer ${await issueScimToken(app, store, 'u-demo-admin')}`,
  };
  scimCallers.globex = {
    authorization: `Bearer ${await issueScimToken(app, store, 'u-globex-admin')}`,
  };
  scimCallers.adminCookie = { cookie: cookies['admin@demo.test']! };
}, 60_000);
afterAll(disposeApiTestStores);

/** Every concrete API route (method, path) registered on the app. */
function apiRoutes(): Array<{ method: string; path: string }> {
  const seen = new Map<string, { method: string; path: string }>();
  for (const r of app.routes)
    if (r.method !== 'ALL' && r.path.startsWith('/api/v1/') && !r.path.includes('*'))
      seen.set(`${r.method} ${r.path}`, { method: r.method, path: r.path });
  return [...seen.values()];
}

const weird = fc.constantFrom(
  '',
  '\u0000',
  '\uD800',
  '\uDFFF',
  '\uFEFF',
  '\u202E',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  '👩‍👩‍👧‍👦',
  'Z̷̢̛a̴l̸g̵o̶',
  '../../etc/passwd',
  '%00',
  '%2e%2e%2f',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '${7*7}',
  '__proto__',
  'constructor',
  'NaN',
  '-1',
  '1e309',
);
/** Control characters (C0, DEL, C1) inside an otherwise ordinary value: `x\u0000y`. */
const controlChars = fc
  .array(
    fc.oneof(
      // NUL, tab, LF, CR: the ones a header, a log line or a CSV row cannot carry.
      fc.constantFrom(0, 9, 10, 13),
      fc.integer({ min: 0, max: 31 }),
      fc.constant(127),
      fc.integer({ min: 128, max: 159 }),
    ),
    { minLength: 1, maxLength: 3 },
  )
  .map((codes) => `x${String.fromCharCode(...codes)}y`);
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  weird,
  fc.integer({ min: 1, max: 300_000 }).map((n) => 'x'.repeat(n)),
  controlChars,
);
const anyJson = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  text,
  fc.constant(null),
  fc.double(),
  fc.boolean(),
  fc.array(text, { maxLength: 5 }),
);
const deep = fc
  .tuple(fc.integer({ min: 100, max: 100_000 }), fc.constantFrom('[', '{"a":'))
  .map(([n, open]) => open.repeat(n) + '1' + (open === '[' ? ']' : '}').repeat(n));

/** A valid body for the route, then mutated: a field dropped, retyped or added. */
function nearValid(path: string): fc.Arbitrary<unknown> {
  const base: () => Record<string, unknown> = path.endsWith('/auth/login')
    ? () => ({ email: 'learner@demo.test', password: 'wrong-password' })
    : path.endsWith('/sync')
      ? () =>
          syncBody([lessonEvent('lesson_completed', LESSON), lessonEvent('lesson_started', LESSON)])
      : path.endsWith('/admin/sso')
        ? () => ({
            // A provider that refuses connections at once: fuzzed sign-ins never leave the machine.
            issuer: 'http://127.0.0.1:9',
            clientId: 'kindling',
            clientSecret: 'secret',
            emailDomains: ['fuzz.test'],
            passwordSignIn: false,
            createAccounts: true,
          })
        : /\/admin\/people\/:userId$/.test(path)
          ? () => ({ cohortIds: ['demo-co-pilot'], role: 'learner' })
          : /\/admin\/cohorts\/:cohortId$/.test(path)
            ? () => ({ managerIds: ['u-demo-manager'] })
            : path.endsWith('/pilot/pilots')
              ? () => ({ name: 'Fuzz', startDate: '2026-11-02', cohortIds: ['demo-co-pilot'] })
              : () => ({});
  return fc
    .tuple(
      fc.constantFrom(
        'drop',
        'retype',
        'add',
        'event-retype',
        'event-drop',
        'many-events',
        'duplicate',
      ),
      fc.constantFrom(
        'email',
        'password',
        'deviceId',
        'sentAt',
        'events',
        'id',
        'type',
        'occurredAt',
        'tz',
        'seq',
        'lessonId',
        'durationMs',
        'answerIds',
        'issuer',
        'emailDomains',
        'clientSecret',
        'defaultCohortId',
        '__proto__',
      ),
      anyJson,
    )
    .map(([how, key, value]) => {
      const body = base();
      const events = body.events as Array<Record<string, unknown>> | undefined;
      if (how === 'drop') delete body[key];
      if (how === 'retype' || how === 'add') body[key] = value;
      if (how === 'event-retype' && events?.[0]) events[0][key] = value;
      if (how === 'event-drop' && events?.[0]) delete events[0][key];
      if (how === 'many-events' && events)
        body.events = Array.from({ length: 501 }, () => events[0]);
      // Every list of the body with its first item repeated: `["a", "a"]`.
      if (how === 'duplicate')
        for (const [k, v] of Object.entries(body))
          if (Array.isArray(v) && v.length) body[k] = [v[0], ...v];
      return body;
    });
}

/** Percent-encodes a path parameter; raw strings starting with `%` go in as (mal)formed escapes. */
function urlSegment(value: string): string {
  if (RAW_ESCAPES.includes(value)) return value;
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80'; // a lone surrogate, as the invalid UTF-8 a client could still send
  }
}
const RAW_ESCAPES = ['%', '%zz', '%E0%A4%A', '%C0%AF', '%00', '%2F..%2F'];

interface FuzzRequest {
  route: string;
  role: string;
  method: string;
  path: string;
  contentType: string | null;
  body: string | null;
}

const fuzzRequest = (routes: Array<{ method: string; path: string }>) =>
  fc
    .record({
      route: fc.constantFrom(...routes),
      role: fc.constantFrom(...Object.keys(cookies)),
      wrongMethod: fc.option(
        fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'),
        {
          freq: 3,
        },
      ),
      param: fc.oneof(
        text,
        fc.constantFrom(
          'giving-feedback',
          'demo-co-pilot',
          'canary-cohort',
          'u-demo-learner',
          CANARY.id,
        ),
      ),
      query: fc.option(
        fc.dictionary(
          fc.constantFrom('period', 'cursor', 'limit', 'q', 'email', 'org', 'state', 'code', 'iss'),
          text,
        ),
        {
          freq: 2,
        },
      ),
      contentType: fc.constantFrom(
        'application/json',
        'text/plain',
        null,
        'multipart/form-data; boundary=x',
      ),
    })
    .chain(({ route, role, wrongMethod, param, query, contentType }) =>
      fc
        .oneof(
          nearValid(route.path).map((b) => JSON.stringify(b)),
          anyJson.map((v) => JSON.stringify(v)),
          fc.string().map((s) => `{${s}`),
          deep,
          fc.constant(null),
        )
        .map((body): FuzzRequest => {
          const method = wrongMethod ?? route.method;
          let path = route.path.replace(/:[a-zA-Z]+/g, () => urlSegment(param));
          if (query) path += '?' + new URLSearchParams(query).toString();
          return {
            route: route.path,
            role,
            method,
            path,
            contentType,
            body: method === 'GET' || method === 'HEAD' ? null : body,
          };
        }),
    );

const ERROR_KEYS = Object.keys(errorPhrase.catalogs.en);

function expectErrorShape(status: number, text: string, req: FuzzRequest) {
  const where = `${req.method} ${req.path.slice(0, 120)} as ${req.role} → ${status}: ${text.slice(0, 200)}`;
  expect(status, where).toBeLessThan(500);
  if (status < 400 || req.method === 'HEAD') return;
  let parsed: unknown;
  expect(() => (parsed = JSON.parse(text)), where).not.toThrow();
  // The design's error shape with the phrase the app words (a catalog key); an error may add
  // detail (e.g. the CSV rows that need fixing).
  expect(parsed, where).toEqual({
    error: expect.objectContaining({
      code: expect.any(String),
      message: expect.any(String),
      key: expect.toBeOneOf(ERROR_KEYS),
    }),
  });
}

describe('hostile input to every route as every role', () => {
  it(`survives ${RUNS} generated requests with 4xx errors in the error shape`, async () => {
    const routes = apiRoutes().filter(Boolean);
    expect(routes.length).toBeGreaterThanOrEqual(7);
    let sent = 0;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fuzzRequest(routes), async (req) => {
        // A real session never logs itself out mid-run (see the header).
        const cookie =
          req.route.endsWith('/auth/logout') && req.role.includes('@')
            ? cookies.forged!
            : cookies[req.role]!;
        const headers: Record<string, string> = {};
        if (cookie) headers.cookie = cookie;
        if (req.contentType) headers['content-type'] = req.contentType;
        const res = await app.request(`http://localhost${req.path}`, {
          method: req.method,
          headers,
          body: req.body,
        });
        sent++;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expectErrorShape(res.status, await res.text(), req);
      }),
      { numRuns: RUNS },
    );
    expect(sent).toBeGreaterThanOrEqual(RUNS);
    // The run reached past sign-in and validation, not only the front door.
    const seen = [...statuses.keys()];
    console.log('fuzz statuses', JSON.stringify(Object.fromEntries(statuses)));
    for (const status of [200, 400, 401, 404]) expect(seen).toContain(status);

    const health = await app.request('http://localhost/api/v1/health');
    expect(health.status).toBe(200);
    expect(await canarySnapshot()).toEqual(canaryBefore);
  }, 600_000);
});

/** Every concrete SCIM route (method, path) registered on the app. */
function scimRoutes(): Array<{ method: string; path: string }> {
  const seen = new Map<string, { method: string; path: string }>();
  for (const r of app.routes)
    if (r.method !== 'ALL' && r.path.startsWith('/scim/v2/') && !r.path.includes('*'))
      seen.set(`${r.method} ${r.path}`, { method: r.method, path: r.path });
  return [...seen.values()];
}

/** A valid SCIM body for the route, then mutated like `nearValid` does. */
function nearValidScim(route: { method: string; path: string }): fc.Arbitrary<unknown> {
  const base = (): Record<string, unknown> =>
    route.method === 'PATCH'
      ? {
          schemas: [PATCH_OP],
          Operations: [
            { op: 'Replace', path: 'active', value: 'False' },
            { op: 'Add', path: `${ENTERPRISE}:manager`, value: 'u-demo-manager' },
            { op: 'remove', path: 'members[value eq "u-demo-learner"]' },
          ],
        }
      : route.path.includes('Groups')
        ? { schemas: [GROUP], displayName: 'Fuzzed', members: [{ value: 'u-demo-learner' }] }
        : {
            schemas: [USER, ENTERPRISE],
            userName: 'fuzzed@demo.test',
            name: { givenName: 'F', familyName: 'Z' },
            emails: [{ value: 'fuzzed@demo.test', type: 'work', primary: true }],
            active: true,
            timezone: 'Europe/Berlin',
            [ENTERPRISE]: { manager: { value: 'u-demo-manager' }, department: 'QA' },
          };
  return fc
    .tuple(
      fc.constantFrom('drop', 'retype', 'add', 'op-retype', 'op-drop'),
      fc.constantFrom(
        'schemas',
        'Operations',
        'op',
        'path',
        'value',
        'userName',
        'name',
        'emails',
        'active',
        'timezone',
        'locale',
        'displayName',
        'members',
        'id',
        ENTERPRISE,
        '__proto__',
      ),
      anyJson,
    )
    .map(([how, key, value]) => {
      const body = base();
      const ops = body.Operations as Array<Record<string, unknown>> | undefined;
      if (how === 'drop') delete body[key];
      if (how === 'retype' || how === 'add') body[key] = value;
      if (how === 'op-retype' && ops?.[0]) ops[0][key] = value;
      if (how === 'op-drop' && ops?.[0]) delete ops[0][key];
      return body;
    });
}

const scimFilter = fc.oneof(
  text,
  fc.constantFrom(
    'userName eq "learner@demo.test"',
    'userName eq "canary@demo.test"',
    'emails[type eq "work" and value co "@"]',
    'members[value eq "u-canary"]',
    'displayName sw "%" or externalId pr',
    'not (active eq true)',
    'name.familyName co "\\"',
    'userName eq "a" and (',
    'meta.created gt "2020"',
  ),
);

const scimRequest = (routes: Array<{ method: string; path: string }>) =>
  fc
    .record({
      route: fc.constantFrom(...routes),
      // Mostly the organisation's own token, so requests get past the door.
      caller: fc.oneof(
        { arbitrary: fc.constant('demo'), weight: 4 },
        { arbitrary: fc.constantFrom(...Object.keys(scimCallers)), weight: 1 },
      ),
      wrongMethod: fc.option(fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'), {
        freq: 4,
      }),
      param: fc.oneof(
        text,
        fc.constantFrom('u-demo-learner', 'u-canary', 'canary-cohort', 'demo-co-pilot', 'User'),
      ),
      query: fc.option(
        fc.record(
          {
            filter: scimFilter,
            startIndex: fc.oneof(text, fc.integer().map(String)),
            count: fc.oneof(text, fc.integer().map(String)),
            sortBy: fc.oneof(text, fc.constantFrom('userName', 'displayName')),
            sortOrder: text,
            attributes: text,
            excludedAttributes: text,
          },
          { requiredKeys: [] },
        ),
        { freq: 2 },
      ),
    })
    .chain(({ route, caller, wrongMethod, param, query }) =>
      fc
        .oneof(
          nearValidScim(route).map((b) => JSON.stringify(b)),
          anyJson.map((v) => JSON.stringify(v)),
          fc.string().map((s) => `{${s}`),
          deep,
        )
        .map((body) => {
          const method = wrongMethod ?? route.method;
          let path = route.path.replace(/:[a-zA-Z]+/g, () => urlSegment(param));
          if (query) path += '?' + new URLSearchParams(query).toString();
          return { method, path, caller, body: method === 'GET' ? null : body };
        }),
    );

describe('hostile input to every SCIM route with every credential', () => {
  it(`survives ${Math.ceil(RUNS / 4)} generated requests with SCIM errors`, async () => {
    const routes = scimRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(15);
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(scimRequest(routes), async (req) => {
        const res = await app.request(
          `http://localhost/scim/v2${req.path.slice('/scim/v2'.length)}`,
          {
            method: req.method,
            headers: { ...scimCallers[req.caller], 'content-type': 'application/scim+json' },
            body: req.body,
          },
        );
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const body = await res.text();
        const where = `${req.method} ${req.path.slice(0, 120)} as ${req.caller} → ${res.status}: ${body.slice(0, 200)}`;
        // /Me and /Bulk are not offered (ServiceProviderConfig says so): 501, as RFC 7644 asks.
        const notOffered = /^\/scim\/v2\/(Me|Bulk)(\?|$)/.test(req.path);
        if (res.status !== 501 || !notOffered) expect(res.status, where).toBeLessThan(500);
        if (res.status < 400) return;
        expect(JSON.parse(body), where).toEqual({
          schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
          status: String(res.status),
          ...(JSON.parse(body).scimType ? { scimType: expect.any(String) } : {}),
          detail: expect.any(String),
        });
      }),
      { numRuns: Math.ceil(RUNS / 4) },
    );
    console.log('scim fuzz statuses', JSON.stringify(Object.fromEntries(statuses)));
    for (const status of [200, 400, 401, 404]) expect([...statuses.keys()]).toContain(status);
    expect(await canarySnapshot()).toEqual(canaryBefore);
  }, 600_000);
});

/**
 * PostgreSQL cannot hold U+0000 in text; SQLite can. Found by running this suite on PostgreSQL:
 * a NUL in a path, a SCIM id or a body answered 500 there. Both databases now refuse it alike,
 * before the query, and store nothing.
 */
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
