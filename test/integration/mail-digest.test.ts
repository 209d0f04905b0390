/**
 * Mail through a real SMTP server (test/support/smtp.ts): invites and password resets arrive with
 * a working link, in the recipient's language, as plain text and HTML, never with a password; an
 * SMTP server that is down loses nothing; two senders never send one message twice. Runs on
 * SQLite, and on PostgreSQL in the vitest project "postgres".
 */
import { describe, expect, it } from 'vitest';
import { sendWeeklyDigests } from '../../src/server/mail/digest';
import { lessonEvent, syncBody } from '../support/api';
import { store, smtp, mail, clock, as, to, useMailApp, setClock } from '../support/mail-app';

useMailApp();

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
    setClock(Date.parse('2026-12-04T14:30:00Z')); // Friday, 15:30 in Berlin
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

    setClock(clock + 3_600_000);
    expect(await digests()).toBe(0);
    setClock(Date.parse('2026-12-06T20:00:00Z')); // Sunday evening
    expect(await digests()).toBe(0);
    await mail.flush();
    expect(smtp.mails).toHaveLength(2);
    setClock(Date.parse('2026-12-11T15:00:00Z')); // the next Friday
    expect(await digests()).toBe(2);
  });

  it('is worded in the manager’s language', async () => {
    await learnNow();
    await (await as('u-demo-manager')).put('/api/v1/me/locale', { locale: 'de' });
    setClock(Date.parse('2026-12-04T15:00:00Z'));
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
