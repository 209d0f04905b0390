/**
 * The setup most browser tests share: the real server (`startServer`) and a phone-sized Chromium
 * profile, started before a file's tests and closed after them. `prepare` runs in between, for
 * data the app must find when it first loads. Read `run.server` and `run.phone` inside tests.
 */
import { afterAll, beforeAll } from 'vitest';
import { openPhone, type PhoneContext } from './browser';
import { startServer, type RunningServer } from './server';

export interface PhoneRun {
  server: RunningServer;
  phone: PhoneContext;
}

export function serverAndPhone(
  options: Parameters<typeof startServer>[0] = {},
  prepare?: (server: RunningServer) => Promise<void>,
): PhoneRun {
  const run = {} as PhoneRun;
  beforeAll(async () => {
    run.server = await startServer(options);
    await prepare?.(run.server);
    run.phone = await openPhone();
  });
  afterAll(async () => {
    await run.phone?.close();
    await run.server?.close();
  });
  return run;
}
