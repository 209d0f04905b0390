/**
 * The device database: one typed IndexedDB schema with versioned upgrades.
 *
 * - meta      deviceId, the per-device event counter, the signed-in user, sync bookkeeping
 * - outbox    progress events not yet acknowledged by the server, tied to the user who made them
 * - rejected  events the server refused, kept visible with the reason (never dropped unseen)
 * - snapshots the last server state per user, the base of the optimistic state
 * - content   the catalog and downloaded modules, for offline use
 * - resume    the card a learner was on, per lesson
 *
 * Upgrades run in order from the version the device has; add a step, never edit a shipped one.
 * The app and the worker reach these stores only through the repositories beside this file
 * (snapshots.ts, resume.ts, content-cache.ts, session-record.ts, preferences.ts, outbox.ts,
 * downloads.ts); every key they use is named in keys.ts.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Catalog, LearningModule } from '../core/content';
import type { ProgressEvent } from '../core/events';
import type { AccountUser, MeState } from '../core/api';
import type { RejectReason } from '../core/sync';
import type { Phrase } from '../core/wording';
import { DB_NAME, DB_VERSION } from './keys';

export interface OutboxEntry {
  id: string;
  userId: string;
  seq: number;
  event: ProgressEvent;
}

/** Why the server refused an event, kept with it on the "Couldn't sync" list. */
export interface Refusal {
  reason: RejectReason;
  /** Words the reason in the reader's locale (absent on entries stored before it was kept). */
  phrase?: Phrase;
  /** The reason in English, shown where an entry has no phrase. */
  message: string;
  rejectedAt: string;
}

export interface RejectedEntry extends OutboxEntry, Refusal {}

/** The signed-in person, as `GET /me` answered. */
export type SignedInUser = AccountUser;

export interface Snapshot {
  userId: string;
  /** The server's state; one kept by a version from before graded mastery has no `mastery`. */
  state: Omit<MeState, 'mastery'> & Partial<Pick<MeState, 'mastery'>>;
  syncedAt: string;
}

export interface ResumePoint {
  key: string; // `${userId}:${lessonId}`
  cardIndex: number;
  updatedAt: string;
  /** First answer to each quiz card in the current attempt (assessments are graded on these). */
  answers?: Record<string, string[]>;
}

/** A module the learner downloaded for offline use (its copy is the `module:` entry). */
export interface DownloadRecord {
  key: `offline:${string}`;
  moduleId: string;
  version: string;
  /** Its text and every image it shows, counting an image shared with another download too. */
  bytes: number;
  imageUrls: string[];
  /** Its text, and each image's size by URL (absent in downloads stored before they were kept). */
  textBytes?: number;
  imageBytes?: Record<string, number>;
  savedAt: string;
}

export type CachedContent =
  | { key: 'catalog'; catalog: Catalog; savedAt: string }
  | { key: `module:${string}`; module: LearningModule; savedAt: string }
  | DownloadRecord;

interface Meta {
  deviceId: string;
  seq: number;
  user: SignedInUser | null;
  /** Set when the database is created; its absence on a later start means storage was wiped. */
  createdAt: string;
  /** The career role the learner follows on the roadmap. */
  track: string;
  /**
   * The person signed out here while the server could not be told: the logout is sent when it
   * can be, and until then this device never asks the server to restore that session.
   */
  pendingLogout: boolean;
}

export interface KindlingSchema extends DBSchema {
  meta: { key: keyof Meta; value: Meta[keyof Meta] };
  outbox: { key: string; value: OutboxEntry; indexes: { 'by-user-seq': [string, number] } };
  rejected: { key: string; value: RejectedEntry; indexes: { 'by-user': string } };
  snapshots: { key: string; value: Snapshot };
  content: { key: string; value: CachedContent };
  resume: { key: string; value: ResumePoint };
}

export type KindlingDB = IDBPDatabase<KindlingSchema>;

/**
 * Opens (and upgrades) the device database. `onLost` runs when the browser closes it under us
 * (site data cleared while open) or a newer version in another tab needs it: the page should
 * reload, which re-runs storage-loss detection.
 */
export function openDeviceDb(name = DB_NAME, onLost?: () => void): Promise<KindlingDB> {
  return openDB<KindlingSchema>(name, DB_VERSION, {
    terminated: onLost,
    blocking(_current, _next, event) {
      (event.target as IDBDatabase).close();
      onLost?.();
    },
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('meta');
        db.createObjectStore('outbox', { keyPath: 'id' }).createIndex('by-user-seq', [
          'userId',
          'seq',
        ]);
        db.createObjectStore('rejected', { keyPath: 'id' }).createIndex('by-user', 'userId');
        db.createObjectStore('snapshots', { keyPath: 'userId' });
        db.createObjectStore('content', { keyPath: 'key' });
        db.createObjectStore('resume', { keyPath: 'key' });
      }
    },
  });
}

export async function getMeta<K extends keyof Meta>(
  db: KindlingDB,
  key: K,
): Promise<Meta[K] | undefined> {
  return (await db.get('meta', key)) as Meta[K] | undefined;
}

export function setMeta<K extends keyof Meta>(
  db: KindlingDB,
  key: K,
  value: Meta[K],
): Promise<unknown> {
  return db.put('meta', value, key);
}
