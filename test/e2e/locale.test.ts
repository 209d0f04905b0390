/**
 * The language follows the browser (a German Chromium gets German screens), can be changed in
 * the account area, and the choice survives a reload. What the server says (a refused sign-in)
 * is worded in German too. The lazily loaded manager, roadmap and
 * pilot screens speak German too, with German numbers and dates.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, overflowAt200, smallTargets } from '../support/a11y';
import { serverAndBrowser } from '../support/phone-run';

const run = serverAndBrowser();

describe('a learner whose browser speaks German', () => {
  it('sees German, switches to English, and keeps that choice', async () => {
    const context = await run.browser.newContext({
      locale: 'de-DE',
      serviceWorkers: 'block',
      bypassCSP: true, // for axe-core
      viewport: { width: 390, height: 844 },
    });
    const page = await context.newPage();
    try {
      await page.goto(run.server.url);
      await page.getByRole('heading', { name: 'Jeden Tag ein bisschen lernen' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
      await page.getByLabel('E-Mail').fill('learner@demo.test');
      await page.getByRole('button', { name: 'Weiter' }).click();
      // The server's refusal, worded in German from its phrase.
      await page.getByLabel('Passwort').fill('not-my-password');
      await page.getByRole('button', { name: 'Anmelden' }).click();
      await page.getByText('E-Mail-Adresse und Passwort passen nicht zusammen.').waitFor();
      await page.getByLabel('Passwort').fill('learn-daily');
      await page.getByRole('button', { name: 'Anmelden' }).click();
      await page.getByRole('heading', { name: /Hallo Lena/ }).waitFor();
      await expect
        .poll(() => page.locator('.module-card').first().textContent())
        .toMatch(/Lektionen · \d+ Min\./);

      // The longer German words still fit a phone at 200% text, and pass axe.
      expect(await axeViolations(page)).toEqual([]);
      expect(await smallTargets(page)).toEqual([]);
      expect(await overflowAt200(page)).toEqual([]);

      // The language is a setting under Me ("Ich").
      await page.getByRole('link', { name: 'Ich', exact: true }).click();
      expect(await overflowAt200(page)).toEqual([]);
      await page.getByLabel('Sprache').selectOption('en');
      await page.getByRole('heading', { name: 'Settings' }).waitFor();
      await page.getByRole('link', { name: 'Today', exact: true }).click();
      await page.reload();
      await page.getByRole('heading', { name: /Hi Lena/ }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      await page.getByRole('button', { name: /^Sync status: Up to date/ }).waitFor();
    } finally {
      await context.close();
    }
  });
});

describe('a manager and an admin whose browsers speak German', () => {
  const germanPage = async () => {
    const context = await run.browser.newContext({
      locale: 'de-DE',
      serviceWorkers: 'block',
      viewport: { width: 390, height: 844 },
    });
    return { context, page: await context.newPage() };
  };
  const signInGerman = async (page: Page, email: string) => {
    await page.goto(run.server.url);
    await page.getByLabel('E-Mail').fill(email);
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByLabel('Passwort').fill('learn-daily');
    await page.getByRole('button', { name: 'Anmelden' }).click();
  };

  it('see the team, a 1:1 and the roadmap in German', async () => {
    const { context, page } = await germanPage();
    try {
      await signInGerman(page, 'manager@demo.test');
      await page.getByRole('link', { name: 'Team' }).click();
      await page.getByRole('heading', { name: 'Dein Team' }).waitFor();
      await page.getByLabel(/^Nur gefährdete Personen \(\d+\)$/).waitFor();
      const row = page.locator('.team-row').filter({ hasText: 'Lena Learner' });
      expect(await row.textContent()).toMatch(/\d+-Tage-Serie · \d+ Lektion(en)? diese Woche/);

      await page.getByRole('link', { name: 'Lena Learner: 1:1 öffnen' }).click();
      await page.getByRole('heading', { name: '1:1 mit Lena Learner' }).waitFor();
      await page.getByRole('heading', { name: 'Wo es hakt' }).waitFor();
      // The 1:1 script the server composed, worded in German from its phrases.
      await page.getByText('Sag Lena, was dir aufgefallen ist und was du schätzt').waitFor();
      await page.getByLabel('Fälligkeitsdatum', { exact: true }).fill('2099-03-31');
      await page.getByRole('button', { name: 'Lernpfad zuweisen' }).click();
      await page.getByRole('status').filter({ hasText: 'Zugewiesen.' }).waitFor();
      // The assignment's due date, as Germans write it.
      await page
        .getByText(/fällig am 31\.03\.2099/)
        .first()
        .waitFor();
      // …and in the script's "stuck" list, which the server sends as a phrase with its date.
      await page.getByText(/^„.+“ noch nicht begonnen \(fällig am 31\.03\.2099\)$/).waitFor();
      expect(await page.locator('main').innerText()).not.toMatch(/\{\w+\}/); // all filled in

      await page.getByRole('link', { name: 'Lernen' }).click();
      await page.getByRole('heading', { name: 'Deine Roadmap' }).waitFor();
      await page.getByLabel('Karrierepfad').waitFor();
      await page.getByRole('link', { name: 'Zurück zur Startseite' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('sets up a pilot on a German screen, with the report’s notes and checklist in German', async () => {
    const { context, page } = await germanPage();
    try {
      await signInGerman(page, 'admin@demo.test');
      await page.getByRole('link', { name: 'Admin', exact: true }).click();
      await page.getByRole('heading', { name: 'Programmverwaltung' }).waitFor();
      await page.getByRole('heading', { name: 'Personen einladen' }).waitFor();

      await page.getByRole('link', { name: 'Pilot', exact: true }).click();
      await page.getByRole('heading', { name: 'Pilot einrichten' }).waitFor();
      await page.getByLabel('Name').fill('Herbstpilot');
      const start = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
      await page.getByLabel('Startdatum').fill(start);
      await page.getByLabel('Pilot cohort').check();
      await page.getByRole('button', { name: 'Pilot anlegen' }).click();
      await page.getByRole('heading', { name: 'Herbstpilot' }).waitFor();
      const germanStart = start.split('-').reverse().join('.'); // e.g. 05.01.2026
      await page.getByText(new RegExp(`^${germanStart} bis \\S+ · \\d+ im Pilot`)).waitFor();
      await page.getByRole('heading', { name: 'Woche für Woche' }).waitFor();
      await page.getByRole('table', { name: 'Wöchentlich aktive Lernende nach Woche' }).waitFor();
      await page.getByRole('link', { name: 'Alle Lernereignisse (CSV)' }).waitFor();
      expect(await page.locator('main').innerText()).not.toMatch(/\{\w+\}/); // all filled in
      // The notes the server composes, worded from their phrases.
      await page.getByText(/^Diese Zahlen zeigen einen Zusammenhang/).waitFor();
      await page.getByText(/^Gezählt für die Führungskräfte/).waitFor();
      expect(await page.locator('main').innerText()).not.toMatch(/not proof|Counted for/);
      await page.getByRole('link', { name: 'Checkliste' }).click();
      await page.getByText(/^0 von \d+ Schritten erledigt$/).waitFor();
      await page.getByRole('checkbox', { name: /Für die Lernenden starten · Woche 1/ }).check();
      await page.getByText(/^1 von \d+ Schritten erledigt$/).waitFor();
    } finally {
      await context.close();
    }
  });
});
