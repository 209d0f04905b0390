/**
 * Every table as a type: the one description of the database that each query is checked against
 * (Kysely infers rows from it, so a renamed column fails the typecheck in every query at once).
 *
 * Conventions both dialects share: instants are epoch milliseconds in BIGINT (read as JS numbers:
 * db.ts installs a parser on PostgreSQL), booleans are INTEGER 0/1, lists and objects kept whole
 * are JSON text, local dates are `YYYY-MM-DD` text.
 *
 * ADDING A TABLE or a column? Add a migration in ./migrations, the type here, and the table to
 * ./tables.ts (export/import) or to NOT_TRANSFERRED with a reason.
 */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** 0 or 1: a boolean in the common subset of SQLite and PostgreSQL. */
export type Flag = number;
/** A column with a database default: optional on insert. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface OrgsTable {
  id: string;
  name: string;
  /** The organisation's short name in URLs (`/sso/<slug>`); its id unless changed. */
  slug: string | null;
}

export interface CohortsTable {
  id: string;
  org_id: string;
  name: string;
  tz: string;
}

export interface UsersTable {
  id: string;
  org_id: string;
  /** Lowercase; unique across the deployment. */
  email: string;
  name: string;
  role: 'learner' | 'manager' | 'admin';
  manager_id: string | null;
  tz: string;
  password_hash: string;
  active: Generated<Flag>;
  /** BCP 47 language the person prefers (from the directory or SSO claims); null: the device's. */
  locale: Defaulted<string | null>;
}

export interface CohortMembersTable {
  cohort_id: string;
  user_id: string;
}

export interface CohortManagersTable {
  cohort_id: string;
  user_id: string;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: number;
  expires_at: number;
}

export interface RateLimitsTable {
  key: string;
  window_start: number;
  hits: number;
}

/** Sign-in failures per key (migration 0080; routes/sign-in-limit.ts). */
export interface SignInFailuresTable {
  key: string;
  failures: Defaulted<number>;
  last_at: number;
  blocked_until: Defaulted<number>;
  known_until: Defaulted<number>;
}

export interface ContentCatalogTable {
  id: number;
  body: string;
}

export interface ContentModulesTable {
  id: string;
  version: string;
  position: number;
  body: string;
}

export interface ModuleOwnersTable {
  module_id: string;
  org_id: string;
}

export interface EventsTable {
  id: string;
  user_id: string;
  device_id: string;
  seq: number;
  type: string;
  /** The device's own text. */
  occurred_at: string;
  /** occurredAt corrected for the device's clock skew. */
  corrected_at: number;
  received_at: number;
  /** JSON of the validated event. */
  body: string;
}

export interface ProgressLedgersTable {
  user_id: string;
  ledger: string;
  updated_at: number;
  /** Written 0131–0180 only: the summaries live in `ledger_streaks` now. */
  streak: ColumnType<string | null, string | undefined, string>;
}

/** When the server first heard from a person's device (store/devices.ts). */
export interface DeviceContactsTable {
  user_id: string;
  device_id: string;
  first_at: number;
}

/** Each ledger's streak summary, apart from it (narrow rows: the team view reads a team's). */
export interface LedgerStreaksTable {
  user_id: string;
  /** JSON StreakSummary (src/core/streak-summary.ts) of the ledger, or 'null'. */
  streak: string;
}

export interface BoardProfilesTable {
  user_id: string;
  alias: string | null;
  hidden: Defaulted<Flag>;
}

export interface BoardScoresTable {
  cohort_id: string;
  /** `all` or the ISO week (`2025-W11`) in the cohort's zone. */
  period: string;
  user_id: string;
  xp: number;
  /** Lessons first completed in the period (cohort challenges). */
  lessons: number;
  /** When the score was reached: ties go to the earlier. */
  reached_at: number;
  /** Copied from board_profiles, so the rank index serves the visible board. */
  hidden: Defaulted<Flag>;
  updated_at: number;
}

export interface KudosTable {
  id: string;
  org_id: string;
  from_user: string;
  to_user: string;
  reason: 'lesson' | 'streak';
  message: string;
  created_at: number;
}

export interface RecommendationsTable {
  id: string;
  from_user: string;
  to_user: string;
  module_id: string;
  created_at: number;
}

export interface CohortChallengesTable {
  cohort_id: string;
  week: string;
  goal: number;
  set_by: string;
}

