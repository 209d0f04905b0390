/**
 * Accessibility of every screen of every role, in the real Chromium, at phone (390 px) and laptop
 * (1280 px) widths, each in light and dark mode: zero axe-core violations, every control at least
 * 44 × 44 px, text at 200% without sideways scrolling or clipping, keyboard focus never hidden
 * under the header or the sync bar (WCAG 2.4.11), and nothing moving when reduced motion is asked
 * for (the probes live in test/support/a11y.ts and are tested at the end of this file).
 *
 * - The learner's walk: sign-in, home, the roadmap with its pathway downloads, a module, a lesson card, a quiz with its feedback, the
 *   completion screen and the "Couldn't sync" list.
 * - Every other screen, table-driven (`screens` below): the learner's roadmap, review, leaderboard,
 *   profile, account and "not found"; the manager's home, team, 1:1 script (after assigning a
 *   pathway), cohort challenge and account with the goal; the admin's programme screen (goal,
 *   sponsor message, people with a reset link, cohorts, an invite, an upload with its problems),
 *   team, pilot dashboard (a seeded pilot, so charts and tables render, with HR rows to fix) and
 *   checklist; the set-up form of an org without a pilot; the join and reset-password doors.
 * - States after interaction, not only first paint: a pressed time pill with its picks, home
 *   offline, a refused sign-in, an expanded person row, quiz feedback, the "Couldn't sync" list.
 *
 * One server and one browser; one context per width and role, switching light and dark with
 * `emulateMedia({ colorScheme })` on each screen. A last test walks sign-in → lesson → quiz →
 * completion with the keyboard only.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  axeViolations,
  hiddenWhenFocused,
  motionWhenReduced,
  overflowAt200,
  smallTargets,
} from '../support/a11y';
import { typeSignIn } from '../support/phone-run';
import { run, useEveryScreen } from '../support/accessibility-run';

useEveryScreen();

describe('the probes themselves', () => {
  it('catch a tiny unlabeled button, a low-contrast text and a page that scrolls sideways', async () => {
    const page = await run.browser.newPage({ viewport: { width: 390, height: 700 } });
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

  it('catch a control that focus leaves under a fixed bar, and motion that ignores the wish for less', async () => {
    const page = await run.browser.newPage({ viewport: { width: 390, height: 700 } });
    await page.setContent(`<!doctype html><html lang="en"><title>t</title><body><main>
      <p style="height:560px">Intro</p><button>Under the bar</button>
      <p style="transition:color 0.3s">fades</p>
      </main><footer style="position:fixed;bottom:0;left:0;right:0;height:40%">bar</footer>
      </body></html>`);
    expect(await hiddenWhenFocused(page)).toEqual(
      expect.arrayContaining([expect.stringContaining('Under the bar')]),
    );
    expect(await motionWhenReduced(page)).toEqual(['p.']);
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
    const context = await run.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    try {
      await page.goto(run.server.url);
      await page.getByLabel('Email').waitFor();
      await tabTo(page, /Email/);
      await typeSignIn(page);
      await page.getByRole('link', { name: /^Continue:/ }).waitFor();

      await tabTo(page, /^\s*Continue:/);
      await page.keyboard.press('Enter');
      await page.getByRole('progressbar', { name: 'Lesson progress' }).waitFor();
      await page.waitForFunction(() =>
        document.activeElement?.classList.contains('lesson-heading'),
      );

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
        // Wait for the next card before looking at it, so no quiz card is skipped unanswered,
        // and for its heading to take focus (after paint), as a screen reader user hears it.
        await page.waitForFunction(
          (prev) =>
            document.querySelector('[role=progressbar]')?.getAttribute('aria-valuenow') !== prev &&
            document.activeElement?.classList.contains('lesson-heading'),
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
