/**
 * Single sign-on (issue 16): each organisation's OpenID provider and email domains, the sign-ins
 * under way, and the provider accounts (issuer + subject) linked to people. Sign-ins under way
 * live in the database, never in process memory, so the process that answers the provider's
 * callback need not be the one that sent the person there.
 */
import type { SsoSettings } from '../../core/api-admin';
import { inTransaction, type Db } from './db';
import { unspent } from './one-time';
import { insertUser, type NewUser, type Role } from './people';
import { valueAt } from './rows';

/** What an admin sets, as `GET /admin/sso` shows it (never with the secret). */
export type { SsoSettings };

export interface SsoConfig extends SsoSettings {
  orgId: string;
  /** The client secret sealed with AES-256-GCM (auth/secrets.ts); only the sign-in flow opens it. */
  sealedSecret: string;
  updatedAt: number;
}

/** A sign-in sent to the provider and not yet back. */
export interface PendingSsoLogin {
  orgId: string;
  nonce: string;
  codeVerifier: string;
  createdAt: number;
  expiresAt: number;
}

/** A person as sign-in sees them: also deactivated ones, so they can be told so. */
export interface SsoAccount {
  id: string;
  orgId: string;
  role: Role;
  active: boolean;
}

export interface SsoIdentity {
  orgId: string;
  issuer: string;
  subject: string;
  userId: string;
  linkedAt: number;
}

export interface IdentityStore {
  getSsoConfig(orgId: string): Promise<SsoConfig | undefined>;
  /**
   * Replaces the organisation's provider and domains in one transaction. When another
   * organisation holds one of the domains, nothing changes and that domain comes back.
   */
  saveSsoConfig(config: SsoConfig): Promise<{ takenDomain?: string }>;
  /** The configuration whose domains include `domain` (lowercase). */
  ssoConfigForDomain(domain: string): Promise<SsoConfig | undefined>;
  /** The configuration of the organisation with this URL slug (`/sso/<slug>`). */
  ssoConfigForSlug(slug: string): Promise<SsoConfig | undefined>;
  /** The organisation's URL slug. */
  orgSlug(orgId: string): Promise<string | undefined>;
  /** Records a sign-in under way (and forgets expired ones). */
  createSsoLogin(stateHash: string, login: PendingSsoLogin): Promise<void>;
  /** Atomically marks the sign-in used; only the first caller gets it back, and only unexpired. */
  consumeSsoLogin(stateHash: string, now: number): Promise<PendingSsoLogin | undefined>;
  /** The person linked to a provider account of the organisation. */
  identityAccount(orgId: string, issuer: string, subject: string): Promise<SsoAccount | undefined>;
  /** The person with this email (any case), active or not, in any organisation. */
  accountByEmail(email: string): Promise<SsoAccount | undefined>;
  /** Links a provider account to an existing person (again: no change). */
  linkIdentity(identity: SsoIdentity): Promise<void>;
  /** Creates a person and links their provider account, in one transaction. */
  createSsoUser(user: NewUser, identity: Omit<SsoIdentity, 'userId'>): Promise<void>;
}

const CONFIG_FIELDS = [
  'org_id as orgId',
  'issuer',
  'client_id as clientId',
  'client_secret as sealedSecret',
  'password_sign_in as passwordSignIn',
  'create_accounts as createAccounts',
  'default_cohort_id as defaultCohortId',
  'updated_at as updatedAt',
] as const;

const LOGIN_FIELDS = [
  'org_id as orgId',
  'nonce',
  'code_verifier as codeVerifier',
  'created_at as createdAt',
  'expires_at as expiresAt',
] as const;

