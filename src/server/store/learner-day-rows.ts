/** A learner day's row in `learner_days` and back (store/learner-days.ts). */
import type { LearnerDay } from '../../core/pilot/days';

/** A learner day with whose it is. */
export interface StoredLearnerDay extends LearnerDay {
  userId: string;
}

interface Detail {
  c: Record<string, [number, number]>;
  p: Record<string, number[]>;
}

export function detailOf(day: LearnerDay): string {
  const c: Detail['c'] = {};
  for (const [lessonId, { n, first }] of Object.entries(day.completions)) c[lessonId] = [n, first];
  return JSON.stringify({ c, p: day.passes } satisfies Detail);
}

export function dayOf(row: {
  user_id: string;
  day: string;
  lessons: number;
  last_at: number;
  detail: string;
}): StoredLearnerDay {
  const detail = JSON.parse(row.detail) as Detail;
  const completions: LearnerDay['completions'] = {};
  for (const [lessonId, [n, first]] of Object.entries(detail.c))
    completions[lessonId] = { n, first };
  return {
    userId: row.user_id,
    day: row.day,
    lessons: row.lessons,
    lastAt: row.last_at,
    completions,
    passes: detail.p,
  };
}
