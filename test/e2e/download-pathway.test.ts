/**
 * Download a whole pathway: on the roadmap the learner sees the pathway's size, downloads it with
 * one progress bar across its modules, sees which module failed (the others stay stored), retries,
 * then — with no network — opens the pathway's second module from the roadmap and completes a
 * lesson of it, quizzes included. Back online, the completion and the answers reach the server.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openPhone, type PhoneContext } from '../support/browser';
import { learnerWithWorker } from '../support/phone-run';
import { finishOpenLesson } from '../support/lessons';
import { startServer, type RunningServer } from '../support/server';

const PATHWAY = 'Learning culture habits';
const SECOND = { id: 'sharing-what-you-learn', title: 'Sharing what you learn' };
const FAILING = { id: 'running-a-retrospective', title: 'Running a retrospective' };

let server: RunningServer;
let phone: PhoneContext;
/** The second module's answer waits for this, so the test can look at the progress bar. */
let releaseSecond: () => void = () => {};
const secondReleased = new Promise<void>((r) => (releaseSecond = r));
let failRetrospective = true;

beforeAll(async () => {
  server = await startServer({
    async intercept(request) {
      const path = new URL(request.url).pathname;
      if (path === `/api/v1/modules/${SECOND.id}`) await secondReleased;
      if (path === `/api/v1/modules/${FAILING.id}` && failRetrospective) {
        failRetrospective = false;
        return new Response('', { status: 503 });
      }
      return undefined;
    },
  });
  phone = await openPhone();
});
afterAll(async () => {
  releaseSecond();
  await phone?.close();
  await server?.close();
});

it('downloads a pathway with one progress bar, keeps what succeeded, and retries what failed', async () => {
  const { page } = phone;
  await learnerWithWorker(page, server.url);
  await page.goto(`${server.url}/roadmap`);
  const pathway = page.getByRole('region', { name: `Offline use of ${PATHWAY}` });
  await pathway.getByText(/^About \d+(\.\d)? kB to download$/).waitFor();

  await pathway.getByRole('button', { name: 'Download for offline' }).click();
  const bar = pathway.getByRole('progressbar', { name: 'Download progress' });
  // The first module is stored, the second is held by the server: a third of the way, one bar.
  await expect.poll(() => bar.getAttribute('aria-valuenow')).toBe('33');
  expect(await page.getByRole('progressbar').count()).toBe(1);
  releaseSecond();

  await pathway
    .getByRole('alert')
    .getByText(`1 module could not be downloaded: ${FAILING.title}.`)
    .waitFor();
  await pathway.getByText('Download failed: the server answered 503.').waitFor();
  await pathway.getByText('Available offline: 2 of 3 modules').waitFor();

  await pathway.getByRole('button', { name: 'Download for offline' }).click();
  await pathway.getByText(/✓ Available offline · \d/).waitFor();
  expect(await pathway.getByRole('alert').count()).toBe(0);
});

it('takes a lesson of the second module, quizzes included, with no network', async () => {
  const { page, context } = phone;
  await context.setOffline(true);
  await page.goto(`${server.url}/roadmap`); // a cold navigation, served by the service worker
  await page
    .getByRole('region', { name: `Offline use of ${PATHWAY}` })
    .getByText(/✓ Available offline/)
    .waitFor();
  await page.getByRole('link', { name: SECOND.title }).click();
  await page.getByRole('heading', { level: 1, name: SECOND.title }).waitFor();
  await page.locator('.lesson-row').first().click();
  await finishOpenLesson(page);
  await page.getByRole('link', { name: 'Back to the module' }).click();
  await expect.poll(() => page.locator('.lesson-row.done').count()).toBe(1);

  await context.setOffline(false);
  await expect
    .poll(async () => {
      const events = await server.store.userEvents('u-demo-learner');
      const ofModule = events.filter(
        (e) => 'lessonId' in e && e.lessonId.startsWith(`${SECOND.id}.`),
      );
      return [...new Set(ofModule.map((e) => e.type))].sort();
    })
    .toEqual(expect.arrayContaining(['lesson_completed', 'quiz_answered']));
});
