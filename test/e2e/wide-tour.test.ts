/**
 * With KINDLING_SHOTS=<dir>: screenshots of home, learn, board, me, admin and pilot at 390×844,
 * 768×1024 and 1280×800, in English and German, saved as wide-<locale>-<width>-<screen>.png (what the
 * screen shows) and …-full.png (the whole page) to look at.
 * Without it, the tour is skipped.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, executablePath, signInAnyLocale } from '../support/browser';
import { startDemoPilot } from '../support/pilot';
import { startServer, type RunningServer } from '../support/server';

const dir = process.env.KINDLING_SHOTS;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  if (!dir) return;
  server = await startServer();
  await startDemoPilot(server);
  browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function visit(page: Page, path: string, name: string) {
  await page.evaluate((p) => {
    history.pushState(null, '', p);
    dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await page.waitForTimeout(700);
  await page.screenshot({ path: `${dir}/${name}.png` });
  await page.screenshot({ path: `${dir}/${name}-full.png`, fullPage: true });
}

const sizes = [
  { width: 390, height: 844 },
  { width: 768, height: 1024 },
  { width: 1280, height: 800 },
];

describe.skipIf(!dir)('screenshots', () => {
  for (const locale of ['en', 'de'])
    for (const viewport of sizes)
      it(`${locale} at ${viewport.width}`, async () => {
        const context = await browser.newContext({ locale, viewport, serviceWorkers: 'block' });
        const page = await context.newPage();
        const tag = `wide-${locale}-${viewport.width}`;
        try {
          await signInAnyLocale(page, server.url, 'learner@demo.test');
          await visit(page, '/', `${tag}-home`);
          await visit(page, '/roadmap', `${tag}-learn`);
          await visit(page, '/leaderboard', `${tag}-board`);
          await visit(page, '/profile', `${tag}-me`);
          await context.clearCookies();
          await signInAnyLocale(page, server.url, 'admin@demo.test');
          await visit(page, '/admin', `${tag}-admin`);
          await visit(page, '/pilot', `${tag}-pilot`);
        } finally {
          await context.close();
        }
      }, 60_000);
});
