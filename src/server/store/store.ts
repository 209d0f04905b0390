/**
 * The one door to persistence. Routes and services depend on this interface only; `sqlite.ts`
 * (the default, one process) and `postgres.ts` (several stateless processes) implement it and
 * both pass `test/integration/store-contract.test.ts`.
 *
 * Nothing another process would need is kept in memory: sessions, rate-limit windows and content
 * all live here, so any instance can answer any request.
 */
import type { Catalog, LearningModule } from '../../core/content';
import type { EventType, ProgressEvent } from '../../core/events';
import type { HrRecord, ManagerAction, PilotGoal } from '../../core/pilot';
import type { SyncResult } from '../../core/sync';
import type { Locale, Phrase } from '../../core/wording';
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
  /**
   * The stored text: JSON of the validated event, keys in schema order (so equal events give
   * equal text, whatever order the device wrote them in). Bodies stored before this form have
   * sorted keys; duplicates are compared in canonical form, see store/event-batch.ts.
   */
  body: string;
  /** occurredAt corrected for the device's measured clock skew, epoch ms. */
  correctedAt: number;
  receivedAt: number;
}

/** Where a person stands in a catalog role: `level` is 1-based into that role's levels. */
export interface Career {
  roleId: string;
  level: number;
}

/** A user as admins and managers see them: also deactivated ones, with their career. */
export interface Person extends User {
  active: boolean;
  career: Career | null;
}

export interface PersonPatch {
  name?: string;
  role?: Role;
  managerId?: string | null;
  tz?: string;
  active?: boolean;
  cohortIds?: string[];
  career?: Career | null;
  passwordHash?: string;
}

export interface Cohort {
  id: string;
  orgId: string;
  name: string;
  tz: string;
}

/** A cohort as admins see it: with its managers (active people with the manager or admin role). */
export interface CohortWithManagers extends Cohort {
  managerIds: string[];
}

export interface Assignment {
  id: string;
  orgId: string;
  userId: string;
  pathwayId: string;
  /** Local date YYYY-MM-DD. */
  dueDate: string;
  assignedBy: string;
  createdAt: number;
}

export interface Notification {
  id: string;
  orgId: string;
  userId: string;
  fromUserId: string | null;
  kind: 'nudge' | 'assignment';
  /** English, as composed (or as a manager typed it): for API users, CSV and logs. */
  text: string;
  /** What `text` says as a catalog phrase, so the app words it in the reader's locale; none for a typed message. */
  phrase?: Phrase;
  createdAt: number;
  readAt: number | null;
}

/** An invite (into a cohort) or a password reset; the database keeps only the token's hash. */
export interface AccessToken {
  kind: 'invite' | 'reset';
  orgId: string;
  /** reset: whose password. */
  userId: string | null;
  /** invite: where the new person lands. */
  cohortId: string | null;
  role: Role | null;
  email: string | null;
  managerId: string | null;
  createdBy: string;
  expiresAt: number;
}

export interface SessionInfo {
  tokenHash: string;
  createdAt: number;
  expiresAt: number;
}

export interface SponsorMessage {
  orgId: string;
  sponsorUserId: string | null;
  name: string;
  title: string;
  text: string;
  /** Shown from this local date through `endsOn`, inclusive. */
  startsOn: string;
  endsOn: string;
}

export interface OrgGoal {
  orgId: string;
  /** e.g. 80 for "80% of people learn weekly". */
  targetPercent: number;
  label: string;
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
  /** Changes whenever the catalog or any module's version does; cheap to read (no module bodies). */
  contentSignature(): Promise<string>;

