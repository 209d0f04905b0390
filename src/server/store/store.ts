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
  ingest(userId: string, events: IncomingEvent[], aggregate?: Aggregate): Promise<SyncResult[]>;
  /** The user's events with occurredAt replaced by the server-corrected time. */
  userEvents(userId: string): Promise<ProgressEvent[]>;

  // ---- motivation (issue 6) ---------------------------------------------------------------

  getCohort(id: string): Promise<Cohort | undefined>;
  /** True when one of the manager's direct reports is a member of the cohort. */
  managesCohortMember(managerId: string, cohortId: string): Promise<boolean>;
  /** The user's progress ledger (JSON, see src/core/progress.ts), kept by `ingest`. */
  getLedger(userId: string): Promise<string | undefined>;
  /** Top entries and the user's own rank; hidden learners are left out of everyone's entries. */
  leaderboard(query: BoardQuery): Promise<BoardRead>;
  getBoardProfile(userId: string): Promise<BoardProfile>;
  setBoardProfile(userId: string, profile: BoardProfile): Promise<void>;
  /** Sum of lessons first completed by the cohort's members in a week (challenge progress). */
  cohortLessons(cohortId: string, week: string): Promise<number>;

  /** Active people of an organisation, by name (for kudos and recommendations). */
  orgPeople(orgId: string): Promise<Array<{ id: string; name: string }>>;
  addKudos(kudos: Kudos): Promise<void>;
  /** Kudos a user gave at or after `since` (epoch ms): the daily limit. */
  kudosSentSince(fromUser: string, since: number): Promise<number>;
  kudosReceived(userId: string, limit: number): Promise<KudosView[]>;
  kudosReceivedCount(userId: string): Promise<number>;
  /** Latest kudos received by the cohort's members: the recognition feed. */
  cohortFeed(cohortId: string, limit: number): Promise<KudosView[]>;
  /** Returns false when the same person already recommended the module to the colleague. */
  addRecommendation(r: {
    id: string;
    fromUser: string;
    toUser: string;
    moduleId: string;
    createdAt: number;
  }): Promise<boolean>;
  recommendationsFor(
    userId: string,
  ): Promise<Array<{ moduleId: string; fromName: string; createdAt: number }>>;
  setChallenge(c: { cohortId: string; week: string; goal: number; setBy: string }): Promise<void>;
  getChallenge(cohortId: string, week: string): Promise<number | undefined>;

  /** Saves (or moves to this user) a Web Push subscription of one device. */
  savePushSubscription(s: PushSubscriptionRow): Promise<void>;
  /** Deletes a subscription; with `userId`, only when it is that user's. */
  deletePushSubscription(endpoint: string, userId?: string): Promise<void>;
  /** Every subscription with its owner's time zone, for the evening reminder run. */
  reminderTargets(): Promise<
    Array<PushSubscriptionRow & { tz: string; lastRemindedOn: string | null }>
  >;
  /** Claims today's reminder for a device; false when it was already claimed (any process). */
  claimReminder(endpoint: string, day: string): Promise<boolean>;
}

export interface PushSubscriptionRow {
  endpoint: string;
  userId: string;
  deviceId: string;
  p256dh: string;
  auth: string;
  createdAt: number;
}

export interface Kudos {
  id: string;
  orgId: string;
  fromUser: string;
  toUser: string;
  reason: 'lesson' | 'streak';
  message: string;
  createdAt: number;
}

export interface KudosView {
  id: string;
  fromName: string;
  toName: string;
  reason: Kudos['reason'];
  message: string;
  createdAt: number;
}

export interface Cohort {
  id: string;
  orgId: string;
  name: string;
  tz: string;
}

/** One board row as `ingest` keeps it: a user's score in a cohort for `all` or a week. */
export interface BoardRow {
  cohortId: string;
  period: string;
  xp: number;
  lessons: number;
  reachedAt: number;
}

/**
 * Called by `ingest` inside its transaction with the user's stored ledger and the events just
 * accepted (every stored event of the user when no ledger exists yet), occurredAt corrected.
 * Returns the new ledger and the board rows to write and to delete.
 */
export type Aggregate = (
  previousLedger: string | undefined,
  accepted: ProgressEvent[],
) => { ledger: string; upsert: BoardRow[]; remove: Array<{ cohortId: string; period: string }> };

export interface BoardQuery {
  cohortId: string;
  period: string;
  userId: string;
  top: number;
  /** Rows either side of the user to return in `around` (which includes the user). */
  around: number;
}

export interface BoardLine {
  rank: number;
  userId: string;
  displayName: string;
  xp: number;
}

export interface BoardRead {
  entries: BoardLine[];
  around: BoardLine[];
  me: { rank: number; xp: number; hidden: boolean };
}

export interface BoardProfile {
  alias: string | null;
  hidden: boolean;
}
