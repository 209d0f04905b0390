/**
 * The sync contract (v1) shared by the device and the server; free of zod so the app bundle stays
 * small. See DESIGN.md "Sync contract" and src/server/ingest.ts.
 */

/** Hard limits of one sync request, shared by client batching and server validation. */
export const SYNC_LIMITS = { maxEvents: 500, maxBytes: 1024 * 1024 } as const;

export type RejectReason =
  'invalid' | 'conflict' | 'too_old' | 'in_future' | 'device_mismatch' | 'too_large';

export type SyncResult =
  | { id: string; status: 'accepted' | 'duplicate' }
  | { id: string; status: 'rejected'; reason: RejectReason; message?: string };

/**
 * A stable serialisation of an event, used to tell a duplicate (same content) from a conflict.
 * Keys are sorted at every depth so the order in which a client wrote them does not matter.
 *
 * @example
 * canonicalEvent({ b: 1, a: [{ y: 2, x: 1 }] }) // '{"a":[{"x":1,"y":2}],"b":1}'
 */
export function canonicalEvent(event: object): string {
  return JSON.stringify(sortKeys(event));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
  );
}
