/**
 * Ingest: turns a sync request into events the store can keep, with a result for every event.
 *
 * Design, in order of the checks:
 * 1. Each event is validated on its own, so one malformed event is rejected (`invalid`) and never
 *    blocks the rest of the batch.
 * 2. Clock skew: the device says when it sent the batch (`sentAt`); the difference to our receive
 *    time, beyond a small tolerance, is the device clock's error. We shift `occurredAt` by it and
 *    keep both: the device's text in the body, the corrected time in `corrected_at`.
 * 3. After correction, events from the future are rejected (`in_future`) and events older than the
 *    acceptance window are rejected (`too_old`); the device shows both to the learner.
 * 4. Events about lessons or cards the learner's organisation's content does not hold are
 *    rejected (`unknown_content`): invented ids would otherwise be stored forever and counted.
 * 5. The store decides accepted / duplicate / conflict inside one transaction, by unique event id
 *    (and unique device + seq), so two processes racing on the same batch still store it once.
 */
import { progressEvent, type ProgressEvent, type SyncRequest } from '../core/events';
import { errorPhrase, issuePhrase } from '../core/phrases/errors';
import { rejection, type SyncResult } from '../core/sync';
import type { Phrase } from '../core/wording';
import type { IncomingEvent } from './store/store';

export const CLOCK_TOLERANCE_MS = 2 * 60_000;

export interface PreparedBatch {
  /** One slot per event sent: a result already decided here, or the index into `incoming`. */
  slots: Array<SyncResult | number>;
  incoming: IncomingEvent[];
}

export function measureSkew(sentAt: string, receivedAt: number): number {
  const skew = receivedAt - Date.parse(sentAt);
  return Math.abs(skew) <= CLOCK_TOLERANCE_MS ? 0 : skew;
}

/** The card ids of a lesson the learner can see, or undefined when they cannot see it. */
export type KnownContent = (lessonId: string) => ReadonlySet<string> | undefined;

/** Why `event` names content the learner cannot have seen, or undefined when it does not. */
export function unknownContent(event: ProgressEvent, known: KnownContent): Phrase | undefined {
  if (event.type === 'goal_set') return undefined;
  const cards = known(event.lessonId);
  if (!cards) return errorPhrase('error.event.unknownLesson');
  const cardIds =
    event.type === 'assessment_submitted'
      ? event.answers.map((a) => a.cardId)
      : 'cardId' in event
        ? [event.cardId]
        : [];
  return cardIds.every((id) => cards.has(id)) ? undefined : errorPhrase('error.event.unknownCard');
}

export function prepareBatch(
  request: SyncRequest,
  receivedAt: number,
  windowDays: number,
  known?: KnownContent,
): PreparedBatch {
  const skew = measureSkew(request.sentAt, receivedAt);
  const oldest = receivedAt - windowDays * 86_400_000;
  const incoming: IncomingEvent[] = [];
  const slots = request.events.map((raw): SyncResult | number => {
    const parsed = progressEvent.safeParse(raw);
    if (!parsed.success) {
      return rejection(raw.id, 'invalid', issuePhrase(parsed.error.issues[0]!));
    }
    const event = parsed.data;
    if (event.deviceId !== request.deviceId)
      return rejection(event.id, 'device_mismatch', errorPhrase('error.event.deviceMismatch'));
    const correctedAt = Date.parse(event.occurredAt) + skew;
    if (correctedAt > receivedAt + CLOCK_TOLERANCE_MS)
      return rejection(event.id, 'in_future', errorPhrase('error.event.future'));
    if (correctedAt < oldest)
      return rejection(
        event.id,
        'too_old',
        errorPhrase('error.event.tooOld', { count: windowDays }),
      );
    const unknown = known && unknownContent(event, known);
    if (unknown) return rejection(event.id, 'unknown_content', unknown);
    incoming.push({ event, body: JSON.stringify(event), correctedAt, receivedAt });
    return incoming.length - 1;
  });
  return { slots, incoming };
}

/** Puts the store's results back into the order the events were sent in. */
export function mergeResults(batch: PreparedBatch, stored: SyncResult[]): SyncResult[] {
  return batch.slots.map((slot) => (typeof slot === 'number' ? stored[slot]! : slot));
}
