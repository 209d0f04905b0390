/**
 * Storage-loss detection (issue 3, guarantee 9).
 *
 * Browsers may wipe IndexedDB behind our back: Safari's 7-day purge of script-writable storage, a
 * learner clearing site data, a storage-pressure eviction. The device then starts with a fresh,
 * empty database. A marker in localStorage holding the device id outlives many such wipes (an
 * IndexedDB-only eviction, "clear" tools that pick storage types); when it names a device the
 * database no longer knows, storage was lost. The HttpOnly session cookie usually survives too,
 * so the app asks the server who is signed in and the learner need not sign in again. When
 * localStorage went as well, nothing on the device remembers: the learner signs in, and the
 * state comes from the server as on a new device.
 *
 * What we do about it: never reuse the old device id (its `seq` counter is lost, so reusing it
 * would collide with events the server already holds), start a clean outbox under a new device
 * id, re-pull the state from the server, and tell the learner what happened.
 */
import { getMeta, type KindlingDB } from './db';
import { DEVICE_MARKER } from './keys';
import { readLocal, writeLocal } from './local';
import { ensureDeviceId } from './outbox';

export { DEVICE_MARKER };

type Marker = Pick<Storage, 'getItem' | 'setItem'>;

/** localStorage, where blocked storage keeps no marker: the learner signs in as on a new device. */
const localMarker: Marker = { getItem: (key) => readLocal(key) ?? null, setItem: writeLocal };

export interface DeviceIdentity {
  deviceId: string;
  /** The database was created just now although this browser had one before. */
  storageLost: boolean;
}

export async function identifyDevice(
  db: KindlingDB,
  marker: Marker = localMarker,
): Promise<DeviceIdentity> {
  const existing = await getMeta(db, 'deviceId');
  const deviceId = await ensureDeviceId(db);
  const remembered = marker.getItem(DEVICE_MARKER) ?? null;
  if (remembered !== deviceId) marker.setItem(DEVICE_MARKER, deviceId);
  return { deviceId, storageLost: !existing && remembered !== null && remembered !== deviceId };
}
