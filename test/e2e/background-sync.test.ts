/**
 * Background Sync (guarantee 6): events left in the outbox by a tab closed while offline are
 * flushed by the service worker itself when the browser wakes it, with no page of the app open.
 * The wake-up is dispatched through the DevTools protocol, as Chromium does when the network
 * returns.
 */
import { OUTBOX_SYNC_TAG } from '../../src/core/device-names';
import { expect, it } from 'vitest';
import { syncNow } from '../support/browser';
import { serverAndPhone, learnerWithWorker } from '../support/phone-run';
import { finishNextLesson, outboxEvents } from '../support/lessons';

const run = serverAndPhone();

it('flushes the outbox from the service worker when no page is open', async () => {
  const { context, page } = run.phone;
  await learnerWithWorker(page, run.server.url);
  await page.getByRole('link', { name: /^Continue:/ }).click();
  await page.getByRole('progressbar', { name: 'Lesson progress' }).waitFor();
  await page.goto(run.server.url);
  await syncNow(page);
  await expect.poll(() => page.locator('.sync-indicator').textContent()).toContain('Up to date');
  const before = (await run.server.store.userEvents('u-demo-learner')).map((e) => e.id);

  await context.setOffline(true);
  await finishNextLesson(page);
  const left = await outboxEvents(page);
  expect(left.length).toBeGreaterThan(0);

  // Leave the app: only a blank tab stays open, then the network returns.
  const blank = await context.newPage();
  await page.close();
  await context.setOffline(false);
  const cdp = await context.newCDPSession(blank);
  const registration = new Promise<string>((resolve) =>
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const ours = (registrations as Array<{ registrationId: string; scopeURL: string }>).find(
        (r) => r.scopeURL.startsWith(run.server.url),
      );
      if (ours) resolve(ours.registrationId);
    }),
  );
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.dispatchSyncEvent', {
    origin: new URL(run.server.url).origin,
    registrationId: await registration,
    tag: OUTBOX_SYNC_TAG,
    lastChance: false,
  });

  await expect
    .poll(
      async () => (await run.server.store.userEvents('u-demo-learner')).map((e) => e.id).sort(),
      {
        timeout: 10_000,
      },
    )
    .toEqual([...before, ...left.map((e) => e.id)].sort());
  expect(context.pages().some((p) => p.url().startsWith(run.server.url))).toBe(false);
});