export interface PushSubscriptionsTable {
  endpoint: string;
  user_id: string;
  device_id: string;
  p256dh: string;
  auth: string;
  created_at: number;
  last_reminded_on: Defaulted<string | null>;
  locale: Defaulted<string>;
}

export interface UserCareersTable {
  user_id: string;
  role_id: string;
  /** 1-based into the role's levels. */
  level: number;
}

export interface AssignmentsTable {
  id: string;
  org_id: string;
  user_id: string;
  pathway_id: string;
  due_date: string;
  assigned_by: string;
  created_at: number;
}

export interface NotificationsTable {
  id: string;
  org_id: string;
  user_id: string;
  from_user_id: string | null;
  kind: 'nudge' | 'assignment';
  /** English, as composed or typed. */
  text: string;
  /** `{key, params}` of a composed notification; null for a typed one. */
  phrase: string | null;
  created_at: number;
  read_at: number | null;
}

export interface OneOnOneChecksTable {
  manager_id: string;
  report_id: string;
  item_id: string;
  checked_at: number;
}

export interface OneOnOneOpensTable {
  manager_id: string;
  report_id: string;
  /** The manager's local date. */
  day: string;
  org_id: string;
  opened_at: number;
}

export interface AccessTokensTable {
  token_hash: string;
  kind: 'invite' | 'reset';
  org_id: string;
  user_id: string | null;
  cohort_id: string | null;
  role: 'learner' | 'manager' | 'admin' | null;
  email: string | null;
  manager_id: string | null;
  created_by: string;
  expires_at: number;
  used_at: Defaulted<number | null>;
}

export interface SponsorMessagesTable {
  org_id: string;
  sponsor_user_id: string | null;
  name: string;
  title: string;
  text: string;
  starts_on: string;
  ends_on: string;
}

export interface OrgGoalsTable {
  org_id: string;
  target_percent: number;
  label: string;
}

export interface PilotsTable {
  id: string;
  org_id: string;
  name: string;
  start_date: string;
  weeks: number;
  /** JSON array of cohort ids. */
  cohort_ids: string;
  /** JSON array of goals. */
  goals: string;
  created_at: number;
}

export interface PilotChecklistTable {
  pilot_id: string;
  step: string;
  done_at: number;
  done_by: string;
}

export interface HrRecordsTable {
  org_id: string;
  email: string;
  hire_date: string;
  exit_date: string | null;
  /** JSON array of internal move dates. */
  moves: string;
}

export interface MailOutboxTable {
  id: string;
  kind: 'invite' | 'reset' | 'digest';
  to_address: string;
  subject: string;
  /** Plain text and HTML bodies; emptied once sent (they may hold a single-use link). */
  text: string;
  html: string;
  created_at: number;
  attempts: Defaulted<number>;
  next_attempt_at: number;
  /** Who is sending it now, until `claimed_until` (a crashed sender's claim runs out). */
  claim: Defaulted<string | null>;
  claimed_until: Defaulted<number | null>;
  sent_at: Defaulted<number | null>;
  /** Given up: the SMTP server refused it for good. */
  failed_at: Defaulted<number | null>;
  last_error: Defaulted<string | null>;
}

export interface DigestLogTable {
  manager_id: string;
  /** The week's Monday (YYYY-MM-DD) in the manager's zone. */
  week: string;
  sent_at: number;
}

