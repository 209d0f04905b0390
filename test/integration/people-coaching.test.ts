/**
 * The people flows through the public door (`app.request`): a manager coaching a report, invites
 * and password resets (single use, expiring), deactivation, cohort managers, own sessions, content
 * upload with `file:line` problems, the sponsor message and the learning goal.
 */
import { describe, expect, it } from 'vitest';
import { localDate } from '../../src/core/calendar';
import type { Phrase } from '../../src/core/wording';
import * as peopleApp from '../support/people-app';

peopleApp.usePeopleApp();

describe('a manager coaching a report', () => {
  it('sees only their own reports, with progress and suggested pathways', async () => {
    await peopleApp.lenaLearnsALesson();
    const res = await (await peopleApp.as('u-demo-manager')).get('/api/v1/team');
    expect(res.status).toBe(200);
    const { reports } = await peopleApp.json(res);
    expect(reports.map((r: { id: string }) => r.id)).toEqual(['u-demo-learner']);
    expect(reports[0]).toMatchObject({
      name: 'Lena Learner',
      streak: 1,
      lessonsThisWeek: 1,
      atRisk: false,
      career: { roleId: 'software-engineer', level: 1 },
    });
    expect(reports[0].lastActiveAt).toEqual(expect.any(String));
    expect(reports[0].suggestions.length).toBeGreaterThan(0);
  });

  it('assigns a pathway that shows on the learner home with its minutes, and tells them', async () => {
    const max = await peopleApp.as('u-demo-manager');
    const res = await max.post('/api/v1/team/u-demo-learner/assignments', {
      pathwayId: 'new-manager-essentials',
      dueDate: '2099-06-30',
    });
    expect(res.status).toBe(201);
    const catalog = await peopleApp.store.getCatalog();
    const minutes = catalog.pathways.find(
      (p) => p.id === 'new-manager-essentials',
    )!.estimateMinutes;
    const home = await peopleApp.json(
      await (await peopleApp.as('u-demo-learner')).get('/api/v1/me/home'),
    );
    expect(home.assignments).toEqual([
      expect.objectContaining({
        pathwayId: 'new-manager-essentials',
        dueDate: '2099-06-30',
        remainingMinutes: minutes,
        overdue: false,
      }),
    ]);
    const [note] = home.notifications;
    expect(note).toMatchObject({ kind: 'assignment', read: false });
    // English for API users, and the phrase the learner's app words in their locale.
    expect(note.text).toBe(
      `Max Manager assigned you "New manager essentials" (${minutes} min), due Jun 30, 2099.`,
    );
    expect(note.phrase).toEqual({
      key: 'notification.assignment',
      params: {
        name: 'Max Manager',
        title: 'New manager essentials',
        minutes,
        dueDate: '2099-06-30',
      },
      text: note.text,
    });
    expect(peopleApp.noticeInGerman(note.phrase)).toBe(
      `Max Manager hat dir „New manager essentials“ (${minutes} Min.) zugewiesen, fällig am 30.06.2099.`,
    );
  });

  it('refuses unknown pathways, past and impossible due dates with a clear 400', async () => {
    const max = await peopleApp.as('u-demo-manager');
    const post = (body: unknown) => max.post('/api/v1/team/u-demo-learner/assignments', body);
    for (const body of [
      { pathwayId: 'nope', dueDate: '2099-01-01' },
      { pathwayId: 'new-manager-essentials', dueDate: '2001-01-01' },
      { pathwayId: 'new-manager-essentials', dueDate: '2099-02-31' },
      { pathwayId: 'new-manager-essentials' },
    ]) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect((await peopleApp.json(res)).error.message).toEqual(expect.any(String));
    }
  });

  it('flags an overdue assignment as at risk', async () => {
    const max = await peopleApp.as('u-demo-manager');
    // Due today where the learner lives (a UTC date is yesterday in Berlin after 23:00 UTC).
    const dueDate = localDate(
      peopleApp.clock,
      (await peopleApp.store.getUser('u-demo-learner'))!.tz,
    );
    await max.post('/api/v1/team/u-demo-learner/assignments', {
      pathwayId: 'learning-culture-habits',
      dueDate,
    });
    peopleApp.setClock(peopleApp.clock + 3 * 86_400_000);
    const { reports } = await peopleApp.json(await max.get('/api/v1/team'));
    expect(reports[0].atRisk).toBe(true);
    expect(reports[0].assignments[0].overdue).toBe(true);
    const overdue = reports[0].riskReasons.find((r: Phrase) => r.key === 'coach.risk.overdue');
    expect(overdue.params).toEqual({ title: reports[0].assignments[0].title, dueDate });
    const [year, month, day] = dueDate.split('-');
    expect(peopleApp.coachInGerman(overdue)).toBe(
      `„${reports[0].assignments[0].title}“ war am ${day}.${month}.${year} fällig`,
    );
    // The 1:1 script names the same reasons as where the report is stuck.
    const page = await peopleApp.json(await max.get('/api/v1/team/u-demo-learner'));
    expect(page.script.stuck).toEqual(expect.arrayContaining(reports[0].riskReasons));
    expect(page.script.question.key).toBe('coach.question.blockers');
  });

  it('nudges: the learner sees it; a fourth nudge in a day is refused', async () => {
    const max = await peopleApp.as('u-demo-manager');
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await max.post('/api/v1/team/u-demo-learner/nudge', {})).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
    const lena = await peopleApp.as('u-demo-learner');
    const home = await peopleApp.json(await lena.get('/api/v1/me/home'));
    expect(home.notifications).toHaveLength(3);
    expect(home.notifications[0]).toMatchObject({
      kind: 'nudge',
      read: false,
      text: 'Max is cheering you on: a 5-minute lesson today keeps you going!',
      phrase: { key: 'notification.nudge', params: { name: 'Max' } },
    });
    expect(peopleApp.noticeInGerman(home.notifications[0].phrase)).toBe(
      'Max feuert dich an: Eine 5-Minuten-Lektion heute hält dich in Schwung!',
    );
    await lena.post('/api/v1/me/notifications/read', {});
    const after = await peopleApp.json(await lena.get('/api/v1/me/home'));
    expect(after.notifications.every((n: { read: boolean }) => n.read)).toBe(true);
  });

  it('keeps a typed nudge as the manager wrote it, with no phrase to reword', async () => {
    const max = await peopleApp.as('u-demo-manager');
    await max.post('/api/v1/team/u-demo-learner/nudge', { message: 'Viel Erfolg, Lena!' });
    const home = await peopleApp.json(
      await (await peopleApp.as('u-demo-learner')).get('/api/v1/me/home'),
    );
    expect(home.notifications[0]).toMatchObject({
      kind: 'nudge',
      text: 'Viel Erfolg, Lena!',
      fromName: 'Max Manager',
    });
    expect(home.notifications[0]).not.toHaveProperty('phrase');
  });

  it('tells the 1:1 page which nudges this manager sent today, so the same one is asked about first', async () => {
    const max = await peopleApp.as('u-demo-manager');
    expect(
      (await peopleApp.json(await max.get('/api/v1/team/u-demo-learner'))).nudgedToday,
    ).toEqual([]);
    await max.post('/api/v1/team/u-demo-learner/nudge', {});
    peopleApp.setClock(peopleApp.clock + 1000);
    await max.post('/api/v1/team/u-demo-learner/nudge', { message: 'Viel Erfolg, Lena!' });
    const page = await peopleApp.json(await max.get('/api/v1/team/u-demo-learner'));
    expect(page.nudgedToday.map((n: { message: string }) => n.message)).toEqual([
      'Viel Erfolg, Lena!',
      '',
    ]);
    expect(Date.parse(page.nudgedToday[0].at)).toBe(peopleApp.clock);
    // The next day, nothing sent yet.
    peopleApp.setClock(peopleApp.clock + 86_400_000);
    expect(
      (await peopleApp.json(await max.get('/api/v1/team/u-demo-learner'))).nudgedToday,
    ).toEqual([]);
  });

  it('builds a 1:1 script and remembers ticked checklist items', async () => {
    const max = await peopleApp.as('u-demo-manager');
    const first = await peopleApp.json(await max.get('/api/v1/team/u-demo-learner'));
    // Nothing learned yet: stuck on a quiet week, so the question asks what is in the way.
    expect(first.script.stuck).toEqual([
      { key: 'coach.risk.quiet', params: { days: 7 }, text: 'No lesson in the last 7 days' },
    ]);
    expect(first.script.question).toEqual({
      key: 'coach.question.blockers',
      text: 'What is getting in the way of learning right now, and what would make 10 minutes a week easy?',
    });
    expect(first.script.stuck.map(peopleApp.coachInGerman)).toEqual([
      'Keine Lektion in den letzten 7 Tagen',
    ]);
    expect(first.script.checklist.map((i: Phrase & { id: string }) => [i.id, i.key])).toEqual([
      ['celebrate', 'coach.check.celebrate'],
      ['blockers', 'coach.check.blockers'],
      ['question', 'coach.check.question'],
      ['next-step', 'coach.check.dueDate'],
      ['time', 'coach.check.time'],
    ]);
    expect(first.script.checklist[0].text).toBe('Tell Lena what you noticed and appreciate');
    expect(peopleApp.coachInGerman(first.script.checklist[0])).toBe(
      'Sag Lena, was dir aufgefallen ist und was du schätzt',
    );
    // Nothing to celebrate yet either: the script suggests showing up, in German too.
    expect(first.script.celebrate.map(peopleApp.coachInGerman)).toEqual([
      'Dabeibleiben: Frag, was die Person zuletzt ausprobiert hat',
    ]);
    expect(first.gap.targetLevel).toBe('Senior engineer');
    expect(first.script.checklist.every((i: { checked: boolean }) => !i.checked)).toBe(true);
    const tick = await max.post('/api/v1/team/u-demo-learner/one-on-one/checks', {
      itemId: 'question',
      checked: true,
    });
    expect(await peopleApp.json(tick)).toEqual({ checked: ['question'] });
    const again = await peopleApp.json(await max.get('/api/v1/team/u-demo-learner'));
    const ticked = again.script.checklist.filter((i: { checked: boolean }) => i.checked);
    expect(ticked.map((i: { id: string }) => i.id)).toEqual(['question']);
  });
});
