/**
 * Mail through a real SMTP server (test/support/smtp.ts): invites and password resets arrive with
 * a working link, in the recipient's language, as plain text and HTML, never with a password; an
 * SMTP server that is down loses nothing; two senders never send one message twice. Runs on
 * SQLite, and on PostgreSQL in the vitest project "postgres".
 */
import { describe, expect, it } from 'vitest';
import { mailService, smtpMailer } from '../../src/server/mail/outbox';
import * as mailApp from '../support/mail-app';

mailApp.useMailApp();

describe('the outbox', () => {
  it('keeps mail while the SMTP server is down and sends it once it is back', async () => {
    await mailApp.smtp.stop();
    const res = await (
      await mailApp.as('u-demo-admin')
    ).post('/api/v1/admin/invites', { cohortId: 'demo-co-pilot', email: 'nina@demo.test' });
    expect(res.status).toBe(201);
    await mailApp.mail.flush();
    const [waiting] = await mailApp.store.pendingMail();
    expect(waiting).toMatchObject({ to: 'nina@demo.test', attempts: 1 });
    expect(waiting!.lastError).toBeTruthy();

    await mailApp.smtp.start();
    await mailApp.mail.flush(); // not due yet: the next attempt waits a minute
    expect(mailApp.smtp.mails).toHaveLength(0);
    mailApp.setClock(mailApp.clock + 61_000);
    expect(await mailApp.mail.flush()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    const m = await mailApp.smtp.next();
    expect(mailApp.linkOf(m)).toBe((await mailApp.json(res)).url);
    expect(await mailApp.store.pendingMail()).toEqual([]);
  });

  it('sends each message once when two senders run at the same time', async () => {
    for (let i = 0; i < 12; i++)
      await mailApp.store.queueMail(
        { kind: 'invite', to: `p${i}@demo.test`, subject: `n${i}`, text: 't', html: '<p>t</p>' },
        mailApp.clock,
      );
    const setup = { mailer: smtpMailer(mailApp.smtp.url), from: 'k@demo.test' };
    const other = mailService(mailApp.store, setup, () => mailApp.clock);
    const runs = await Promise.all([mailApp.mail.flush(), other.flush(), mailApp.mail.flush()]);
    expect(runs.reduce((sum, r) => sum + r.sent, 0)).toBe(12);
    expect(mailApp.smtp.mails.map((m) => m.subject).sort()).toEqual(
      Array.from({ length: 12 }, (_, i) => `n${i}`).sort(),
    );
  });

  it('stores a set of links and their mails all together or not at all', async () => {
    const token = {
      kind: 'invite' as const,
      orgId: 'demo-co',
      userId: null,
      cohortId: 'demo-co-pilot',
      role: 'learner' as const,
      email: 'a@demo.test',
      managerId: null,
      createdBy: 'u-demo-admin',
      expiresAt: mailApp.clock + 86_400_000,
    };
    const mailOf = (to: string) => ({
      kind: 'invite' as const,
      to,
      subject: 's',
      text: 't',
      html: 'h',
    });
    const issue = (hash: string, to: string) => ({ tokenHash: hash, token, mail: mailOf(to) });
    // The second token's hash repeats the first: the insert fails, and the first is not kept.
    await expect(
      mailApp.store.issueTokens(
        [issue('hash-1', 'a@demo.test'), issue('hash-1', 'b@demo.test')],
        mailApp.clock,
      ),
    ).rejects.toThrow();
    expect(await mailApp.store.peekAccessToken('hash-1', 'invite', mailApp.clock)).toBeUndefined();
    expect(await mailApp.store.pendingMail()).toEqual([]);
    await mailApp.store.issueTokens(
      [issue('hash-1', 'a@demo.test'), issue('hash-2', 'b@demo.test')],
      mailApp.clock,
    );
    expect(await mailApp.store.peekAccessToken('hash-2', 'invite', mailApp.clock)).toMatchObject({
      email: 'a@demo.test',
    });
    expect((await mailApp.store.pendingMail()).map((m) => m.to).sort()).toEqual([
      'a@demo.test',
      'b@demo.test',
    ]);
  });

  it('gives a message up when the SMTP server refuses it for good', async () => {
    await mailApp.store.queueMail(
      { kind: 'invite', to: 'nobody@demo.test', subject: 's', text: 't', html: 'h' },
      mailApp.clock,
    );
    const refusing = mailService(
      mailApp.store,
      {
        mailer: {
          sendMail: () =>
            Promise.reject(Object.assign(new Error('550 no such user'), { responseCode: 550 })),
        },
        from: 'k@demo.test',
      },
      () => mailApp.clock,
    );
    expect(await refusing.flush()).toEqual({ sent: 0, retrying: 0, failed: 1 });
    mailApp.setClock(mailApp.clock + 86_400_000);
    expect(await mailApp.mail.flush()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(await mailApp.store.pendingMail()).toEqual([]);
  });
});
