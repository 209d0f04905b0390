/**
 * Where a learner left each lesson: the card they were on and an assessment's answers so far.
 * A point that comes with progress is written with its event, atomically (outbox.ts `record`);
 * this keeps one without an event and reads them back.
 */
import type { KindlingDB, ResumePoint } from './db';
import { resumeKey } from './keys';

export function createResumePoints(db: KindlingDB) {
  return {
    read: (userId: string, lessonId: string): Promise<ResumePoint | undefined> =>
      db.get('resume', resumeKey(userId, lessonId)),
    async write(point: ResumePoint): Promise<void> {
      await db.put('resume', point);
    },
  };
}

export type ResumePoints = ReturnType<typeof createResumePoints>;
