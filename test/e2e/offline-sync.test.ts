/**
 * Offline progress in the real browser (issue 3 guarantees 1, 5 and 6): lessons finished with no
 * network across reloads, a closed-and-reopened tab and two tabs at once all reach the server
 * exactly once when the network returns, and the tabs agree on the result.
 */
import { afterEach, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { openPhone, signIn, type PhoneContext, syncNow } from '../support/browser';
import { finishNextLesson, outboxEvents, READ_MS, readNextLesson } from '../support/lessons';
import { openedOnceOnline } from '../support/phone-run';
import { startServer, type RunningServer } from '../support/server';

const LEARNER = 'u-demo-learner';
let server: RunningServer | undefined;
let phone: PhoneContext | undefined;

afterEach(async () => {
  await phone?.close();
  await server?.close();
});

/**
 * Signed in, the service worker in control, the first module opened once online and synced.
 * `reads`: how many lessons the test will read with `readNextLesson`. The pages' clock then starts
 * behind by that much reading time, so moving it on never dates events ahead of the server and
 * the service worker (which keep real time).
 */
async function readyToGoOffline({ reads = 0 } = {}): Promise<{
  context: BrowserContext;
  page: Page;
}> {
  server = await startServer();
  phone = await openPhone();
  const { page, context } = phone;
  if (reads > 0) await context.clock.install({ time: Date.now() - reads * READ_MS });
  await openedOnceOnline(page, server.url);
  return { page, context };
}

const serverEvents = () => server!.store.userEvents(LEARNER);
const serverIds = async () => (await serverEvents()).map((e) => e.id);

/** Counts sync requests the server handles at once, from every tab and the service worker. */
function watchSyncConcurrency() {
  server!.syncs.max = 0;
  server!.syncs.total = 0;
  return server!.syncs;
}

it('keeps lessons finished offline across reloads and a reopened tab, then syncs each once', async () => {
  const { context } = await readyToGoOffline();
  let page = phone!.page;
  const before = await serverIds();

  await context.setOffline(true);
  await finishNextLesson(page);
  await page.reload();
  await page.getByRole('heading', { name: 'Lesson complete' }).waitFor();
  await page.goto(server!.url);
  await finishNextLesson(page);
  await page.close(); // the learner swipes the tab away, still offline

  page = await context.newPage();
  await page.goto(server!.url);
  await page.getByRole('heading', { name: /Hi Lena/ }).waitFor();
  await finishNextLesson(page);
  await page.goto(server!.url);
  const device = await outboxEvents(page);
  expect(device.filter((e) => e.type === 'lesson_completed')).toHaveLength(3);
  expect(await serverIds()).toEqual(before); // nothing left the device while offline

  await context.setOffline(false); // the `online` event starts the sync
  await expect.poll(async () => (await serverIds()).length).toBe(before.length + device.length);
  expect(new Set(await serverIds())).toEqual(new Set([...before, ...device.map((e) => e.id)]));
  await expect.poll(() => page.locator('.sync-indicator').textContent()).toContain('Up to date');
  expect(await outboxEvents(page)).toEqual([]);
  await expect.poll(() => page.getByText('You have finished every lesson').count()).toBe(0);
  await expect.poll(() => page.getByText(/\b3 of \d+ done/).count()).toBe(1);
});

it('syncs three tabs that worked offline at once without duplicates, one push at a time', async () => {
  const { context, page: first } = await readyToGoOffline({ reads: 3 });
  const second = await context.newPage();
  const third = await context.newPage();
  for (const tab of [second, third]) {
    await tab.goto(server!.url);
    await tab.getByRole('heading', { name: /Hi Lena/ }).waitFor();
  }
  const before = await serverIds();
  const pushes = watchSyncConcurrency();

  await context.setOffline(true);
  for (const tab of [first, second, third]) {
    await tab.bringToFront(); // the learner switches between the tabs
    await readNextLesson(tab);
    await tab.goto(server!.url);
  }
  const device = await outboxEvents(first);
  expect(device.filter((e) => e.type === 'lesson_completed')).toHaveLength(3);

  await context.setOffline(false); // every tab hears `online` and tries to sync
  await expect.poll(async () => (await serverIds()).length).toBe(before.length + device.length);
  expect(new Set(await serverIds())).toEqual(new Set([...before, ...device.map((e) => e.id)]));
  expect(pushes.total).toBeGreaterThan(0);
  expect(pushes.max).toBe(1);

  for (const tab of [first, second, third]) {
    await tab.bringToFront();
    await syncNow(tab);
    await expect.poll(() => tab.locator('.sync-indicator').textContent()).toContain('Up to date');
  }
  // Streak, today's goal ring and XP on home: every tab shows the three lessons counted once.
  const stats = (tab: Page) => tab.locator('.habit-row').textContent();
  await expect.poll(() => first.getByTestId('xp').textContent()).not.toBe('0');
  await expect.poll(async () => await stats(second)).toBe(await stats(first));
  await expect.poll(async () => await stats(third)).toBe(await stats(first));
  expect(await first.locator('.sync-indicator').textContent()).toContain('Up to date');
});

it('warns before signing out with unsynced progress and keeps it for the same learner', async () => {
  const { context, page } = await readyToGoOffline();
  const before = await serverIds();
  await context.setOffline(true);
  await finishNextLesson(page);
  await page.goto(server!.url);
  const waiting = await outboxEvents(page);

  const dialogs: string[] = [];
  page.once('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.getByRole('link', { name: 'Me', exact: true }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect.poll(() => dialogs.length).toBe(1);
  // Counted as a person counts it: the one lesson, not its dozen events.
  expect(dialogs[0]).toMatch(/^1 lesson or answer has not synced yet/);
  await page.getByRole('heading', { name: 'Lena Learner' }).waitFor(); // still signed in

  page.once('dialog', (d) => void d.accept()); // still offline: sign out with events unsynced
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('Email').waitFor();
  expect((await outboxEvents(page)).map((e) => e.id)).toEqual(waiting.map((e) => e.id));

  await context.setOffline(false);
  await signIn(page, server!.url);
  await expect
    .poll(async () => new Set(await serverIds()))
    .toEqual(new Set([...before, ...waiting.map((e) => e.id)]));
});

it('keeps an action the app said was saved when the page is closed right after', async () => {
  const { context, page } = await readyToGoOffline();
  await context.setOffline(true);
  await finishNextLesson(page); // "Lesson complete" is on screen…
  await page.close({ runBeforeUnload: false }); // …and the page is gone at once

  const reopened = await context.newPage();
  await reopened.goto(server!.url);
  await reopened.getByRole('heading', { name: /Hi Lena/ }).waitFor();
  const completed = (await outboxEvents(reopened)).filter((e) => e.type === 'lesson_completed');
  expect(completed).toHaveLength(1);
  await expect.poll(() => reopened.getByText(/\b1 of \d+ done/).count()).toBe(1);
});
