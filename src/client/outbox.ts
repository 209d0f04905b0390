/**
 * The outbox: every bit of progress is written here before the learner is told it is saved.
 *
 * Checklist for `record`:
 * - One readwrite transaction with durability 'strict' over meta (seq), outbox and resume.
 * - No await inside it except on its own requests, so it cannot auto-commit half-way.
 * - Resolve only after `tx.done`: the event is on disk when the promise resolves.
 * - An entry leaves the outbox only after the server acknowledged it (see sync-engine.ts).
 */
import type { EventDraft, ProgressEvent } from '../core/events';
import { uuidv7 } from '../core/uuidv7';
import type { KindlingDB, OutboxEntry, Refusal, RejectedEntry, ResumePoint } from './db';

export interface Clock {
  now(): number;
  timeZone(): string;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone,
};

/** ISO-8601 with the device's own offset, e.g. 2026-03-01T09:30:00.000+01:00. */
export function isoWithOffset(ms: number): string {
  const date = new Date(ms);
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  const local = new Date(ms + offset * 60_000).toISOString().slice(0, -1);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export async function ensureDeviceId(db: KindlingDB): Promise<string> {
  const tx = db.transaction('meta', 'readwrite');
  let deviceId = (await tx.store.get('deviceId')) as string | undefined;
  if (!deviceId) {
    deviceId = uuidv7();
    await tx.store.put(deviceId, 'deviceId');
    await tx.store.put(new Date().toISOString(), 'createdAt');
  }
  await tx.done;
  return deviceId;
}

export function createOutbox(db: KindlingDB, clock: Clock = systemClock) {
  return {
    /** Appends an event (and, atomically, the resume point it implies) to the outbox. */
    async record(userId: string, draft: EventDraft, resume?: ResumePoint): Promise<ProgressEvent> {
      // The moment the learner acted, not the moment the database answered (a start must not be
      // dated after whatever the learner did while IndexedDB was busy).
      const now = clock.now();
      const tx = db.transaction(['meta', 'outbox', 'resume'], 'readwrite', {
        durability: 'strict',
      });
      const meta = tx.objectStore('meta');
      const [deviceId, lastSeq] = (await Promise.all([meta.get('deviceId'), meta.get('seq')])) as [
        string | undefined,
        number | undefined,
      ];
      if (!deviceId) throw new Error('device id missing: call ensureDeviceId first');
      const seq = (lastSeq ?? 0) + 1;
      const event = {
        ...draft,
        id: uuidv7(() => now),
        occurredAt: isoWithOffset(now),
        tz: clock.timeZone(),
        deviceId,
        seq,
      } as ProgressEvent;
      void meta.put(seq, 'seq');
      void tx.objectStore('outbox').put({ id: event.id, userId, seq, event });
      if (resume) void tx.objectStore('resume').put(resume);
      await tx.done;
      return event;
    },

    /** The user's pending entries in the order they were made. */
    pending(userId: string, limit?: number): Promise<OutboxEntry[]> {
      const range = IDBKeyRange.bound([userId, 0], [userId, Number.MAX_SAFE_INTEGER]);
      return db.getAllFromIndex('outbox', 'by-user-seq', range, limit);
    },

    async countPending(userId: string): Promise<number> {
      const range = IDBKeyRange.bound([userId, 0], [userId, Number.MAX_SAFE_INTEGER]);
      return db.countFromIndex('outbox', 'by-user-seq', range);
    },

    /** Removes acknowledged entries and moves refused ones to the visible rejected list, atomically. */
    async settle(acked: string[], rejected: Array<Required<Refusal> & { entry: OutboxEntry }>) {
      const tx = db.transaction(['outbox', 'rejected'], 'readwrite', { durability: 'strict' });
      for (const id of acked) void tx.objectStore('outbox').delete(id);
      // The whole refusal is kept as the server gave it, so nothing it says is lost on the way.
      for (const { entry, ...refusal } of rejected) {
        void tx.objectStore('rejected').put({ ...entry, ...refusal });
        void tx.objectStore('outbox').delete(entry.id);
      }
      await tx.done;
    },

    rejected(userId: string): Promise<RejectedEntry[]> {
      return db.getAllFromIndex('rejected', 'by-user', userId);
    },

    async dismissRejected(id: string): Promise<void> {
      await db.delete('rejected', id);
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
