/**
 * Shared by the fuzz-*.test.ts files: one demo store and app for the whole file with a session
 * for every role and SCIM credentials, a canary learner, every API route, and the arbitraries of
 * hostile requests with the check of the error shape.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect } from 'vitest';
import { errorPhrase } from '../../src/core/phrases/errors';
import { hashPassword } from '../../src/server/auth/password';
import { createApp } from '../../src/server/app';
import { createOrgWithCohort } from '../../src/server/seed';
import type { Store } from '../../src/server/store/store';
import { lessonEvent, signInAs, syncBody, type App } from './api';
import { issueScimToken } from './scim';
import { apiTestStore, disposeApiTestStores } from './server';

export const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
export const LESSON = 'giving-feedback.deliver-feedback';
export const CANARY = { id: 'u-canary', email: 'canary@demo.test' };

export let store: Store;
export let app: App;
export const cookies: Record<string, string> = { anonymous: '', forged: 'kindling_session=forged' };
/** SCIM callers: Authorization headers (and one admin cookie, which is no SCIM credential). */
export const scimCallers: Record<string, Record<string, string>> = {
  none: {},
  garbage: { authorization: 'Bearer kscim_garbage' },
};

export async function canarySnapshot() {
  const events = await store.userEvents(CANARY.id);
  return { user: await store.getUser(CANARY.id), events };
}
export let canaryBefore: Awaited<ReturnType<typeof canarySnapshot>>;

/** Every concrete API route (method, path) registered on the app. */
export function apiRoutes(): Array<{ method: string; path: string }> {
  const seen = new Map<string, { method: string; path: string }>();
  for (const r of app.routes)
    if (r.method !== 'ALL' && r.path.startsWith('/api/v1/') && !r.path.includes('*'))
      seen.set(`${r.method} ${r.path}`, { method: r.method, path: r.path });
  return [...seen.values()];
}

export const weird = fc.constantFrom(
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
export const controlChars = fc
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
export const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  weird,
  fc.integer({ min: 1, max: 300_000 }).map((n) => 'x'.repeat(n)),
  controlChars,
);
export const anyJson = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  text,
  fc.constant(null),
  fc.double(),
  fc.boolean(),
  fc.array(text, { maxLength: 5 }),
);
export const deep = fc
  .tuple(fc.integer({ min: 100, max: 100_000 }), fc.constantFrom('[', '{"a":'))
  .map(([n, open]) => open.repeat(n) + '1' + (open === '[' ? ']' : '}').repeat(n));

/** A valid body for the route, then mutated: a field dropped, retyped or added. */
export function nearValid(path: string): fc.Arbitrary<unknown> {
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
      mutateField(body, 'events', 'event', how, key, value);
      const events = body.events as Array<Record<string, unknown>> | undefined;
      if (how === 'many-events' && events)
        body.events = Array.from({ length: 501 }, () => events[0]);
      // Every list of the body with its first item repeated: `["a", "a"]`.
      if (how === 'duplicate')
        for (const [k, v] of Object.entries(body))
          if (Array.isArray(v) && v.length) body[k] = [v[0], ...v];
      return body;
    });
}

/**
 * Mutates one field of a request body in place: `drop` deletes it, `retype` and `add` set it to
 * `value`, and `<item>-retype` / `<item>-drop` do the same to the first item of the list `list`.
 */
export function mutateField(
  body: Record<string, unknown>,
  list: string,
  item: string,
  how: string,
  key: string,
  value: unknown,
) {
  const items = body[list] as Array<Record<string, unknown>> | undefined;
  if (how === 'drop') delete body[key];
  if (how === 'retype' || how === 'add') body[key] = value;
  if (how === `${item}-retype` && items?.[0]) items[0][key] = value;
  if (how === `${item}-drop` && items?.[0]) delete items[0][key];
}

/** Percent-encodes a path parameter; raw strings starting with `%` go in as (mal)formed escapes. */
export function urlSegment(value: string): string {
  if (RAW_ESCAPES.includes(value)) return value;
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80'; // a lone surrogate, as the invalid UTF-8 a client could still send
  }
}
export const RAW_ESCAPES = ['%', '%zz', '%E0%A4%A', '%C0%AF', '%00', '%2F..%2F'];

export interface FuzzRequest {
  route: string;
  role: string;
  method: string;
  path: string;
  contentType: string | null;
  body: string | null;
}

export const fuzzRequest = (routes: Array<{ method: string; path: string }>) =>
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

export const ERROR_KEYS = Object.keys(errorPhrase.catalogs.en);

export function expectErrorShape(status: number, text: string, req: FuzzRequest) {
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

/** One store and app for the calling file (created before its tests, disposed after), sessions of every role, the canary. */
export function useFuzzApp(): void {
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
}
