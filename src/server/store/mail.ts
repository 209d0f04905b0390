/**
 * Mail: the outbox every message waits in until an SMTP server accepted it, and the weekly
 * digest's log. Senders claim a row for a while before sending (a conditional UPDATE, so of two
 * processes only one gets it; a crashed sender's claim runs out and the row is sent again), and
 * a message is marked sent only by the sender holding its claim.
 */
import { randomUUID } from 'node:crypto';
import type { ExpressionBuilder } from 'kysely';
import { localeOf, type Locale } from '../../core/wording';
import { accessTokenRow, type AccessToken } from './auth';
import { inTransaction, type Db } from './db';
import { leaseFree, takeLeases, type Lease } from './leases';
import type { Database, Row } from './schema';
import { valueAt } from './rows';

export type MailKind = Row<'mail_outbox'>['kind'];

/** A message as composed: who gets it, and what it says as plain text and as HTML. */
export interface OutgoingMail {
  kind: MailKind;
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface QueuedMail extends OutgoingMail {
  id: string;
  attempts: number;
  claim: string;
}

/** Whom a mail goes to, as their organisation knows them. */
export interface Recipient {
  id: string;
  orgId: string;
  email: string;
  name: string;
  /** Their preferred language, when known. */
  locale: Locale | undefined;
  tz: string;
  orgName: string;
}

/** A single-use link with the mail that carries it (none when mail is off). */
export interface IssuedToken {
  tokenHash: string;
  token: AccessToken;
  mail: OutgoingMail | null;
}

export interface MailStore {
  /** Puts a message in the outbox, due now. */
  queueMail(mail: OutgoingMail, now: number): Promise<string>;
  /**
   * Creates the tokens and queues their mails in ONE transaction: all of them, or (on any error)
   * none.
   */
  issueTokens(tokens: IssuedToken[], now: number): Promise<void>;
  /** Claims up to `limit` messages that are due, for `leaseMs`; each is claimed by one caller. */
  claimDueMail(now: number, leaseMs: number, limit: number): Promise<QueuedMail[]>;
  /** Marks a claimed message sent and empties its bodies; false when the claim was lost. */
  markMailSent(id: string, claim: string, now: number): Promise<boolean>;
  /** Records a failed attempt: retried from `retryAt`, or given up when `retryAt` is null. */
  markMailFailed(
    id: string,
    claim: string,
    error: string,
    retryAt: number | null,
    now: number,
  ): Promise<void>;
  /** Messages not yet sent nor given up (for tests and the health of the sender). */
  pendingMail(): Promise<
    Array<{ id: string; to: string; attempts: number; lastError: string | null }>
  >;
  /** Which of these (lowercase) emails already belong to an account, active or not, in any org. */
  emailsWithAccounts(emails: string[]): Promise<Set<string>>;
  /** Records the language a person reads Kindling in (the app's choice); their mails follow it. */
  setUserLocale(userId: string, locale: Locale): Promise<void>;
  /** A person of any state with their organisation's name, or undefined. */
  recipient(userId: string): Promise<Recipient | undefined>;
  /** Active managers and admins with at least one active direct report. */
  digestManagers(): Promise<Recipient[]>;
  /** True when the manager's digest of that week is already queued (by any process). */
  digestQueued(managerId: string, week: string): Promise<boolean>;
  /**
   * Records the manager's digest of the week and queues its mail, in one transaction; false (and
   * nothing queued) when that week's digest was already recorded.
   */
  queueDigest(managerId: string, week: string, mail: OutgoingMail, now: number): Promise<boolean>;
}

/** Mail still to send: neither sent nor given up on. */
const unsent = (eb: ExpressionBuilder<Database, 'mail_outbox'>) =>
  eb.and([eb('sent_at', 'is', null), eb('failed_at', 'is', null)]);

export function mailStore(db: Db): MailStore {
  const recipients = () =>
    db
      .selectFrom('users as u')
      .innerJoin('orgs as o', 'o.id', 'u.org_id')
      .select([
        'u.id',
        'u.org_id as orgId',
        'u.email',
        'u.name',
        'u.locale',
        'u.tz',
        'o.name as orgName',
      ]);
  const toRecipient = (row: { locale: string | null } & Omit<Recipient, 'locale'>) => ({
    ...row,
    locale: localeOf(row.locale),
  });
  const outboxRow = (mail: OutgoingMail, now: number) => ({
    id: randomUUID(),
    kind: mail.kind,
    to_address: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    created_at: now,
    next_attempt_at: now,
  });
  return {
    async queueMail(mail, now) {
      const row = outboxRow(mail, now);
      await db.insertInto('mail_outbox').values(row).execute();
      return row.id;
    },
    async issueTokens(tokens, now) {
      if (tokens.length === 0) return;
      await inTransaction(db, async (tx) => {
        await tx
          .insertInto('access_tokens')
          .values(tokens.map((t) => accessTokenRow(t.tokenHash, t.token)))
          .execute();
        const mails = tokens.flatMap((t) => (t.mail ? [outboxRow(t.mail, now)] : []));
        if (mails.length) await tx.insertInto('mail_outbox').values(mails).execute();
      });
    },
    async claimDueMail(now, leaseMs, limit) {
      const due = await db
        .selectFrom('mail_outbox')
        .select('id')
        .where(unsent)
        .where('next_attempt_at', '<=', now)
        .where(leaseFree(now))
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(limit)
        .execute();
      const claimed: QueuedMail[] = [];
      const take = (id: string, lease: Lease) =>
        db
          .updateTable('mail_outbox')
          .set(lease)
          .where('id', '=', id)
          .where(unsent)
          .where(leaseFree(now))
          .executeTakeFirst();
      const read = (id: string) =>
        db
          .selectFrom('mail_outbox')
          .select(['id', 'kind', 'to_address as to', 'subject', 'text', 'html', 'attempts'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
      const ids = due.map((r) => r.id);
      for await (const mail of takeLeases(ids, now, leaseMs, take, read)) claimed.push(mail);
      return claimed;
    },
    async markMailSent(id, claim, now) {
      const result = await db
        .updateTable('mail_outbox')
        .set({ sent_at: now, text: '', html: '', claimed_until: null, last_error: null })
        .where('id', '=', id)
        .where('claim', '=', claim)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async markMailFailed(id, claim, error, retryAt, now) {
      await db
        .updateTable('mail_outbox')
        .set((eb) => ({
          attempts: eb('attempts', '+', 1),
          last_error: error.slice(0, 500),
          claimed_until: null,
          ...(retryAt === null ? { failed_at: now } : { next_attempt_at: retryAt }),
        }))
        .where('id', '=', id)
        .where('claim', '=', claim)
        .execute();
    },
    async pendingMail() {
      return db
        .selectFrom('mail_outbox')
        .select(['id', 'to_address as to', 'attempts', 'last_error as lastError'])
        .where(unsent)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
    },
    async emailsWithAccounts(emails) {
      const found = new Set<string>();
      // In chunks, well below either database's limit on bound parameters.
      for (let i = 0; i < emails.length; i += 500) {
        const rows = await db
          .selectFrom('users')
          .select('email')
          .where('email', 'in', emails.slice(i, i + 500))
          .execute();
        for (const r of rows) found.add(r.email);
      }
      return found;
    },
    async setUserLocale(userId, locale) {
      await db.updateTable('users').set({ locale }).where('id', '=', userId).execute();
    },
    async recipient(userId) {
      const row = await recipients().where('u.id', '=', userId).executeTakeFirst();
      return row && toRecipient(row);
    },
    async digestManagers() {
      const rows = await recipients()
        .where('u.active', '=', 1)
        .where('u.role', 'in', ['manager', 'admin'])
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('users as r')
              .select('r.id')
              .whereRef('r.manager_id', '=', 'u.id')
              .where('r.active', '=', 1),
          ),
        )
        .orderBy('u.id')
        .execute();
      return rows.map(toRecipient);
    },
    async digestQueued(managerId, week) {
      const queued = await valueAt(db, 'digest_log', 'week', { manager_id: managerId, week });
      return queued !== undefined;
    },
    async queueDigest(managerId, week, mail, now) {
      return inTransaction(db, async (tx) => {
        const result = await tx
          .insertInto('digest_log')
          .values({ manager_id: managerId, week, sent_at: now })
          .onConflict((oc) => oc.columns(['manager_id', 'week']).doNothing())
          .executeTakeFirst();
        if (Number(result.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
        await tx.insertInto('mail_outbox').values(outboxRow(mail, now)).execute();
        return true;
      });
    },
  };
}
