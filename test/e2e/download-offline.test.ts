/**
 * Download for offline: a learner downloads a module they never opened, sees its size, then takes
 * every lesson of it with no network; Remove forgets the download. A full disk is covered in
 * download-quota.test.ts, pathways in download-pathway.test.ts, new versions in
 * download-update.test.ts.
 */
import { expect, it } from 'vitest';
import { type PhoneContext } from '../support/browser';
import { serverAndPhone, learnerWithWorker } from '../support/phone-run';
import { finishOpenLesson, serverCompletions, openModuleCard } from '../support/lessons';

const run = serverAndPhone();

const MODULE = 'Writing a clear design doc';

const openModule = (page: PhoneContext['page'], title: string) =>
  openModuleCard(page, run.server.url, title);

it('downloads a module with progress and size, then takes all of it offline', async () => {
  const { page, context } = run.phone;
  await learnerWithWorker(page, run.server.url);
  await openModule(page, MODULE);

  await page.getByRole('button', { name: 'Download for offline' }).click();
  await page.getByText(/Available offline · \d/).waitFor();
  await page.getByText(/Kindling uses .+ on this device/).waitFor();

  await context.setOffline(true);
  await openModule(page, MODULE); // a cold navigation, served by the service worker
  const lessons = page.locator('.lesson-row');
  const count = await lessons.count();
  expect(count).toBeGreaterThan(1);
  for (let i = 0; i < count; i++) {
    await lessons.nth(i).click();
    await finishOpenLesson(page);
    await page.getByRole('link', { name: 'Back to the module' }).click();
    await expect.poll(() => page.locator('.lesson-row.done').count()).toBe(i + 1);
  }

  await context.setOffline(false);
  await expect
    .poll(async () => (await serverCompletions(run.server.store, 'u-demo-learner')).length)
    .toBe(count);
});

it('removes a download', async () => {
  const { page } = run.phone;
  await openModule(page, MODULE);
  await page.getByRole('button', { name: `Remove ${MODULE} from this device` }).click();
  await page.getByRole('button', { name: 'Download for offline' }).waitFor();
  await page.reload();
  await page.getByRole('button', { name: 'Download for offline' }).waitFor();
});
