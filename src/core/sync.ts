/**
 * The sync contract (v1) shared by the device and the server; free of zod so the app bundle stays
 * small. See DESIGN.md "Sync contract" and src/server/ingest.ts.
 */
import type { Phrase } from './wording';

/** Hard limits of one sync request, shared by client batching and server validation. */
export const SYNC_LIMITS = { maxEvents: 500, maxBytes: 1024 * 1024 } as const;

export type RejectReason =
  | 'invalid'
  | 'conflict'
  | 'too_old'
  | 'in_future'
  | 'device_mismatch'
  | 'too_large'
  | 'unknown_content';

export type SyncResult =
  | { id: string; status: 'accepted' | 'duplicate' }
  | {
      id: string;
      status: 'rejected';
      reason: RejectReason;
      /** Why, as a phrase: the app words it in the reader's locale, and keeps it so. */
      phrase: Phrase;
      /** The phrase's English text, for API readers and app versions that predate `phrase`. */
      message: string;
    };

/** A rejected result carrying its reason as a phrase. */
export const rejection = (id: string, reason: RejectReason, phrase: Phrase): SyncResult => ({
  id,
  status: 'rejected',
  reason,
  phrase,
  message: phrase.text,
});

/**
 * A stable serialisation of an event, used to tell a duplicate (same content) from a conflict.
 * Keys are sorted at every depth so the order in which a client wrote them does not matter.
 *
 * @example
 * canonicalEvent({ b: 1, a: [{ y: 2, x: 1 }] }) // '{"a":[{"x":1,"y":2}],"b":1}'
 */
export function canonicalEvent(event: object): string {
  return canonicalJson(event);
}

const isArrayIndex = (key: string) => /^(?:0|[1-9]\d{0,9})$/.test(key) && Number(key) < 2 ** 32 - 1;

/** JSON with object keys in sorted order at every depth, written in one pass (ingest runs it per event). */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const record = value as Record<string, unknown>;
  // JavaScript lists integer-like keys first, ascending; the rest are sorted. (This is the order
  // JSON.stringify gave the stored bodies, so it must not change.)
  const keys = Object.keys(record);
  let indexKeys = 0;
  while (indexKeys < keys.length && isArrayIndex(keys[indexKeys]!)) indexKeys++;
  let out = '';
  for (const key of [...keys.slice(0, indexKeys), ...keys.slice(indexKeys).sort()]) {
    if (record[key] === undefined) continue;
    out += `${out ? ',' : ''}${JSON.stringify(key)}:${canonicalJson(record[key])}`;
  }
  return `{${out}}`;
}
