/** Tables of content, learning events, ledgers and the board's social side (see ./schema.ts for the conventions). */
import type { ColumnType } from 'kysely';
import type { Defaulted, Flag } from './schema-columns';

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
  /** Its board's version when it was last written (PostgreSQL's trigger; 0 on SQLite). */
  version: Defaulted<number>;
}

/** Per board, its latest version and the version of its latest deletion (PostgreSQL only). */
export interface BoardVersionsTable {
  cohort_id: string;
  period: string;
  version: number;
  reload_from: number;
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
