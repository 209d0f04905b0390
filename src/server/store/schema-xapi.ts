/** Tables of the xAPI learning record store (see ./schema.ts for the conventions). */
import type { Defaulted, Flag } from './schema-columns';

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
