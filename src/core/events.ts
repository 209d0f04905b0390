/**
 * Progress is an append-only log of events made on the device.
 *
 * The event id (a UUIDv7 made on the device) is the idempotency key: the server stores each id
 * once, answers `duplicate` for a resend with the same content and `rejected: conflict` for the
 * same id with different content. Everything derived (XP, streaks, completions) is recomputed from
 * these events by the reducers in this folder, on the device and on the server alike.
 */
import { z } from 'zod';
import { isContentId } from './content-id';
import { SYNC_LIMITS } from './sync';

/*
 * Ingest checks every event, so each field is checked by ONE refinement: zod runs each check of a
 * chain separately, and chains like .min().max() or .int().nonnegative().max() cost about twice
 * the time per event (measured 3.3 vs 1.6 µs for a whole event). Messages are keys of the errors
 * catalog (src/core/phrases/errors.ts), so a rejection reads in the learner's language.
 */
const text = (min: number, max: number) =>
  z.string().refine((s) => s.length >= min && s.length <= max, {
    message: 'error.field.textLength',
    params: { min, max },
  });
const wholeNumber = (max: number) =>
  z.number().refine((n) => Number.isInteger(n) && n >= 0 && n <= max, {
    message: 'error.field.wholeNumber',
    params: { max },
  });

const isoWithOffset = z.iso.datetime({ offset: true });
const ianaZone = z
  .string()
  .refine((tz) => tz.length >= 1 && tz.length <= 64 && isValidTimeZone(tz), {
    message: 'error.field.timeZone',
  });

/** Zones already seen valid: building an Intl formatter costs ~0.1 ms, and ingest checks every event. */
const validZones = new Set<string>();

export function isValidTimeZone(tz: string): boolean {
  if (validZones.has(tz)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    if (validZones.size < 1000) validZones.add(tz);
    return true;
  } catch {
    return false;
  }
}

/**
 * A lesson, card or answer id: 1 to 200 characters of the content id alphabet (content-id.ts), so
 * no id can carry a separator or a formula into an export. One check, two possible phrases.
 */
const ref = z.string().superRefine((s, ctx) => {
  if (s.length < 1 || s.length > 200)
    ctx.addIssue({
      code: 'custom',
      message: 'error.field.textLength',
      params: { min: 1, max: 200 },
    });
  else if (!isContentId(s)) ctx.addIssue({ code: 'custom', message: 'error.field.invalid' });
});

/** Fields every event carries, whatever its type. */
export const eventBase = z.object({
  id: z.uuid(),
  occurredAt: isoWithOffset,
  tz: ianaZone,
  deviceId: text(8, 64),
  seq: wholeNumber(Number.MAX_SAFE_INTEGER),
});

export const lessonStarted = eventBase.extend({
  type: z.literal('lesson_started'),
  lessonId: ref,
});
export const lessonCompleted = eventBase.extend({
  type: z.literal('lesson_completed'),
  lessonId: ref,
  durationMs: wholeNumber(7 * 24 * 3600 * 1000),
});
export const cardViewed = eventBase.extend({
  type: z.literal('card_viewed'),
  lessonId: ref,
  cardId: ref,
});
export const quizAnswered = eventBase.extend({
  type: z.literal('quiz_answered'),
  lessonId: ref,
  cardId: ref,
  answerIds: z.array(ref).min(1).max(20),
});

const cardAnswer = z.object({ cardId: ref, answerIds: z.array(ref).min(1).max(20) });

/** A whole attempt at a module's assessment: the first answer given to each question. */
export const assessmentSubmitted = eventBase.extend({
  type: z.literal('assessment_submitted'),
  lessonId: ref,
  answers: z.array(cardAnswer).min(1).max(50),
});

/** An answer in the daily spaced review. */
export const reviewAnswered = eventBase.extend({
  type: z.literal('review_answered'),
  lessonId: ref,
  cardId: ref,
  answerIds: z.array(ref).min(1).max(20),
});

/** The learner's daily goal (lessons a day), in effect from the local date it was chosen on. */
export const goalSet = eventBase.extend({
  type: z.literal('goal_set'),
  goal: z.union([z.literal(1), z.literal(2), z.literal(3)]),
});

export const progressEvent = z.discriminatedUnion('type', [
  lessonStarted,
  lessonCompleted,
  cardViewed,
  quizAnswered,
  assessmentSubmitted,
  reviewAnswered,
  goalSet,
]);

export type ProgressEvent = z.infer<typeof progressEvent>;
export type EventType = ProgressEvent['type'];
/** What the app supplies when it records progress; the outbox adds the envelope fields. */
export type EventDraft = DistributiveOmit<ProgressEvent, keyof z.infer<typeof eventBase>>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What the envelope needs of each event: an id to answer for. The rest is checked per event. */
/** A device's id as requests name it (the outbox makes a UUID). */
export const deviceIdField = z.string().min(8).max(64);

const hasEventId = (value: unknown): value is { id: string } => {
  const id = (value as { id?: unknown } | null)?.id;
  return typeof value === 'object' && typeof id === 'string' && id.length > 0 && id.length <= 100;
};

/**
 * The sync request envelope. Events are checked one by one (src/server/ingest.ts) so one bad
 * event never fails the batch; here each needs only an id, checked without copying the event.
 */
export const syncRequest = z.object({
  deviceId: deviceIdField,
  sentAt: isoWithOffset,
  events: z
    .array(
      z.custom<{ id: string }>(hasEventId, {
        message: 'error.field.eventId',
      }),
    )
    .max(SYNC_LIMITS.maxEvents),
});
export type SyncRequest = z.infer<typeof syncRequest>;
