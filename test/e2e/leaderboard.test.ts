/**
 * Motivation in the real browser: the habit panel on home (streak, goal ring, XP, goal picker),
 * the cohort leaderboard with "you", and the learner's own row moving at once when they finish a
 * lesson offline — then the same numbers from the server after sync. Hostile names stay text.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../src/core/events';
import { uuidv7 } from '../../src/core/uuidv7';
import { signIn, syncNow, waitForServiceWorker } from '../support/browser';
import { demoLearner } from '../support/fresh';
import { serverAndPhone } from '../support/phone-run';
import type { RunningServer } from '../support/server';
import { withStarts } from '../support/starts';
import { knownDevice } from '../support/api';

let serverAhead = 0;
let firstLesson: { id: string; moduleId: string; quizzes: string[][] };

async function syncAs(email: string, events: ProgressEvent[]) {
  // Their device signed in before the progress it syncs.
  await knownDevice(run.server.store, email, `device-${email}`);
  const login = await fetch(`${run.server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'learn-daily' }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const res = await fetch(`${run.server.url}/api/v1/sync`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, origin: run.server.url },
    body: JSON.stringify({
      deviceId: `device-${email}`,
      sentAt: new Date().toISOString(),
      events: withStarts(events), // a completion counts after its start (plausibility.ts)
    }),
  });
  expect(res.status).toBe(200);
}

/** The `ago`-th lesson back, read for five minutes; one lesson at a time, numbered in order. */
function completion(email: string, lessonId: string, ago: number): ProgressEvent {
  return {
    id: uuidv7(),
    type: 'lesson_completed',
    lessonId,
    durationMs: 300_000,
    occurredAt: new Date(Date.now() - 600_000 * ago).toISOString(),
    tz: 'Europe/Berlin',
    deviceId: `device-${email}`,
    seq: 2 * (10 - ago), // its start takes the number before
  };
}

// The server's clock moves with the page's when a test fast-forwards a read (the server measures
// a lesson's time on the device's clock corrected by each sync's skew).
const run = serverAndPhone({ now: () => Date.now() + serverAhead }, seedBoard);

/** Amy and Ben ahead of the learner on the cohort's board; the first lesson's right answers. */
async function seedBoard(server: RunningServer) {
  const { store } = server;
  const { passwordHash } = (await store.findLogin('learner@demo.test'))!;
  for (const [id, name] of [
    ['amy', 'Amy Ahead'],
    ['ben', '<img src=x onerror="window.pwned=1">Ben'],
  ] as const)
    await store.createUser(demoLearner(id, { name, passwordHash, cohortIds: ['demo-co-pilot'] }));
  const catalog = await store.getCatalog();
  const lessons = catalog.modules.flatMap((m) => m.lessons.map((l) => l.id));
  // Amy: three lessons (30 XP); Ben: one lesson (10 XP), both well before the learner.
  await syncAs(
    'amy@demo.test',
    [1, 2, 3].map((i) => completion('amy@demo.test', lessons.at(-i)!, i)),
  );
  await syncAs('ben@demo.test', [completion('ben@demo.test', lessons.at(-1)!, 1)]);

  const module = (await store.getModule(catalog.modules[0]!.id))!;
  const lesson = module.lessons[0]!;
  firstLesson = {
    id: lesson.id,
    moduleId: module.id,
    quizzes: lesson.cards.flatMap((c) =>
      c.kind === 'quiz' ? [c.options.filter((o) => o.correct).map((o) => o.id)] : [],
    ),
  };
}

/** axe-core WCAG 2 A/AA violations inside one part of the page. */
async function axeViolations(page: Page, selector: string): Promise<string[]> {
  // Evaluated through the DevTools protocol: the app's CSP (rightly) refuses injected script tags.
  await page.evaluate(
    readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'),
  );
  return page.evaluate(async (include) => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            c: unknown,
            o: unknown,
          ) => Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }>;
        };
      }
    ).axe;
    const result = await axe.run(
      { include: [include] },
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } },
    );
    return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
  }, selector);
}

const rows = () =>
  run.phone.page.locator('.board-row').evaluateAll((els) =>
    els.map((el) => ({
      rank: el.querySelector('.board-rank')!.textContent,
      name: el.querySelector('.board-name')!.textContent,
      xp: el.querySelector('.board-xp')!.textContent,
      me: el.classList.contains('me'),
    })),
  );

