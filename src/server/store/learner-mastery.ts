/**
 * The learner's mastery (src/core/mastery.ts) kept by ingest, so `/me/state` and the sync reply
 * read one row, never the learner's assessment, quiz and review events.
 *
 * Kept in the ingest transaction, after the per-user lock (store/progress.ts):
 * 1. only events stored for the first time are folded in (duplicates and conflicts never are);
 * 2. an assessment attempt and a quiz or review answer are graded once, here, against the content
 *    of that moment (the sync's content snapshot, or the stored modules);
 * 3. assessment results are a best score and a count, so they join in any order;
 * 4. a card's review box depends on the order of its answers, so each card keeps its graded
 *    answers (`learner_cards`, a handful each) and a touched card is replayed from them with the
 *    same rule (`scheduleReview`): a late answer lands in its place whatever arrived in between.
 * Competencies are not stored: they follow from the assessment results and the catalog's
 * outlines at read time (src/server/mastery.ts).
 *
 * Existing databases are filled by `backfillLearnerMastery` while the server serves, as learner
 * days are; readers grade the events until `learnerMasteryReady`.
 */
import type { LearningModule } from '../../core/content';
import type { ProgressEvent } from '../../core/events';
import {
  ASSESSMENT_PASS,
  answerKeyOf,
  graderFor,
  moduleIdOf,
  scoreAttempt,
  type AssessmentResult,
} from '../../core/mastery';
import { scheduleReview, type ReviewAnswer, type ReviewItem } from '../../core/review';
import { keptBackfill } from './backfills';
import type { Db, Tx } from './db';
import { lockUser } from './locks';
import { storedEvent } from './progress';
import { fromInsert, rowAt } from './rows';

/** The modules ingest grades against, by id (the sync's content snapshot). */
export type ModuleSource = (moduleId: string) => LearningModule | undefined;

/** What the store keeps of a learner's mastery; competencies are worked out by the reader. */
export interface KeptMastery {
  assessments: Record<string, AssessmentResult>;
  review: ReviewItem[];
}

export interface LearnerMasteryStore {
  /** The learner's kept mastery; undefined when they have no graded attempt or answer. */
  learnerMastery(userId: string): Promise<KeptMastery | undefined>;
  /** The kept mastery of several learners in one read (those without any left out). */
  learnerMasteries(userIds: readonly string[]): Promise<Map<string, KeptMastery>>;
  /** True once every learner's mastery is kept (a fresh database, or the backfill has finished). */
  learnerMasteryReady(): Promise<boolean>;
  /** Fills the mastery of learners stored before it was kept; resumable, like `backfillLearnerDays`. */
  backfillLearnerMastery(options?: { chunk?: number; restart?: boolean }): Promise<void>;
}

/** One graded answer: `[atMs, eventId, 'q' | 'r', right 0 | 1, tz]`. */
type CardAnswer = [number, string, 'q' | 'r', 0 | 1, string];

const cardKey = (lessonId: string, cardId: string) => `${lessonId}#${cardId}`;
const byTimeThenId = (a: CardAnswer, b: CardAnswer) =>
  a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);

/** The modules a batch's mastery events need, from the snapshot or, without one, the stored rows. */
async function modulesFor(
  tx: Tx,
  events: readonly ProgressEvent[],
  source: ModuleSource | undefined,
): Promise<ModuleSource> {
  if (source) return source;
  const ids = [...new Set(events.map((e) => ('lessonId' in e ? moduleIdOf(e.lessonId) : '')))];
  const rows = ids.length
    ? await tx.selectFrom('content_modules').select(['id', 'body']).where('id', 'in', ids).execute()
    : [];
  const modules = new Map(rows.map((r) => [r.id, JSON.parse(r.body) as LearningModule]));
  return (id) => modules.get(id);
}

export function parseAssessments(text: string): Record<string, AssessmentResult> {
  const out: Record<string, AssessmentResult> = {};
  for (const [lessonId, [best, attempts]] of Object.entries(
    JSON.parse(text) as Record<string, [number, number]>,
  ))
    out[lessonId] = { best, attempts, passed: best >= ASSESSMENT_PASS - 1e-9 };
  return out;
}

function keptOf(row: { assessments: string; review: string }): KeptMastery {
  return {
    assessments: parseAssessments(row.assessments),
    review: JSON.parse(row.review) as ReviewItem[],
  };
}

/** A card's review item replayed from all its graded answers (none when it never entered or graduated). */
function replayCard(lessonId: string, cardId: string, answers: CardAnswer[]): ReviewItem[] {
  // Each answer carries its own event id as its "answer", so the grader returns the stored grade.
  const right = new Map(answers.map((a) => [a[1], a[3] === 1]));
  return scheduleReview(
    [],
    answers.map(([at, id, kind, , tz]): ReviewAnswer => ({
      id,
      type: kind === 'q' ? 'quiz_answered' : 'review_answered',
      lessonId,
      cardId,
      answerIds: [id],
      occurredAt: new Date(at).toISOString(),
      tz,
    })),
    (_lesson, _card, [id]) => right.get(id!),
  );
}

/**
 * Joins newly stored events (occurredAt server-corrected) into the user's kept mastery.
 * Must run inside the ingest transaction, after the per-user lock.
 */
