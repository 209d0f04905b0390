/**
 * Learners ready to send two-event syncs (a quiz answer and the lesson's completion), each with a
 * history of graded quiz answers already stored, on a demo store (`file`, default in memory).
 * Requests go through `app.request` in this process until `overHttp(url)` points them at a server
 * process (started on the same file). Used by bench/scale.ts.
 */
import { uuidv7 } from '../src/core/uuidv7';
import { createApp } from '../src/server/app';
import { clientFor, syncBody, type Client } from '../test/support/api';
import { demoStore } from '../test/support/server';
import { sessionCookie } from '../test/support/sessions';

export async function syncSetup(learnerCount: number, history: number, file?: string) {
  const store = await demoStore(file);
  const app = createApp({ store });
  const catalog = await store.getCatalog();
  const quizzes = (await Promise.all(catalog.modules.map((m) => store.getModule(m.id)))).flatMap(
    (m) =>
      (m?.lessons ?? []).flatMap((l) =>
        l.cards.flatMap((c) =>
          c.kind === 'quiz'
            ? [{ lessonId: l.id, cardId: c.id, answerIds: [c.options[0]!.id] }]
            : [],
        ),
      ),
  );
  const day = 86_400_000;
  const now = Date.now();
  const learners: Array<{ client: Client; device: string; seq: number }> = [];
  for (let r = 0; r < learnerCount; r++) {
    const id = `u-sync-${r}`;
    await store.createUser({
      id,
      orgId: 'demo-co',
      email: `sync-${r}@demo.test`,
      name: `Sync ${r}`,
      role: 'learner',
      managerId: null,
      tz: 'Europe/Berlin',
      passwordHash: 'x',
    });
    const device = `bench-sync-${r}`;
    const events = Array.from({ length: history }, (_, i) => {
      const at = now - 2 * day - i * 60_000;
      const event = {
        id: uuidv7(() => at),
        type: 'quiz_answered' as const,
        ...quizzes[i % quizzes.length]!,
        occurredAt: new Date(at).toISOString(),
        tz: 'Europe/Berlin',
        deviceId: device,
        seq: i + 1,
      };
      return { event, body: JSON.stringify(event), correctedAt: at, receivedAt: at };
    });
    await store.ingest(id, events);
    learners.push({
      client: clientFor(app, await sessionCookie(store, id)),
      device,
      seq: history,
    });
  }
  let turn = 0;
  let stored = 0;
  /** The next learner's two-event sync. */
  const sync = () => {
    const learner = learners[turn++ % learners.length]!;
    const quiz = quizzes[turn % quizzes.length]!;
    const base = () => ({
      id: uuidv7(),
      occurredAt: new Date().toISOString(),
      tz: 'Europe/Berlin',
      deviceId: learner.device,
      seq: ++learner.seq,
    });
    stored += 2;
    return learner.client.post(
      '/api/v1/sync',
      syncBody(
        [
          { ...base(), type: 'quiz_answered', ...quiz },
          { ...base(), type: 'lesson_completed', lessonId: quiz.lessonId, durationMs: 200_000 },
        ],
        learner.device,
      ),
    );
  };
  /** The next learner's GET /me/state. */
  const getState = () => learners[turn++ % learners.length]!.client.get('/api/v1/me/state');
  const health = () => learners[0]!.client.get('/api/v1/health');
  /** From now on, every request goes to the server at `url` over HTTP. */
  const overHttp = (url: string) => {
    for (const learner of learners) learner.client = clientFor(url, learner.client.cookie);
  };
  return { store, sync, getState, health, overHttp, stored: () => stored };
}
