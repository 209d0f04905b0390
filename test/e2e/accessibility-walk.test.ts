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
import {
  run,
  type Finding,
  report,
  audit,
  widths,
  openContext,
  rejectNextSync,
  useEveryScreen,
} from '../support/accessibility-run';

useEveryScreen();

describe.each(widths)("the learner's walk at $width px", (size) => {
  it('every probe passes on every screen, light and dark', async () => {
    const context = await openContext(size);
    const page = await context.newPage();
    const findings: Finding[] = [];
    try {
      await page.goto(run.server.url);
      await page.getByLabel('Email').waitFor();
      await audit(page, 'sign-in', findings);

      await page.getByLabel('Email').fill('learner@demo.test');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByLabel('Password').fill('learn-daily');
      await page.getByRole('button', { name: 'Sign in' }).click();
      const continueCard = page.getByRole('link', { name: /^Continue:/ });
      await continueCard.waitFor();
      await audit(page, 'home', findings);

      await page.getByRole('link', { name: 'Learn', exact: true }).click();
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
      // The player is a focused screen: close it to reach the header's sync indicator.
      await page.getByRole('link', { name: 'Close lesson' }).click();
      await page.locator('.sync-indicator').click();
      await page.getByRole('button', { name: 'Sync now' }).click();
      await page.getByText(/Couldn't sync/).click();
      await page.getByRole('button', { name: 'Dismiss' }).first().waitFor();
      await audit(page, 'couldn’t sync list', findings);
      expect(findings, report(findings)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
