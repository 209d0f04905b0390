/**
 * The one door to persistence. Routes and services depend on this interface only; `sqlite.ts`
 * (the default, one process) and `postgres.ts` (several stateless processes) implement it and
 * both pass `test/integration/store-contract.test.ts`.
 *
 * Nothing another process would need is kept in memory: sessions, rate-limit windows and content
 * all live here, so any instance can answer any request.
 */
import type { Catalog, LearningModule } from '../../core/content';
import type { ProgressEvent } from '../../core/events';
import type { SyncResult } from '../../core/sync';
import type { CatalogFile } from '../content/load';
import type { TransferRow } from './tables';

export type Role = 'learner' | 'manager' | 'admin';

export interface User {
  id: string;
  orgId: string;
  email: string;
  name: string;
  role: Role;
  managerId: string | null;
  tz: string;
  cohortIds: string[];
}

export interface NewUser extends Omit<User, 'cohortIds'> {
  passwordHash: string;
  cohortIds?: string[];
}

export interface Session {
  userId: string;
  expiresAt: number;
}

/** An event as the server keeps it: the device's event plus the server's view of its time. */
export interface IncomingEvent {
  event: ProgressEvent;
  /** Canonical JSON of what the device sent; equal text means a true duplicate. */
  canonical: string;
  /** occurredAt corrected for the device's measured clock skew, epoch ms. */
  correctedAt: number;
  receivedAt: number;
}

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  health(): Promise<boolean>;
  close(): Promise<void>;

  createOrg(org: { id: string; name: string }): Promise<void>;
  createCohort(cohort: { id: string; orgId: string; name: string; tz: string }): Promise<void>;
  createUser(user: NewUser): Promise<void>;
  countUsers(): Promise<number>;
  getUser(id: string): Promise<User | undefined>;
  findLogin(email: string): Promise<{ user: User; passwordHash: string } | undefined>;

  createSession(tokenHash: string, userId: string, expiresAt: number): Promise<void>;
  getSession(tokenHash: string, now: number): Promise<Session | undefined>;
  deleteSession(tokenHash: string): Promise<void>;

  /** Counts one hit against `key` in a fixed window and returns the count so far in it. */
  hitRateLimit(key: string, windowMs: number, now: number): Promise<number>;

  saveContent(catalog: CatalogFile, modules: LearningModule[]): Promise<void>;
  getCatalog(): Promise<Catalog>;
  getModule(id: string): Promise<LearningModule | undefined>;

  /**
   * Stores events for a user in one transaction and returns a result per event, in order.
   * Results are returned only after the transaction committed ("acked means durable").
   */
  ingest(userId: string, events: IncomingEvent[]): Promise<SyncResult[]>;
  /** The user's events with occurredAt replaced by the server-corrected time. */
  userEvents(userId: string): Promise<ProgressEvent[]>;

  /**
   * Runs `fn` while holding a lock named `name` that every process on this database respects
   * (PostgreSQL: a session advisory lock; SQLite: one process, so `fn` simply runs). Start-up work
   * such as content import and demo seeding runs inside it, so processes starting at once on an
   * empty database never both seed.
   */
  exclusive<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /**
   * Every row of `table` (one of `TRANSFER_TABLES`), in primary-key order, for `npm run store --
   * export`. Values are JSON-safe (text, numbers, null).
   */
  exportRows(table: string): AsyncIterable<Record<string, unknown>>;
  /**
   * Inserts exported rows (tables in `TRANSFER_TABLES` order) in ONE transaction: all or nothing.
   * Returns the number of rows inserted per table.
   */
  importRows(rows: AsyncIterable<TransferRow>): Promise<Record<string, number>>;
}
