/**
 * The language follows the browser (a German Chromium gets German screens), can be changed in
 * the account area, and the choice survives a reload.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { axeViolations, overflowAt200, smallTargets } from '../support/a11y';
import { CHROMIUM_ARGS, executablePath } from '../support/browser';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a learner whose browser speaks German', () => {
  it('sees German, switches to English, and keeps that choice', async () => {
    const context = await browser.newContext({
      locale: 'de-DE',
      serviceWorkers: 'block',
      bypassCSP: true, // for axe-core
      viewport: { width: 390, height: 844 },
    });
    const page = await context.newPage();
    try {
      await page.goto(server.url);
      await page.getByRole('heading', { name: 'Jeden Tag ein bisschen lernen' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
      await page.getByLabel('E-Mail').fill('learner@demo.test');
      await page.getByLabel('Passwort').fill('learn-daily');
      await page.getByRole('button', { name: 'Anmelden' }).click();
      await page.getByRole('heading', { name: /Hallo Lena/ }).waitFor();
      await expect
        .poll(() => page.locator('.module-card').first().textContent())
        .toMatch(/Lektionen · \d+ Min\./);

      // The longer German words still fit a phone at 200% text, and pass axe.
      expect(await axeViolations(page)).toEqual([]);
      expect(await smallTargets(page)).toEqual([]);
      expect(await overflowAt200(page)).toEqual([]);

      await page.getByLabel('Sprache').selectOption('en');
      await page.getByRole('heading', { name: /Hi Lena/ }).waitFor();
      await page.reload();
      await page.getByRole('heading', { name: /Hi Lena/ }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      await page.getByRole('button', { name: 'Sync now' }).waitFor();
    } finally {
      await context.close();
    }
  });
});
