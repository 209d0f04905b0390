/**
 * The setup most browser tests share: the real server (`startServer`) and a phone-sized Chromium
 * profile, started before a file's tests and closed after them. `prepare` runs in between, for
 * data the app must find when it first loads; `ready` runs once the phone is open. Read
 * `run.server` and `run.phone` inside tests. `signedInPhone` also signs the demo learner in;
 * `serverAndBrowser` gives a headless Chromium instead, for tests that make their own contexts.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import {
  CHROMIUM_ARGS,
  executablePath,
  openPhone,
  signIn,
  syncNow,
  waitForServiceWorker,
  type PhoneContext,
} from './browser';
import { outboxEvents } from './lessons';
import { startServer, type RunningServer } from './server';

export interface PhoneRun {
  server: RunningServer;
  phone: PhoneContext;
}

/**
 * Before the file's tests: the server, `prepare` on it, then `open` as `run[key]` and `ready`;
 * after them, both closed.
 */
function serverAnd<K extends 'phone' | 'browser', T extends { close(): Promise<void> }>(
  key: K,
  open: () => Promise<T>,
  options: Parameters<typeof startServer>[0],
  prepare?: (server: RunningServer) => Promise<void>,
  ready?: (run: { server: RunningServer } & Record<K, T>) => Promise<void>,
): { server: RunningServer } & Record<K, T> {
  const run = {} as { server: RunningServer } & Record<K, T>;
  const opened = run as Partial<Record<K, T>>;
  beforeAll(async () => {
    run.server = await startServer(options);
    await prepare?.(run.server);
    opened[key] = await open();
    await ready?.(run);
  });
  afterAll(async () => {
    await opened[key]?.close();
    await run.server?.close();
  });
  return run;
}

export function serverAndPhone(
  options: Parameters<typeof startServer>[0] = {},
  prepare?: (server: RunningServer) => Promise<void>,
  ready?: (run: PhoneRun) => Promise<void>,
): PhoneRun {
  return serverAnd('phone', openPhone, options, prepare, ready);
}

/** The real server and a headless Chromium of the test's own, for contexts made per test. */
export function serverAndBrowser(
  options: Parameters<typeof startServer>[0] = {},
  prepare?: (server: RunningServer) => Promise<void>,
): { server: RunningServer; browser: Browser } {
  return serverAnd(
    'browser',
    () => chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS }),
    options,
    prepare,
  );
}

/**
 * `serverAndPhone`, then the demo learner signed in with home's "Continue" link showing.
 * `beforeSignIn` runs on the open phone first (to install a clock, say).
 */
export function signedInPhone(
  options: Parameters<typeof startServer>[0] = {},
  steps: {
    prepare?: (server: RunningServer) => Promise<void>;
    beforeSignIn?: (phone: PhoneContext) => Promise<void>;
  } = {},
): PhoneRun {
  return serverAndPhone(options, steps.prepare, async ({ server, phone }) => {
    await steps.beforeSignIn?.(phone);
    await signIn(phone.page, server.url);
    await phone.page.getByRole('link', { name: /^Continue:/ }).waitFor();
  });
}

/**
 * Signed in, the service worker in control, the first module opened once online (so its lessons
 * are on the device) and synced: where the offline tests start.
 */
export async function openedOnceOnline(page: Page, url: string): Promise<void> {
  await signIn(page, url);
  await waitForServiceWorker(page);
  await page.getByRole('link', { name: /^Continue:/ }).click();
  await page.getByRole('progressbar', { name: 'Lesson progress' }).waitFor();
  await page.goto(url);
  await syncNow(page);
  await expect.poll(() => page.locator('.sync-indicator').textContent()).toContain('Up to date');
  await expect.poll(() => outboxEvents(page)).toEqual([]);
}

/** Signs the demo learner in at `url` and waits for her home and the service worker in control. */
export async function learnerWithWorker(page: Page, url: string): Promise<void> {
  await signIn(page, url);
  await page.getByRole('heading', { name: /Hi Lena/ }).waitFor();
  await waitForServiceWorker(page);
}

/**
 * Signs the demo learner in with the keyboard alone, from focus in the Email field: the email,
 * Enter, the password field taking focus at once, the password, Enter.
 */
export async function typeSignIn(page: Page): Promise<void> {
  await page.keyboard.type('learner@demo.test');
  await page.keyboard.press('Enter'); // email first: the password field comes next, focused
  const password = page.getByLabel('Password');
  await expect.poll(() => password.evaluate((el) => el === document.activeElement)).toBe(true);
  await page.keyboard.type('learn-daily');
  await page.keyboard.press('Enter');
}
