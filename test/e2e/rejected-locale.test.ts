/**
 * A refused event is listed in the reader's language: the server's reason travels as a phrase,
 * is kept with the event on the device, and the "Couldn't sync" list words it in German for a
 * German browser — the English text is only for readers without a catalog.
 *
 * The refusal is real: while the phone is offline, the server stores other content under the id
 * of an event waiting in the outbox, so the push is answered `rejected: conflict`.
 */
import { expect, it } from 'vitest';
import type { ProgressEvent } from '../../src/core/events';
import { outboxEvents } from '../support/lessons';
import { serverAndBrowser } from '../support/phone-run';

const run = serverAndBrowser();

it('words the reason an event was refused in German, also after a reload', async () => {
  const context = await run.browser.newContext({
    locale: 'de-DE',
    serviceWorkers: 'block',
    viewport: { width: 390, height: 844 },
  });
  const page = await context.newPage();
  try {
    await page.goto(run.server.url);
    await page.getByLabel('E-Mail').fill('learner@demo.test');
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByLabel('Passwort').fill('learn-daily');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByRole('heading', { name: /Hallo Lena/ }).waitFor();
    const indicator = page.locator('.sync-indicator');
    await expect.poll(() => indicator.textContent()).toContain('Auf dem neuesten');

    await context.setOffline(true);
    await page.getByRole('button', { name: '2 Lektionen' }).click(); // a new daily goal
    await expect.poll(async () => (await outboxEvents(page)).length).toBe(1);
    const [made] = await outboxEvents(page);
    expect(made).toBeDefined();
    // Another copy of that id, with other content, reaches the server first.
    const other = { ...made, occurredAt: '2026-01-01T00:00:00.000Z' } as unknown as ProgressEvent;
    const at = Date.now();
    await run.server.store.ingest('u-demo-learner', [
      { event: other, body: JSON.stringify(other), correctedAt: at, receivedAt: at },
    ]);

    await context.setOffline(false);
    await indicator.click(); // the sheet with "Sync now" and the list
    await page.getByRole('button', { name: 'Jetzt synchronisieren' }).click();
    const list = page.locator('details.rejected');
    await list.getByText(/^Nicht synchronisiert \(\d+\)$/).click();
    const german = 'Diese Ereignis-ID wurde schon mit anderem Inhalt gespeichert.';
    await list.getByText(german).waitFor();
    expect(await list.textContent()).not.toContain('already stored');

    // Kept on the device as a phrase: the list is worded again from storage after a reload.
    await page.reload();
    await indicator.click();
    await page.locator('details.rejected summary').click();
    await list.getByText(german).waitFor();
  } finally {
    await context.close();
  }
});
