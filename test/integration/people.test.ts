/**
 * The people flows through the public door (`app.request`): a manager coaching a report, invites
 * and password resets (single use, expiring), deactivation, cohort managers, own sessions, content
 * upload with `file:line` problems, the sponsor message and the learning goal.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { coachPhrase, type CoachKey } from '../../src/core/phrases/coach';
import { notificationPhrase, type NotificationKey } from '../../src/core/phrases/notifications';
import { localDate } from '../../src/core/calendar';
import type { Phrase } from '../../src/core/wording';
import { createApp } from '../../src/server/app';
import { TOKEN_LIMIT } from '../../src/server/auth/tokens';
import { clientFor, lessonEvent, signInAs, syncBody, type App, type Client } from '../support/api';
import { LISTENING_MODULE } from '../support/modules';
import { demoStore } from '../support/server';
import { sessionCookie } from '../support/sessions';
import type { Store } from '../../src/server/store/store';

let store: Store;
let app: App;
let clock = Date.now();
const as = async (userId: string): Promise<Client> =>
  clientFor(app, await sessionCookie(store, userId));
const json = async (res: Response) => (await res.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
/** A phrase from the API as a German reader's app words it. */
const coachInGerman = (p: Phrase) => coachPhrase.say(p.key as CoachKey, p.params, 'de');
const noticeInGerman = (p: Phrase) =>
  notificationPhrase.say(p.key as NotificationKey, p.params, 'de');

beforeEach(async () => {
  clock = Date.now();
  store = await demoStore();
  app = createApp({ store, now: () => clock });
});

/** Lena (a learner) starts and completes one lesson, synced; answers her client. */
async function lenaLearnsALesson(): Promise<Client> {
  const lena = await as('u-demo-learner');
  await lena.post(
    '/api/v1/sync',
    syncBody([
      lessonEvent('lesson_started', 'giving-feedback.specific-feedback'),
      lessonEvent('lesson_completed', 'giving-feedback.specific-feedback'),
    ]),
  );
  return lena;
}

