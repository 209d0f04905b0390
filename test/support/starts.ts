import type { ProgressEvent } from '../../src/core/events';

/**
 * The events with the `lesson_started` the player records before each completion, its duration
 * earlier on the same device and one outbox number before it, as the app records them (a
 * completion counts only after its start: src/core/plausibility.ts). Ids are derived from the
 * completion's, so a repeated completion repeats its start too.
 */
/** Another id for the start, from the completion's: one hex digit changed (never to itself). */
const startIdOf = (id: string) => `${id.slice(0, 9)}${id[9] === '1' ? '2' : '1'}${id.slice(10)}`;

export function withStarts(events: readonly ProgressEvent[]): ProgressEvent[] {
  return events.flatMap((e): ProgressEvent[] =>
    e.type === 'lesson_completed'
      ? [
          {
            id: startIdOf(e.id),
            occurredAt: new Date(Date.parse(e.occurredAt) - e.durationMs).toISOString(),
            tz: e.tz,
            deviceId: e.deviceId,
            seq: e.seq - 1,
            type: 'lesson_started',
            lessonId: e.lessonId,
          },
          e,
        ]
      : [e],
  );
}

/** An outbox number that follows the event's instant, as a device numbering events in order. */
export const seqAt = (occurredAt: string, made: number) =>
  Date.parse(occurredAt) * 100 + (made % 100);
