/**
 * Mail through a real SMTP server (test/support/smtp.ts): invites and password resets arrive with
 * a working link, in the recipient's language, as plain text and HTML, never with a password; an
 * SMTP server that is down loses nothing; two senders never send one message twice. Runs on
 * SQLite, and on PostgreSQL in the vitest project "postgres".
 */
import type { ParsedMail } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uploadPhrase, type UploadKey } from '../../src/core/phrases/uploads';
import type { Phrase } from '../../src/core/wording';
import { createApp } from '../../src/server/app';
import { sendWeeklyDigests } from '../../src/server/mail/digest';
import { mailService, smtpMailer, type MailService } from '../../src/server/mail/outbox';
import { DEMO_PASSWORD } from '../../src/server/seed';
import type { Store } from '../../src/server/store/store';
import { clientFor, lessonEvent, signInAs, syncBody, type App, type Client } from '../support/api';
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
      expiresAt: clock + 86_400_000,
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
      store.issueTokens([issue('hash-1', 'a@demo.test'), issue('hash-1', 'b@demo.test')], clock),
    ).rejects.toThrow();
    expect(await store.peekAccessToken('hash-1', 'invite', clock)).toBeUndefined();
    expect(await store.pendingMail()).toEqual([]);
    await store.issueTokens(
      [issue('hash-1', 'a@demo.test'), issue('hash-2', 'b@demo.test')],
      clock,
    );
    expect(await store.peekAccessToken('hash-2', 'invite', clock)).toMatchObject({
      email: 'a@demo.test',
    });
    expect((await store.pendingMail()).map((m) => m.to).sort()).toEqual([
      'a@demo.test',
      'b@demo.test',
    ]);
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

