/**
 * Updates: after a new build is deployed, an open app shows "A new version is ready" with a
 * Reload action; until then it keeps running the old build, and after Reload it runs the new one.
 * The "deploy" rewrites a copy of dist/: a changed index.html and the worker's precache revision.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openPhone, type PhoneContext } from '../support/browser';
import { learnerWithWorker } from '../support/phone-run';
import { ROOT, startServer, type RunningServer } from '../support/server';

let site: string;
let server: RunningServer;
let phone: PhoneContext;

beforeAll(async () => {
  site = mkdtempSync(join(tmpdir(), 'kindling-site-'));
  cpSync(join(ROOT, 'dist'), site, { recursive: true });
  server = await startServer({ staticDir: site });
  phone = await openPhone();
});
afterAll(async () => {
  await phone?.close();
  await server?.close();
  rmSync(site, { recursive: true, force: true });
});

function deployBuild(marker: string) {
  const index = join(site, 'index.html');
  writeFileSync(
    index,
    readFileSync(index, 'utf8').replace(
      '</head>',
      `<meta name="kindling-build" content="${marker}"></head>`,
    ),
  );
  const sw = join(site, 'sw.js');
  writeFileSync(
    sw,
    readFileSync(sw, 'utf8').replace(
      /"revision":"[0-9a-f]+","url":"index.html"/,
      `"revision":"build-${marker}","url":"index.html"`,
    ),
  );
}

const build = (page: PhoneContext['page']) =>
  page.evaluate(
    () => document.querySelector('meta[name="kindling-build"]')?.getAttribute('content') ?? null,
  );

it('offers the new version with a Reload action and runs it only after Reload', async () => {
  const { page } = phone;
  await learnerWithWorker(page, server.url);
  expect(await page.getByText('A new version is ready').count()).toBe(0);

  deployBuild('2');
  await page.reload(); // a navigation makes the browser check for a new worker
  const prompt = page.getByRole('alert').filter({ hasText: 'A new version is ready' });
  await prompt.waitFor();
  expect(await build(page)).toBeNull(); // still the old shell: no mix of versions

  await prompt.getByRole('button', { name: 'Reload' }).click();
  await expect.poll(() => build(page)).toBe('2');
  await page.getByRole('heading', { name: /Hi Lena/ }).waitFor();
  expect(await page.getByText('A new version is ready').count()).toBe(0);
});
