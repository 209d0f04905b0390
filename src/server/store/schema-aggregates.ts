/** Per-learner aggregates kept by ingest, and their backfills (see ./schema.ts for the conventions). */

/** One learner's local day (see src/core/pilot/days.ts), kept by ingest. */
/** A pilot's member's summary (src/core/pilot/summary.ts), store/pilot-summaries.ts. */
export interface PilotSummariesTable {
  pilot_id: string;
  user_id: string;
  /** `pilotContentKey` of the content it was made with. */
  content: string;
  /** `encodeSummary` of the summary (src/core/pilot/summary.ts). */
  detail: string;
}

export interface LearnerDaysTable {
  user_id: string;
  /** Local date, YYYY-MM-DD. */
  day: string;
  lessons: number;
  last_at: number;
  /** JSON `{ c: { lessonId: [n, first] }, p: { moduleId: [at…] } }`. */
  detail: string;
}

/** One learner's totals over all their days, kept by ingest. */
export interface LearnerTotalsTable {
  user_id: string;
  /** The latest event of any type, epoch ms. */
  last_at: number;
  /** JSON array of every lesson id ever completed, sorted. */
  completed: string;
}

/** One learner's mastery (see store/learner-mastery.ts), kept by ingest: what /me/state reads. */
export interface LearnerMasteryTable {
  user_id: string;
  /** JSON `{ lessonId: [best, attempts] }` of every graded assessment attempt. */
  assessments: string;
  /** JSON array of review items (src/core/review.ts), in the order scheduleReview returns. */
  review: string;
}

/** One learner's graded answers to one quiz card, kept by ingest to replay that card's review. */
export interface LearnerCardsTable {
  user_id: string;
  /** `lessonId#cardId`. */
  card: string;
  /** JSON array of `[atMs, eventId, 'q' | 'r', right 0 | 1, tz]`, sorted by (at, id). */
  answers: string;
}

/** How far a backfill of aggregates has got: done once `done_at` is set. */
export interface AggregateBackfillsTable {
  name: string;
  /** The last user id backfilled ('' before the first). */
  after_user: string;
  done_at: number | null;
}
