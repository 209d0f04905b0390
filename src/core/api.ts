/**
 * The replies of the HTTP API (`/api/v1`), one type each, imported by both sides: each server
 * route returns `c.json(reply satisfies XReply)`, and the device reads it as `api.get<XReply>()`.
 * A changed reply therefore fails the typecheck where it is made and everywhere it is read.
 *
 * The admin's routes have theirs in `api-admin.ts`.
 *
 * Types only, free of zod, so the app bundle pays nothing for them. Error bodies are
 * `src/server/errors.ts`'s shape; requests are validated by the zod schemas beside each route.
 */
import type { Badge } from './badges';
import type { Period } from './leaderboard';
import type { Career, CareerGap, PathwaySuggestion } from './career';
import type { AssessmentResult, MasteryState, QuestionFeedback } from './mastery';
import type { OneOnOneScript } from './one-on-one';
import type { PilotChecklistStep, PilotGoal } from './pilot';
import type { ProgressState } from './progress';
import type { SyncResult } from './sync';
import type { AssignmentProgress, ReportProgress } from './team';
import type { Phrase } from './wording';

// ── Common ──────────────────────────────────────────────────────────────────────────────────

/**
 * A done action with nothing more to say: `POST /auth/logout`, `/me/notifications/read`,
 * `/team/:id/nudge` (201), `/admin/invites/:id/revoke`, `/health`.
 */
export interface OkReply {
  ok: true;
}

// ── Progress ────────────────────────────────────────────────────────────────────────────────

/** The learner's authoritative state: progress folded from their events, and graded mastery. */
export interface MeState extends ProgressState {
  mastery: MasteryState;
}

/** `POST /sync`: a result per event sent, and the state after them (no second read needed). */
export interface SyncReply {
  results: SyncResult[];
  serverTime: string;
  state: MeState;
}

/**
 * `GET /me/assessments/:lessonId`: the learner's graded assessment, once an attempt has reached
 * the server: the best result over all attempts and how each question of the latest went.
 */
export interface AssessmentFeedbackReply {
  lessonId: string;
  result: AssessmentResult;
  latest: { id: string; score: number; passed: boolean; questions: QuestionFeedback[] };
}

// ── Account ─────────────────────────────────────────────────────────────────────────────────

export type Role = 'learner' | 'manager' | 'admin';

/** The signed-in person, as the device keeps them. */
export interface AccountUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  orgId: string;
  cohortIds: string[];
  tz: string;
}

/** `GET /me`, `POST /auth/login`, `POST /auth/reset`, `POST /invites/:code/accept`. */
export interface MeReply {
  user: AccountUser;
}

/** A notification on the learner's home. */
export interface HomeNotification {
  id: string;
  kind: 'nudge' | 'assignment';
  /** English, or a manager's message as typed. */
  text: string;
  /** What `text` says, to word in the reader's locale (none for a typed message). */
  phrase?: Phrase;
  /** Who sent it, when a person did (a manager's nudge or assignment). */
  fromName?: string;
  createdAt: string;
  read: boolean;
}

/** `GET /me/home`: what the organisation adds to a learner's home. */
export interface HomeReply {
  assignments: AssignmentProgress[];
  notifications: HomeNotification[];
  sponsor: { name: string; title: string; text: string } | null;
}

// ── Motivation ──────────────────────────────────────────────────────────────────────────────

export interface BoardLine {
  rank: number;
  displayName: string;
  xp: number;
  isMe?: boolean;
}

/** `GET /cohorts/:id/leaderboard?period=`. */
export interface BoardReply {
  period: Period;
  /** The week's key, on the weekly board. */
  weekStart?: string;
  cohort: LedCohort;
  entries: BoardLine[];
  /** The caller's own line; null for a cohort they lead but are not in. */
  me: { rank: number; xp: number; hidden: boolean } | null;
  around: BoardLine[];
  updatedAt: string;
}

/** `GET`/`PUT /me/board-profile`: how the learner shows on boards. */
export interface BoardProfile {
  alias: string | null;
  hidden: boolean;
}

// ── Team (managers) ─────────────────────────────────────────────────────────────────────────

export interface PathwayOption {
  id: string;
  title: string;
  estimateMinutes: number;
}

/** A cohort: its board and weekly challenge are seen by its members and those who lead it. */
export interface LedCohort {
  id: string;
  name: string;
  tz: string;
}

export interface PersonSummary {
  id: string;
  name: string;
  email: string;
  tz: string;
  career: Career | null;
}

export type ReportRow = PersonSummary & ReportProgress & { suggestions: PathwaySuggestion[] };

