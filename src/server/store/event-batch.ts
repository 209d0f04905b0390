/**
 * The results of one ingest batch, whichever way the database inserted it (event-insert.ts):
 * rows are inserted in batch order skipping those that clash with a unique constraint (the event
 * id, or the device + seq), so a repeat within the batch is skipped exactly as a later send would
 * be. Inserted → `accepted`. Every other event is looked up by id: same user and same content →
 * `duplicate`; anything else (other content, other user, or the device + seq already used by
 * another id) → `rejected: conflict`.
 */
import type { ProgressEvent } from '../../core/events';
import { errorPhrase } from '../../core/phrases/errors';
import { canonicalEvent, rejection, type SyncResult } from '../../core/sync';
import type { IncomingEvent } from './store';

export interface StoredEvent {
  user_id: string;
  body: string;
}

/**
 * Which events the INSERT stored: the first event of each returned id. The ids of all others,
 * which the caller reads back (`stored`) to tell a duplicate from a conflict.
 */
export function insertedFirsts(events: readonly IncomingEvent[], insertedIds: Iterable<string>) {
  const fresh = new Set(insertedIds);
  const firsts = events.map(({ event }) => fresh.delete(event.id));
  const others = events.filter((_, i) => !firsts[i]).map(({ event }) => event.id);
  return { firsts, others };
}

/**
 * Same content, whatever the key order: bodies stored before the validated-JSON form have their
 * keys sorted, so a resend of an old event is compared in canonical form (only on this rare path).
 */
function sameContent(stored: string, { body, event }: IncomingEvent): boolean {
  return stored === body || canonicalEvent(JSON.parse(stored) as object) === canonicalEvent(event);
}

export function batchResults(
  userId: string,
  events: readonly IncomingEvent[],
  firsts: readonly boolean[],
  stored: ReadonlyMap<string, StoredEvent>,
): SyncResult[] {
  return events.map((incoming, i): SyncResult => {
    const { event } = incoming;
    if (firsts[i]) return { id: event.id, status: 'accepted' };
    const row = stored.get(event.id);
    if (row && row.user_id === userId && sameContent(row.body, incoming))
      return { id: event.id, status: 'duplicate' };
    return rejection(
      event.id,
      'conflict',
      errorPhrase(row ? 'error.event.idTaken' : 'error.event.seqTaken'),
    );
  });
}

/**
 * The accepted events, dated at their corrected time and with the instant they were received, for
 * the aggregate (which reads `occurredAt` only as an instant, so an event whose clock needed no
 * correction keeps its own text).
 */
export function acceptedEvents(
  events: readonly IncomingEvent[],
  results: readonly SyncResult[],
): Array<ProgressEvent & { receivedAt: number }> {
  return events
    .filter((_, i) => results[i]!.status === 'accepted')
    .map(({ event, correctedAt, receivedAt }) =>
      Date.parse(event.occurredAt) === correctedAt
        ? { ...event, receivedAt }
        : { ...event, occurredAt: new Date(correctedAt).toISOString(), receivedAt },
    );
}