export async function addToLearnerMastery(
  tx: Tx,
  userId: string,
  accepted: readonly ProgressEvent[],
  source?: ModuleSource,
): Promise<void> {
  const graded = accepted.filter(
    (e) =>
      e.type === 'assessment_submitted' ||
      e.type === 'quiz_answered' ||
      e.type === 'review_answered',
  );
  if (graded.length === 0) return;
  const module = await modulesFor(tx, graded, source);
  const grade = graderFor({ module, outlines: [] });
  const attempts: Record<string, [number, number]> = {};
  const answers = new Map<string, { lessonId: string; cardId: string; added: CardAnswer[] }>();
  for (const e of graded) {
    if (e.type === 'assessment_submitted') {
      const m = module(moduleIdOf(e.lessonId));
      const key = m && answerKeyOf(m);
      if (!key || key.lessonId !== e.lessonId) continue;
      const prior = attempts[e.lessonId];
      attempts[e.lessonId] = [
        Math.max(prior?.[0] ?? 0, scoreAttempt(key, e.answers)),
        (prior?.[1] ?? 0) + 1,
      ];
    } else if (e.type === 'quiz_answered' || e.type === 'review_answered') {
      const right = grade(e.lessonId, e.cardId, e.answerIds);
      if (right === undefined) continue;
      const key = cardKey(e.lessonId, e.cardId);
      const card = answers.get(key) ?? { lessonId: e.lessonId, cardId: e.cardId, added: [] };
      card.added.push([
        Date.parse(e.occurredAt),
        e.id,
        e.type === 'quiz_answered' ? 'q' : 'r',
        right ? 1 : 0,
        e.tz,
      ]);
      answers.set(key, card);
    }
  }
  if (Object.keys(attempts).length === 0 && answers.size === 0) return;

  const prior = await rowAt(tx, 'learner_mastery', ['assessments', 'review'], { user_id: userId });
  const assessments = JSON.parse(prior?.assessments ?? '{}') as Record<string, [number, number]>;
  for (const [lessonId, [best, n]] of Object.entries(attempts)) {
    const was = assessments[lessonId];
    assessments[lessonId] = [Math.max(was?.[0] ?? 0, best), (was?.[1] ?? 0) + n];
  }
  let review = JSON.parse(prior?.review ?? '[]') as ReviewItem[];

  if (answers.size) {
    const stored = new Map(
      (
        await tx
          .selectFrom('learner_cards')
          .select(['card', 'answers'])
          .where('user_id', '=', userId)
          .where('card', 'in', [...answers.keys()])
          .execute()
      ).map((r) => [r.card, JSON.parse(r.answers) as CardAnswer[]]),
    );
    const cardRows = [];
    const replayed: ReviewItem[] = [];
    for (const [key, { lessonId, cardId, added }] of answers) {
      const all = new Map((stored.get(key) ?? []).map((a) => [a[1], a]));
      for (const a of added) all.set(a[1], a);
      const log = [...all.values()].sort(byTimeThenId);
      cardRows.push({ user_id: userId, card: key, answers: JSON.stringify(log) });
      replayed.push(...replayCard(lessonId, cardId, log));
    }
    // The untouched cards' items stay; the touched ones are replaced by their replay, and the
    // list is put back in scheduleReview's order (an empty replay of it only sorts).
    review = scheduleReview(
      [...review.filter((i) => !answers.has(cardKey(i.lessonId, i.cardId))), ...replayed],
      [],
      () => undefined,
    );
    await tx
      .insertInto('learner_cards')
      .values(cardRows)
      .onConflict((oc) =>
        oc.columns(['user_id', 'card']).doUpdateSet(fromInsert('learner_cards', 'answers')),
      )
      .execute();
  }
  const row = { assessments: JSON.stringify(assessments), review: JSON.stringify(review) };
  await tx
    .insertInto('learner_mastery')
    .values({ user_id: userId, ...row })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(row))
    .execute();
}

/** Rebuilds one user's kept mastery from their stored events, graded against the stored modules. */
async function rebuildUser(tx: Tx, userId: string): Promise<void> {
  await lockUser(tx, userId);
  await tx.deleteFrom('learner_cards').where('user_id', '=', userId).execute();
  await tx.deleteFrom('learner_mastery').where('user_id', '=', userId).execute();
  const rows = await tx
    .selectFrom('events')
    .select(['body', 'corrected_at'])
    .where('user_id', '=', userId)
    .where('type', 'in', ['assessment_submitted', 'quiz_answered', 'review_answered'])
    .execute();
  await addToLearnerMastery(tx, userId, rows.map(storedEvent));
}

export function learnerMasteryStore(db: Db): LearnerMasteryStore {
  const backfill = keptBackfill(db, 'learner_mastery');
  return {
    async learnerMastery(userId) {
      const row = await rowAt(db, 'learner_mastery', ['assessments', 'review'], {
        user_id: userId,
      });
      return row && keptOf(row);
    },
    async learnerMasteries(userIds) {
      if (userIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('learner_mastery')
        .selectAll()
        .where('user_id', 'in', userIds)
        .execute();
      return new Map(rows.map((r) => [r.user_id, keptOf(r)]));
    },
    learnerMasteryReady: () => backfill.done(),
    async backfillLearnerMastery(options = {}) {
      await backfill.run(options, async (tx, userIds) => {
        for (const id of userIds) await rebuildUser(tx, id);
      });
    },
  };
}
