/**
 * Guarantee 7: nothing expires silently. Progress made offline and brought online 40 days later
 * (device and server clocks both moved on) is older than the acceptance window; the learner sees
 * it listed as not counted instead of it vanishing.
 */
import { expect, it } from 'vitest';
import { signIn } from '../support/browser';
import { finishNextLesson, outboxEvents } from '../support/lessons';
import { openedOnceOnline, serverAndPhone } from '../support/phone-run';

const DAY = 86_400_000;
let serverOffset = 0;
const run = serverAndPhone({ now: () => Date.now() + serverOffset });

it('lists progress synced after 40 days as not counted, with the reason', async () => {
  const { page, context } = run.phone;
  await context.clock.install({ time: Date.now() });
  await openedOnceOnline(page, run.server.url); // opened once online…
  const before = await run.server.store.userEvents('u-demo-learner');
  await context.setOffline(true); // …then taken offline
  await finishNextLesson(page);
  await page.goto(run.server.url);
  const made = await outboxEvents(page);
  expect(made.length).toBeGreaterThan(0);

  // Forty days later, on the device and on the server.
  serverOffset = 40 * DAY;
  await context.clock.setSystemTime(Date.now() + serverOffset);
  await context.setOffline(false); // `online` starts a sync…
  // …which finds the session expired meanwhile: sign in again; the outbox waited.
  await page.getByLabel('Email').waitFor();
  await signIn(page, run.server.url);
  await page.getByRole('heading', { name: /Hi Lena/ }).waitFor();

  const list = page.getByRole('group').filter({ hasText: "Couldn't sync" });
  await page.locator('.sync-indicator').click();
  await page.getByText(`Couldn't sync (${made.length})`).click();
  await expect.poll(() => list.getByText('Not counted').count()).toBe(made.length);
  expect(await list.textContent()).toContain('older than 30 days');
  expect(await outboxEvents(page)).toEqual([]);
  expect(await run.server.store.userEvents('u-demo-learner')).toEqual(before);
});