export interface ScimTokensTable {
  id: string;
  org_id: string;
  name: string;
  /** SHA-256 of the bearer token; the token itself is shown once. */
  token_hash: string;
  created_by: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

/** What the directory says about a person beyond `users` (SCIM 2.0). */
export interface ScimUsersTable {
  user_id: string;
  org_id: string;
  external_id: string | null;
  given_name: string | null;
  family_name: string | null;
  /** JSON array of the SCIM `emails` as the directory sent them. */
  emails: string | null;
  department: string | null;
  employee_number: string | null;
  created_at: number;
  updated_at: number;
  /** The directory deleted the person: deactivated, kept, answered 404. */
  deleted_at: number | null;
}

/** A cohort the directory knows as a SCIM group. */
export interface ScimGroupsTable {
  cohort_id: string;
  org_id: string;
  external_id: string | null;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
}

/** An organisation's OpenID provider (issue 16); the client secret is sealed (auth/secrets.ts). */
export interface SsoConfigsTable {
  org_id: string;
  issuer: string;
  client_id: string;
  /** AES-256-GCM sealed; never returned by any read of the API. */
  client_secret: string;
  password_sign_in: Flag;
  create_accounts: Flag;
  /** Where accounts made at first sign-in land; null: the organisation's first cohort by name. */
  default_cohort_id: string | null;
  updated_at: number;
}

/** Lowercase email domains; one organisation each. */
export interface SsoDomainsTable {
  domain: string;
  org_id: string;
}

/** A sign-in under way at the provider: single use, short-lived, keyed by its state's SHA-256. */
export interface SsoLoginsTable {
  state_hash: string;
  org_id: string;
  nonce: string;
  code_verifier: string;
  created_at: number;
  expires_at: number;
  used_at: Defaulted<number | null>;
}

/** A provider's account (issuer + subject) linked to a person of the organisation. */
export interface SsoIdentitiesTable {
  org_id: string;
  issuer: string;
  subject: string;
  user_id: string;
  linked_at: number;
}

/** One learner's local day (see src/core/pilot/days.ts), kept by ingest. */
export interface LearnerDaysTable {
  user_id: string;
  /** Local date, YYYY-MM-DD. */
  day: string;
  lessons: number;
  last_at: number;
  /** JSON `{ c: { lessonId: [n, first] }, p: { moduleId: [at…] } }`. */
  detail: string;
}

/** One learner's totals over all their days, kept by ingest. */
export interface LearnerTotalsTable {
  user_id: string;
  /** The latest event of any type, epoch ms. */
  last_at: number;
  /** JSON array of every lesson id ever completed, sorted. */
  completed: string;
}

/** One learner's mastery (see store/learner-mastery.ts), kept by ingest: what /me/state reads. */
export interface LearnerMasteryTable {
  user_id: string;
  /** JSON `{ lessonId: [best, attempts] }` of every graded assessment attempt. */
  assessments: string;
  /** JSON array of review items (src/core/review.ts), in the order scheduleReview returns. */
  review: string;
}

/** One learner's graded answers to one quiz card, kept by ingest to replay that card's review. */
export interface LearnerCardsTable {
  user_id: string;
  /** `lessonId#cardId`. */
  card: string;
  /** JSON array of `[atMs, eventId, 'q' | 'r', right 0 | 1, tz]`, sorted by (at, id). */
  answers: string;
}

/** How far a backfill of aggregates has got: done once `done_at` is set. */
export interface AggregateBackfillsTable {
  name: string;
  /** The last user id backfilled ('' before the first). */
  after_user: string;
  done_at: number | null;
}

export interface LrsCredentialsTable {
  id: string;
  org_id: string;
  name: string;
  /** The Basic user name, shown once with its secret. */
  key: string;
  /** SHA-256 of the secret. */
  secret_hash: string;
  scope: 'read' | 'all';
  created_at: number;
  revoked_at: number | null;
}

/**
 * One xAPI statement of an organisation. `body` is the statement as stored (JSON); null for a
 * Kindling learning event, whose statement is built from `events` when read (same id).
 */
export interface XapiStatementsTable {
  org_id: string;
  id: string;
  stored: number;
  verb_id: string;
  registration: string | null;
  /** 1 once a voiding statement names this one. */
  voided: Defaulted<Flag>;
  /** The statement id a voiding statement voids. */
  voids: string | null;
  body: string | null;
}

/** What a statement refers to, for the agent/activity filters (see xapi/refs.ts). */
export interface XapiRefsTable {
  org_id: string;
  statement_id: string;
  /** 'statement': `value` is the statement this one targets by a StatementRef (not voiding). */
  kind: 'agent' | 'activity' | 'statement';
  value: string;
  /** 1: the statement's actor or object; 0: only for `related_*`. */
  direct: Flag;
  stored: number;
}

/** A State, Activity Profile or Agent Profile document ('' where a key part does not apply). */
export interface XapiDocumentsTable {
  org_id: string;
  kind: 'state' | 'activity' | 'agent';
  activity_id: string;
  agent: string;
  registration: string;
  doc_id: string;
  content_type: string;
  /** Base64 of the bytes. */
  body: string;
  etag: string;
  updated: number;
}

export interface XapiActivitiesTable {
  org_id: string;
  id: string;
  /** JSON: the activity definition as last merged from statements. */
  definition: string;
}

/** An attachment's raw data, sent in a multipart/mixed statement request, by its SHA-2 hash. */
export interface XapiAttachmentsTable {
  org_id: string;
  /** Lowercase hex, as the statements' `attachments[].sha2` name it. */
  sha2: string;
  content_type: string;
  /** Base64 (as document bodies), the same on both databases. */
  body: string;
}

/** An organisation's own LRS that its learning events are forwarded to, and how sending stands. */
export interface XapiForwardingTable {
  org_id: string;
  /** The LRS endpoint, without a trailing slash (`…/statements` is appended). */
  endpoint: string;
  /** HTTP Basic user name at that LRS. */
  key: string;
  /** The Basic secret, sealed (auth/secrets.ts): the sender must present it. */
  sealed_secret: string;
  /** The origin the statements' actor `homePage` and activity ids name (set with the endpoint). */
  home: string;
  updated_at: number;
  /** Not before this instant (epoch ms): the persisted backoff. */
  next_attempt_at: number;
  /** Failed attempts since the last success. */
  failures: Defaulted<number>;
  /** The sender holding the organisation's batch, until `claimed_until`. */
  claim: string | null;
  claimed_until: number | null;
  last_success_at: number | null;
  /** Why the last attempt failed: a `forwardingError` code (xapi/forward-target.ts). */
  last_error: string | null;
  last_error_status: number | null;
  last_error_at: number | null;
}

/** A statement (a Kindling event's id) waiting to be forwarded; queued in the ingest transaction. */
export interface XapiForwardQueueTable {
  org_id: string;
  statement_id: string;
  queued_at: number;
}

export interface Database {
  orgs: OrgsTable;
  cohorts: CohortsTable;
  users: UsersTable;
  cohort_members: CohortMembersTable;
  cohort_managers: CohortManagersTable;
  sessions: SessionsTable;
  rate_limits: RateLimitsTable;
  sign_in_failures: SignInFailuresTable;
  content_catalog: ContentCatalogTable;
  content_modules: ContentModulesTable;
  module_owners: ModuleOwnersTable;
  events: EventsTable;
  progress_ledgers: ProgressLedgersTable;
  device_contacts: DeviceContactsTable;
  ledger_streaks: LedgerStreaksTable;
  learner_days: LearnerDaysTable;
  learner_totals: LearnerTotalsTable;
  aggregate_backfills: AggregateBackfillsTable;
  learner_mastery: LearnerMasteryTable;
  learner_cards: LearnerCardsTable;
  board_profiles: BoardProfilesTable;
  board_scores: BoardScoresTable;
  kudos: KudosTable;
  recommendations: RecommendationsTable;
  cohort_challenges: CohortChallengesTable;
  push_subscriptions: PushSubscriptionsTable;
  user_careers: UserCareersTable;
  assignments: AssignmentsTable;
  notifications: NotificationsTable;
  one_on_one_checks: OneOnOneChecksTable;
  one_on_one_opens: OneOnOneOpensTable;
  access_tokens: AccessTokensTable;
  sponsor_messages: SponsorMessagesTable;
  org_goals: OrgGoalsTable;
  pilots: PilotsTable;
  pilot_checklist: PilotChecklistTable;
  hr_records: HrRecordsTable;
  mail_outbox: MailOutboxTable;
  digest_log: DigestLogTable;
  scim_tokens: ScimTokensTable;
  scim_users: ScimUsersTable;
  scim_groups: ScimGroupsTable;
  sso_configs: SsoConfigsTable;
  sso_domains: SsoDomainsTable;
  sso_logins: SsoLoginsTable;
  sso_identities: SsoIdentitiesTable;
  lrs_credentials: LrsCredentialsTable;
  xapi_statements: XapiStatementsTable;
  xapi_refs: XapiRefsTable;
  xapi_documents: XapiDocumentsTable;
  xapi_activities: XapiActivitiesTable;
  xapi_attachments: XapiAttachmentsTable;
  xapi_forwarding: XapiForwardingTable;
  xapi_forward_queue: XapiForwardQueueTable;
}

export type Row<T extends keyof Database> = Selectable<Database[T]>;
export type NewRow<T extends keyof Database> = Insertable<Database[T]>;
