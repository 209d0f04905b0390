/**
 * Every name Kindling keeps data under on the device, in one place: the IndexedDB database (its
 * object stores are declared in db.ts) with the keys of its rows, and every localStorage key.
 * Only the repositories beside this file read or write them; eslint.config.js keeps `idb`,
 * `indexedDB` and `localStorage` out of the app and the worker.
 */
import type { Period } from '../core/leaderboard';

export const DB_NAME = 'kindling';
export const DB_VERSION = 1;

/** `content`: the catalog, a module's copy, and a download's record. */
export const CATALOG_KEY = 'catalog';
export const moduleKey = (moduleId: string) => `module:${moduleId}` as const;
export const downloadKey = (moduleId: string) => `offline:${moduleId}` as const;

/** `resume`: the card a learner was on, per lesson. */
export const resumeKey = (userId: string, lessonId: string) => `${userId}:${lessonId}`;

/** localStorage: the device id, which outlives an IndexedDB wipe (storage-loss.ts). */
export const DEVICE_MARKER = 'kindling.deviceId';
/** localStorage: the language the learner picked, read before the database opens. */
export const LOCALE_KEY = 'kindling.locale';
/** localStorage: home's one-time install suggestion has been shown. */
export const INSTALL_NUDGE_KEY = 'kindling.installNudgeShown';
/** localStorage: the last API replies a screen shows at once and offline (reply-cache.ts). */
export const homeReplyKey = (userId: string) => `kindling.home.${userId}`;
export const boardReplyKey = (userId: string, cohortId: string, period: Period) =>
  `kindling:board:${userId}:${cohortId}:${period}`;
