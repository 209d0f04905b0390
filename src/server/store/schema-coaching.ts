/** Tables of push, careers, assignments, notifications, one-on-ones, access tokens and sponsor messages (see ./schema.ts for the conventions). */
import type { Defaulted } from './schema-columns';

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
