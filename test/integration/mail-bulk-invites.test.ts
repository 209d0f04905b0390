/**
 * Mail through a real SMTP server (test/support/smtp.ts): invites and password resets arrive with
 * a working link, in the recipient's language, as plain text and HTML, never with a password; an
 * SMTP server that is down loses nothing; two senders never send one message twice. Runs on
 * SQLite, and on PostgreSQL in the vitest project "postgres".
 */
import { describe, expect, it } from 'vitest';
import { uploadPhrase, type UploadKey } from '../../src/core/phrases/uploads';
import type { Phrase } from '../../src/core/wording';
import { clientFor } from '../support/api';
import { store, smtp, mail, app, as, json, to, linkOf, useMailApp } from '../support/mail-app';

useMailApp();

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
