/**
 * The system Chromium driven by playwright-core (CHROME_PATH wins when set). Persistent contexts
 * are used where Chromium only reports installability for them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

/** Headless system Chromium with a phone's screen (390 × 844, touch): what a phone profile launches with. */
export const PHONE_LAUNCH = {
  executablePath,
  headless: true,
  args: CHROMIUM_ARGS,
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
};

export interface PhoneContext {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** A phone-sized persistent browser profile (service workers, IndexedDB and installability all work). */
export async function openPhone(): Promise<PhoneContext> {
  const profile = mkdtempSync(join(tmpdir(), 'kindling-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    ...PHONE_LAUNCH,
    deviceScaleFactor: 2,
    // The phone lives where the demo learners do: its days are the days the server counts.
    timezoneId: 'Europe/Berlin',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function signIn(
  page: Page,
  baseUrl: string,
  email = 'learner@demo.test',
  password = 'learn-daily',
) {
  await page.goto(baseUrl);
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Waits until the service worker controls the page, so the next reload can be served offline. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller)
      await new Promise<void>((r) =>
        navigator.serviceWorker.addEventListener('controllerchange', () => r(), { once: true }),
      );
  });
}

/** Opens the sync sheet from the header's indicator, presses "Sync now" and closes the sheet. */
export async function syncNow(page: Page, timeout?: number): Promise<void> {
  await page.locator('.sync-indicator').click({ timeout });
  await page.getByRole('button', { name: 'Sync now' }).click({ timeout });
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click({ timeout });
}

/** Signs out from the Me tab, where the rarely used settings live. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Me', exact: true }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  // Done when the sign-in screen shows: a navigation before then could race the sign-out.
  await page.getByLabel('Email').waitFor();
}

/** With KINDLING_SHOTS=<dir>, saves a screenshot of the phone screen there to look at. */
export async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.KINDLING_SHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png` });
}

/** Signs in whatever the page's language: by the fields' types, not their (translated) labels. */
export async function signInAnyLocale(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(baseUrl);
  await page.locator('input[type=email]').fill(email);
  await page.locator('button[type=submit]').click();
  await page.locator('input[type=password]').fill('learn-daily');
  await page.locator('button[type=submit]').click();
  await page.locator('.tabbar').waitFor();
}
