/**
 * The phone app shell (issue 18) at 390×844 in Chromium: the bottom tab bar and its current tab,
 * the header's sync indicator and its sheet (counting what waits as lessons), home's "Continue"
 * above the fold with the organisation's messages on home too, and the lesson player as a
 * focused screen whose way on is never below the fold, with swipes that move cards and never
 * the browser's history.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signIn, signOut } from '../support/browser';
import { answerFirstOption, finishOpenLesson } from '../support/lessons';
import { signedInPhone } from '../support/phone-run';
import type { RunningServer } from '../support/server';

/** While true, the server answers every sync with a 503. */
let syncFails = false;

const intercept = (request: Request) =>
  syncFails && new URL(request.url).pathname === '/api/v1/sync'
    ? Response.json({ error: { code: 'unavailable', message: 'down' } }, { status: 503 })
    : undefined;

// Home carries the organisation's messages too: a sponsor, a nudge, an assigned pathway.
const run = signedInPhone({ intercept }, { prepare: homeMessages });

async function homeMessages(server: RunningServer) {
  const now = Date.now();
  await server.store.setSponsorMessage({
    orgId: 'demo-co',
    sponsorUserId: null,
    name: 'Sam Sponsor',
    title: 'Chief People Officer',
    text: 'Learning is part of the job here. Take five minutes a day — it adds up to a career.',
    startsOn: '2000-01-01',
    endsOn: '2999-12-31',
  });
  await server.store.addNotification({
    id: 'n-shell',
    orgId: 'demo-co',
    userId: 'u-demo-learner',
    fromUserId: 'u-demo-manager',
    kind: 'nudge',
    text: 'Keep going with your lessons this week!',
    createdAt: now,
    readAt: null,
  });
}

const VIEWPORT = { width: 390, height: 844 };

/** The element's box lies wholly inside the viewport, with nothing else drawn over its centre. */
async function fullyVisible(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((el, vp) => {
    const r = el.getBoundingClientRect();
    const inside = r.top >= 0 && r.left >= 0 && r.bottom <= vp.height && r.right <= vp.width;
    const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return inside && !!top && (top === el || el.contains(top));
  }, VIEWPORT);
}

const currentTab = (page: Page) =>
  page.getByRole('navigation', { name: 'Main' }).locator('[aria-current="page"]').textContent();

describe('the tab bar', () => {
  it('gives a learner Today, Learn, Board and Me, marks the current one and moves with it', async () => {
    const { page } = run.phone;
    const tabs = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
    expect(await tabs.allTextContents()).toEqual(['Today', 'Learn', 'Board', 'Me']);
    expect(await currentTab(page)).toBe('Today');

    await page.getByRole('link', { name: 'Learn', exact: true }).click();
    await page.getByRole('heading', { name: 'Your roadmap' }).waitFor();
    expect(await currentTab(page)).toBe('Learn');

    await page.getByRole('link', { name: 'Board', exact: true }).click();
    await page.getByRole('heading', { name: 'Pilot cohort' }).waitFor();
    expect(await currentTab(page)).toBe('Board');

    // Rarely used settings live under Me, not on every screen.
    await page.getByRole('link', { name: 'Me', exact: true }).click();
    expect(await currentTab(page)).toBe('Me');
    const settings = page.getByRole('region', { name: 'Settings' });
    await settings.getByLabel('Language').waitFor();
    await settings.getByRole('button', { name: 'Sign out' }).waitFor();
    await settings.getByRole('link', { name: 'Account and signed-in devices' }).waitFor();
    await page.getByRole('link', { name: 'Today', exact: true }).click();
    expect(await page.getByLabel('Language').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
  });
});

describe('home', () => {
  it('shows "Continue" without scrolling, above the sponsor and the nudge, with one stats row', async () => {
    const { page } = run.phone;
    await page.getByText('Learning is part of the job here', { exact: false }).waitFor();
    await page.getByText('Keep going with your lessons this week!').waitFor();
    expect(await page.evaluate(() => scrollY)).toBe(0);
    expect(await fullyVisible(page, '.continue')).toBe(true);
    // Streak, goal and XP share one row.
    const middles = await page.locator('.habit-row > *').evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return r.top + r.height / 2;
      }),
    );
    expect(middles).toHaveLength(3);
    expect(Math.max(...middles) - Math.min(...middles)).toBeLessThan(4);
  });
});

