/**
 * Mail through a real SMTP server (test/support/smtp.ts): invites and password resets arrive with
 * a working link, in the recipient's language, as plain text and HTML, never with a password; an
 * SMTP server that is down loses nothing; two senders never send one message twice. Runs on
 * SQLite, and on PostgreSQL in the vitest project "postgres".
 */
import type { ParsedMail } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import { mailService, smtpMailer, type MailService } from '../../src/server/mail/outbox';
import { DEMO_PASSWORD } from '../../src/server/seed';
import type { Store } from '../../src/server/store/store';
import { clientFor, signInAs, type App, type Client } from '../support/api';
import { apiTestStore, disposeApiTestStores } from '../support/server';
import { sessionCookie } from '../support/sessions';
import { startSmtp, type TestSmtp } from '../support/smtp';

let store: Store;
let smtp: TestSmtp;
let mail: MailService;
let app: App;
let clock: number;
const as = async (userId: string): Promise<Client> =>
  clientFor(app, await sessionCookie(store, userId));
const json = async (res: Response) => (await res.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

beforeEach(async () => {
  clock = Date.parse('2026-12-02T09:00:00Z');
  store = await apiTestStore();
  smtp = await startSmtp();
  mail = mailService(
    store,
    { mailer: smtpMailer(smtp.url), from: 'Kindling <k@demo.test>' },
    () => clock,
  );
  app = createApp({ store, now: () => clock, mail });
});

afterEach(async () => {
  await smtp.stop();
  await store.close();
  await disposeApiTestStores();
});

const to = (m: ParsedMail) => (Array.isArray(m.to) ? m.to : [m.to]).map((a) => a?.text).join();
/** The one link of a mail's text, and that the HTML links to the same address. */
function linkOf(m: ParsedMail): string {
  const links = [...(m.text ?? '').matchAll(/https?:\/\/\S+/g)].map((x) => x[0]);
  expect(links).toHaveLength(1);
  expect(m.html).toContain(`href="${links[0]}"`);
  return links[0]!;
}

describe('an invite by email', () => {
  it('arrives with a link that lets the person join, as text and HTML, without a password', async () => {
    const res = await (
      await as('u-demo-admin')
    ).post('/api/v1/admin/invites', { cohortId: 'demo-co-pilot', email: 'nina@demo.test' });
    expect(res.status).toBe(201);
    const invite = await json(res);
    expect(invite.mailedTo).toBe('nina@demo.test');
    const m = await smtp.next();
    expect(to(m)).toBe('nina@demo.test');
    expect(m.from?.value).toEqual([{ name: 'Kindling', address: 'k@demo.test' }]);
    expect(m.subject).toBe('Ada Admin invites you to Kindling');
    expect(m.text).toContain('Ada Admin invited you to learn with Demo Co');
    expect(m.html).toContain('<a href=');
    expect(m.html).toContain('lang="en"');
    const link = linkOf(m);
    expect(link).toBe(invite.url);
    for (const body of [m.text!, m.html as string]) {
      expect(body).not.toContain(DEMO_PASSWORD);
      expect(body.toLowerCase()).not.toMatch(/passwor[dt]\s*:/);
    }
    const code = link.split('/join/')[1]!;
    const accept = await clientFor(app).post(`/api/v1/invites/${code}/accept`, {
      name: 'Nina New',
      password: 'a-good-password',
    });
    expect(accept.status).toBe(201);
    expect((await json(accept)).user).toMatchObject({ email: 'nina@demo.test', orgId: 'demo-co' });
  });

  it('is worded in the language the admin chose, else in the admin’s own', async () => {
    const ada = await as('u-demo-admin');
    await ada.post('/api/v1/admin/invites', {
      cohortId: 'demo-co-pilot',
      email: 'jonas@demo.test',
      locale: 'de',
    });
    const german = await smtp.next();
    expect(german.subject).toBe('Ada Admin lädt dich zu Kindling ein');
    expect(german.text).toContain('mit Demo Co auf Kindling zu lernen');
    expect(german.html).toContain('lang="de"');
    expect(german.text).toMatch(/bis zum 16\.12\.2026/);

    expect((await ada.put('/api/v1/me/locale', { locale: 'de' })).status).toBe(200);
    await ada.post('/api/v1/admin/invites', { cohortId: 'demo-co-pilot', email: 'eva@demo.test' });
    expect((await smtp.next()).subject).toBe('Ada Admin lädt dich zu Kindling ein');
  });

  it('escapes what people typed in the HTML', async () => {
    await store.updatePerson('demo-co', 'u-demo-admin', { name: 'Ada <b>Admin</b> & "Co"' });
    await (
      await as('u-demo-admin')
    ).post('/api/v1/admin/invites', { cohortId: 'demo-co-pilot', email: 'nina@demo.test' });
    const m = await smtp.next();
    expect(m.html).toContain('Ada &lt;b&gt;Admin&lt;/b&gt; &amp; &quot;Co&quot;');
    expect(m.html).not.toContain('<b>');
    expect(m.text).toContain('Ada <b>Admin</b> & "Co" invited you');
  });

  it('is only a link to copy when mail is off, and an invite without an address is never mailed', async () => {
    const noMail = createApp({ store, now: () => clock });
    const ada = clientFor(noMail, await sessionCookie(store, 'u-demo-admin'));
    const off = await json(
      await ada.post('/api/v1/admin/invites', { cohortId: 'demo-co-pilot', email: 'x@demo.test' }),
    );
    expect(off).toMatchObject({ mailedTo: null, url: expect.stringContaining('/join/') });
    const noAddress = await json(
      await (await as('u-demo-admin')).post('/api/v1/admin/invites', { cohortId: 'demo-co-pilot' }),
    );
    expect(noAddress.mailedTo).toBeNull();
    await mail.flush();
    expect(smtp.mails).toHaveLength(0);
    expect(await store.pendingMail()).toEqual([]);
  });
});

describe('a password reset by email', () => {
  it('goes to the person in their own language, and its link sets a new password once', async () => {
    await (await as('u-demo-learner')).put('/api/v1/me/locale', { locale: 'de' });
    const res = await (
      await as('u-demo-admin')
    ).post('/api/v1/admin/people/u-demo-learner/reset-link', {});
    expect(res.status).toBe(201);
    expect((await json(res)).mailedTo).toBe('learner@demo.test');
    const m = await smtp.next();
    expect(to(m)).toBe('learner@demo.test');
    expect(m.subject).toBe('Neues Kindling-Passwort festlegen');
    expect(m.text).toContain('Hallo Lena Learner,');
    for (const body of [m.text!, m.html as string]) expect(body).not.toContain(DEMO_PASSWORD);
    const token = linkOf(m).split('/reset/')[1];
    const reset = await clientFor(app).post('/api/v1/auth/reset', {
      token,
      password: 'brand-new-password',
    });
    expect(reset.status).toBe(200);
    await signInAs(app, 'learner@demo.test', 'brand-new-password');
    expect(smtp.mails).toHaveLength(1);
  });
});

describe('the outbox', () => {
  it('keeps mail while the SMTP server is down and sends it once it is back', async () => {
    await smtp.stop();
    const res = await (
      await as('u-demo-admin')
    ).post('/api/v1/admin/invites', { cohortId: 'demo-co-pilot', email: 'nina@demo.test' });
    expect(res.status).toBe(201);
    await mail.flush();
    const [waiting] = await store.pendingMail();
    expect(waiting).toMatchObject({ to: 'nina@demo.test', attempts: 1 });
    expect(waiting!.lastError).toBeTruthy();

    await smtp.start();
    await mail.flush(); // not due yet: the next attempt waits a minute
    expect(smtp.mails).toHaveLength(0);
    clock += 61_000;
    expect(await mail.flush()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    const m = await smtp.next();
    expect(linkOf(m)).toBe((await json(res)).url);
    expect(await store.pendingMail()).toEqual([]);
  });

  it('sends each message once when two senders run at the same time', async () => {
    for (let i = 0; i < 12; i++)
      await store.queueMail(
        { kind: 'invite', to: `p${i}@demo.test`, subject: `n${i}`, text: 't', html: '<p>t</p>' },
        clock,
      );
    const setup = { mailer: smtpMailer(smtp.url), from: 'k@demo.test' };
    const other = mailService(store, setup, () => clock);
    const runs = await Promise.all([mail.flush(), other.flush(), mail.flush()]);
    expect(runs.reduce((sum, r) => sum + r.sent, 0)).toBe(12);
    expect(smtp.mails.map((m) => m.subject).sort()).toEqual(
      Array.from({ length: 12 }, (_, i) => `n${i}`).sort(),
    );
  });

  it('gives a message up when the SMTP server refuses it for good', async () => {
    await store.queueMail(
      { kind: 'invite', to: 'nobody@demo.test', subject: 's', text: 't', html: 'h' },
      clock,
    );
    const refusing = mailService(
      store,
      {
        mailer: {
          sendMail: () =>
            Promise.reject(Object.assign(new Error('550 no such user'), { responseCode: 550 })),
        },
        from: 'k@demo.test',
      },
      () => clock,
    );
    expect(await refusing.flush()).toEqual({ sent: 0, retrying: 0, failed: 1 });
    clock += 86_400_000;
    expect(await mail.flush()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(await store.pendingMail()).toEqual([]);
  });
});
