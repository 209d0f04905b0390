/**
 * Every table as a type: the one description of the database that each query is checked against
 * (Kysely infers rows from it, so a renamed column fails the typecheck in every query at once).
 *
 * Conventions both dialects share: instants are epoch milliseconds in BIGINT (read as JS numbers:
 * db.ts installs a parser on PostgreSQL), booleans are INTEGER 0/1, lists and objects kept whole
 * are JSON text, local dates are `YYYY-MM-DD` text.
 *
 * The tables are described by area in ./schema-*.ts; this file composes them into `Database`.
 *
 * ADDING A TABLE or a column? Add a migration in ./migrations, the type in its area's
 * ./schema-*.ts and in `Database` here, and the table to ./tables.ts (export/import) or to
 * NOT_TRANSFERRED with a reason.
 */
import type { Insertable, Selectable } from 'kysely';
import type {
  OrgsTable,
  CohortsTable,
  UsersTable,
  CohortMembersTable,
  CohortManagersTable,
  SessionsTable,
  RateLimitsTable,
  SignInFailuresTable,
} from './schema-people';
import type {
  ContentCatalogTable,
  ContentModulesTable,
  ModuleOwnersTable,
  EventsTable,
  ProgressLedgersTable,
  LedgerStreaksTable,
  DeviceContactsTable,
  BoardProfilesTable,
  BoardScoresTable,
  BoardVersionsTable,
  KudosTable,
  RecommendationsTable,
  CohortChallengesTable,
} from './schema-learning';
import type {
  PushSubscriptionsTable,
  UserCareersTable,
  AssignmentsTable,
  NotificationsTable,
  OneOnOneChecksTable,
  OneOnOneOpensTable,
  AccessTokensTable,
  SponsorMessagesTable,
} from './schema-coaching';
import type {
  OrgGoalsTable,
  PilotsTable,
  PilotChecklistTable,
  HrRecordsTable,
  MailOutboxTable,
  DigestLogTable,
} from './schema-pilot';
import type {
  ScimTokensTable,
  ScimUsersTable,
  ScimGroupsTable,
  SsoConfigsTable,
  SsoDomainsTable,
  SsoLoginsTable,
  SsoIdentitiesTable,
} from './schema-identity';
import type {
  LearnerDaysTable,
  PilotSummariesTable,
  LearnerTotalsTable,
  LearnerMasteryTable,
  LearnerCardsTable,
  AggregateBackfillsTable,
} from './schema-aggregates';
import type {
  LrsCredentialsTable,
  XapiStatementsTable,
  XapiRefsTable,
  XapiDocumentsTable,
  XapiActivitiesTable,
  XapiAttachmentsTable,
  XapiForwardingTable,
  XapiForwardQueueTable,
} from './schema-xapi';

export type { Flag } from './schema-columns';
export type * from './schema-people';
export type * from './schema-learning';
export type * from './schema-coaching';
export type * from './schema-pilot';
export type * from './schema-identity';
export type * from './schema-aggregates';
export type * from './schema-xapi';

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
  pilot_summaries: PilotSummariesTable;
  learner_totals: LearnerTotalsTable;
  aggregate_backfills: AggregateBackfillsTable;
  learner_mastery: LearnerMasteryTable;
  learner_cards: LearnerCardsTable;
  board_profiles: BoardProfilesTable;
  board_scores: BoardScoresTable;
  board_versions: BoardVersionsTable;
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