describe('the lesson player', () => {
  it('is a focused screen whose Next, Check answer and Finish are always in view', async () => {
    const { page } = run.phone;
    await page.getByRole('link', { name: /^Continue:/ }).click();
    await page.getByRole('progressbar', { name: 'Lesson progress' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
    expect(await page.locator('header.topbar').count()).toBe(0);
    await page.getByRole('link', { name: 'Close lesson' }).waitFor();

    const count = Number(await page.getByRole('progressbar').getAttribute('aria-valuemax'));
    let quizzes = 0;
    for (let n = 1; n <= count; n++) {
      await expect
        .poll(() => page.getByRole('progressbar').getAttribute('aria-valuenow'))
        .toBe(`${n}`);
      expect(await fullyVisible(page, '.player-nav .button.primary'), `card ${n}`).toBe(true);
      if ((await answerFirstOption(page)) !== null) {
        quizzes++;
        expect(await fullyVisible(page, '.player-nav .button.primary')).toBe(true);
      }
      if (n < count) await page.getByRole('button', { name: 'Next' }).click();
    }
    expect(quizzes).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Finish lesson' }).waitFor();
  });

  it('goes forward on a left swipe and back on a right swipe, never through history', async () => {
    const { page, context } = run.phone;
    const url = page.url();
    const historyLength = await page.evaluate(() => history.length);
    const position = () => page.getByRole('progressbar').getAttribute('aria-valuenow');
    expect(await page.locator('.player').evaluate((el) => getComputedStyle(el).touchAction)).toBe(
      'pan-y',
    );
    expect(
      await page.evaluate(() => getComputedStyle(document.documentElement).overscrollBehaviorX),
    ).toBe('none');

    const cdp = await context.newCDPSession(page);
    const swipe = async (fromX: number, toX: number) => {
      const at = (x: number) => [{ x, y: 400, id: 1 }];
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(fromX) });
      for (let i = 1; i <= 5; i++)
        await cdp.send('Input.dispatchTouchEvent', {
          type: 'touchMove',
          touchPoints: at(fromX + ((toX - fromX) * i) / 5),
        });
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    };
    const last = await position();
    await swipe(40, 340); // right swipe: back one card
    await expect.poll(position).toBe(`${Number(last) - 1}`);
    await swipe(340, 40); // left swipe: forward again
    await expect.poll(position).toBe(last);
    expect(page.url()).toBe(url);
    expect(await page.evaluate(() => history.length)).toBe(historyLength);
  });
});

describe('the sync indicator', () => {
  it('says offline, counts a lesson taken offline as one lesson, and syncs from its sheet', async () => {
    const { page, context } = run.phone;
    const indicator = page.locator('.sync-indicator');
    await context.setOffline(true);
    await finishOpenLesson(page);
    await expect.poll(() => indicator.textContent()).toBe('Offline');

    await indicator.click();
    const sheet = page.getByRole('dialog', { name: 'Sync' });
    await expect.poll(() => sheet.getByRole('listitem').allTextContents()).toEqual(['1 lesson']);
    await sheet.getByRole('button', { name: 'Close' }).click();

    await context.setOffline(false);
    await expect.poll(() => indicator.textContent()).toBe('Up to date');
    await indicator.click();
    await sheet.getByText('Everything you did is on the server.').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => sheet.isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.className)).toContain(
      'sync-indicator',
    );

    // A server that fails shows as a problem, with its reason and "Sync now" in the sheet.
    syncFails = true;
    await page.getByRole('link', { name: 'Today', exact: true }).click();
    await page.getByRole('button', { name: '2 lessons' }).click(); // a change to sync
    await indicator.click();
    await sheet.getByRole('listitem').filter({ hasText: '1 changed setting' }).waitFor();
    await sheet.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => indicator.textContent()).toBe('Sync problem');
    syncFails = false;
    await sheet.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => indicator.textContent()).toBe('Up to date');
    await sheet.getByText('Everything you did is on the server.').waitFor();
    await sheet.getByRole('button', { name: 'Close' }).click();
  });
});

describe('a manager', () => {
  it('gets their team as a tab too', async () => {
    const { page } = run.phone;
    await signOut(page);
    await signIn(page, run.server.url, 'manager@demo.test', 'learn-daily');
    await page.getByRole('link', { name: 'Team', exact: true }).click();
    expect(await currentTab(page)).toBe('Team');
  });
});
