/**
 * An admin sets up forwarding to the company's LRS in the real browser on a phone-sized screen:
 * the secret is never shown again (only that one is stored), and the section says how sending
 * stands — statements waiting, the LRS's error in words, then the delivery once it answers.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { FORWARDING_DEFAULTS, forwardOnce } from '../../src/server/xapi/forwarding';
import { startsAndCompletions, syncBody } from '../support/api';
import { signIn } from '../support/browser';
import { startLrsReceiver, type LrsReceiver } from '../support/lrs-receiver';
import { serverAndPhone } from '../support/phone-run';
import { sessionCookie } from '../support/sessions';

let receiver: LrsReceiver;
const run = serverAndPhone({ forwardPrivate: true }, async () => {
  receiver = await startLrsReceiver();
});
afterAll(async () => {
  await receiver?.close();
});

const options = { ...FORWARDING_DEFAULTS, allowPrivate: true, timeoutMs: 5_000 };

describe('forwarding on the admin screen', () => {
  it('keeps the secret hidden and shows the backlog, the error and the delivery', async () => {
    const { page } = run.phone;
    await signIn(page, run.server.url, 'admin@demo.test');
    await page.getByRole('link', { name: 'Admin', exact: true }).click();
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: 'Learning records' })
      .click();
    await page.getByRole('heading', { name: 'Forwarding to your LRS' }).waitFor();
    // Nothing to refresh or stop before forwarding is set up.
    expect(await page.getByRole('button', { name: 'Refresh' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Stop forwarding' }).count()).toBe(0);
    await page.getByLabel('LRS endpoint (https)').fill(receiver.url);
    await page.getByLabel('Key (HTTP Basic user name)').fill(receiver.key);
    await page.getByLabel('Secret', { exact: true }).fill(receiver.secret);
    await page.getByRole('button', { name: 'Save forwarding' }).click();
    await page.getByRole('status').filter({ hasText: 'Forwarding saved.' }).waitFor();
    await page.getByTestId('forwarding-backlog').filter({ hasText: '0 statements' }).waitFor();
    const secret = page.getByLabel('Secret', { exact: true });
    expect(await secret.inputValue()).toBe('');
    expect(await secret.getAttribute('placeholder')).toBe('Stored. Leave empty to keep it.');
    expect(await page.content()).not.toContain(receiver.secret);

    // A learner learns while the LRS is down.
    const events = startsAndCompletions(3, 'giving-feedback.specific-feedback');
    const synced = await fetch(`${run.server.url}/api/v1/sync`, {
      method: 'POST',
      headers: {
        cookie: await sessionCookie(run.server.store, 'u-demo-learner'),
        origin: run.server.url,
        'content-type': 'application/json',
      },
      body: JSON.stringify(syncBody(events)),
    });
    expect(synced.status).toBe(200);
    receiver.mode = 'fail';
    await forwardOnce(run.server.store, options, Date.now);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByTestId('forwarding-backlog').filter({ hasText: '3 statements' }).waitFor();
    await page.getByText('The LRS answered with an error (HTTP 503)').waitFor();

    // It is back: after the backoff, the three go.
    receiver.mode = 'ok';
    await forwardOnce(run.server.store, options, () => Date.now() + 3_600_000);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByTestId('forwarding-backlog').filter({ hasText: '0 statements' }).waitFor();
    expect(receiver.stored.size).toBe(3);
    expect(await page.getByText('Not yet').count()).toBe(0);
  });
});
