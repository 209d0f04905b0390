/** Bundled into an IIFE by bench/offline.ts so the real outbox and engine run in Chromium. */
export { createApi } from '../src/client/api';
export { openDeviceDb } from '../src/client/db';
export { createOutbox, ensureDeviceId, systemClock } from '../src/client/outbox';
export { createSnapshots } from '../src/client/snapshots';
export { createSyncEngine } from '../src/client/sync-engine';
