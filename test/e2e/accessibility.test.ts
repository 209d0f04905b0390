/**
 * Accessibility of every screen a learner can reach, in the real Chromium: sign-in, home, the
 * roadmap with its pathway downloads, a module, a lesson card, a quiz with its feedback, the completion screen and the "Couldn't sync"
 * list — at phone (390 px) and laptop (1280 px) widths, each in light and dark mode. On each:
 * zero axe-core violations, every control at least 44 × 44 px, and text at 200% without
 * sideways scrolling or clipping. A second test walks sign-in → lesson → quiz → completion with
 * the keyboard only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
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

interface Finding {
  screen: string;
  scheme: string;
  problems: unknown[];
}

/** Runs every probe on the current screen in light and dark mode and collects what fails. */
async function audit(page: Page, screen: string, findings: Finding[]) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const axe = await axeViolations(page);
    const targets = await smallTargets(page);
    const overflow = await overflowAt200(page);
    for (const [kind, problems] of [
      ['axe', axe],
      ['targets', targets],
      ['200%', overflow],
    ] as const)
      if (problems.length)
        findings.push({ screen: `${screen} (${kind})`, scheme: colorScheme, problems });
  }
}

/** Rejects every event of the next sync the way the server does, so the list appears. */
async function rejectNextSync(page: Page) {
  await page.route('**/api/v1/sync', async (route) => {
    const body = route.request().postDataJSON() as { events: Array<{ id: string }> };
    await route.fulfill({
      json: {
        results: body.events.map((e) => ({ id: e.id, status: 'rejected', reason: 'too_old' })),
        serverTime: new Date().toISOString(),
        state: {
          xp: 0,
          streak: { current: 0, longest: 0, freezes: 0 },
          completedLessonIds: [],
          activeDays: [],
          lessons: {},
        },
        cursor: '0',
      },
    });
  });
}

