/**
 * Accessibility of the learner's walk, in the real Chromium, at phone (390 px) and laptop
 * (1280 px) widths, each in light and dark mode, with the probes of accessibility-screens.test.ts
 * (test/support/a11y.ts): sign-in, home, the roadmap with its pathway downloads, a module, a
 * lesson card, a quiz with its feedback, the completion screen and the "Couldn't sync" list.
 */
import { describe, expect, it } from 'vitest';
import {
  run,
  audit,
  widths,
  auditWalk,
  rejectNextSync,
  useEveryScreen,
} from '../support/accessibility-run';

useEveryScreen();

describe.each(widths)("the learner's walk at $width px", (size) => {
  it('every probe passes on every screen, light and dark', () =>
    auditWalk(size, async (page, findings) => {
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
    }));
});