  /**
   * Stores events for a user in one transaction and returns a result per event, in order.
   * Results are returned only after the transaction committed ("acked means durable").
   */
  ingest(userId: string, events: IncomingEvent[], aggregate?: Aggregate): Promise<SyncResult[]>;
  /**
   * The user's events with occurredAt replaced by the server-corrected time; only those of the
   * given types when `types` is passed (an index on user and type makes that a narrow read).
   */
  userEvents(userId: string, types?: readonly EventType[]): Promise<ProgressEvent[]>;

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
  // People, teams and cohorts (issue 7). Every method takes the caller's org and never reaches
  // outside it.
  listPeople(orgId: string): Promise<Person[]>;
  getPerson(orgId: string, userId: string): Promise<Person | undefined>;
  /** Applies the patch in one transaction; false when no such person is in the org. */
  updatePerson(orgId: string, userId: string, patch: PersonPatch): Promise<boolean>;
  listCohorts(orgId: string): Promise<CohortWithManagers[]>;
  /** `managerIds` replaces the cohort's managers; all in one transaction. False when not found. */
  updateCohort(
    orgId: string,
    id: string,
    patch: { name?: string; tz?: string; managerIds?: string[] },
  ): Promise<boolean>;
  /** True when the user is one of the cohort's managers and still an active manager or admin. */
  isCohortManager(userId: string, cohortId: string): Promise<boolean>;

  /** One assignment per person and pathway: assigning again moves the due date. */
  upsertAssignment(assignment: Assignment): Promise<void>;
  listAssignments(orgId: string, userIds: string[]): Promise<Assignment[]>;
  addNotification(notification: Notification): Promise<void>;
  /** Newest first. */
  listNotifications(orgId: string, userId: string, limit: number): Promise<Notification[]>;
  markNotificationsRead(orgId: string, userId: string, now: number): Promise<void>;
  setOneOnOneCheck(
    managerId: string,
    reportId: string,
    itemId: string,
    checked: boolean,
    now: number,
  ): Promise<void>;
  oneOnOneChecks(managerId: string, reportId: string): Promise<string[]>;
  /** Records that a manager opened a report's 1:1 script; once per manager, report and `day`. */
  recordScriptOpen(open: {
    orgId: string;
    managerId: string;
    reportId: string;
    /** The manager's local date, YYYY-MM-DD. */
    day: string;
    at: number;
  }): Promise<void>;
  /**
   * What managers (and admins) did for their people from `fromMs` up to `toMs`: assignments made
   * and nudges sent (from notifications) and 1:1 scripts opened, with the actor's time zone.
   */
  managerActions(orgId: string, fromMs: number, toMs: number): Promise<ManagerAction[]>;

  createAccessToken(tokenHash: string, token: AccessToken): Promise<void>;
  /** The token when it is unused and unexpired, without using it. */
  peekAccessToken(
    tokenHash: string,
    kind: AccessToken['kind'],
    now: number,
  ): Promise<AccessToken | undefined>;
  /** Atomically marks the token used; only the first caller gets it back (single use). */
  consumeAccessToken(
    tokenHash: string,
    kind: AccessToken['kind'],
    now: number,
  ): Promise<AccessToken | undefined>;

  listSessions(userId: string, now: number): Promise<SessionInfo[]>;
  deleteUserSessions(userId: string): Promise<void>;

  setSponsorMessage(message: SponsorMessage): Promise<void>;
  getSponsorMessage(orgId: string): Promise<SponsorMessage | undefined>;
  setOrgGoal(goal: OrgGoal): Promise<void>;
  getOrgGoal(orgId: string): Promise<OrgGoal | undefined>;
  /** Distinct users of the org with a completed lesson at or after `since` (epoch ms). */
  countLearnersSince(orgId: string, since: number): Promise<number>;

  /**
   * Inserts or replaces one module uploaded by an admin of `orgId`, keeping its place in the
   * catalog order. The catalog is shared by the deployment, so a module belongs to the org that
   * first uploaded it: false (nothing saved) when the id is taken by another org's module or by
   * shipped content (imported from content/, no owner).
   */
  saveModule(module: LearningModule, orgId: string): Promise<boolean>;

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
  /** The user's subscribed devices (for a push when their manager nudges them). */
  pushSubscriptionsOf(userId: string): Promise<PushSubscriptionRow[]>;
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
  /** The language the device's pushes are worded in: the app's locale when it (re)subscribed. */
  locale: Locale;
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
