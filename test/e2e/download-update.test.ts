/**
 * Versioned content: a downloaded module is updated on the server (a content re-import changes
 * its text and its picture, so its version). The next time the learner is online the download is
 * replaced by the new version (also when the first requests after reconnecting fail, as on a
 * connection that comes back in stages) — while a lesson they had open keeps showing the version it started
 * with, card after card. Afterwards the new text and picture are shown online and offline, and
 * the old version's copies (module, cached API response, picture) are gone from the device.
 */
import { expect, it } from 'vitest';
import type { LearningModule } from '../../src/core/content';
import { CONTENT_CACHE, MEDIA_CACHE, OFFLINE_CACHE } from '../../src/core/offline';
import {
  cachedJson,
  cachedPaths,
  deviceContent,
  imageShown,
  svgResponse,
} from '../support/offline';
import { openModuleCard } from '../support/lessons';
import { serverAndPhone, learnerWithWorker } from '../support/phone-run';
import { reimportModule } from '../support/server';

const MODULE = { id: 'writing-a-design-doc', title: 'Writing a clear design doc' };
const OLD = {
  first: 'A design doc is a short written proposal',
  second: 'Not every change needs a design doc.',
  picture: 'Sketch of a design doc, first edition',
  file: '/media/design-v1.svg',
};
const NEW = {
  first: 'A design doc is a brief written plan',
  second: 'Only some changes need a design doc.',
  picture: 'Sketch of a design doc, second edition',
  file: '/media/design-v2.svg',
};

/** The shipped module with a picture and the wording of `edition`. */
const edition = (e: typeof OLD) => (markdown: string) =>
  markdown
    .replace(OLD.first, `![${e.picture}](${e.file})\n\n${e.first}`)
    .replace(OLD.second, e.second);

let oldVersion: string;
/** Catalog requests still to fail, as they do while a connection comes back in stages. */
let catalogFailures = 0;

const run = serverAndPhone(
  {
    intercept: (request) => {
      const path = new URL(request.url).pathname;
      if (path === '/api/v1/catalog' && catalogFailures > 0) {
        catalogFailures--;
        return new Response('', { status: 503 });
      }
      if (path === OLD.file) return svgResponse('#c60');
      if (path === NEW.file) return svgResponse('#06c');
      return undefined;
    },
  },
  async (server) => {
    oldVersion = await reimportModule(server.store, MODULE.id, edition(OLD));
  },
);

const downloadVersion = async () =>
  (await deviceContent<{ version: string }>(run.phone.page, `offline:${MODULE.id}`))?.version;

const openModule = (title = MODULE.title) => openModuleCard(run.phone.page, run.server.url, title);

it('replaces a downloaded module with the new version on the next online visit', async () => {
  const { page, context } = run.phone;
  await learnerWithWorker(page, run.server.url);
  await openModule();
  await page.getByRole('button', { name: 'Download for offline' }).click();
  await page.getByText(/Available offline · \d/).waitFor();
  expect(await downloadVersion()).toBe(oldVersion);
  expect(await cachedPaths(page, OFFLINE_CACHE)).toEqual([OLD.file]);

  // Offline, the learner starts the first lesson of the version they downloaded.
  await context.setOffline(true);
  await openModule();
  await page.locator('.lesson-row').first().click();
  await page.getByText(OLD.first).waitFor();
  expect(await imageShown(page, OLD.picture)).toBe(true);

  // Meanwhile the module is re-imported on the server with new text and a new picture.
  const newVersion = await reimportModule(run.server.store, MODULE.id, edition(NEW));
  expect(newVersion).not.toBe(oldVersion);

  // Back online, the download is brought to the new version in the background, even when the
  // connection comes back in stages: the first catalog request that reaches the server fails.
  catalogFailures = 1;
  await context.setOffline(false);
  await expect.poll(downloadVersion, { timeout: 30_000 }).toBe(newVersion); // a background fetch
  expect(catalogFailures).toBe(0);
  // …but the open lesson goes on in the version it started with: no card of the new one.
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByText(OLD.second).waitFor();
  expect(await page.getByText(NEW.second).count()).toBe(0);

  // Opened again, the lesson is the new version (resuming on its second card).
  await page.getByRole('link', { name: 'Close lesson' }).click();
  await page.getByRole('heading', { level: 1, name: MODULE.title }).waitFor();
  await page.getByText(/Available offline · \d/).waitFor();
  expect(await page.getByRole('button', { name: 'Update download' }).count()).toBe(0);
  await page.locator('.lesson-row').first().click();
  await page.getByText(NEW.second).waitFor();
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await page.getByText(NEW.first).waitFor();
  expect(await imageShown(page, NEW.picture)).toBe(true);
});

it('shows only the new version offline, and keeps no copy of the old one', async () => {
  const { page, context } = run.phone;
  await context.setOffline(true);
  await openModule(); // a cold navigation, served by the service worker
  await page.locator('.lesson-row').first().click();
  await page.getByRole('progressbar', { name: 'Lesson progress' }).waitFor();
  if (await page.getByText(NEW.second).isVisible())
    await page.getByRole('button', { name: 'Back', exact: true }).click();
  await page.getByText(NEW.first).waitFor();
  expect(await imageShown(page, NEW.picture)).toBe(true);
  expect(await page.getByText(OLD.first).count()).toBe(0);

  const newVersion = await downloadVersion();
  const copy = await deviceContent<{ module: LearningModule }>(page, `module:${MODULE.id}`);
  expect(copy?.module.version).toBe(newVersion);
  expect(await cachedPaths(page, OFFLINE_CACHE)).toEqual([NEW.file]);
  expect(await cachedPaths(page, MEDIA_CACHE)).not.toContain(OLD.file);
  const moduleResponses = (await cachedPaths(page, CONTENT_CACHE)).filter((p) =>
    p.startsWith(`/api/v1/modules/${MODULE.id}`),
  );
  expect(moduleResponses).toEqual([`/api/v1/modules/${MODULE.id}`]);
  const cached = await cachedJson<LearningModule>(page, CONTENT_CACHE, moduleResponses[0]!);
  expect(cached.version).toBe(newVersion);
  await context.setOffline(false);
});
