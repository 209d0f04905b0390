/**
 * A manager's nudge on a 390×844 phone (issue 18): the confirmation appears where the nudge was
 * sent, under its button and on screen; the same nudge again the same day asks first, and
 * "Don't send" sends nothing; the learner sees who sent it.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openPhone, signIn, type PhoneContext } from '../support/browser';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;
let phone: PhoneContext;

beforeAll(async () => {
  server = await startServer();
  phone = await openPhone();
  await signIn(phone.page, server.url, 'manager@demo.test');
  await phone.page.getByRole('link', { name: 'Team', exact: true }).waitFor();
});
afterAll(async () => {
  await phone?.close();
  await server?.close();
});

const nudgesFromMax = async () =>
  (await server.store.listNotifications('demo-co', 'u-demo-learner', 50)).filter(
    (n) => n.kind === 'nudge' && n.fromUserId === 'u-demo-manager',
  );

/** The status's box is on screen and starts just under the button that was pressed. */
async function rightUnder(page: Page, button: { top: number; bottom: number }) {
  const box = (await page.locator('.nudge-sent').boundingBox())!;
  return box.y >= button.bottom && box.y - button.bottom < 24 && box.y + box.height <= 844;
}

it('confirms a nudge under its button, and asks before the same nudge again today', async () => {
  const { page } = phone;
  await page.goto(`${server.url}/team/u-demo-learner`);
  await page.getByRole('heading', { name: '1:1 with Lena Learner' }).waitFor();
  const send = page.getByRole('button', { name: 'Send nudge' });
  await send.scrollIntoViewIfNeeded();
  await send.click();
  const status = page.getByRole('status').filter({ hasText: /^Nudge sent to Lena at / });
  await status.waitFor();
  const sendBox = (await send.boundingBox())!;
  expect(await rightUnder(page, { top: sendBox.y, bottom: sendBox.y + sendBox.height })).toBe(true);
  expect(await nudgesFromMax()).toHaveLength(1);

  // The same (default) nudge again: asked first; "Don't send" sends nothing.
  await send.click();
  const ask = page
    .getByRole('alert')
    .filter({ hasText: 'You already sent Lena this nudge today at' });
  await ask.waitFor();
  expect(await ask.textContent()).toContain('Send it again?');
  await ask.getByRole('button', { name: 'Don’t send' }).click();
  expect(await ask.count()).toBe(0);
  expect(await nudgesFromMax()).toHaveLength(1);

  // A different message is not a repeat: it goes at once.
  await page.getByLabel('Message (optional)').fill('Great week, Lena — one more?');
  await send.click();
  await expect.poll(async () => (await nudgesFromMax()).length).toBe(2);
  await status.waitFor();

  // The default one again, confirmed: sent.
  await send.click();
  await ask.getByRole('button', { name: 'Send again' }).click();
  await expect.poll(async () => (await nudgesFromMax()).length).toBe(3);
  await status.waitFor();
  const shots = process.env.KINDLING_SHOTS;
  if (shots) await page.screenshot({ path: `${shots}/nudge-sent-en.png` });
});

it('asks in German too, after a reload (the page knows what was sent today)', async () => {
  const { page } = phone;
  await page.getByRole('link', { name: 'Me', exact: true }).click();
  await page.getByLabel('Language').selectOption('de');
  await page.goto(`${server.url}/team/u-demo-learner`);
  await page.getByRole('heading', { name: '1:1 mit Lena Learner' }).waitFor();
  await page.getByRole('button', { name: 'Erinnerung senden' }).click();
  const ask = page
    .getByRole('alert')
    .filter({ hasText: 'Du hast Lena diese Erinnerung heute schon um' });
  await ask.waitFor();
  // The question's answer has focus, on screen above the tab bar.
  const again = ask.getByRole('button', { name: 'Noch einmal senden' });
  await expect.poll(() => again.evaluate((el) => el === document.activeElement)).toBe(true);
  const box = (await again.boundingBox())!;
  const bar = (await page.locator('.tabbar').boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(bar.y);
  const shots = process.env.KINDLING_SHOTS;
  if (shots) await page.screenshot({ path: `${shots}/nudge-again-de.png` });
  await ask.getByRole('button', { name: 'Nicht senden' }).click();
  expect(await nudgesFromMax()).toHaveLength(3);
});

it('shows the learner who sent a typed message', async () => {
  const learner = await openPhone();
  try {
    await signIn(learner.page, server.url);
    const notices = learner.page.getByRole('region', { name: 'Notifications' });
    await notices.getByText('Great week, Lena — one more?').waitFor();
    expect(await notices.getByRole('listitem').allTextContents()).toContain(
      'Max Manager: Great week, Lena — one more?',
    );
  } finally {
    await learner.close();
  }
});
