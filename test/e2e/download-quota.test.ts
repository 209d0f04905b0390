/**
 * A full disk in the real browser: the site's storage quota is made tiny through the DevTools
 * Protocol (`Storage.overrideQuotaForOrigin`), so storing a module's large picture fails the way a
 * full phone does. The learner reads the clear "Not enough storage" message, the module is not
 * marked available, and the module downloaded before still opens and completes offline.
 *
 * Chromium enforces the override on Cache Storage writes (where pictures go) but not reliably on
 * small IndexedDB writes, which is why the failing download carries a picture larger than the room
 * left.
 */
import { afterAll, expect, it } from 'vitest';
import type { CDPSession } from 'playwright-core';
import { OFFLINE_CACHE } from '../../src/core/offline';
import { finishOpenLesson, openModuleCard } from '../support/lessons';
import { cachedPaths, deviceContent } from '../support/offline';
import { serverAndPhone, learnerWithWorker } from '../support/phone-run';
import { reimportModule } from '../support/server';

const STORED = { id: 'writing-a-design-doc', title: 'Writing a clear design doc' };
const TOO_BIG = { id: 'sharing-what-you-learn', title: 'Sharing what you learn' };
const POSTER = '/media/team-poster.png';
const POSTER_BYTES = 400_000;
/** Room left on the "device" once the quota is lowered: less than the poster needs. */
const ROOM = 100_000;

let cdp: CDPSession;

const run = serverAndPhone(
  {
    intercept: (request) =>
      new URL(request.url).pathname === POSTER
        ? new Response(new Uint8Array(POSTER_BYTES), { headers: { 'content-type': 'image/png' } })
        : undefined,
  },
  async (server) => {
    await reimportModule(server.store, TOO_BIG.id, (markdown) =>
      markdown.replace(
        '## Small ways to share {#small-ways}\n',
        `## Small ways to share {#small-ways}\n\n![A poster of the team's learning wall](${POSTER})\n`,
      ),
    );
  },
);
afterAll(async () => {
  await cdp?.send('Storage.overrideQuotaForOrigin', { origin: new URL(run.server.url).origin });
});

const openModule = (title: string) => openModuleCard(run.phone.page, run.server.url, title);

it('says clearly that the device is full and stores nothing of the module that did not fit', async () => {
  const { page, context } = run.phone;
  await learnerWithWorker(page, run.server.url);
  await openModule(STORED.title);
  await page.getByRole('button', { name: 'Download for offline' }).click();
  await page.getByText(/Available offline · \d/).waitFor();

  cdp = await context.newCDPSession(page);
  const origin = new URL(run.server.url).origin;
  const { usage } = await cdp.send('Storage.getUsageAndQuota', { origin });
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: usage + ROOM });

  await openModule(TOO_BIG.title);
  await page.getByText(/About .+ plus 1 image to download/).waitFor();
  await page.getByRole('button', { name: 'Download for offline' }).click();
  await page
    .getByRole('alert')
    .getByText(
      'Not enough storage on this device. Remove other downloads or free some space, then try again.',
    )
    .waitFor();
  await page.getByRole('button', { name: 'Download for offline' }).waitFor();
  expect(await page.getByText(/Available offline/).count()).toBe(0);
  expect(await deviceContent(page, `offline:${TOO_BIG.id}`)).toBeUndefined();
  expect(await cachedPaths(page, OFFLINE_CACHE)).not.toContain(POSTER);
});

it('still opens and completes the module downloaded before, offline', async () => {
  const { page, context } = run.phone;
  await context.setOffline(true);
  await openModule(STORED.title); // a cold navigation, served by the service worker
  await page.getByText(/Available offline · \d/).waitFor();
  await page.locator('.lesson-row').first().click();
  await finishOpenLesson(page);
  await page.getByRole('link', { name: 'Back to the module' }).click();
  await expect.poll(() => page.locator('.lesson-row.done').count()).toBe(1);
  await context.setOffline(false);
});
