/**
 * Cold and warm start of the lesson player in the system Chromium: the time from navigation
 * start to the first lesson card on screen, for a signed-in learner on a phone-sized page.
 *
 * - cold: no service worker and an empty HTTP cache, so the shell, the bundle and the module come
 *   from the network (the learner's device data in IndexedDB stays, as it would);
 * - warm: the service worker controls the page and serves the precached shell.
 * - baseline: navigating to a static PNG from the same server in the same browser, the cost of
 *   a bare round trip and paint on this machine at this moment.
 *
 * Each figure is the median of SAMPLES loads; the ratios to the baseline are what to compare
 * between runs, since the machine's speed varies. Run: `npm run build && npx tsx bench/start.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { PHONE_LAUNCH, waitForServiceWorker } from '../test/support/browser';
import { startServer } from '../test/support/server';
import { writeFiguresWhenRun } from './figures';

const SAMPLES = Number(process.env.START_SAMPLES ?? 5);

// Runs in the page before any app script: notes when the first lesson card is in the DOM and laid out.
const firstCardProbe = () => {
  const w = window as unknown as { __firstCard?: number };
  new MutationObserver((_, observer) => {
    if (document.querySelector('.lesson-card')) {
      requestAnimationFrame(() => (w.__firstCard = performance.now()));
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
};

async function timeToFirstCard(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await page.waitForFunction(() => (window as { __firstCard?: number }).__firstCard !== undefined);
  return await page.evaluate(() => (window as unknown as { __firstCard: number }).__firstCard);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function startFigures() {
  const server = await startServer();
  const profile = mkdtempSync(join(tmpdir(), 'kindling-start-'));
  const context = await chromium.launchPersistentContext(profile, {
    ...PHONE_LAUNCH,
  });
  try {
    await context.addInitScript(firstCardProbe);
    const page = context.pages()[0] ?? (await context.newPage());
    const cdp = await context.newCDPSession(page);
    await page.goto(server.url);
    await page.getByLabel('Email').fill('learner@demo.test');
    await page.getByLabel('Password').fill('learn-daily');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const next = page.getByRole('link', { name: /^Continue:/ });
    await next.waitFor();
    const lessonUrl = server.url + (await next.getAttribute('href'))!;

    const baseline: number[] = [];
    const cold: number[] = [];
    const warm: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      await cdp.send('Network.clearBrowserCache');
      await page.goto(`${server.url}/icons/icon-192.png?sample=${i}`, { waitUntil: 'load' });
      baseline.push(
        await page.evaluate(
          () =>
            (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming)
              .loadEventStart,
        ),
      );
    }
    for (let i = 0; i < SAMPLES; i++) {
      await page.goto(server.url + '/icons/icon-192.png');
      await page.evaluate(async () => {
        for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister();
        for (const key of await caches.keys()) await caches.delete(key);
      });
      await cdp.send('Network.clearBrowserCache');
      cold.push(await timeToFirstCard(page, lessonUrl));
    }
    await page.goto(lessonUrl);
    await waitForServiceWorker(page);
    for (let i = 0; i < SAMPLES; i++) {
      await cdp.send('Network.clearBrowserCache');
      warm.push(await timeToFirstCard(page, lessonUrl));
    }
    const ms = (x: number) => Math.round(x);
    const b = median(baseline);
    return {
      samples: SAMPLES,
      baselineStaticMs: ms(b),
      coldFirstCardMs: ms(median(cold)),
      warmFirstCardMs: ms(median(warm)),
      ratio: {
        coldToBaseline: Math.round((median(cold) / b) * 10) / 10,
        warmToBaseline: Math.round((median(warm) / b) * 10) / 10,
        warmToCold: Math.round((median(warm) / median(cold)) * 100) / 100,
      },
    };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await server.close();
  }
}

await writeFiguresWhenRun(import.meta.url, 'start', startFigures);
