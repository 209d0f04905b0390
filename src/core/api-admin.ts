/**
 * The replies of the admin's routes (`/api/v1/admin/*`, `/api/v1/org/goal`), one type each,
 * imported by both sides as `src/core/api.ts`'s are: the route returns
 * `c.json(reply satisfies XReply)`, the admin screen reads `api.get<XReply>()`.
 *
 * Types only, free of zod.
 */
import type { Role } from './api';
import type { Phrase } from './wording';

// ── People and cohorts ──────────────────────────────────────────────────────────────────────

export interface AdminPerson {
  id: string;
  name: string;
  email: string;
  role: Role;
  managerId: string | null;
  tz: string;
  cohortIds: string[];
  active: boolean;
  career: { roleId: string; level: number } | null;
}

export interface AdminCohort {
  id: string;
  name: string;
  tz: string;
  /** Managers and admins who lead the cohort (read its board, set its challenge). */
  managerIds: string[];
}

/** `POST /admin/people/:id` and `…/deactivate`: the person as saved. */
export interface PersonReply {
  person: AdminPerson;
}

/** `GET /admin/cohorts`. */
export interface CohortsReply {
  cohorts: AdminCohort[];
}

/** `POST /admin/cohorts` (201, no managers yet) and `POST /admin/cohorts/:id`. */
export interface CohortReply {
  cohort: AdminCohort;
}

/** `POST /admin/people/:id/reset-link`: the link, and where it was mailed (null: hand it over). */
export interface AccessLink {
  url: string;
  expiresAt: string;
  mailedTo: string | null;
}

/** `POST /admin/invites` (201): one invite's link and its code. */
export interface InviteLink extends AccessLink {
  code: string;
}

// ── Invites ─────────────────────────────────────────────────────────────────────────────────

/** An invite not yet used nor expired, as the admin's list shows it (never its code). */
export interface OpenInvite {
  id: string;
  email: string | null;
  role: Role;
  cohort: string | null;
  /** The name of the admin who made it. */
  createdBy: string | null;
  expiresAt: string;
}

/** One person of an invited list: their link, and where it was mailed (null: hand it over). */
export interface ListInvite {
  /** Always set for a list (every row names one); typed as the invite link types it. */
  email: string | null;
  url: string;
  mailedTo: string | null;
}

/** `GET /admin/people`: the organisation's people and cohorts, and the career roles to pick. */
export interface AdminPeopleReply {
  people: AdminPerson[];
  cohorts: AdminCohort[];
  careerRoles: Array<{ id: string; title: string; levels: string[] }>;
}

export interface OpenInvitesReply {
  invites: OpenInvite[];
}

/** `POST /admin/invites/bulk`: everyone on the list invited. */
export interface BulkInviteReply {
  invites: ListInvite[];
}

/** `GET`/`PUT /admin/xapi-forwarding`: the organisation's forwarding to its own LRS, or null. */
export interface ForwardingReply {
  forwarding: {
    endpoint: string;
    key: string;
    /** Always true: the secret itself is never answered. */
    secretSet: true;
    /** Statements waiting to be sent. */
    backlog: number;
    lastSuccessAt: string | null;
    /** `code`: xapi/forward-target.ts `ForwardingErrorCode`; `status`: the LRS's HTTP status. */
    lastError: { code: string; status: number | null; at: string } | null;
    /** When the next attempt is due while the LRS keeps failing. */
    retryAt: string | null;
  } | null;
}

// ── Programme ───────────────────────────────────────────────────────────────────────────────

export interface Programme {
  sponsor: {
    name: string;
    title: string;
    text: string;
    startsOn: string;
    endsOn: string;
    sponsorUserId: string | null;
  } | null;
  goal: {
    label: string | null;
    targetPercent: number | null;
    currentPercent: number;
    learnersThisWeek: number;
    people: number;
  };
}

/** `POST /admin/sponsor`: the sponsor's message as saved. */
export interface SponsorReply {
  sponsor: NonNullable<Programme['sponsor']> & { orgId: string };
}

/** `POST /admin/goal`. */
export interface GoalReply {
  goal: Programme['goal'];
}

/** `GET /org/goal`: the goal for admins and the named sponsor; `goal: null` for anyone else. */
export interface OrgGoalReply {
  goal: Programme['goal'] | null;
  /** The reader's local date. */
  today: string;
}

// ── Content upload ──────────────────────────────────────────────────────────────────────────

/**
 * A problem on a line of a content file: `message` in English; `phrase` where an admin's app
 * words it in their locale (a module upload; the content CLI's catalog checks print English).
 */
export interface ContentProblem {
  file: string;
  line: number;
  message: string;
  phrase?: Phrase;
}

/** `POST /admin/content/validate`: every problem, and what the module would be. */
export interface ModuleCheckReply {
  ok: boolean;
  errors: ContentProblem[];
  warnings: ContentProblem[];
  module?: { id: string; title: string; lessons: number; estimateMinutes: number };
}

/** `POST /admin/content/import` (201): the module saved, or its translation into `locale`. */
export interface ModuleImportReply {
  module: { id: string; title: string };
  locale?: string;
}

// ── Single sign-on, SCIM, LRS ───────────────────────────────────────────────────────────────

/** What an admin sets for single sign-on (never the client secret). */
export interface SsoSettings {
  issuer: string;
  clientId: string;
  /** Lowercase, one organisation each. */
  emailDomains: string[];
  passwordSignIn: boolean;
  createAccounts: boolean;
  defaultCohortId: string | null;
}

/** `GET`/`PUT /admin/sso`: the settings (never the secret) and the addresses to hand out. */
export interface SsoAnswer {
  sso: SsoSettings | null;
  redirectUri: string;
  signInUrl: string;
}

export interface ScimTokenRow {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** `GET /admin/scim-tokens`: the tokens (never the tokens themselves) and the SCIM base URL. */
export interface ScimTokensReply {
  tokens: ScimTokenRow[];
  scimUrl: string;
}

/** `POST /admin/scim-tokens` (201): the token, shown this once. */
export interface ScimTokenCreated {
  id: string;
  name: string;
  token: string;
}

export interface LrsCredentialRow {
  id: string;
  orgId: string;
  name: string;
  key: string;
  scope: 'read' | 'all';
  createdAt: number;
  revokedAt: number | null;
}

/** `GET /admin/lrs-credentials`. */
export interface LrsCredentialsReply {
  credentials: LrsCredentialRow[];
}

/** `POST /admin/lrs-credentials` (201): the key and its secret, shown this once. */
export interface LrsCredentialCreated {
  id: string;
  key: string;
  secret: string;
  name: string;
  scope: 'read' | 'all';
}

/** `DELETE /admin/scim-tokens/:id`, `POST /admin/lrs-credentials/:id/revoke`. */
export interface RevokedReply {
  revoked: true;
}