describe('a manager coaching a report', () => {
  it('sees only their own reports, with progress and suggested pathways', async () => {
    await lenaLearnsALesson();
    const res = await (await as('u-demo-manager')).get('/api/v1/team');
    expect(res.status).toBe(200);
    const { reports } = await json(res);
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
    const max = await as('u-demo-manager');
    const res = await max.post('/api/v1/team/u-demo-learner/assignments', {
      pathwayId: 'new-manager-essentials',
      dueDate: '2099-06-30',
    });
    expect(res.status).toBe(201);
    const catalog = await store.getCatalog();
    const minutes = catalog.pathways.find(
      (p) => p.id === 'new-manager-essentials',
    )!.estimateMinutes;
    const home = await json(await (await as('u-demo-learner')).get('/api/v1/me/home'));
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
    expect(noticeInGerman(note.phrase)).toBe(
      `Max Manager hat dir „New manager essentials“ (${minutes} Min.) zugewiesen, fällig am 30.06.2099.`,
    );
  });

  it('refuses unknown pathways, past and impossible due dates with a clear 400', async () => {
    const max = await as('u-demo-manager');
    const post = (body: unknown) => max.post('/api/v1/team/u-demo-learner/assignments', body);
    for (const body of [
      { pathwayId: 'nope', dueDate: '2099-01-01' },
      { pathwayId: 'new-manager-essentials', dueDate: '2001-01-01' },
      { pathwayId: 'new-manager-essentials', dueDate: '2099-02-31' },
      { pathwayId: 'new-manager-essentials' },
    ]) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect((await json(res)).error.message).toEqual(expect.any(String));
    }
  });

  it('flags an overdue assignment as at risk', async () => {
    const max = await as('u-demo-manager');
    // Due today where the learner lives (a UTC date is yesterday in Berlin after 23:00 UTC).
    const dueDate = localDate(clock, (await store.getUser('u-demo-learner'))!.tz);
    await max.post('/api/v1/team/u-demo-learner/assignments', {
      pathwayId: 'learning-culture-habits',
      dueDate,
    });
    clock += 3 * 86_400_000;
    const { reports } = await json(await max.get('/api/v1/team'));
    expect(reports[0].atRisk).toBe(true);
    expect(reports[0].assignments[0].overdue).toBe(true);
    const overdue = reports[0].riskReasons.find((r: Phrase) => r.key === 'coach.risk.overdue');
    expect(overdue.params).toEqual({ title: reports[0].assignments[0].title, dueDate });
    const [year, month, day] = dueDate.split('-');
    expect(coachInGerman(overdue)).toBe(
      `„${reports[0].assignments[0].title}“ war am ${day}.${month}.${year} fällig`,
    );
    // The 1:1 script names the same reasons as where the report is stuck.
    const page = await json(await max.get('/api/v1/team/u-demo-learner'));
    expect(page.script.stuck).toEqual(expect.arrayContaining(reports[0].riskReasons));
    expect(page.script.question.key).toBe('coach.question.blockers');
  });

  it('nudges: the learner sees it; a fourth nudge in a day is refused', async () => {
    const max = await as('u-demo-manager');
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await max.post('/api/v1/team/u-demo-learner/nudge', {})).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
    const lena = await as('u-demo-learner');
    const home = await json(await lena.get('/api/v1/me/home'));
    expect(home.notifications).toHaveLength(3);
    expect(home.notifications[0]).toMatchObject({
      kind: 'nudge',
      read: false,
      text: 'Max is cheering you on: a 5-minute lesson today keeps you going!',
      phrase: { key: 'notification.nudge', params: { name: 'Max' } },
    });
    expect(noticeInGerman(home.notifications[0].phrase)).toBe(
      'Max feuert dich an: Eine 5-Minuten-Lektion heute hält dich in Schwung!',
    );
    await lena.post('/api/v1/me/notifications/read', {});
    const after = await json(await lena.get('/api/v1/me/home'));
    expect(after.notifications.every((n: { read: boolean }) => n.read)).toBe(true);
  });

  it('keeps a typed nudge as the manager wrote it, with no phrase to reword', async () => {
    const max = await as('u-demo-manager');
    await max.post('/api/v1/team/u-demo-learner/nudge', { message: 'Viel Erfolg, Lena!' });
    const home = await json(await (await as('u-demo-learner')).get('/api/v1/me/home'));
    expect(home.notifications[0]).toMatchObject({
      kind: 'nudge',
      text: 'Viel Erfolg, Lena!',
      fromName: 'Max Manager',
    });
    expect(home.notifications[0]).not.toHaveProperty('phrase');
  });

  it('tells the 1:1 page which nudges this manager sent today, so the same one is asked about first', async () => {
    const max = await as('u-demo-manager');
    expect((await json(await max.get('/api/v1/team/u-demo-learner'))).nudgedToday).toEqual([]);
    await max.post('/api/v1/team/u-demo-learner/nudge', {});
    clock += 1000;
    await max.post('/api/v1/team/u-demo-learner/nudge', { message: 'Viel Erfolg, Lena!' });
    const page = await json(await max.get('/api/v1/team/u-demo-learner'));
    expect(page.nudgedToday.map((n: { message: string }) => n.message)).toEqual([
      'Viel Erfolg, Lena!',
      '',
    ]);
    expect(Date.parse(page.nudgedToday[0].at)).toBe(clock);
    // The next day, nothing sent yet.
    clock += 86_400_000;
    expect((await json(await max.get('/api/v1/team/u-demo-learner'))).nudgedToday).toEqual([]);
  });

  it('builds a 1:1 script and remembers ticked checklist items', async () => {
    const max = await as('u-demo-manager');
    const first = await json(await max.get('/api/v1/team/u-demo-learner'));
    // Nothing learned yet: stuck on a quiet week, so the question asks what is in the way.
    expect(first.script.stuck).toEqual([
      { key: 'coach.risk.quiet', params: { days: 7 }, text: 'No lesson in the last 7 days' },
    ]);
    expect(first.script.question).toEqual({
      key: 'coach.question.blockers',
      text: 'What is getting in the way of learning right now, and what would make 10 minutes a week easy?',
    });
    expect(first.script.stuck.map(coachInGerman)).toEqual(['Keine Lektion in den letzten 7 Tagen']);
    expect(first.script.checklist.map((i: Phrase & { id: string }) => [i.id, i.key])).toEqual([
      ['celebrate', 'coach.check.celebrate'],
      ['blockers', 'coach.check.blockers'],
      ['question', 'coach.check.question'],
      ['next-step', 'coach.check.dueDate'],
      ['time', 'coach.check.time'],
    ]);
    expect(first.script.checklist[0].text).toBe('Tell Lena what you noticed and appreciate');
    expect(coachInGerman(first.script.checklist[0])).toBe(
      'Sag Lena, was dir aufgefallen ist und was du schätzt',
    );
    // Nothing to celebrate yet either: the script suggests showing up, in German too.
    expect(first.script.celebrate.map(coachInGerman)).toEqual([
      'Dabeibleiben: Frag, was die Person zuletzt ausprobiert hat',
    ]);
    expect(first.gap.targetLevel).toBe('Senior engineer');
    expect(first.script.checklist.every((i: { checked: boolean }) => !i.checked)).toBe(true);
    const tick = await max.post('/api/v1/team/u-demo-learner/one-on-one/checks', {
      itemId: 'question',
      checked: true,
    });
    expect(await json(tick)).toEqual({ checked: ['question'] });
    const again = await json(await max.get('/api/v1/team/u-demo-learner'));
    const ticked = again.script.checklist.filter((i: { checked: boolean }) => i.checked);
    expect(ticked.map((i: { id: string }) => i.id)).toEqual(['question']);
  });
});

