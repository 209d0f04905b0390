/** Tables of organisations, cohorts, people, their sessions and sign-in limits (see ./schema.ts for the conventions). */
import type { Generated } from 'kysely';
import type { Defaulted, Flag } from './schema-columns';

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
