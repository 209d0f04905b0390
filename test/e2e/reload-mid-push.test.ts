/**
 * Guarantee 6: a reload in the middle of a push resumes. The server has committed the batch but
 * its answer is still on the way when the learner reloads; the next page resends the events,
 * the server answers `duplicate`, and it holds each event once.
 */
import { afterAll, expect, it } from 'vitest';
import { startChaosProxy, type ChaosProxy } from '../support/chaos-proxy';
import { finishNextLesson, outboxEvents } from '../support/lessons';
import { serverAndPhone, learnerWithWorker } from '../support/phone-run';

let proxy: ChaosProxy;

const run = serverAndPhone({}, async (server) => {
  proxy = await startChaosProxy(Number(new URL(server.url).port), 1);
  proxy.chaos = false;
});
afterAll(async () => {
  await proxy?.close();
});

it('resends after a reload mid-push and the server keeps one copy of each event', async () => {
  const { page, context } = run.phone;
  await learnerWithWorker(page, proxy.url);
  await page.getByRole('link', { name: /^Continue:/ }).click();
  await page.getByRole('progressbar', { name: 'Lesson progress' }).waitFor();
  await page.goto(proxy.url);
  await context.setOffline(true);
  await finishNextLesson(page);
  await page.goto(proxy.url);
  const made = await outboxEvents(page);

  proxy.holdResponseMs = 3000;
  const committed = new Promise<void>((resolve) => (proxy.onForward = resolve));
  await context.setOffline(false); // `online` starts the push…
  await committed;
  await page.reload(); // …and the learner reloads before its answer arrives
  proxy.holdResponseMs = 0;

  await expect.poll(() => outboxEvents(page), { timeout: 15_000 }).toEqual([]);
  const stored = (await run.server.store.userEvents('u-demo-learner')).map((e) => e.id);
  expect(new Set(stored).size).toBe(stored.length);
  expect(stored).toEqual(expect.arrayContaining(made.map((e) => e.id)));
});
