/**
 * Signing out while offline (issue 17): the logout waits on the device, a reload while still
 * offline does not bring the session back, and once online the server ends the session, so the
 * old cookie no longer signs anyone in.
 */
import { expect, it } from 'vitest';
import { serverAndPhone, learnerWithWorker } from '../support/phone-run';

const run = serverAndPhone();

it('ends the session on the server once back online, and never restores it meanwhile', async () => {
  const { page, context } = run.phone;
  const { url } = run.server;
  await learnerWithWorker(page, url);
  const session = (await context.cookies(url)).find((c) => c.name === 'kindling_session')!;
  const me = async () =>
    (await fetch(`${url}/api/v1/me`, { headers: { cookie: `${session.name}=${session.value}` } }))
      .status;
  expect(await me()).toBe(200);

  await context.setOffline(true);
  await page.getByRole('link', { name: 'Me', exact: true }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('Email').waitFor();
  expect(await me()).toBe(200); // the server has not heard of it yet

  await page.reload(); // still offline: served by the worker, still signed out
  await page.getByLabel('Email').waitFor();
  expect(await page.getByRole('heading', { name: /Hi Lena/ }).count()).toBe(0);

  await context.setOffline(false); // `online` sends the queued logout
  await expect.poll(me, { timeout: 15_000 }).toBe(401);
  await page.reload();
  await page.getByLabel('Email').waitFor();
  expect(await page.getByRole('heading', { name: /Hi Lena/ }).count()).toBe(0);
});
