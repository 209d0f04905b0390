/**
 * Content in the learner's language, in the built app on a phone: a learner who picks German
 * reads German module titles, cards and pathway names; a download taken in German is German
 * offline; back online in English, the download becomes English on the next visit.
 */
import { expect, it } from 'vitest';
import { shot, type PhoneContext } from '../support/browser';
import { deviceContent } from '../support/offline';
import { serverAndPhone, learnerWithWorker } from '../support/phone-run';

const run = serverAndPhone();

const GERMAN_MODULE = 'Feedback, das ankommt';
const GERMAN_LESSON = 'Konkret werden: Situation, Verhalten, Wirkung';
/** The first lessons of the shipped German modules: home's "Continue" names one of them. */
const GERMAN_NEXT = /^(1:1s, die ihnen gehören|Konkret werden|Finde deinen Lernplatz)/;
const GERMAN_CARD = 'Das meiste Feedback scheitert, bevor es ausgesprochen ist.';

type Page = PhoneContext['page'];
const savedTitle = async (page: Page) =>
  (await deviceContent<{ module: { title: string } }>(page, 'module:giving-feedback'))?.module
    .title;

async function openGermanLesson(page: Page) {
  await page.goto(run.server.url);
  await page
    .getByRole('link', { name: new RegExp(`^${GERMAN_MODULE}`) })
    .first()
    .click();
  await page.getByRole('heading', { level: 1, name: GERMAN_MODULE }).waitFor();
  await shot(page, 'contentlang-module-de');
  await page.locator('.lesson-row').filter({ hasText: GERMAN_LESSON }).click();
  await page.getByText(GERMAN_CARD).waitFor();
}

it('shows a German learner German modules, cards and pathways, also offline', async () => {
  const { page, context } = run.phone;
  await learnerWithWorker(page, run.server.url);
  // Module titles start in the original.
  await page
    .getByRole('link', { name: /^Giving feedback that lands/ })
    .first()
    .waitFor();

  await page.getByRole('link', { name: 'Me', exact: true }).click();
  await page.getByLabel('Language').selectOption('de');
  await page.getByRole('link', { name: 'Lernen', exact: true }).click();
  await page.getByText('Grundlagen für neue Führungskräfte').first().waitFor();
  await page
    .getByRole('link', { name: new RegExp(`^${GERMAN_MODULE}`) })
    .first()
    .waitFor();
  // Untranslated modules keep their original title.
  await page
    .getByRole('link', { name: /^Writing a clear design doc/ })
    .first()
    .waitFor();
  await shot(page, 'contentlang-learn-de');
  await page.getByRole('link', { name: 'Heute', exact: true }).click();
  // "Continue" names the next lesson in German too.
  await expect.poll(() => page.locator('.continue-title').textContent()).toMatch(GERMAN_NEXT);
  await page.locator('.module-list').first().scrollIntoViewIfNeeded();
  await shot(page, 'contentlang-modules-de');

  await openGermanLesson(page);
  await shot(page, 'contentlang-lesson-de');

  await page.goto(run.server.url);
  await page
    .getByRole('link', { name: new RegExp(`^${GERMAN_MODULE}`) })
    .first()
    .click();
  await page.getByRole('button', { name: 'Für offline herunterladen' }).click();
  await page.getByText(/Offline verfügbar · \d/).waitFor();
  expect(await savedTitle(page)).toBe(GERMAN_MODULE);

  await context.setOffline(true);
  await openGermanLesson(page); // a cold navigation, served by the service worker
  await context.setOffline(false);
});

it('brings the download to English once the learner switches back online', async () => {
  const { page } = run.phone;
  await page.goto(run.server.url);
  await page.getByRole('link', { name: 'Ich', exact: true }).click();
  await page.getByLabel('Sprache').selectOption('en');
  await page.getByRole('link', { name: 'Today', exact: true }).click();
  await page
    .getByRole('link', { name: /^Giving feedback that lands/ })
    .first()
    .waitFor();
  await expect.poll(() => savedTitle(page), { timeout: 15_000 }).toBe('Giving feedback that lands');
  await page
    .getByRole('link', { name: /^Giving feedback that lands/ })
    .first()
    .click();
  await page.getByText(/Available offline · \d/).waitFor();
});
