/** Tables of pilots, goals, HR records and outgoing mail (see ./schema.ts for the conventions). */
import type { Defaulted } from './schema-columns';

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