describe.each([
  { width: 390, height: 844, mobile: true },
  { width: 1280, height: 800, mobile: false },
])('every learner screen at $width px', ({ width, height, mobile }) => {
  it('has no axe violations, small targets or overflow at 200% text, light and dark', async () => {
    const context = await browser.newContext({
      viewport: { width, height },
      isMobile: mobile,
      hasTouch: mobile,
      bypassCSP: true,
      // page.route must see the app's own requests, not the service worker's.
      serviceWorkers: 'block',
    });
    const page = await context.newPage();
    const findings: Finding[] = [];
    try {
      await page.goto(server.url);
      await page.getByLabel('Email').waitFor();
      await audit(page, 'sign-in', findings);

      await page.getByLabel('Email').fill('learner@demo.test');
      await page.getByLabel('Password').fill('learn-daily');
      await page.getByRole('button', { name: 'Sign in' }).click();
      const continueCard = page.getByRole('link', { name: /^Continue:/ });
      await continueCard.waitFor();
      await audit(page, 'home', findings);

      await page.getByRole('link', { name: 'Roadmap' }).first().click();
      await page.getByRole('heading', { name: 'Take a pathway with you' }).waitFor();
      await audit(page, 'roadmap', findings);
      await page.getByRole('link', { name: 'Back to home' }).click();
      await continueCard.waitFor();

      await page.locator('.module-card').first().click();
      await page.locator('.lesson-row').first().waitFor();
      await audit(page, 'module', findings);

      await page.locator('.lesson-row').first().click();
      await page.getByRole('progressbar', { name: 'Lesson progress' }).waitFor();
      await audit(page, 'lesson card', findings);

      let sawQuiz = false;
      for (let step = 0; step < 40; step++) {
        const check = page.getByRole('button', { name: 'Check answer' });
        if (await check.isVisible()) {
          if (!sawQuiz) await audit(page, 'quiz', findings);
          await page.locator('.option label').first().click();
          await check.click();
          await page.locator('.quiz-result .result').waitFor();
          if (!sawQuiz) await audit(page, 'quiz feedback', findings);
          sawQuiz = true;
        }
        const finish = page.getByRole('button', { name: 'Finish lesson' });
        if (await finish.isVisible()) {
          await finish.click();
          break;
        }
        await page.getByRole('button', { name: 'Next' }).click();
      }
      expect(sawQuiz).toBe(true);
      await page.getByRole('heading', { name: 'Lesson complete' }).waitFor();
      await audit(page, 'completion', findings);

      // A new event (opening another lesson) that the server refuses shows in the list.
      await rejectNextSync(page);
      await page.getByRole('link', { name: 'Back to the module' }).click();
      await page.locator('.lesson-row').nth(1).click();
      await page.getByRole('progressbar', { name: 'Lesson progress' }).waitFor();
      await page.getByRole('button', { name: 'Sync now' }).click();
      await page.getByText(/Couldn't sync/).click();
      await page.getByRole('button', { name: 'Dismiss' }).first().waitFor();
      await audit(page, 'couldn’t sync list', findings);
      expect(findings).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('the probes themselves', () => {
  it('catch a tiny unlabeled button, a low-contrast text and a page that scrolls sideways', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 700 } });
    await page.setContent(`<!doctype html><html lang="en"><title>t</title><body><main>
      <h1>Probe</h1><button style="width:20px;height:20px"></button>
      <p style="color:#ccc;background:#fff">faint</p>
      <div style="width:300px;white-space:nowrap">long words that do not wrap at all here</div>
      </main></body></html>`);
    const ids = (await axeViolations(page)).map((v) => v.id);
    expect(ids).toEqual(expect.arrayContaining(['button-name', 'color-contrast']));
    expect(await smallTargets(page)).toHaveLength(1);
    expect((await overflowAt200(page)).length).toBeGreaterThan(0);
    await page.close();
  });
});

/** Presses Tab until the focused element's accessible text matches, failing after 40 presses. */
async function tabTo(page: Page, name: RegExp) {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return '';
      const label = el.closest('label')?.textContent ?? '';
      return `${el.getAttribute('aria-label') ?? ''} ${el.textContent ?? ''} ${label} ${(el as HTMLInputElement).labels?.[0]?.textContent ?? ''}`;
    });
    if (name.test(focused)) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

describe('a keyboard-only learner', () => {
  it('signs in, takes a lesson with its quizzes and reaches the completion screen', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    try {
      await page.goto(server.url);
      await page.getByLabel('Email').waitFor();
      await tabTo(page, /Email/);
      await page.keyboard.type('learner@demo.test');
      await page.keyboard.press('Tab');
      await page.keyboard.type('learn-daily');
      await page.keyboard.press('Enter');
      await page.getByRole('link', { name: /^Continue:/ }).waitFor();

      await tabTo(page, /^\s*Continue:/);
      await page.keyboard.press('Enter');
      await page.getByRole('progressbar', { name: 'Lesson progress' }).waitFor();

      let quizzes = 0;
      for (let step = 0; step < 40; step++) {
        if (await page.getByRole('button', { name: 'Check answer' }).isVisible()) {
          // Space picks the first option, Enter on "Check answer" shows the feedback; any
          // answer, right or wrong, lets the learner go on.
          const first = await page.locator('.option label').first().innerText();
          await tabTo(page, new RegExp(escape(first)));
          await page.keyboard.press('Space');
          await tabTo(page, /Check answer/);
          await page.keyboard.press('Enter');
          await page.locator('.quiz-result .result').waitFor();
          quizzes++;
        }
        const last = await page.getByRole('button', { name: 'Finish lesson' }).isVisible();
        const position = await page.getByRole('progressbar').getAttribute('aria-valuenow');
        await tabTo(page, last ? /Finish lesson/ : /^\s*Next\s*$/);
        await page.keyboard.press('Enter');
        if (last) break;
        // Wait for the next card before looking at it, so no quiz card is skipped unanswered.
        await page.waitForFunction(
          (prev) =>
            document.querySelector('[role=progressbar]')?.getAttribute('aria-valuenow') !== prev,
          position,
        );
      }
      expect(quizzes).toBeGreaterThan(0);
      await page.getByRole('heading', { name: 'Lesson complete' }).waitFor();
      // Focus moved to the heading, so a screen reader announces the result.
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
        'Lesson complete',
      );
    } finally {
      await context.close();
    }
  });
});

const escape = (text: string) => text.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
