/**
 * Content in the learner's language over the API: the catalog, a module and home's assignments
 * come in the language the app asks for (`?lang=de`), the original where untranslated; an admin's
 * `<module>.de.md` upload is checked card for card against the organisation's own module, and
 * stays with that organisation.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { knownDevice, lessonEvent, signInAs, syncBody, type Client } from '../support/api';
import { appPerTest } from '../support/app-per-test';
import { ROOT } from '../support/server';

const run = appPerTest();

const json = async (res: Response) => (await res.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ritual = (title: string, lesson: string, quiz: string, right: 'first' | 'second') => `---
id: team-rituals
title: ${title}
competencies: [feedback]
---

## ${lesson} {#weekly}

${lesson}.

---

### Quiz: ${quiz}
- [${right === 'first' ? 'x' : ' '}] A
  > A.
- [${right === 'second' ? 'x' : ' '}] B
  > B.
`;

const upload = (admin: Client, fileName: string, source: string) =>
  admin.post('/api/v1/admin/content/import', { fileName, source });

describe('content in the learner’s language', () => {
  it('serves German where translated and the original elsewhere, with one structure', async () => {
    const learner = await signInAs(run.app, 'learner@demo.test');
    const de = await json(await learner.get('/api/v1/catalog?lang=de'));
    const en = await json(await learner.get('/api/v1/catalog'));
    const title = (c: typeof de, id: string) =>
      c.modules.find((m: { id: string }) => m.id === id).title;
    expect(title(de, 'giving-feedback')).toBe('Feedback, das ankommt');
    expect(title(en, 'giving-feedback')).toBe('Giving feedback that lands');
    expect(title(de, 'writing-a-design-doc')).toBe(title(en, 'writing-a-design-doc'));
    expect(de.pathways[0].title).toBe('Grundlagen für neue Führungskräfte');
    expect(de.roles[0].levels[0].title).toBe('Nachwuchsführungskraft');
    expect(en.pathways[0].title).toBe('New manager essentials');

    const version = de.modules.find((m: { id: string }) => m.id === 'giving-feedback').version;
    const res = await learner.get(`/api/v1/modules/giving-feedback?v=${version}&lang=de`);
    expect(res.headers.get('etag')).toBe(`"${version}"`);
    const german = await json(res);
    const english = await json(await learner.get('/api/v1/modules/giving-feedback'));
    expect(german.lessons[0].title).toBe('Konkret werden: Situation, Verhalten, Wirkung');
    const ids = (m: typeof german) =>
      m.lessons.map((l: { id: string; cards: Array<{ id: string }> }) => [
        l.id,
        l.cards.map((c) => c.id),
      ]);
    expect(ids(german)).toEqual(ids(english));
    // The assessment stays sealed in every language.
    expect(JSON.stringify(german.lessons.at(-1))).not.toContain('"correct"');
  });

  it('names home’s assigned pathway and the 1:1 page’s pathways in the reader’s language', async () => {
    const manager = await signInAs(run.app, 'manager@demo.test');
    const assigned = await manager.post('/api/v1/team/u-demo-learner/assignments', {
      pathwayId: 'new-manager-essentials',
      dueDate: '2030-01-31',
    });
    expect(assigned.status).toBeLessThan(300);
    const learner = await signInAs(run.app, 'learner@demo.test');
    const home = await json(await learner.get('/api/v1/me/home?lang=de'));
    expect(home.assignments[0].title).toBe('Grundlagen für neue Führungskräfte');
    // …and the manager's 1:1 page names career, levels and pathways in the manager's language.
    const page = await json(await manager.get('/api/v1/team/u-demo-learner?lang=de'));
    expect(page.pathways.map((p: { title: string }) => p.title)).toContain(
      'Grundlagen für neue Führungskräfte',
    );
    // The team list offers the same pathways by their German names.
    const team = await json(await manager.get('/api/v1/team?lang=de'));
    expect(team.pathways.map((p: { title: string }) => p.title)).toContain(
      'Grundlagen für neue Führungskräfte',
    );
    expect(page.gap).toMatchObject({
      roleTitle: 'Softwareentwicklung',
      targetLevel: 'Senior-Softwareentwickler:in',
    });
  });

  it('grades the German module with the one key and names its badge in German', async () => {
    const learner = await signInAs(run.app, 'learner@demo.test');
    const german = await json(await learner.get('/api/v1/modules/giving-feedback?lang=de'));
    const keyed = (await run.store.getModule('giving-feedback'))!;
    const rightAnswers = (lessonIndex: number, cardId: string) => {
      const card = keyed.lessons[lessonIndex]!.cards.find((k) => k.id === cardId);
      return card?.kind === 'quiz' ? card.options.filter((o) => o.correct).map((o) => o.id) : [];
    };
    // The learner takes every German lesson, one after another, answering the German questions;
    // the server grades them with the module's one key.
    const events = german.lessons.flatMap(
      (lesson: { id: string; cards: Array<{ id: string; kind: string }> }, i: number) => {
        const end = Date.now() - (german.lessons.length - i) * 300_000;
        const at = (ms: number) => new Date(end - ms).toISOString();
        const quizzes = lesson.cards.filter((c) => c.kind === 'quiz');
        const answers = quizzes.map((c) => ({ cardId: c.id, answerIds: rightAnswers(i, c.id) }));
        const start = lessonEvent('lesson_started', lesson.id, at(200_000));
        const answered = lesson.id.endsWith('.assessment')
          ? [
              {
                ...lessonEvent('lesson_started', lesson.id, at(100_000)),
                type: 'assessment_submitted',
                answers,
              },
            ]
          : answers.map((a) => ({
              ...lessonEvent('lesson_started', lesson.id, at(100_000)),
              type: 'quiz_answered',
              ...a,
            }));
        return [start, ...answered, lessonEvent('lesson_completed', lesson.id, at(0))];
      },
    );
    // The device signed in before the hour of learning it syncs.
    await knownDevice(run.store, 'learner@demo.test');
    const synced = await json(await learner.post('/api/v1/sync', syncBody(events)));
    expect(synced.state.mastery.assessments['giving-feedback.assessment']).toMatchObject({
      passed: true,
    });
    const badges = await json(await learner.get('/api/v1/me/badges?lang=de'));
    expect(
      badges.badges.map((b: { phrase: { params: { title: string } } }) => b.phrase.params?.title),
    ).toContain('Feedback geben und annehmen');
  });

  it('checks an admin’s translation against the organisation’s own module and keeps it there', async () => {
    const admin = await signInAs(run.app, 'admin@demo.test');
    const original = ritual('Team rituals', 'A weekly check-in', 'Which is right?', 'second');
    expect((await upload(admin, 'team-rituals.md', original)).status).toBe(201);

    const wrongKey = ritual('Teamrituale', 'Ein wöchentlicher Check-in', 'Was stimmt?', 'first');
    const refused = await upload(admin, 'team-rituals.de.md', wrongKey);
    expect(refused.status).toBe(422);
    expect((await json(refused)).errors).toEqual([
      expect.objectContaining({
        file: 'team-rituals.de.md',
        line: 13,
        phrase: expect.objectContaining({ key: 'upload.translation.quiz' }),
      }),
    ]);

    const translation = ritual(
      'Teamrituale',
      'Ein wöchentlicher Check-in',
      'Was stimmt?',
      'second',
    );
    expect((await json(await upload(admin, 'team-rituals.de.md', translation))).locale).toBe('de');
    const learner = await signInAs(run.app, 'learner@demo.test');
    const german = await json(await learner.get('/api/v1/modules/team-rituals?lang=de'));
    expect(german.title).toBe('Teamrituale');
    expect(german.lessons[0].cards[1].options[1].correct).toBe(true);

    // A new original with the same structure keeps the translation; another structure drops it.
    await upload(admin, 'team-rituals.md', original.replace('A weekly', 'One weekly'));
    expect((await json(await learner.get('/api/v1/modules/team-rituals?lang=de'))).title).toBe(
      'Teamrituale',
    );
    await upload(admin, 'team-rituals.md', ritual('Team rituals', 'A', 'Q?', 'first'));
    expect((await json(await learner.get('/api/v1/modules/team-rituals?lang=de'))).title).toBe(
      'Team rituals',
    );

    // Another organisation neither sees it nor can translate shipped content or Demo Co's module.
    const globex = await signInAs(run.app, 'admin@globex.test');
    expect((await globex.get('/api/v1/modules/team-rituals?lang=de')).status).toBe(404);
    const theirs = await upload(globex, 'team-rituals.de.md', translation);
    expect((await json(theirs)).errors).toEqual([
      expect.objectContaining({
        phrase: expect.objectContaining({ key: 'upload.translation.noOriginal' }),
      }),
    ]);
    const shipped = readFileSync(join(ROOT, 'content/modules/giving-feedback.de.md'), 'utf8');
    expect((await upload(globex, 'giving-feedback.de.md', shipped)).status).toBe(409);
  });
});