/** `GET /team`: the manager's reports, the cohorts they lead, and what they can assign. */
export interface TeamReply {
  reports: ReportRow[];
  cohorts: LedCohort[];
  pathways: PathwayOption[];
}

/** `GET /team/:userId`: one report's 1:1 page. */
export interface MemberPage {
  report: PersonSummary & ReportProgress;
  gap: CareerGap | null;
  script: Omit<OneOnOneScript, 'checklist'> & {
    /** Each item is a phrase with a stable id (what a tick is stored under). */
    checklist: Array<OneOnOneScript['checklist'][number] & { checked: boolean }>;
  };
  pathways: PathwayOption[];
  /**
   * The nudges this manager sent this report since the start of the manager's day, newest first:
   * `message` as typed, or '' for the default one. The page asks before the same one twice.
   */
  nudgedToday: Array<{ message: string; at: string }>;
}

/** `POST /team/:id/assignments` (201): the pathway assigned and its due date. */
export interface AssignmentReply {
  assignment: { pathwayId: string; dueDate: string };
}

/** `POST /team/:id/one-on-one/checks`: the 1:1 checklist items now ticked. */
export interface OneOnOneChecksReply {
  checked: string[];
}

// ── Social ──────────────────────────────────────────────────────────────────────────────────

export interface Colleague {
  id: string;
  name: string;
}

/** `GET /colleagues`: the people of the caller's organisation, without the caller. */
export interface ColleaguesReply {
  people: Colleague[];
}

export interface KudosView {
  id: string;
  fromName: string;
  toName: string;
  reason: 'lesson' | 'streak';
  message: string;
  createdAt: number;
}

/** `POST /kudos` (201): the kudos sent, and to whom. */
export interface KudosSentReply {
  id: string;
  to: Colleague;
}

/** `GET /me/kudos`. */
export interface KudosReply {
  kudos: KudosView[];
}

/** `GET /cohorts/:id/feed`: the cohort's recent kudos. */
export interface FeedReply {
  feed: KudosView[];
}

export interface Recommendation {
  moduleId: string;
  fromName: string;
  createdAt: number;
}

/** `GET /me/recommendations`. */
export interface RecommendationsReply {
  recommendations: Recommendation[];
}

/** `POST /recommendations`: 201 when new, 200 when it was already sent. */
export interface RecommendReply {
  to: Colleague;
  alreadySent: boolean;
}

/** `GET /me/badges`. */
export interface BadgesReply {
  badges: Badge[];
  kudosReceived: number;
}

/** `GET`/`PUT /cohorts/:id/challenge`: this week's goal (lessons) and how far the cohort is. */
export interface Challenge {
  week: string;
  goal: number | null;
  done: number;
}

// ── Account ─────────────────────────────────────────────────────────────────────────────────

/** `GET /auth/sso/discover`: how the address signs in (SSO: where its flow starts). */
export type SignInMethod = { method: 'sso'; startUrl: string } | { method: 'password' };

/** `PUT /me/locale`: the language the person reads Kindling (and their mails) in. */
export interface LocaleReply {
  locale: string;
}

/** `GET /push/public-key`: the VAPID key a device subscribes with. */
export interface PushKeyReply {
  publicKey: string;
}

/** `POST` (201) and `DELETE /push/subscriptions`. */
export interface PushSubscriptionReply {
  subscribed: boolean;
}

/** `GET /invites/:code`: what the invite says before it is accepted. */
export interface InviteReply {
  invite: { email: string | null; cohort: string | null; tz?: string };
}

/** One signed-in device of the person, named by a prefix of its session hash. */
export interface AccountSession {
  id: string;
  createdAt: string;
  expiresAt: string;
  current: boolean;
}

export interface SessionsReply {
  sessions: AccountSession[];
}

/** `POST /me/sessions/:id/revoke`; `current`: the device asking was signed out. */
export interface RevokeSessionReply {
  ok: true;
  current: boolean;
}

// ── Pilot ───────────────────────────────────────────────────────────────────────────────────

export interface PilotSummary {
  id: string;
  name: string;
  startDate: string;
  weeks: number;
  cohortIds: string[];
  goals: PilotGoal[];
  checklist: Record<string, { doneAt: number; doneBy: string }>;
}

/** `GET /pilot/setup`. */
export interface PilotSetup {
  pilots: PilotSummary[];
  cohorts: Array<{ id: string; name: string; tz: string }>;
  /** The steps in order; `phrase` words each in the reader's locale. */
  checklist: readonly PilotChecklistStep[];
  hrRecords: number;
}

/** A pilot created or its checklist ticked. */
export interface PilotReply {
  pilot: PilotSummary;
}

/** `POST /pilot/hr`: how many HR records were imported. */
export interface HrImportReply {
  imported: number;
}
