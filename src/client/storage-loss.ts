/**
 * Storage-loss detection (issue 3, guarantee 9).
 *
 * Browsers may wipe IndexedDB behind our back: Safari's 7-day purge of script-writable storage, a
 * learner clearing site data, a storage-pressure eviction. The device then starts with a fresh,
 * empty database. Two witnesses outlive such a wipe often enough to notice it:
 * - a marker in localStorage holding the device id (gone only if localStorage went too), and
 * - the HttpOnly session cookie: the server still knows us although no user is cached on the
 *   device (the app caches the user on every sign-in and clears it on sign-out and on 401).
 *
 * What we do about it: never reuse the old device id (its `seq` counter is lost, so reusing it
 * would collide with events the server already holds), start a clean outbox under a new device
 * id, re-pull the state from the server, and tell the learner what happened.
 */
import { getMeta, type KindlingDB } from './db';
import { ensureDeviceId } from './outbox';

export const DEVICE_MARKER = 'kindling.deviceId';

type Marker = Pick<Storage, 'getItem' | 'setItem'>;

export interface DeviceIdentity {
  deviceId: string;
  /** The database was created just now although this browser had one before. */
  storageLost: boolean;
}

export async function identifyDevice(
  db: KindlingDB,
  marker: Marker | null = safeLocalStorage(),
): Promise<DeviceIdentity> {
  const existing = await getMeta(db, 'deviceId');
  const deviceId = await ensureDeviceId(db);
  const remembered = marker?.getItem(DEVICE_MARKER) ?? null;
  if (remembered !== deviceId) marker?.setItem(DEVICE_MARKER, deviceId);
  return { deviceId, storageLost: !existing && remembered !== null && remembered !== deviceId };
}

function safeLocalStorage(): Marker | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // blocked storage: no marker, the cookie witness still works
  }
}