describe('habit panel and leaderboard', () => {
  it('shows streak, goal ring and XP on home, and lets the learner pick a daily goal', async () => {
    const { page, context } = run.phone;
    await context.clock.install();
    await signIn(page, run.server.url);
    await page.getByRole('heading', { name: /Hi Lena/ }).waitFor();
    await expect.poll(() => page.getByTestId('streak').textContent()).toBe('0');
    await page.getByRole('img', { name: 'Today: 0 of 1 lessons' }).waitFor();
    await page.getByRole('button', { name: '2 lessons' }).click();
    await page.getByRole('img', { name: 'Today: 0 of 2 lessons' }).waitFor();
    expect(await page.getByRole('button', { name: '2 lessons' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(await axeViolations(page, '.habit')).toEqual([]);
  });

  it('shows the cohort board with my row, and hostile names as plain text', async () => {
    const { page } = run.phone;
    await page.getByRole('link', { name: 'Board', exact: true }).click();
    await page.getByRole('heading', { name: 'Pilot cohort' }).waitFor();
    await expect.poll(rows).toEqual([
      { rank: '1', name: 'Amy Ahead', xp: '30 XP', me: false },
      { rank: '2', name: '<img src=x onerror="window.pwned=1">Ben', xp: '10 XP', me: false },
      { rank: '3', name: 'Lena Learner (you)', xp: '0 XP', me: true },
    ]);
    expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator('.board-list img').count()).toBe(0);
    expect(await axeViolations(page, '.board')).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await axeViolations(page, '.board')).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByRole('button', { name: 'All time' }).click();
    await expect.poll(async () => (await rows()).length).toBe(3);
  });

  it('refuses an alias copying a colleague’s name, in words, and keeps the board as it was', async () => {
    const { page } = run.phone;
    await page.getByRole('link', { name: 'Board', exact: true }).click();
    await page.getByRole('heading', { name: 'Pilot cohort' }).waitFor();
    await page.getByLabel('Name on leaderboards').fill(' amy   AHEAD ');
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.getByText('Someone in your cohort already goes by that name.').waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Pilot cohort' }).waitFor();
    await expect
      .poll(async () => (await rows()).filter((r) => /amy ahead/i.test(r.name)).length)
      .toBe(1);
    expect(await page.getByLabel('Name on leaderboards').inputValue()).toBe('');
  });

  it('moves my own row at once when I finish a lesson offline, then keeps it after sync', async () => {
    const { page, context } = run.phone;
    await page.getByRole('button', { name: 'This week' }).click();
    await expect.poll(async () => (await rows()).length).toBe(3);
    await waitForServiceWorker(page);
    await page.goto(`${run.server.url}/modules/${firstLesson.moduleId}/lessons/${firstLesson.id}`);
    await page.getByRole('progressbar', { name: 'Lesson progress' }).waitFor();
    await context.setOffline(true);
    let quiz = 0;
    for (let step = 0; step < 40; step++) {
      const finish = page.getByRole('button', { name: 'Finish lesson' });
      const check = page.getByRole('button', { name: 'Check answer' });
      if (await check.isVisible()) {
        for (const id of firstLesson.quizzes[quiz++]!)
          await page.locator(`.option input[value="${id}"]`).check();
        await check.click();
        await page.locator('.quiz-result .result.right').waitFor();
      }
      if (await finish.isVisible()) {
        // A real read of the lesson, not a rushed click-through (which earns no XP).
        await page.clock.fastForward('05:00');
        serverAhead += 5 * 60_000;
        await finish.click();
        break;
      }
      await page.getByRole('button', { name: 'Next' }).click();
    }
    await page.getByRole('heading', { name: 'Lesson complete' }).waitFor();
    await page.getByText('more today to keep your streak').waitFor();
    const animation = () =>
      page.locator('.celebration').evaluate((el) => getComputedStyle(el).animationName);
    expect(await animation()).toBe('pop');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    expect(await animation()).toBe('none');
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await page.goto(`${run.server.url}/leaderboard`);
    await page.getByText(/Last updated/).waitFor();
    // 10 XP plus the full first-attempt bonus (15) passes Ben's 10.
    await expect.poll(rows).toEqual([
      { rank: '1', name: 'Amy Ahead', xp: '30 XP', me: false },
      { rank: '2', name: 'Lena Learner (you)', xp: '15 XP', me: true },
      { rank: '3', name: '<img src=x onerror="window.pwned=1">Ben', xp: '10 XP', me: false },
    ]);

    await context.setOffline(false);
    await syncNow(page);
    await expect.poll(() => page.locator('.sync-indicator').textContent()).toContain('Up to date');
    await page.getByRole('button', { name: 'All time' }).click();
    await page.getByRole('button', { name: 'This week' }).click();
    await expect
      .poll(async () => (await rows())[1])
      .toEqual({
        rank: '2',
        name: 'Lena Learner (you)',
        xp: '15 XP',
        me: true,
      });
    expect(await page.getByText(/Last updated/).count()).toBe(0);
  });

  it('shows a colleague’s recommendation on home and their kudos, inert, on the profile', async () => {
    const { page } = run.phone;
    const login = await fetch(`${run.server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'manager@demo.test', password: 'learn-daily' }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const post = (path: string, body: unknown) =>
      fetch(`${run.server.url}/api/v1${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, origin: run.server.url },
        body: JSON.stringify(body),
      });
    const module = (await run.server.store.getCatalog()).modules[2]!;
    expect(
      (await post('/recommendations', { toUserId: 'u-demo-learner', moduleId: module.id })).status,
    ).toBe(201);
    const hostile = '<img src=x onerror="window.pwned=2">Great streak!';
    expect(
      (await post('/kudos', { toUserId: 'u-demo-learner', reason: 'streak', message: hostile }))
        .status,
    ).toBe(201);

    await page.goto(run.server.url);
    await page
      .getByRole('link', { name: new RegExp(`Recommended by Max Manager.*${module.title}`) })
      .waitFor();
    await page.getByRole('link', { name: 'Me', exact: true }).click();
    await page.getByText(hostile).waitFor();
    await page.getByText('First kudos').waitFor();
    expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator('.profile img').count()).toBe(0);
  });
});
