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
import type { HrRecord, PilotGoal } from '../../core/pilot';
import type { SyncResult } from '../../core/sync';
import type { CatalogFile } from '../content/load';

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

export interface Pilot {
  id: string;
  orgId: string;
  name: string;
  /** Day 0, YYYY-MM-DD. */
  startDate: string;
  weeks: number;
  cohortIds: string[];
  goals: PilotGoal[];
  createdAt: number;
  /** Checklist steps ticked off, by step id. */
  checklist: Record<string, { doneAt: number; doneBy: string }>;
}

export interface OrgMember {
  userId: string;
  email: string;
  cohortIds: string[];
}

/** One stored event as exports and the pilot report read it, without parsing its body. */
export interface EventRow {
  id: string;
  userId: string;
  email: string;
  type: string;
  /** The device's own text. */
  occurredAt: string;
  /** Server-corrected instant, epoch ms. */
  correctedAt: number;
  tz: string;
  lessonId: string | null;
  body: string;
}

export interface EventQuery {
  orgId: string;
  /** Inclusive lower and exclusive upper bound on correctedAt, epoch ms. */
  fromMs: number;
  toMs: number;
  types?: readonly string[];
  /** Rows per page (default 5,000). */
  pageSize?: number;
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

  /** The organisation's cohorts, by name. */
  orgCohorts(orgId: string): Promise<Array<{ id: string; name: string; tz: string }>>;
  /** Every active member of the organisation. */
  orgMembers(orgId: string): Promise<OrgMember[]>;
  createPilot(pilot: Omit<Pilot, 'checklist'>): Promise<void>;
  /** The organisation's pilots, newest first. */
  listPilots(orgId: string): Promise<Pilot[]>;
  /** Ticks (`done` given) or unticks a checklist step; false when the org has no such pilot. */
  setPilotStep(
    orgId: string,
    pilotId: string,
    step: string,
    done: { at: number; by: string } | null,
  ): Promise<boolean>;
  /** Adds or replaces HR rows by email, all in one transaction. */
  saveHrRecords(orgId: string, records: readonly HrRecord[]): Promise<void>;
  hrRecords(orgId: string): Promise<HrRecord[]>;
  /**
   * The organisation's events in (correctedAt, id) order, one page at a time (keyset paging), so
   * a caller can stream millions of rows without holding them in memory.
   */
  eventPages(query: EventQuery): AsyncIterable<EventRow[]>;
}
