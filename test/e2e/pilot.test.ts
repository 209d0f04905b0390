/**
 * The admin's pilot dashboard on a phone: set a pilot up, read the weekly chart and the same
 * numbers in its table, see a manager's nudge counted, tick the checklist (and find it ticked
 * after a reload), and check that a learner never downloads the pilot screens.
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/core/calendar';
import { uuidv7 } from '../../src/core/uuidv7';
import type { ProgressEvent } from '../../src/core/events';
import { signIn, waitForServiceWorker, signOut } from '../support/browser';
import { serverAndPhone } from '../support/phone-run';
import { sessionCookie } from '../support/sessions';

const today = new Date().toISOString().slice(0, 10);

const run = serverAndPhone({}, async (server) => {
  const lessonId = (await server.store.getCatalog()).modules[0]!.lessons[0]!.id;
  const at = new Date(Date.now() - 3_600_000).toISOString();
  const event: ProgressEvent = {
    id: uuidv7(),
    type: 'lesson_completed',
    lessonId,
    durationMs: 120_000,
    occurredAt: at,
    tz: 'Europe/Berlin',
    deviceId: 'device-e2e-pilot',
    seq: 1,
  };
  await server.store.ingest('u-demo-learner', [
    {
      event,
      body: JSON.stringify(event),
      correctedAt: Date.parse(at),
      receivedAt: Date.now(),
    },
  ]);
});

describe('the pilot dashboard', () => {
  it('is never downloaded by a learner', async () => {
    const { page } = run.phone;
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    await signIn(page, run.server.url);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Learn' })
      .waitFor();
    expect(await page.getByRole('link', { name: 'Pilot' }).count()).toBe(0);
    await waitForServiceWorker(page);
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys())
        for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
      return urls;
    });
    expect(cached.length).toBeGreaterThan(0);
    // Nothing of a lazy area (assets/areas/, scripts/areas.mjs): not fetched, not precached.
    expect([...requested, ...cached].filter((u) => /\/assets\/areas\//.test(u))).toEqual([]);
    expect(cached.some((u) => /\/assets\/index-/.test(u))).toBe(true);
    await signOut(page);
    await page.getByLabel('Email').waitFor();
  });

  it('lets an admin set up a pilot and read it on a phone', async () => {
    const { page } = run.phone;
    // Max (in the pilot cohort) nudges Lena: one nudge in the pilot group this week.
    const nudge = await fetch(`${run.server.url}/api/v1/team/u-demo-learner/nudge`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: await sessionCookie(run.server.store, 'u-demo-manager'),
        origin: run.server.url,
      },
      body: '{}',
    });
    expect(nudge.status).toBe(201);
    await page.getByLabel('Email').fill('admin@demo.test');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('Password').fill('learn-daily');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Pilot' }).click();

    await page.getByRole('heading', { name: 'Set up a pilot' }).waitFor();
    await page.getByLabel('Name').fill('Autumn pilot');
    await page.getByLabel('Start date').fill(addDays(today, -7));
    await page.getByLabel('Pilot cohort').check();
    await page.getByRole('button', { name: 'Create the pilot' }).click();

    await page.getByRole('heading', { name: 'Autumn pilot' }).waitFor();
    await expect.poll(() => page.getByText(/not proof/).count()).toBeGreaterThan(0);
    // The chart is an image with a name and a description that states the latest numbers…
    const chart = page.getByRole('img', { name: /Weekly active learners, pilot vs comparison/ });
    await chart.waitFor();
    // The pilot cohort has four people (two managers, two learners); one learned this week.
    expect(await chart.locator('desc').textContent()).toMatch(/Week 2: pilot 25%, comparison 0%/);
    // …and the same numbers sit in the table beside it: learner active, manager not; admin not.
    const table = page.getByRole('table', { name: 'Weekly active learners by week' });
    expect(await table.getByRole('row').nth(2).innerText()).toMatch(/2\s+25%\s+0%/);
    expect(await page.getByText('Weekly active learners (%) ≥ 70: 25 — not met yet').count()).toBe(
      1,
    );
    const engagement = page.getByRole('table', { name: 'Manager engagement by week' });
    expect(await engagement.locator('tbody').nth(1).getByRole('row').first().innerText()).toMatch(
      /^2\s+Pilot\s+0\s+0\s+1$/,
    );
    // Readable on a phone: nothing wider than the screen.
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1),
    ).toBe(true);
    expect(await page.getByRole('link', { name: /All learning events/ }).getAttribute('href')).toBe(
      '/api/v1/pilot/export/events.csv',
    );
  });

  it('keeps the checklist ticked', async () => {
    const { page } = run.phone;
    await page.getByRole('link', { name: 'Checklist' }).click();
    await page.getByRole('heading', { name: 'Running Autumn pilot' }).waitFor();
    const launch = page.getByRole('checkbox', { name: /Launch to learners/ });
    await launch.check();
    await page.getByText('1 of 6 steps done').waitFor();
    await page.reload();
    await page.getByText('1 of 6 steps done').waitFor();
    expect(await page.getByRole('checkbox', { name: /Launch to learners/ }).isChecked()).toBe(true);
  });
});