describe('bulk invites', () => {
  const bulk = async (csv: string, locale?: string) =>
    (await as('u-demo-admin')).post('/api/v1/admin/invites/bulk', {
      csv,
      ...(locale ? { locale } : {}),
    });

  it('invites a whole list, each under their manager and in their cohort, and mails each', async () => {
    const res = await bulk(
      [
        'email,name,manager_email,cohort',
        'Nina@Demo.test,Nina New,manager@demo.test,Pilot cohort',
        'omar@demo.test,"Omar, the second",,demo-co-pilot',
      ].join('\r\n'),
    );
    expect(res.status).toBe(201);
    const { invites } = await json(res);
    expect(invites.map((i: { email: string; mailedTo: string }) => [i.email, i.mailedTo])).toEqual([
      ['nina@demo.test', 'nina@demo.test'],
      ['omar@demo.test', 'omar@demo.test'],
    ]);
    const mails = [await smtp.next(), await smtp.next()].sort((a, b) => to(a).localeCompare(to(b)));
    expect(mails[0]!.text).toContain('Hello Nina New,');
    expect(mails[1]!.text).toContain('Hello Omar, the second,');
    const code = linkOf(mails[0]!).split('/join/')[1]!;
    const accept = await clientFor(app).post(`/api/v1/invites/${code}/accept`, {
      name: 'Nina New',
      password: 'a-good-password',
    });
    expect((await json(accept)).user).toMatchObject({
      email: 'nina@demo.test',
      managerId: 'u-demo-manager',
      cohortIds: ['demo-co-pilot'],
    });
  });

  it('with one bad row invites no one, and names every bad row in the admin’s language', async () => {
    const res = await bulk(
      [
        'email,name,manager_email,cohort',
        'nina@demo.test,Nina New,manager@demo.test,Pilot cohort',
        'not-an-email,X,,Pilot cohort',
        'omar@demo.test,Omar,learner@demo.test,Pilot cohort',
        'pia@demo.test,Pia,,Night shift',
      ].join('\n'),
    );
    expect(res.status).toBe(422);
    const { error } = await json(res);
    expect(error).toMatchObject({ code: 'invalid_rows', key: 'error.inviteRows' });
    expect(error.message).toBe('3 rows need fixing; no one was invited.');
    const german = error.rows.map((p: Phrase) =>
      uploadPhrase.say(p.key as UploadKey, p.params, 'de'),
    );
    expect(german).toEqual([
      'Zeile 3: „not-an-email“ ist keine E-Mail-Adresse',
      'Zeile 4: Keine aktive Führungskraft in deiner Organisation hat die E-Mail learner@demo.test',
      'Zeile 5: Es gibt keine Kohorte „Night shift“',
    ]);
    await mail.flush();
    expect(smtp.mails).toHaveLength(0);
    expect(await store.pendingMail()).toEqual([]);
    // Nina's row was fine, but no invite of hers was made: her address is still free to invite.
    const peek = await (
      await as('u-demo-admin')
    ).post('/api/v1/admin/invites', { cohortId: 'demo-co-pilot', email: 'nina@demo.test' });
    expect(peek.status).toBe(201);
  });

  it('refuses an address with an account in the same words, whichever organisation has it', async () => {
    const res = await bulk(
      [
        'email,name,manager_email,cohort',
        'learner2@demo.test,Leo,,Pilot cohort',
        'learner@globex.test,Gus,,Pilot cohort',
        'learner@demo.test,Lena,,Pilot cohort',
        'learner@demo.test,Lena,,Pilot cohort',
      ].join('\n'),
    );
    expect(res.status).toBe(422);
    const rows: Phrase[] = (await json(res)).error.rows;
    expect(rows.map((r) => r.text)).toEqual([
      'row 2: learner2@demo.test already has an account',
      'row 3: learner@globex.test already has an account',
      'row 4: learner@demo.test already has an account',
      'row 5: learner@demo.test appears more than once',
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/globex\b(?!\.test)|Globex/);
  });

  it('invites managers from a role column, and names a role it does not know', async () => {
    const list = (role: string) =>
      [
        'email,name,cohort,role',
        `mona@demo.test,Mona,Pilot cohort,${role}`,
        'lars@demo.test,Lars,Pilot cohort,',
      ].join('\n');
    const refused = await bulk(list('admin'));
    expect(refused.status).toBe(422);
    expect((await json(refused)).error.rows.map((r: Phrase) => r.text)).toEqual([
      'row 2: the role is learner or manager (or empty), not "admin"',
    ]);
    const res = await bulk(list('Manager'));
    expect(res.status).toBe(201);
    const mails = [await smtp.next(), await smtp.next()].sort((a, b) => to(a).localeCompare(to(b)));
    const accepted = [];
    for (const m of mails) {
      const code = linkOf(m).split('/join/')[1]!;
      const accept = await clientFor(app).post(`/api/v1/invites/${code}/accept`, {
        name: 'New',
        password: 'a-good-password',
      });
      accepted.push((await json(accept)).user);
    }
    expect(accepted.map((u: { email: string; role: string }) => [u.email, u.role])).toEqual([
      ['lars@demo.test', 'learner'],
      ['mona@demo.test', 'manager'],
    ]);
  });

  it('answers a clear 4xx for a list without the email column, an empty list and a huge one', async () => {
    const header = await bulk('name,cohort\nNina,Pilot cohort');
    expect(header.status).toBe(422);
    expect((await json(header)).error.rows[0].key).toBe('upload.hr.header');
    expect((await bulk('email,name,manager_email,cohort\n\n')).status).toBe(400);
    const many = [
      'email,cohort',
      ...Array.from({ length: 1001 }, (_, i) => `p${i}@x.test,Pilot cohort`),
    ];
    const huge = await bulk(many.join('\n'));
    expect(huge.status).toBe(422);
    expect((await json(huge)).error.rows[0].key).toBe('upload.invite.tooMany');
    expect(
      (await (await as('u-demo-admin')).post('/api/v1/admin/invites/bulk', { csv: 5 })).status,
    ).toBe(400);
  });
});

describe('the weekly digest to managers', () => {
  const LESSON = 'giving-feedback.specific-feedback';
  const digests = () => sendWeeklyDigests({ store, mail, now: () => clock });
  const learnNow = async () => {
    const at = new Date(clock).toISOString();
    const res = await (
      await as('u-demo-learner')
    ).post(
      '/api/v1/sync',
      syncBody(
        [
          lessonEvent('lesson_started', LESSON, new Date(clock - 200_000).toISOString()),
          lessonEvent('lesson_completed', LESSON, at),
        ],
        'device-test-1',
        at,
      ),
    );
    expect(res.status).toBe(200);
  };
  const minutes = async () =>
    (await store.getCatalog()).modules.flatMap((m) => m.lessons).find((l) => l.id === LESSON)!
      .estimateMinutes;

  it('goes to each manager once a week from Friday afternoon: who learned, who may need a nudge', async () => {
    await learnNow(); // Wednesday
    expect(await digests()).toBe(0);
    clock = Date.parse('2026-12-04T14:30:00Z'); // Friday, 15:30 in Berlin
    // Two processes at once: each manager's week is queued once.
    const [a, b] = await Promise.all([digests(), digests()]);
    expect(a + b).toBe(2);
    await mail.flush();
    expect(smtp.mails.map(to).sort()).toEqual(['manager2@demo.test', 'manager@demo.test']);
    const max = smtp.mails.find((m) => to(m) === 'manager@demo.test')!;
    expect(max.subject).toBe('Your team this week');
    expect(max.text).toContain('Hello Max Manager,');
    expect(max.text).toContain('(from Nov 30, 2026)');
    expect(max.text).toContain(`- Lena Learner: 1 lesson, ${await minutes()} min`);
    expect(max.text).not.toContain('nudge');
    const mia = smtp.mails.find((m) => to(m) === 'manager2@demo.test')!;
    expect(mia.text).toContain('No one on your team finished a lesson this week yet.');
    expect(mia.text).toContain('May need a nudge:\n\n- Leo Learner: No lesson in the last 7 days');
    expect(mia.html).toContain('<li>Leo Learner: No lesson in the last 7 days</li>');

    clock += 3_600_000;
    expect(await digests()).toBe(0);
    clock = Date.parse('2026-12-06T20:00:00Z'); // Sunday evening
    expect(await digests()).toBe(0);
    await mail.flush();
    expect(smtp.mails).toHaveLength(2);
    clock = Date.parse('2026-12-11T15:00:00Z'); // the next Friday
    expect(await digests()).toBe(2);
  });

  it('is worded in the manager’s language', async () => {
    await learnNow();
    await (await as('u-demo-manager')).put('/api/v1/me/locale', { locale: 'de' });
    clock = Date.parse('2026-12-04T15:00:00Z');
    await digests();
    await mail.flush();
    const max = smtp.mails.find((m) => to(m) === 'manager@demo.test')!;
    expect(max.subject).toBe('Dein Team diese Woche');
    expect(max.text).toContain('(ab 30.11.2026)');
    expect(max.text).toContain(`- Lena Learner: 1 Lektion, ${await minutes()} Min.`);
    expect(smtp.mails.find((m) => to(m) === 'manager2@demo.test')!.subject).toBe(
      'Your team this week',
    );
  });
});
