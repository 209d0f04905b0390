/**
 * Mail through a real SMTP server (test/support/smtp.ts): invites and password resets arrive with
 * a working link, in the recipient's language, as plain text and HTML, never with a password; an
 * SMTP server that is down loses nothing; two senders never send one message twice. Runs on
 * SQLite, and on PostgreSQL in the vitest project "postgres".
 */
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import { DEMO_PASSWORD } from '../../src/server/seed';
import { clientFor, signInAs } from '../support/api';
import { sessionCookie } from '../support/sessions';
import * as mailApp from '../support/mail-app';

mailApp.useMailApp();

describe('an invite by email', () => {
  it('arrives with a link that lets the person join, as text and HTML, without a password', async () => {
    const res = await (
      await mailApp.as('u-demo-admin')
    ).post('/api/v1/admin/invites', { cohortId: 'demo-co-pilot', email: 'nina@demo.test' });
    expect(res.status).toBe(201);
    const invite = await mailApp.json(res);
    expect(invite.mailedTo).toBe('nina@demo.test');
    const m = await mailApp.smtp.next();
    expect(mailApp.to(m)).toBe('nina@demo.test');
    expect(m.from?.value).toEqual([{ name: 'Kindling', address: 'k@demo.test' }]);
    expect(m.subject).toBe('Ada Admin invites you to Kindling');
    expect(m.text).toContain('Ada Admin invited you to learn with Demo Co');
    expect(m.html).toContain('<a href=');
    expect(m.html).toContain('lang="en"');
    const link = mailApp.linkOf(m);
    expect(link).toBe(invite.url);
    for (const body of [m.text!, m.html as string]) {
      expect(body).not.toContain(DEMO_PASSWORD);
      expect(body.toLowerCase()).not.toMatch(/passwor[dt]\s*:/);
    }
    const code = link.split('/join/')[1]!;
    const accept = await clientFor(mailApp.app).post(`/api/v1/invites/${code}/accept`, {
      name: 'Nina New',
      password: 'a-good-password',
    });
    expect(accept.status).toBe(201);
    expect((await mailApp.json(accept)).user).toMatchObject({
      email: 'nina@demo.test',
      orgId: 'demo-co',
    });
  });

  it('is worded in the language the admin chose, else in the admin’s own', async () => {
    const ada = await mailApp.as('u-demo-admin');
    await ada.post('/api/v1/admin/invites', {
      cohortId: 'demo-co-pilot',
      email: 'jonas@demo.test',
      locale: 'de',
    });
    const german = await mailApp.smtp.next();
    expect(german.subject).toBe('Ada Admin lädt dich zu Kindling ein');
    expect(german.text).toContain('mit Demo Co auf Kindling zu lernen');
    expect(german.html).toContain('lang="de"');
    expect(german.text).toMatch(/bis zum 16\.12\.2026/);

    expect((await ada.put('/api/v1/me/locale', { locale: 'de' })).status).toBe(200);
    await ada.post('/api/v1/admin/invites', { cohortId: 'demo-co-pilot', email: 'eva@demo.test' });
    expect((await mailApp.smtp.next()).subject).toBe('Ada Admin lädt dich zu Kindling ein');
  });

  it('escapes what people typed in the HTML', async () => {
    await mailApp.store.updatePerson('demo-co', 'u-demo-admin', {
      name: 'Ada <b>Admin</b> & "Co"',
    });
    await (
      await mailApp.as('u-demo-admin')
    ).post('/api/v1/admin/invites', { cohortId: 'demo-co-pilot', email: 'nina@demo.test' });
    const m = await mailApp.smtp.next();
    expect(m.html).toContain('Ada &lt;b&gt;Admin&lt;/b&gt; &amp; &quot;Co&quot;');
    expect(m.html).not.toContain('<b>');
    expect(m.text).toContain('Ada <b>Admin</b> & "Co" invited you');
  });

  it('is only a link to copy when mail is off, and an invite without an address is never mailed', async () => {
    const noMail = createApp({ store: mailApp.store, now: () => mailApp.clock });
    const ada = clientFor(noMail, await sessionCookie(mailApp.store, 'u-demo-admin'));
    const off = await mailApp.json(
      await ada.post('/api/v1/admin/invites', { cohortId: 'demo-co-pilot', email: 'x@demo.test' }),
    );
    expect(off).toMatchObject({ mailedTo: null, url: expect.stringContaining('/join/') });
    const noAddress = await mailApp.json(
      await (
        await mailApp.as('u-demo-admin')
      ).post('/api/v1/admin/invites', { cohortId: 'demo-co-pilot' }),
    );
    expect(noAddress.mailedTo).toBeNull();
    await mailApp.mail.flush();
    expect(mailApp.smtp.mails).toHaveLength(0);
    expect(await mailApp.store.pendingMail()).toEqual([]);
  });
});

describe('a password reset by email', () => {
  it('goes to the person in their own language, and its link sets a new password once', async () => {
    await (await mailApp.as('u-demo-learner')).put('/api/v1/me/locale', { locale: 'de' });
    const res = await (
      await mailApp.as('u-demo-admin')
    ).post('/api/v1/admin/people/u-demo-learner/reset-link', {});
    expect(res.status).toBe(201);
    expect((await mailApp.json(res)).mailedTo).toBe('learner@demo.test');
    const m = await mailApp.smtp.next();
    expect(mailApp.to(m)).toBe('learner@demo.test');
    expect(m.subject).toBe('Neues Kindling-Passwort festlegen');
    expect(m.text).toContain('Hallo Lena Learner,');
    for (const body of [m.text!, m.html as string]) expect(body).not.toContain(DEMO_PASSWORD);
    const token = mailApp.linkOf(m).split('/reset/')[1];
    const reset = await clientFor(mailApp.app).post('/api/v1/auth/reset', {
      token,
      password: 'brand-new-password',
    });
    expect(reset.status).toBe(200);
    await signInAs(mailApp.app, 'learner@demo.test', 'brand-new-password');
    expect(mailApp.smtp.mails).toHaveLength(1);
  });
});
