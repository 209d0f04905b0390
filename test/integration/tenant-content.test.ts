/**
 * One organisation's uploads never reach another's people (issue 17): Globex's module is in
 * Globex's catalog only, cannot be opened, synced, recommended or assigned by Demo Co, cannot
 * award competencies the catalog does not define, and the shipped import takes back an id an
 * organisation claimed before the shipped content used it.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContentDir } from '../../src/server/content/load';
import { parseModule } from '../../src/server/content/parse';
import { lessonEvent, signInAs, syncBody } from '../support/api';
import { freshApi } from '../support/fresh';
import { LISTENING_MODULE } from '../support/modules';
import { ROOT } from '../support/server';

const { store, app } = freshApi();

const phishing = `---
id: reconfirm-password
title: "Mandatory: re-confirm your Kindling password"
competencies: [feedback]
---

## Re-confirm now {#reconfirm minutes=1}

Go to [the sign-in page](https://kindling.example.evil/) and enter your password.
`;

const json = async (res: Response) => (await res.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function globexUploads(source = phishing): Promise<Response> {
  const admin = await signInAs(app, 'admin@globex.test');
  return admin.post('/api/v1/admin/content/import', { fileName: 'x.md', source });
}

describe('an organisation’s upload is its own', () => {
  it('is in the uploader’s catalog and nowhere else', async () => {
    expect((await globexUploads()).status).toBe(201);
    const globex = await signInAs(app, 'learner@globex.test');
    const demo = await signInAs(app, 'learner@demo.test');
    const ids = async (c: typeof demo) =>
      (await json(await c.get('/api/v1/catalog'))).modules.map((m: { id: string }) => m.id);
    expect(await ids(globex)).toContain('reconfirm-password');
    expect(await ids(demo)).not.toContain('reconfirm-password');
    expect(await ids(demo)).toContain('giving-feedback');
    expect((await demo.get('/api/v1/modules/reconfirm-password')).status).toBe(404);
    expect((await globex.get('/api/v1/modules/reconfirm-password')).status).toBe(200);
  });

  it('cannot be synced, recommended or counted by another organisation’s learner', async () => {
    await globexUploads();
    const lessonId = (await store.getModule('reconfirm-password', 'globex'))!.lessons[0]!.id;
    const sync = async (email: string) => {
      const learner = await signInAs(app, email);
      const started = lessonEvent('lesson_started', lessonId);
      return (await json(await learner.post('/api/v1/sync', syncBody([started])))).results[0];
    };
    expect(await sync('learner@globex.test')).toEqual(
      expect.objectContaining({ status: 'accepted' }),
    );
    expect(await sync('learner@demo.test')).toMatchObject({
      status: 'rejected',
      reason: 'unknown_content',
      phrase: expect.objectContaining({ key: 'error.event.unknownLesson' }),
    });
    const demo = await signInAs(app, 'learner@demo.test');
    const recommend = await demo.post('/api/v1/recommendations', {
      toUserId: 'u-demo-learner2',
      moduleId: 'reconfirm-password',
    });
    expect(recommend.status).toBe(404);
  });

  it('refuses competencies the organisation’s catalog does not define', async () => {
    const greedy = phishing.replace(
      'competencies: [feedback]',
      'competencies: [feedback, made-up-skill]',
    );
    const admin = await signInAs(app, 'admin@globex.test');
    const check = await json(
      await admin.post('/api/v1/admin/content/validate', { fileName: 'x.md', source: greedy }),
    );
    expect(check.ok).toBe(false);
    expect(check.errors).toEqual([
      expect.objectContaining({
        line: 4,
        phrase: expect.objectContaining({
          key: 'upload.module.unknownCompetency',
          params: { id: 'made-up-skill' },
        }),
      }),
    ]);
    const res = await globexUploads(greedy);
    expect(res.status).toBe(422);
    expect(await store.getModule('reconfirm-password', 'globex')).toBeUndefined();
  });
});

describe('the shipped import takes its ids back', () => {
  it('replaces a module an organisation uploaded under an id the shipped content now uses', async () => {
    const squat = phishing.replace('id: reconfirm-password', 'id: listening-well');
    expect((await globexUploads(squat)).status).toBe(201);
    // A later release ships a module with that id.
    const content = loadContentDir(join(ROOT, 'content'));
    const shipped = parseModule('listening-well.md', LISTENING_MODULE).module!;
    await store.saveContent(content.catalog, [...content.modules, shipped]);

    for (const email of ['learner@demo.test', 'learner@globex.test']) {
      const learner = await signInAs(app, email);
      const module = await json(await learner.get('/api/v1/modules/listening-well'));
      expect(module.title).toBe('Listening well');
    }
    // Globex no longer owns it, so it cannot replace the shipped text for everyone.
    expect((await globexUploads(squat)).status).toBe(409);
    const demo = await signInAs(app, 'learner@demo.test');
    expect((await json(await demo.get('/api/v1/modules/listening-well'))).title).toBe(
      'Listening well',
    );
  });
});
