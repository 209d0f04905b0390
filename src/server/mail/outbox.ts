/**
 * Sending what waits in the mail outbox (src/server/store/mail.ts).
 *
 * Routes only queue a message (in the same transaction as the link it carries) and ask the sender
 * to run; the sender claims due rows, hands each to the SMTP server, and marks it sent. A failed
 * attempt is retried with a growing delay (1 min, 2, 4 … at most an hour apart), so a server that
 * is down for a while loses nothing; an answer the SMTP server gives as final (5xx) or the 48th
 * failure gives the message up, and it stays in the table with its last error. Every process may
 * run the sender: a row is claimed by one of them at a time.
 */
import nodemailer from 'nodemailer';
import type { QueuedMail, Store } from '../store/store';

/** What carries a message to an SMTP server (nodemailer's transport, or a test double). */
export interface Mailer {
  sendMail(message: {
    from: string;
    to: string;
    subject: string;
    text: string;
    html: string;
  }): Promise<unknown>;
}

export interface MailSetup {
  mailer: Mailer;
  /** The sender address, `MAIL_FROM` (default `Kindling <kindling@localhost>`). */
  from: string;
  /** Where the app is reached (`PUBLIC_URL`), for links in mails no request asked for. */
  publicUrl?: string | undefined;
}

/** An SMTP transport for `url` (smtp://user:pass@host:port, smtps:// for TLS from the start). */
export function smtpMailer(url: string): Mailer {
  return nodemailer.createTransport({
    url,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
}

/** Mail setup from SMTP_URL, MAIL_FROM and PUBLIC_URL; undefined (no mail) without SMTP_URL. */
export function mailFromEnv(env: NodeJS.ProcessEnv): MailSetup | undefined {
  if (!env.SMTP_URL) return undefined;
  return {
    mailer: smtpMailer(env.SMTP_URL),
    from: env.MAIL_FROM ?? 'Kindling <kindling@localhost>',
    publicUrl: env.PUBLIC_URL === undefined ? undefined : withoutTrailingSlashes(env.PUBLIC_URL),
  };
}

export interface MailRun {
  sent: number;
  /** Failed this time, tried again later. */
  retrying: number;
  /** Given up for good. */
  failed: number;
}

/** How long a sender holds a claimed row before another may take it over. */
export const MAIL_LEASE_MS = 5 * 60_000;
const MAX_ATTEMPTS = 48;
const BATCH = 20;

/** When to try again after `attempts` failures: 1 minute doubling, at most an hour. */
export const retryDelay = (attempts: number) => Math.min(60_000 * 2 ** (attempts - 1), 3_600_000);

const isFinal = (err: unknown) => {
  const code = (err as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
};

async function sendOne(store: Store, setup: MailSetup, mail: QueuedMail, now: number) {
  try {
    await setup.mailer.sendMail({
      from: setup.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
    });
  } catch (err) {
    const attempts = mail.attempts + 1;
    const giveUp = isFinal(err) || attempts >= MAX_ATTEMPTS;
    const retryAt = giveUp ? null : now + retryDelay(attempts);
    await store.markMailFailed(mail.id, mail.claim, (err as Error).message, retryAt, now);
    return giveUp ? 'failed' : 'retrying';
  }
  await store.markMailSent(mail.id, mail.claim, now);
  return 'sent';
}

/** Sends every message that is due at `now`, a batch at a time, and says what happened. */
export async function sendQueuedMail(
  store: Store,
  setup: MailSetup,
  now: () => number,
): Promise<MailRun> {
  const run: MailRun = { sent: 0, retrying: 0, failed: 0 };
  for (;;) {
    const batch = await store.claimDueMail(now(), MAIL_LEASE_MS, BATCH);
    for (const mail of batch) run[await sendOne(store, setup, mail, now())]++;
    if (batch.length < BATCH) return run;
  }
}

/** The sender as routes and the server's timer use it. */
export interface MailService extends MailSetup {
  /**
   * Sends what is due, after any run already going in this process; never rejects (what could
   * not be sent stays queued).
   */
  flush(): Promise<MailRun>;
}

export function mailService(store: Store, setup: MailSetup, now: () => number): MailService {
  let last: Promise<unknown> = Promise.resolve();
  return {
    ...setup,
    flush() {
      const run = last.then(() =>
        sendQueuedMail(store, setup, now).catch((err: Error) => {
          console.error('mail:', err.message);
          return { sent: 0, retrying: 0, failed: 0 };
        }),
      );
      last = run;
      return run;
    },
  };
}

/** `url` without the slashes it ends with (a scan: `/\/+$/` is quadratic on "////…x"). */
export function withoutTrailingSlashes(url: string): string {
  let end = url.length;
  while (end > 0 && url[end - 1] === '/') end--;
  return url.slice(0, end);
}
