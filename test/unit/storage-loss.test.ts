/** Storage-loss detection: a wiped database is noticed and never reuses the old device id. */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDeviceDb } from '../../src/client/db';
import { DEVICE_MARKER, identifyDevice } from '../../src/client/storage-loss';

function memoryMarker(): Pick<Storage, 'getItem' | 'setItem'> {
  const map = new Map<string, string>();
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
}

describe('storage-loss detection', () => {
  it('is quiet on the first ever start and on every start with the database intact', async () => {
    const marker = memoryMarker();
    const db = await openDeviceDb('intact');
    const first = await identifyDevice(db, marker);
    expect(first.storageLost).toBe(false);
    const again = await identifyDevice(db, marker);
    expect(again).toEqual({ deviceId: first.deviceId, storageLost: false });
    expect(marker.getItem(DEVICE_MARKER)).toBe(first.deviceId);
  });

  it('notices a wiped database and starts over under a new device id', async () => {
    const marker = memoryMarker();
    const before = await identifyDevice(await openDeviceDb('wiped'), marker);
    const db = await openDeviceDb('wiped');
    db.close();
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.deleteDatabase('wiped');
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error as Error);
    });

    const after = await identifyDevice(await openDeviceDb('wiped'), marker);
    expect(after.storageLost).toBe(true);
    expect(after.deviceId).not.toBe(before.deviceId);
    const next = await identifyDevice(await openDeviceDb('wiped'), marker);
    expect(next.storageLost).toBe(false);
  });
});
