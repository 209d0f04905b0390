/**
 * Chaos: the built app in Chromium talks to the real server (a child process, so it can be
 * SIGKILLed) through a proxy that loses requests and responses, delays, duplicates and cuts
 * responses mid-body; the server is killed in the middle of a batch and restarted. Afterwards
 * the server holds exactly the events the device made (0 lost, 0 duplicated; the device's
 * sequence numbers are 1..n with no gap), and its state equals a fresh fold of those events.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { localDate } from '../../src/core/calendar';
import { ledgerOf, stateOf, withDevices } from '../../src/core/progress';
import { gradeMastery } from '../../src/server/mastery';
import { lessonLookup } from '../../src/server/progress-aggregate';
import { openStore } from '../../src/server/store/store';
import { openPhone, type PhoneContext, syncNow } from '../support/browser';
import { learnerWithWorker } from '../support/phone-run';
import { startChaosProxy, type ChaosProxy } from '../support/chaos-proxy';
import { finishNextLesson, outboxEvents } from '../support/lessons';
import { ROOT } from '../support/server';

const SEED = Number(process.env.CHAOS_SEED ?? 20261128);
let dataDir: string;
let port: number;
let child: ChildProcess | undefined;
let proxy: ChaosProxy;
let phone: PhoneContext;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const p = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return p;
}

async function startChild(): Promise<void> {
  // The production build (`npm run build` compiles the server to build/server/main.js), as
  // `npm start` runs it: killed and restarted twenty times.
  child = spawn(process.execPath, ['--enable-source-maps', 'build/server/main.js'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      NODE_ENV: 'test',
    },
    stdio: 'ignore',
  });
  for (let i = 0; i < 200; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/v1/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

function killChild(): Promise<void> {
  const dying = child!;
  child = undefined;
  return new Promise((r) => {
    dying.once('exit', () => r());
    dying.kill('SIGKILL');
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kindling-chaos-'));
  port = await freePort();
  await startChild();
  proxy = await startChaosProxy(port, SEED);
  phone = await openPhone();
});
afterAll(async () => {
  await phone?.close();
  await proxy?.close();
  if (child) await killChild();
  rmSync(dataDir, { recursive: true, force: true });
});

it('loses nothing and doubles nothing through a faulty network and a server crash', async () => {
  const { page } = phone;
  proxy.chaos = false;
  await learnerWithWorker(page, proxy.url);
  proxy.chaos = true;

  // Kill the server on the 4th sync request, while it is handling that batch; restart it.
  let forwarded = 0;
  let restarted: Promise<void> | undefined;
  proxy.onForward = () => {
    if (++forwarded !== 4) return;
    restarted = (async () => {
      await new Promise((r) => setTimeout(r, 5));
      await killChild();
      await startChild();
    })();
  };

  for (let i = 0; i < 4; i++) {
    await finishNextLesson(page);
    await syncNow(page);
    await page.getByRole('link', { name: 'Back to the module' }).click();
    await page.goto(proxy.url);
  }
  await restarted;
  expect(forwarded).toBeGreaterThanOrEqual(4);

  // Calm network: drain what is left.
  proxy.chaos = false;
  await expect
    .poll(
      async () => {
        await syncNow(page, 1000).catch(() => {});
        return (await outboxEvents(page)).length;
      },
      { timeout: 60_000, interval: 1000 },
    )
    .toBe(0);
  expect(await page.getByText("Couldn't sync").count()).toBe(0);
  const serverState = await page.evaluate(() => fetch('/api/v1/me/state').then((r) => r.json()));
  const lastSeq = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('kindling');
        open.onsuccess = () => {
          const get = open.result.transaction('meta').objectStore('meta').get('seq');
          get.onsuccess = () => resolve(get.result as number);
        };
      }),
  );
  await killChild();

  const store = await openStore({ dialect: 'sqlite', file: join(dataDir, 'kindling.db') });
  const events = await store.userEvents('u-demo-learner');
  const today = localDate(Date.now(), 'Europe/Berlin');
  // A fresh fold of the stored events, knowing when the server first heard from the device.
  const lookup = await lessonLookup(store);
  const devices = await store.deviceContacts('u-demo-learner');
  const fresh = {
    ...stateOf(withDevices(ledgerOf(events, lookup), devices, lookup), today),
    mastery: await gradeMastery(store, events),
  };
  await store.close();
  const ids = events.map((e) => e.id);
  expect(new Set(ids).size).toBe(ids.length); // 0 duplicated
  expect(new Set(ids)).toEqual(proxy.sentIds); // everything the device sent, nothing else
  expect(events.map((e) => e.seq).sort((a, b) => a - b)).toEqual(
    Array.from({ length: lastSeq }, (_, i) => i + 1),
  ); // 0 lost: every sequence number the device used is stored
  // The incremental aggregates equal a fresh fold of the stored events. The ledger also keeps
  // when the server received each event (`rx`, for the back-dating rule); the stored events this
  // fold reads do not carry it, so it is left out of the comparison.
  const trail = serverState.ledger.trail as Record<string, { rx?: number }>;
  const received = Object.fromEntries(
    Object.entries(trail).map(([id, { rx: _rx, ...fact }]) => [id, fact]),
  );
  expect({ ...serverState, ledger: { ...serverState.ledger, trail: received } }).toEqual(fresh);
  console.log(JSON.stringify({ seed: SEED, events: ids.length, faults: proxy.faults }));
  const injected = Object.entries(proxy.faults).filter(([f, n]) => f !== 'ok' && n > 0);
  expect(injected.length).toBeGreaterThan(1);
});
