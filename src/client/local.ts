/**
 * localStorage, guarded: where the browser blocks it (some private modes, site policies) a read
 * answers `undefined` and a write is dropped, so nothing that uses it ever throws.
 */

/** The stored string, null when none is stored, undefined when storage is blocked. */
export function readLocal(key: string): string | null | undefined {
  try {
    return localStorage.getItem(key);
  } catch {
    return undefined;
  }
}

/** Stores `value`; false when storage is blocked or full (it lasts for this visit only). */
export function writeLocal(key: string, value: string): boolean {
  try {
    localStorage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}
