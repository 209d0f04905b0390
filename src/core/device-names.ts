/**
 * Names the pages and the service worker must spell alike: Web Locks, BroadcastChannels,
 * Background Sync tags and the messages on them. A typo in one of these fails silently (two tabs
 * push at once, a tab never hears a sync), so every side imports them from here.
 */

/** Web Lock held by whoever pushes the outbox (a tab or the worker): one sender per device. */
export const SYNC_LOCK = 'kindling-sync';

/** BroadcastChannel on which a finished sync is announced, so other tabs re-read their state. */
export const SYNC_CHANNEL = 'kindling-sync';

/** The message a finished sync posts on `SYNC_CHANNEL`. */
export const SYNCED = { type: 'synced' } as const;

/** Background Sync tag a page registers after recording progress; the worker flushes on it. */
export const OUTBOX_SYNC_TAG = 'kindling-outbox';

/** Web Lock under which download batches and removals take turns across tabs. */
export const DOWNLOADS_LOCK = 'kindling-downloads';

/** The message type the worker posts to pages when it stored a changed catalog. */
export const CONTENT_UPDATED = 'kindling-content-updated';
