/** Shared setup of the mail-*.test.ts files (split from mail.test.ts). */
import type { ParsedMail } from 'mailparser';
import { afterEach, beforeEach, expect } from 'vitest';
import { createApp } from '../../src/server/app';
import { mailService, smtpMailer, type MailService } from '../../src/server/mail/outbox';
import type { Store } from '../../src/server/store/store';
import { clientFor, type App, type Client } from './api';
import { apiTestStore, disposeApiTestStores } from './server';
import { sessionCookie } from './sessions';
import { startSmtp, type TestSmtp } from './smtp';

export let store: Store;
export let smtp: TestSmtp;
export let mail: MailService;
export let app: App;
export let clock: number;
/** Sets `clock` for the calling test (an imported binding cannot be assigned). */
export const setClock = (value: number) => {
  clock = value;
};
export const as = async (userId: string): Promise<Client> =>
  clientFor(app, await sessionCookie(store, userId));
export const json = async (res: Response) => (await res.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const to = (m: ParsedMail) =>
  (Array.isArray(m.to) ? m.to : [m.to]).map((a) => a?.text).join();
/** The one link of a mail's text, and that the HTML links to the same address. */
export function linkOf(m: ParsedMail): string {
  const links = [...(m.text ?? '').matchAll(/https?:\/\/\S+/g)].map((x) => x[0]);
  expect(links).toHaveLength(1);
  expect(m.html).toContain(`href="${links[0]}"`);
  return links[0]!;
}

/** The hooks every mail test file runs. */
export function useMailApp(): void {
  beforeEach(async () => {
    clock = Date.parse('2026-12-02T09:00:00Z');
    store = await apiTestStore();
    smtp = await startSmtp();
    mail = mailService(
      store,
      { mailer: smtpMailer(smtp.url), from: 'Kindling <k@demo.test>' },
      () => clock,
    );
    app = createApp({ store, now: () => clock, mail });
  });

  afterEach(async () => {
    await smtp.stop();
    await store.close();
    await disposeApiTestStores();
  });
}
