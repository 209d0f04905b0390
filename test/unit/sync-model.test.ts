/**
 * Property-based model of the whole sync path (guarantee 10): two tabs of one device share the
 * outbox and a Web Lock; fast-check mixes recording, syncing through a faulty network (requests
 * lost, responses lost after the server committed, requests duplicated, events reordered, bodies
 * cut mid-way, 5xx) and tabs closing and reopening. After a final clean sync the server holds
 * exactly the events the device made, each once, and its state equals a fresh fold of them.
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { Fetch } from '../../src/client/api';
import { localDate } from '../../src/core/calendar';
import type { ProgressEvent } from '../../src/core/events';
import { emptyMastery } from '../../src/core/mastery';
import { deriveState } from '../../src/core/progress';
import { lessonLookup } from '../../src/server/progress-aggregate';
import { createApp } from '../../src/server/app';
import { signInAs } from '../support/api';
import {
  appFetch,
  DEMO_LEARNER,
  FakeClock,
  openDevice,
  sharedLock,
  type Device,
} from '../support/device';
import { demoStore } from '../support/server';

type Fault = 'ok' | 'lose_request' | 'lose_response' | 'duplicate' | 'reorder' | 'cut_body' | '5xx';
type Command =
  | { kind: 'record'; tab: 0 | 1; lessons: number }
  | { kind: 'sync'; tab: 0 | 1; faults: Fault[] }
  | { kind: 'sync_both'; faults: Fault[] }
  | { kind: 'reopen'; tab: 0 | 1 };

const fault = fc.constantFrom<Fault>(
  'ok',
  'lose_request',
  'lose_response',
  'duplicate',
  'reorder',
  'cut_body',
  '5xx',
);
const tab = fc.constantFrom<0 | 1>(0, 1);
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant('record' as const), tab, lessons: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('sync' as const), tab, faults: fc.array(fault, { maxLength: 4 }) }),
  fc.record({ kind: fc.constant('sync_both' as const), faults: fc.array(fault, { maxLength: 4 }) }),
  fc.record({ kind: fc.constant('reopen' as const), tab }),
);

/** The network between the device and the server, taking one planned fault per sync request. */
function faultyNetwork(real: Fetch, planned: Fault[]): Fetch {
  return async (input, init = {}) => {
    if (!input.endsWith('/sync')) return await real(input, init);
    const f = planned.shift() ?? 'ok';
    if (f === 'lose_request') throw new TypeError('network down');
    if (f === '5xx') return new Response('Bad gateway', { status: 502 });
    if (f === 'reorder') {
      const body = JSON.parse(init.body as string) as { events: unknown[] };
      body.events.reverse();
      return await real(input, { ...init, body: JSON.stringify(body) });
    }
    if (f === 'duplicate') await real(input, init);
    const response = await real(input, init);
    if (f === 'lose_response') throw new TypeError('connection reset');
    if (f === 'cut_body') {
      const text = await response.text();
      return new Response(text.slice(0, Math.floor(text.length / 2)), {
        status: response.status,
        headers: response.headers,
      });
    }
    return response;
  };
}

let run = 0;

it('server events == device events, each exactly once, whatever the network did', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 12 }), async (commands) => {
      const store = await demoStore();
      const clock = new FakeClock();
      const app = createApp({ store, now: () => clock.now() });
      const { cookie } = await signInAs(app, 'learner@demo.test');
      const planned: Fault[] = [];
      const fetch = faultyNetwork(appFetch(app, cookie), planned);
      const dbName = `model-${++run}`;
      const lock = sharedLock();
      const open = () => openDevice({ fetch, clock, dbName, withLock: lock });
      const tabs: Device[] = [await open(), await open()];
      const made: ProgressEvent[] = [];
      // Real lesson ids: the server refuses lessons the content does not hold.
      const lessonIds = (await store.getCatalog()).modules.flatMap((m) =>
        m.lessons.map((l) => l.id),
      );
      let lesson = 0;

      for (const c of commands) {
        clock.ms += 60_000;
        if (c.kind === 'record')
          for (let i = 0; i < c.lessons; i++)
            made.push(
              await tabs[c.tab]!.outbox.record(DEMO_LEARNER, {
                type: 'lesson_completed',
                lessonId: lessonIds[lesson++ % lessonIds.length]!,
                durationMs: 100_000,
              }),
            );
        else if (c.kind === 'sync') {
          planned.splice(0, planned.length, ...c.faults);
          await tabs[c.tab]!.engine.sync();
        } else if (c.kind === 'sync_both') {
          planned.splice(0, planned.length, ...c.faults);
          await Promise.all(tabs.map((t) => t.engine.sync()));
        } else {
          tabs[c.tab]!.engine.stop();
          tabs[c.tab] = await open();
        }
      }

      planned.length = 0;
      await tabs[0]!.engine.sync();

      const stored = await store.userEvents(DEMO_LEARNER);
      const ids = stored.map((e) => e.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect([...ids].sort()).toEqual(made.map((e) => e.id).sort());
      expect(await tabs[0]!.outbox.countPending(DEMO_LEARNER)).toBe(0);
      expect(await tabs[0]!.outbox.rejected(DEMO_LEARNER)).toEqual([]);
      const today = localDate(clock.now(), 'Europe/Berlin');
      // The server's ledger also knows when it received each event and first heard from the
      // device; the fold of the events alone does not.
      const shown = tabs[0]!.states.at(-1)!;
      const trail = Object.fromEntries(
        Object.entries(shown.ledger.trail).map(([k, { rx: _, ...f }]) => [k, f]),
      );
      expect({ ...shown, ledger: { ...shown.ledger, trail, devices: {} } }).toEqual({
        ...deriveState(made, today, await lessonLookup(store)),
        mastery: emptyMastery,
      });
      for (const t of tabs) t.db.close();
      await store.close();
    }),
    { numRuns: 25 },
  );
}, 120_000);
