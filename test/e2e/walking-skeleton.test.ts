/**
 * The walking skeleton in the real browser: sign in, take a lesson to the end, see it marked
 * done and synced to the server; reload with no network and still get the app; Chromium finds
 * nothing missing for installation.
 */
import { describe, expect, it } from 'vitest';
import { signIn, waitForServiceWorker, syncNow } from '../support/browser';
import { serverAndPhone } from '../support/phone-run';
import { finishNextLesson, serverCompletions } from '../support/lessons';

const run = serverAndPhone();

describe('a learner on a phone', () => {
  it('signs in, finishes a lesson and sees it marked done and synced', async () => {
    const { page } = run.phone;
    await signIn(page, run.server.url);
    // Walk the cards; each quiz is answered with its first option (right or wrong, feedback shows).
    await finishNextLesson(page);
    // A click-through in seconds is too fast to earn XP (see the XP rules), but it is done.
    await expect.poll(() => page.locator('.stats-line').textContent()).toMatch(/\b\d+ XP/);

    await page.getByRole('link', { name: 'Back to the module' }).click();
    await expect.poll(() => page.locator('.lesson-row.done').count()).toBe(1);
    await expect.poll(() => page.locator('.lesson-row.done').textContent()).toContain('Done');

    // The server has the completion once it synced.
    await syncNow(page);
    await expect
      .poll(async () => (await serverCompletions(run.server.store, 'u-demo-learner')).length)
      .toBe(1);
    await expect.poll(() => page.locator('.sync-indicator').textContent()).toContain('Up to date');
  });

  it('reloads with no network and shows the app, not the browser error page', async () => {
    const { page, context } = run.phone;
    await waitForServiceWorker(page);
    await context.setOffline(true);
    // We are on the module page: reloading it offline shows the same screen from the device's data.
    const moduleTitle = (await page.getByRole('heading', { level: 1 }).textContent())!;
    await page.reload();
    await page.getByRole('heading', { name: moduleTitle }).waitFor();
    await expect.poll(() => page.locator('.lesson-row.done').count()).toBe(1);
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Offline' }).count())
      .toBeGreaterThan(0);
    // A cold load of another app URL works offline too.
    await page.goto(run.server.url);
    await page.getByRole('heading', { name: /Hi Lena/ }).waitFor();
    await expect.poll(() => page.getByRole('link', { name: /^Continue:/ }).count()).toBe(1);
    await context.setOffline(false);
  });

  it('is installable: Chromium reports no installability errors', async () => {
    const { page, context } = run.phone;
    await page.goto(run.server.url);
    await waitForServiceWorker(page);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: Array<{ errorId: string }>;
    };
    expect(installabilityErrors.map((e) => e.errorId)).toEqual([]);
    const manifest = (await cdp.send('Page.getAppManifest')) as { errors: unknown[]; url: string };
    expect(manifest.url).toMatch(/manifest\.webmanifest$/);
    expect(manifest.errors).toEqual([]);
  });
});
