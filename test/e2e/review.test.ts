/**
 * The daily review in the real browser: a question missed yesterday is due today; answering it
 * is one review session, which counts toward today's goal and earns REVIEW_XP once — on the
 * device at once, and on the server after sync. A second answer the same day earns nothing more.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { QuizCard } from '../../src/core/content';
import { uuidv7 } from '../../src/core/uuidv7';
import { REVIEW_XP } from '../../src/core/progress';
import { openPhone, signIn, type PhoneContext } from '../support/browser';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;
let phone: PhoneContext;
const missed: Array<{ lessonId: string; quiz: QuizCard }> = [];

beforeAll(async () => {
  server = await startServer();
  const module = (await server.store.getModule('giving-feedback'))!;
  for (const lesson of module.lessons)
    for (const card of lesson.cards)
      if (card.kind === 'quiz' && missed.length < 2)
        missed.push({ lessonId: lesson.id, quiz: card });
  // Yesterday (30 hours ago) the learner got two questions wrong on another device.
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'learner@demo.test', password: 'learn-daily' }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const yesterday = Date.now() - 30 * 3_600_000;
  const events = missed.map(({ lessonId, quiz }, i) => ({
    id: uuidv7(),
    type: 'quiz_answered',
    lessonId,
    cardId: quiz.id,
    answerIds: [quiz.options.find((o) => !o.correct)!.id],
    occurredAt: new Date(yesterday + i * 1000).toISOString(),
    tz: 'Europe/Berlin',
    deviceId: 'device-laptop-1',
    seq: i + 1,
  }));
  const res = await fetch(`${server.url}/api/v1/sync`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, origin: server.url },
    body: JSON.stringify({ deviceId: 'device-laptop-1', sentAt: new Date().toISOString(), events }),
  });
  expect(res.status).toBe(200);
  phone = await openPhone();
});

afterAll(async () => {
  await phone?.close();
  await server?.close();
});

it('earns review XP once a day and counts the session toward the goal', async () => {
  const { page } = phone;
  await signIn(page, server.url);
  const reviewCard = page.getByRole('link', { name: /Daily review\s*2 questions to keep/ });
  await reviewCard.waitFor();
  const xp = async () => Number(await page.getByTestId('xp').textContent());
  const before = await xp();
  await page.getByRole('img', { name: 'Today: 0 of 1 lessons' }).waitFor();

  await reviewCard.click();
  await page.getByRole('heading', { name: 'Daily review' }).waitFor();
  for (const { quiz } of missed) {
    await page.getByText('Question').first().waitFor();
    for (const option of quiz.options.filter((o) => o.correct))
      await page.locator(`input[value="${option.id}"]`).check();
    await page.getByRole('button', { name: 'Check answer' }).click();
    await page.getByRole('button', { name: /^(Next question|Finish review)$/ }).click();
  }
  await page.getByText('Review done — well remembered.').waitFor();
  await page.getByRole('link', { name: 'Back to home' }).click();

  // Two answers, one session: one goal unit and REVIEW_XP once.
  await page.getByRole('img', { name: 'Today: 1 of 1 lessons' }).waitFor();
  await expect.poll(xp).toBe(before + REVIEW_XP);
  const serverState = () =>
    page.evaluate(() =>
      fetch('/api/v1/me/state').then(
        (r) => r.json() as Promise<{ xp: number; todayCount: number }>,
      ),
    );
  await expect
    .poll(async () => (await serverState()).xp, { timeout: 15_000 })
    .toBe(before + REVIEW_XP);
  expect((await serverState()).todayCount).toBe(1);
});
