/**
 * Per-test setup written once: before each test a fresh store (`freshStore`: an empty database of
 * `kind` for the store contract, see ./databases.ts; `freshApi`: the demo data, on PostgreSQL in
 * the vitest project "postgres", and the app on it), disposed after it.
 *
 * What they return stands for the current test's objects (each forwards to whichever the last
 * `beforeEach` made), so a suite reads them like plain constants:
 *
 *   const { store } = freshStore(kind, (store) => store.createOrg({ id: 'acme', name: 'Acme' }));
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createApp, type AppOptions } from '../../src/server/app';
import type { ProgressEvent } from '../../src/core/events';
import type { NewUser, Store } from '../../src/server/store/store';
import type { App } from './api';
import type { StoreKind, TestDatabase } from './databases';
import { apiTestStore, disposeApiTestStores } from './server';

/** An object that forwards every property read to what `get()` returns now. */
function current<T extends object>(get: () => T): T {
  return new Proxy({} as T, {
    get(_, key) {
      const target = get();
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export function freshStore(
  kind: StoreKind,
  seed?: (store: Store) => Promise<unknown>,
): { store: Store; db: TestDatabase } {
  return storeBetween(beforeEach, afterEach, kind, seed);
}

/** As `freshStore`, but one store for all the tests of the suite (properties that add learners). */
export function sharedStore(
  kind: StoreKind,
  seed?: (store: Store) => Promise<unknown>,
): { store: Store; db: TestDatabase } {
  return storeBetween(beforeAll, afterAll, kind, seed);
}

function storeBetween(
  before: typeof beforeAll,
  after: typeof afterAll,
  kind: StoreKind,
  seed?: (store: Store) => Promise<unknown>,
): { store: Store; db: TestDatabase } {
  let db: TestDatabase | undefined;
  let store: Store | undefined;
  before(async () => {
    db = await kind.create();
    store = await db.open();
    await seed?.(store);
  });
  after(async () => {
    await db?.dispose();
    db = store = undefined;
  });
  return { store: current(() => store!), db: current(() => db!) };
}

/** A learner of `orgId` for store tests: `<id>@example.com`, named `id`, in UTC, no cohorts. */
export const newLearner = (id: string, orgId: string, extra: Partial<NewUser> = {}): NewUser => ({
  id,
  orgId,
  email: `${id}@example.com`,
  name: id,
  role: 'learner',
  managerId: null,
  tz: 'UTC',
  passwordHash: 'x',
  cohortIds: [],
  ...extra,
});

/**
 * Two orgs, `acme` and `other`, each with one person of `role` (id `<role>-<org>`, email
 * `<role>@<org>.test`), for the tests that one org's rows stay its own.
 */
export async function twoOrgs(store: Store, role: 'learner' | 'admin') {
  for (const org of ['acme', 'other']) {
    await store.createOrg({ id: org, name: org });
    await store.createUser({
      id: `${role}-${org}`,
      orgId: org,
      email: `${role}@${org}.test`,
      name: role === 'admin' ? 'Admin' : 'Learner',
      role,
      managerId: null,
      tz: 'UTC',
      passwordHash: 'x',
    });
  }
}

/** The demo store and the app on it, fresh for each test; `options` as `createApp` takes them. */
export function freshApi(options: Omit<AppOptions, 'store'> = {}): { store: Store; app: App } {
  let store: Store | undefined;
  let app: App | undefined;
  beforeEach(async () => {
    store = await apiTestStore();
    app = createApp({ ...options, store });
  });
  afterEach(async () => {
    await store?.close();
    await disposeApiTestStores();
    store = app = undefined;
  });
  return { store: current(() => store!), app: current(() => app!) };
}

/** A learner of the demo organisation (`<id>@demo.test`, Europe/Berlin) for API and browser tests. */
export const demoLearner = (id: string, extra: Partial<NewUser> = {}): NewUser =>
  newLearner(id, 'demo-co', { email: `${id}@demo.test`, tz: 'Europe/Berlin', ...extra });

/**
 * Stores `events` for `userId` straight through `Store.ingest`, received at `receivedAt`, each at its
 * own time (`correctedAt` when given: every event at that instant).
 */
export async function ingestAt(
  store: Store,
  userId: string,
  events: ProgressEvent[],
  receivedAt: number,
  correctedAt?: number,
): Promise<void> {
  await store.ingest(
    userId,
    events.map((event) => ({
      event,
      body: JSON.stringify(event),
      correctedAt: correctedAt ?? Date.parse(event.occurredAt),
      receivedAt,
    })),
  );
}
