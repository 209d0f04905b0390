/**
 * The one door to persistence: a `Store` is every area's interface composed, each area written
 * once on Kysely (`./<area>.ts`) over either database (`./db.ts`). Routes and services depend on
 * these interfaces only; the contract suites (test/integration/store-contract*.test.ts) run every
 * behaviour on SQLite and on PostgreSQL.
 *
 * Nothing another process would need is kept in memory: sessions, rate-limit windows and content
 * all live in the database, so any instance can answer any request.
 */
import { sql } from 'kysely';
import { authStore, type AuthStore } from './auth';
import { coachingStore, type CoachingStore } from './coaching';
import { contentStore, type ContentStore } from './content';
import { deviceStore, type DeviceStore } from './devices';
import { openDb, type Dialect, type StoreTarget } from './db';
import { identityStore, type IdentityStore } from './identity';
import { learnerDaysStore, type LearnerDaysStore } from './learner-days';
import { learnerMasteryStore, type LearnerMasteryStore } from './learner-mastery';
import { exclusiveLock } from './locks';
import { mailStore, type MailStore } from './mail';
import { migrate } from './migrations';
import { motivationStore, type MotivationStore } from './motivation';
import { peopleStore, type PeopleStore } from './people';
import { pilotStore, type PilotStore } from './pilot';
import { pilotSummariesStore, type PilotSummariesStore } from './pilot-summaries';
import { progressStore, type ProgressStore } from './progress';
import { pushStore, type PushStore } from './push';
import { scimStore, type ScimStore } from './scim';
import { teamStore, type TeamStore } from './team';
import { exportRows, importRows, type TransferRow } from './tables';
import { xapiStore, type XapiStore } from './xapi';
import { xapiForwardingStore, type XapiForwardingStore } from './xapi-forwarding';

export type * from './auth';
export type * from './learner-days';
export type * from './coaching';
export type * from './devices';
export type * from './mail';
export type * from './identity';
export type * from './motivation';
export type * from './people';
export type * from './pilot';
export type * from './progress';
export type * from './push';
export type * from './scim';
export type * from './team';
export type * from './xapi';
export type * from './xapi-forwarding';

/** What every store does whatever its areas: health, shutdown, locks, whole-database transfer. */
export interface BaseStore {
  readonly dialect: Dialect;
  /** True when the database answers a query. */
  health(): Promise<boolean>;
  close(): Promise<void>;
  /**
   * Runs `fn` while holding a lock named `name` that every process on this database respects
   * (PostgreSQL: a session advisory lock; SQLite: one process, so a queue in it). Start-up work
   * such as content import and demo seeding runs inside it, so processes starting at once on an
   * empty database never both seed.
   */
  exclusive<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /**
   * Every row of `table` (one of `TRANSFER_TABLES`), in primary-key order, for `npm run store --
   * export`. Values are JSON-safe (text, numbers, null).
   */
  exportRows(table: string): AsyncIterable<Record<string, unknown>>;
  /** Inserts exported rows in ONE transaction: all or nothing. Returns rows inserted per table. */
  importRows(rows: AsyncIterable<TransferRow>): Promise<Record<string, number>>;
  /**
   * Tells `watcher` the SQL text and duration of every statement this store runs from now on (for
   * tests and benches that count a route's statements); returns the call that stops it.
   */
  watchQueries(watcher: (sql: string, ms: number) => void): () => void;
}

export interface Store
  extends
    BaseStore,
    AuthStore,
    PeopleStore,
    CoachingStore,
    ContentStore,
    ProgressStore,
    DeviceStore,
    LearnerDaysStore,
    LearnerMasteryStore,
    MotivationStore,
    PilotStore,
    PilotSummariesStore,
    PushStore,
    MailStore,
    ScimStore,
    TeamStore,
    IdentityStore,
    XapiStore,
    XapiForwardingStore {}

/** Opens (and migrates) the store at `target`. */
export async function openStore(target: StoreTarget): Promise<Store> {
  const { db, dialect, schema, watchers, stopHelpers } = await openDb(target);
  try {
    await migrate(db, target.dialect === 'sqlite' ? { file: target.file } : { schema });
  } catch (err) {
    await stopHelpers();
    await db.destroy();
    throw err;
  }
  let closed = false;
  return {
    dialect,
    async health() {
      try {
        await sql`SELECT 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await stopHelpers();
      await db.destroy();
    },
    exclusive: exclusiveLock(db, schema),
    watchQueries(watcher) {
      watchers.add(watcher);
      return () => watchers.delete(watcher);
    },
    exportRows: (table) => exportRows(db, table),
    importRows: (rows) => importRows(db, rows),
    ...authStore(db),
    ...peopleStore(db),
    ...coachingStore(db),
    ...contentStore(db),
    ...progressStore(db),
    ...deviceStore(db),
    ...learnerDaysStore(db),
    ...learnerMasteryStore(db),
    ...motivationStore(db),
    ...pilotStore(db),
    ...pilotSummariesStore(db),
    ...pushStore(db),
    ...mailStore(db),
    ...scimStore(db),
    ...teamStore(db),
    ...identityStore(db),
    ...xapiStore(db),
    ...xapiForwardingStore(db),
  };
}
