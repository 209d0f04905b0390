/**
 * Guarantee 9: when the browser wipes the device database between sessions, the app notices,
 * tells the learner, re-pulls their progress from the server and starts a clean outbox under a
 * new device id (so new events never collide with the old device's sequence numbers).
 */
import { expect, it } from 'vitest';
import { signIn, syncNow } from '../support/browser';
import { serverAndPhone } from '../support/phone-run';
import { outboxEvents, READ_MS, readNextLesson, serverCompletions } from '../support/lessons';

const run = serverAndPhone();

const completions = () => serverCompletions(run.server.store, 'u-demo-learner');

it('notices a wiped database, restores progress from the server and syncs new progress cleanly', async () => {
  const { context } = run.phone;
  let page = run.phone.page;
  // The page's clock starts behind by about the time of both reads, so moving it on dates no event
  // far ahead of the server and the service worker (which keep real time); a minute less than
  // both, so the first lesson's start is not ten minutes before the server first heard from this
  // device (the first-contact rule's slack, core/plausibility.ts).
  await context.clock.install({ time: Date.now() - 2 * READ_MS + 60_000 });
  await signIn(page, run.server.url);
  await readNextLesson(page);
  await syncNow(page);
  await expect.poll(async () => (await completions()).length).toBe(1);
  await page.close();

  // Between sessions the browser clears IndexedDB (Safari's purge, "clear site data").
  const cdp = await context.newCDPSession(context.pages()[0] ?? (await context.newPage()));
  await cdp.send('Storage.clearDataForOrigin', {
    origin: new URL(run.server.url).origin,
    storageTypes: 'indexeddb',
  });

  page = await context.newPage();
  await page.goto(run.server.url);
  await page.getByRole('alert').filter({ hasText: 'cleared' }).waitFor();
  await page.getByRole('heading', { name: /Hi Lena/ }).waitFor(); // still signed in
  // The finished lesson is back from the server: XP shows, the next lesson is offered.
  await expect.poll(() => page.getByTestId('xp').textContent()).not.toBe('0');
  expect(await outboxEvents(page)).toEqual([]);

  await readNextLesson(page);
  await syncNow(page);
  await expect.poll(async () => (await completions()).length).toBe(2);
  const stored = await completions();
  expect(new Set(stored.map((e) => e.deviceId)).size).toBe(2);
  await expect.poll(() => outboxEvents(page)).toEqual([]);
  await expect.poll(() => page.locator('.sync-indicator').textContent()).toContain('Up to date');
  expect(await page.getByText("Couldn't sync").count()).toBe(0);

  await page.getByRole('button', { name: 'OK' }).click();
  expect(await page.getByRole('alert').filter({ hasText: 'cleared' }).count()).toBe(0);
});