describe('invites', () => {
  const createInvite = async (body: object = {}) =>
    json(
      await (
        await as('u-demo-admin')
      ).post('/api/v1/admin/invites', {
        cohortId: 'demo-co-pilot',
        managerId: 'u-demo-manager',
        ...body,
      }),
    );

  it('lets a person join once with a code, landing in the cohort under their manager', async () => {
    const { code, url } = await createInvite({ email: 'nina@demo.test' });
    expect(url).toBe(`http://localhost/join/${code}`);
    const peek = await json(await clientFor(app).get(`/api/v1/invites/${code.toLowerCase()}`));
    expect(peek.invite).toMatchObject({ email: 'nina@demo.test', cohort: 'Pilot cohort' });
    const accept = await clientFor(app).post(`/api/v1/invites/${code}/accept`, {
      name: 'Nina New',
      password: 'a-good-password',
    });
    expect(accept.status).toBe(201);
    expect((await json(accept)).user).toMatchObject({
      email: 'nina@demo.test',
      orgId: 'demo-co',
      managerId: 'u-demo-manager',
      cohortIds: ['demo-co-pilot'],
      role: 'learner',
    });
    expect(accept.headers.get('set-cookie')).toMatch(/kindling_session=/);
    await signInAs(app, 'nina@demo.test', 'a-good-password');
    const reuse = await clientFor(app).post(`/api/v1/invites/${code}/accept`, {
      name: 'Someone Else',
      password: 'a-good-password',
      email: 'else@demo.test',
    });
    expect(reuse.status).toBe(404);
    expect((await json(reuse)).error.code).toBe('invite_invalid');
  });

  it('expires, asks for an email when the invite has none, and wants a real password', async () => {
    const { code } = await createInvite();
    const accept = (body: object) => clientFor(app).post(`/api/v1/invites/${code}/accept`, body);
    expect((await accept({ name: 'Ole', password: 'short', email: 'ole@demo.test' })).status).toBe(
      400,
    );
    expect((await accept({ name: 'Ole', password: 'long-enough-pw' })).status).toBe(400);
    expect(
      (await accept({ name: 'Ole', password: 'long-enough-pw', email: 'learner@demo.test' }))
        .status,
    ).toBe(409);
    clock += 15 * 86_400_000;
    expect(
      (await accept({ name: 'Ole', password: 'long-enough-pw', email: 'ole@demo.test' })).status,
    ).toBe(404);
  });

  it('lets only one of two people racing on the same code in', async () => {
    const { code } = await createInvite();
    const results = await Promise.all(
      ['a', 'b'].map((who) =>
        clientFor(app).post(`/api/v1/invites/${code}/accept`, {
          name: `Racer ${who}`,
          password: 'a-good-password',
          email: `racer-${who}@demo.test`,
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 404]);
  });

  it('stores only a hash of the code', async () => {
    const { code } = await createInvite();
    const stored = await store.peekAccessToken(code, 'invite', clock);
    expect(stored).toBeUndefined();
  });

  it('rate-limits guessing at the invite door', async () => {
    const statuses = [];
    for (let i = 0; i <= TOKEN_LIMIT.perAddress; i++)
      statuses.push((await clientFor(app).get(`/api/v1/invites/GUESS-${i}`)).status);
    expect(statuses.at(-2)).toBe(404);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('accounts', () => {
  it('a reset link sets a new password once and ends the old sessions', async () => {
    const lena = await signInAs(app, 'learner@demo.test');
    const { url } = await json(
      await (await as('u-demo-admin')).post('/api/v1/admin/people/u-demo-learner/reset-link', {}),
    );
    const token = url.split('/reset/')[1];
    const reset = await clientFor(app).post('/api/v1/auth/reset', {
      token,
      password: 'brand-new-password',
    });
    expect(reset.status).toBe(200);
    expect((await lena.get('/api/v1/me')).status).toBe(401);
    await signInAs(app, 'learner@demo.test', 'brand-new-password');
    const again = await clientFor(app).post('/api/v1/auth/reset', {
      token,
      password: 'another-password',
    });
    expect(again.status).toBe(404);
  });

  it('deactivating ends the sessions and refuses sign-in; admins cannot lock themselves out', async () => {
    const lena = await as('u-demo-learner');
    const admin = await as('u-demo-admin');
    expect((await admin.post('/api/v1/admin/people/u-demo-learner/deactivate', {})).status).toBe(
      200,
    );
    expect((await lena.get('/api/v1/me')).status).toBe(401);
    const login = await clientFor(app).post('/api/v1/auth/login', {
      email: 'learner@demo.test',
      password: 'learn-daily',
    });
    expect(login.status).toBe(401);
    expect((await admin.post('/api/v1/admin/people/u-demo-admin/deactivate', {})).status).toBe(400);
    const people = await json(await admin.get('/api/v1/admin/people'));
    expect(people.people.find((p: { id: string }) => p.id === 'u-demo-learner').active).toBe(false);
  });

  it('moves people between teams and cohorts, with checks on the org', async () => {
    const admin = await as('u-demo-admin');
    const { cohort } = await json(
      await admin.post('/api/v1/admin/cohorts', { name: 'Tokyo', tz: 'Asia/Tokyo' }),
    );
    const move = await admin.post('/api/v1/admin/people/u-demo-learner', {
      managerId: 'u-demo-manager2',
      cohortIds: [cohort.id],
    });
    expect(move.status).toBe(200);
    expect((await json(move)).person).toMatchObject({
      managerId: 'u-demo-manager2',
      cohortIds: [cohort.id],
    });
    const team = await json(await (await as('u-demo-manager2')).get('/api/v1/team'));
    expect(team.reports.map((r: { id: string }) => r.id).sort()).toEqual([
      'u-demo-learner',
      'u-demo-learner2',
    ]);
    for (const body of [
      { managerId: 'u-globex-admin' },
      { cohortIds: ['globex-all'] },
      { tz: 'Mars/Base' },
      { career: { roleId: 'astronaut', level: 1 } },
      { unknownField: 1 },
    ])
      expect((await admin.post('/api/v1/admin/people/u-demo-learner', body)).status).toBe(400);
    const renamed = await admin.post(`/api/v1/admin/cohorts/${cohort.id}`, { tz: 'Europe/Paris' });
    expect((await json(renamed)).cohort).toMatchObject({ name: 'Tokyo', tz: 'Europe/Paris' });
    const moved = await admin.post('/api/v1/admin/people/u-demo-learner', {
      tz: 'America/Chicago',
    });
    expect((await json(moved)).person.tz).toBe('America/Chicago');
  });

  it('lists own sessions and revokes another one', async () => {
    const phone = await signInAs(app, 'learner@demo.test');
    const laptop = await signInAs(app, 'learner@demo.test');
    const { sessions } = await json(await laptop.get('/api/v1/me/sessions'));
    expect(sessions).toHaveLength(2);
    const other = sessions.find((s: { current: boolean }) => !s.current);
    expect((await laptop.post(`/api/v1/me/sessions/${other.id}/revoke`, {})).status).toBe(200);
    expect((await phone.get('/api/v1/me')).status).toBe(401);
    expect((await laptop.get('/api/v1/me')).status).toBe(200);
  });
});

describe('cohort managers', () => {
  const board = (client: Client, cohortId: string) =>
    client.get(`/api/v1/cohorts/${cohortId}/leaderboard`);
  const challenge = (client: Client, cohortId: string) =>
    client.put(`/api/v1/cohorts/${cohortId}/challenge`, { goal: 12 });

  it('lets an admin add a manager to a cohort, who then reads its board and sets its challenge', async () => {
    const admin = await as('u-demo-admin');
    const { cohort } = await json(
      await admin.post('/api/v1/admin/cohorts', { name: 'Tokyo', tz: 'Asia/Tokyo' }),
    );
    expect(cohort.managerIds).toEqual([]);
    // Leo (Mia's report) is its only member: Max neither belongs to it nor manages anyone in it.
    await admin.post('/api/v1/admin/people/u-demo-learner2', { cohortIds: [cohort.id] });
    const max = await as('u-demo-manager');
    expect((await board(max, cohort.id)).status).toBe(403);
    expect((await challenge(max, cohort.id)).status).toBe(403);
    expect((await json(await max.get('/api/v1/team'))).cohorts).toEqual([]);

    const added = await admin.post(`/api/v1/admin/cohorts/${cohort.id}`, {
      managerIds: ['u-demo-manager'],
    });
    expect(added.status).toBe(200);
    expect((await json(added)).cohort).toMatchObject({ managerIds: ['u-demo-manager'] });
    const listed = await json(await admin.get('/api/v1/admin/people'));
    expect(listed.cohorts.find((c: { id: string }) => c.id === cohort.id).managerIds).toEqual([
      'u-demo-manager',
    ]);

    const read = await board(max, cohort.id);
    expect(read.status).toBe(200);
    expect(await json(read)).toMatchObject({ cohort: { name: 'Tokyo' }, me: null });
    const set = await challenge(max, cohort.id);
    expect(set.status).toBe(200);
    expect(await json(set)).toMatchObject({ goal: 12 });
    expect((await json(await max.get('/api/v1/team'))).cohorts).toEqual([
      { id: cohort.id, name: 'Tokyo', tz: 'Asia/Tokyo' },
    ]);
    // Leo's line manager still leads it too.
    const mia = await as('u-demo-manager2');
    expect((await board(mia, cohort.id)).status).toBe(200);
    // A member who only learns may read, not set.
    const leo = await as('u-demo-learner2');
    expect((await board(leo, cohort.id)).status).toBe(200);
    expect((await challenge(leo, cohort.id)).status).toBe(403);

    await admin.post(`/api/v1/admin/cohorts/${cohort.id}`, { managerIds: [] });
    expect((await board(max, cohort.id)).status).toBe(403);
    expect((await challenge(max, cohort.id)).status).toBe(403);
  });

  it('takes only active managers and admins of the same org as cohort managers', async () => {
    const admin = await as('u-demo-admin');
    const set = (managerIds: unknown) =>
      admin.post('/api/v1/admin/cohorts/demo-co-pilot', { managerIds });
    for (const managerIds of [
      ['u-demo-learner'],
      ['u-globex-admin'],
      ['nobody'],
      'u-demo-manager',
      Array.from({ length: 21 }, () => 'u-demo-manager'),
    ]) {
      const res = await set(managerIds);
      expect(res.status).toBe(400);
      expect((await json(res)).error.code).toMatch(/unknown_manager|invalid_request/);
    }
    await admin.post('/api/v1/admin/people/u-demo-manager2/deactivate', {});
    expect((await set(['u-demo-manager2'])).status).toBe(400);
    const ok = await set(['u-demo-admin', 'u-demo-manager']);
    expect(ok.status).toBe(200);
    expect((await json(ok)).cohort.managerIds).toEqual(['u-demo-admin', 'u-demo-manager']);
    // Demoted to learner: no longer listed, no longer leads.
    await admin.post('/api/v1/admin/people/u-demo-manager', { role: 'learner' });
    const { cohorts } = await json(await admin.get('/api/v1/admin/cohorts'));
    expect(cohorts.find((c: { id: string }) => c.id === 'demo-co-pilot').managerIds).toEqual([
      'u-demo-admin',
    ]);
  });
});

describe('admin content upload', () => {
  const source = LISTENING_MODULE;

  it('validates with file:line problems and imports only valid modules', async () => {
    const admin = await as('u-demo-admin');
    const broken = source.replace('title: Listening well\n', '');
    const check = await json(
      await admin.post('/api/v1/admin/content/validate', { fileName: 'listen.md', source: broken }),
    );
    expect(check.ok).toBe(false);
    expect(check.errors[0]).toMatchObject({ file: 'listen.md', line: expect.any(Number) });
    const refused = await admin.post('/api/v1/admin/content/import', {
      fileName: 'listen.md',
      source: broken,
    });
    expect(refused.status).toBe(422);
    expect((await json(refused)).errors.length).toBeGreaterThan(0);
    const ok = await admin.post('/api/v1/admin/content/import', { fileName: 'listen.md', source });
    expect(ok.status).toBe(201);
    expect((await store.getCatalog('demo-co')).modules.map((m) => m.id)).toContain(
      'listening-well',
    );
    const shipped = source.replace('id: listening-well', 'id: giving-feedback');
    const clash = await admin.post('/api/v1/admin/content/import', { source: shipped });
    expect(clash.status).toBe(409);
  });
});

describe('sponsor message and learning goal', () => {
  it('shows the sponsor message on learner home only during its period', async () => {
    const admin = await as('u-demo-admin');
    await admin.post('/api/v1/admin/sponsor', {
      name: 'Sam Sponsor',
      title: 'Chief Executive',
      text: 'Ten minutes a week makes us better.',
      startsOn: '2000-01-01',
      endsOn: '2099-01-01',
      sponsorUserId: 'u-demo-manager2',
    });
    const lena = await as('u-demo-learner');
    expect((await json(await lena.get('/api/v1/me/home'))).sponsor).toEqual({
      name: 'Sam Sponsor',
      title: 'Chief Executive',
      text: 'Ten minutes a week makes us better.',
    });
    const globex = await json(await (await as('u-globex-learner')).get('/api/v1/me/home'));
    expect(globex.sponsor).toBeNull();
    await admin.post('/api/v1/admin/sponsor', {
      name: 'Sam Sponsor',
      title: 'Chief Executive',
      text: 'Later.',
      startsOn: '2099-01-01',
      endsOn: '2099-02-01',
    });
    expect((await json(await lena.get('/api/v1/me/home'))).sponsor).toBeNull();
  });

  it('reports the goal with its current value to admins and the sponsor only, and null to others', async () => {
    const admin = await as('u-demo-admin');
    await admin.post('/api/v1/admin/goal', { label: 'People who learn weekly', targetPercent: 80 });
    const lena = await lenaLearnsALesson();
    const { goal } = await json(await admin.get('/api/v1/admin/programme'));
    expect(goal).toMatchObject({
      label: 'People who learn weekly',
      targetPercent: 80,
      learnersThisWeek: 1,
      people: 5,
      currentPercent: 20,
    });
    const mia = await as('u-demo-manager2');
    // Not (yet) the sponsor: an answer without the goal, not a refusal.
    const before = await mia.get('/api/v1/org/goal');
    expect(before.status).toBe(200);
    expect((await json(before)).goal).toBeNull();
    expect((await json(await lena.get('/api/v1/org/goal'))).goal).toBeNull();
    await admin.post('/api/v1/admin/sponsor', {
      name: 'Mia',
      title: 'VP',
      text: 'Learn.',
      startsOn: '2000-01-01',
      endsOn: '2099-01-01',
      sponsorUserId: 'u-demo-manager2',
    });
    expect((await json(await mia.get('/api/v1/org/goal'))).goal.currentPercent).toBe(20);
  });
});