export function identityStore(db: Db): IdentityStore {
  async function withDomains(
    row: Omit<SsoConfig, 'emailDomains' | 'passwordSignIn' | 'createAccounts'> & {
      passwordSignIn: number;
      createAccounts: number;
    },
  ): Promise<SsoConfig> {
    const domains = await db
      .selectFrom('sso_domains')
      .select('domain')
      .where('org_id', '=', row.orgId)
      .orderBy('domain')
      .execute();
    return {
      ...row,
      passwordSignIn: row.passwordSignIn === 1,
      createAccounts: row.createAccounts === 1,
      emailDomains: domains.map((d) => d.domain),
    };
  }
  const accounts = () =>
    db
      .selectFrom('users as u')
      .select(['u.id', 'u.org_id as orgId', 'u.role', 'u.active'])
      .$narrowType<{ active: number }>();
  const toAccount = (row: { id: string; orgId: string; role: Role; active: number }) => ({
    ...row,
    active: row.active === 1,
  });

  return {
    async getSsoConfig(orgId) {
      const row = await db
        .selectFrom('sso_configs')
        .select(CONFIG_FIELDS)
        .where('org_id', '=', orgId)
        .executeTakeFirst();
      return row && withDomains(row);
    },
    async saveSsoConfig(config) {
      const domains = [...new Set(config.emailDomains.map((d) => d.toLowerCase()))];
      return inTransaction(db, async (tx) => {
        const taken = domains.length
          ? await tx
              .selectFrom('sso_domains')
              .select('domain')
              .where('domain', 'in', domains)
              .where('org_id', '!=', config.orgId)
              .orderBy('domain')
              .executeTakeFirst()
          : undefined;
        if (taken) return { takenDomain: taken.domain };
        const columns = {
          issuer: config.issuer,
          client_id: config.clientId,
          client_secret: config.sealedSecret,
          password_sign_in: config.passwordSignIn ? 1 : 0,
          create_accounts: config.createAccounts ? 1 : 0,
          default_cohort_id: config.defaultCohortId,
          updated_at: config.updatedAt,
        };
        await tx
          .insertInto('sso_configs')
          .values({ org_id: config.orgId, ...columns })
          .onConflict((oc) => oc.column('org_id').doUpdateSet(columns))
          .execute();
        await tx.deleteFrom('sso_domains').where('org_id', '=', config.orgId).execute();
        if (domains.length)
          await tx
            .insertInto('sso_domains')
            .values(domains.map((domain) => ({ domain, org_id: config.orgId })))
            .execute();
        return {};
      });
    },
    async ssoConfigForDomain(domain) {
      const row = await db
        .selectFrom('sso_domains as d')
        .innerJoin('sso_configs as s', 's.org_id', 'd.org_id')
        .select(CONFIG_FIELDS.map((f) => `s.${f}` as const))
        .where('d.domain', '=', domain.toLowerCase())
        .executeTakeFirst();
      return row && withDomains(row);
    },
    async ssoConfigForSlug(slug) {
      const row = await db
        .selectFrom('orgs as o')
        .innerJoin('sso_configs as s', 's.org_id', 'o.id')
        .select(CONFIG_FIELDS.map((f) => `s.${f}` as const))
        .where('o.slug', '=', slug)
        .executeTakeFirst();
      return row && withDomains(row);
    },
    async orgSlug(orgId) {
      return (await valueAt(db, 'orgs', 'slug', { id: orgId })) ?? undefined;
    },
    async createSsoLogin(stateHash, login) {
      await db.deleteFrom('sso_logins').where('expires_at', '<=', login.createdAt).execute();
      await db
        .insertInto('sso_logins')
        .values({
          state_hash: stateHash,
          org_id: login.orgId,
          nonce: login.nonce,
          code_verifier: login.codeVerifier,
          created_at: login.createdAt,
          expires_at: login.expiresAt,
        })
        .execute();
    },
    async consumeSsoLogin(stateHash, now) {
      // One conditional UPDATE: of two callbacks with the same state only one sees the row.
      return db
        .updateTable('sso_logins')
        .set({ used_at: now })
        .where('state_hash', '=', stateHash)
        .where(unspent(now))
        .returning(LOGIN_FIELDS)
        .executeTakeFirst();
    },
    async identityAccount(orgId, issuer, subject) {
      const row = await accounts()
        .innerJoin('sso_identities as i', 'i.user_id', 'u.id')
        .where('i.org_id', '=', orgId)
        .where('i.issuer', '=', issuer)
        .where('i.subject', '=', subject)
        .executeTakeFirst();
      return row && toAccount(row);
    },
    async accountByEmail(email) {
      const row = await accounts().where('u.email', '=', email.toLowerCase()).executeTakeFirst();
      return row && toAccount(row);
    },
    async linkIdentity(i) {
      await db
        .insertInto('sso_identities')
        .values({
          org_id: i.orgId,
          issuer: i.issuer,
          subject: i.subject,
          user_id: i.userId,
          linked_at: i.linkedAt,
        })
        .onConflict((oc) => oc.columns(['org_id', 'issuer', 'subject']).doNothing())
        .execute();
    },
    async createSsoUser(user, i) {
      await inTransaction(db, async (tx) => {
        await insertUser(tx, user);
        await tx
          .insertInto('sso_identities')
          .values({
            org_id: i.orgId,
            issuer: i.issuer,
            subject: i.subject,
            user_id: user.id,
            linked_at: i.linkedAt,
          })
          .execute();
      });
    },
  };
}
