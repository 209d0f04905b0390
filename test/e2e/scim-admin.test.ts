/**
 * An admin connects a directory in the real browser: the SCIM section shows the SCIM URL, creates
 * a token that is shown once (gone after a reload, never in the list), the directory can use it at
 * once, and revoking it on the screen locks the directory out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPhone, signIn, type PhoneContext } from '../support/browser';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;
let admin: PhoneContext;

beforeAll(async () => {
  server = await startServer();
  admin = await openPhone();
});
afterAll(async () => {
  await admin?.close();
  await server?.close();
});

const directoryCall = (token: string) =>
  fetch(`${server.url}/scim/v2/Users?count=1`, { headers: { authorization: `Bearer ${token}` } });

describe('an admin connecting a directory', () => {
  it('creates a token shown once, the directory uses it, and revoking it locks the directory out', async () => {
    const { page } = admin;
    await signIn(page, server.url, 'admin@demo.test');
    await page.getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('heading', { name: 'Directory provisioning (SCIM)' }).waitFor();
    await page.getByText(`${server.url}/scim/v2`).waitFor();
    await page.getByText('No tokens yet.').waitFor();

    await page.getByLabel('Token name (e.g. the directory)').fill('Entra ID');
    await page.getByRole('button', { name: 'Create token' }).click();
    const shown = page.getByTestId('scim-token');
    await shown.waitFor();
    const token = (await shown.textContent())!.trim();
    expect(token).toMatch(/^kscim_/);
    await page.getByRole('button', { name: 'Copy the token' }).waitFor();
    expect((await directoryCall(token)).status).toBe(200);

    await page.reload();
    await page.getByRole('button', { name: 'Revoke token Entra ID' }).waitFor();
    expect(await page.content()).not.toContain(token);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Revoke token Entra ID' }).click();
    await page.getByText('No tokens yet.').waitFor();
    expect((await directoryCall(token)).status).toBe(401);
  });
});
