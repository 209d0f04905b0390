/** Tables of directory provisioning (SCIM) and single sign-on (see ./schema.ts for the conventions). */
import type { Defaulted, Flag } from './schema-columns';

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
