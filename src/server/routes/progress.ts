import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import type { AssessmentFeedbackReply, MeState, SyncReply } from '../../core/api';
import {
  ASSESSMENT_PASS,
  answerKeyOf,
  assessmentResults,
  attemptFeedback,
  isAssessmentLesson,
  moduleIdOf,
  scoreAttempt,
} from '../../core/mastery';
import { deviceIdField, syncRequest } from '../../core/events';
import type { Ledger } from '../../core/progress';
import { SYNC_LIMITS } from '../../core/sync';
import { requireUser } from '../auth/session';
import type { AppDeps, AppEnv } from '../env';
import { ApiError, parseInput, readJson } from '../errors';
import { mergeResults, prepareBatch } from '../ingest';
import { contentSnapshot } from '../content-snapshot';
import { masteryOf } from '../mastery';
import { aggregateFor, progressStateOf } from '../progress-aggregate';
import type { User } from '../store/store';
import { dailyEventBound, limitSyncRate } from '../sync-bounds';

async function stateOf(deps: AppDeps, user: User, ledger?: Ledger): Promise<MeState> {
  const [state, mastery] = await Promise.all([
    progressStateOf(deps.store, user, deps.now(), ledger),
    masteryOf(deps.store, user),
  ]);
  return { ...state, mastery };
}

const stateQuery = z.object({ deviceId: deviceIdField.optional() });

export const progressRoutes = new Hono<AppEnv>()
  .post(
    '/sync',
    requireUser(),
    bodyLimit({
      maxSize: SYNC_LIMITS.maxBytes,
      onError: () => {
        throw new ApiError(413, 'payload_too_large', 'error.syncBatchTooLarge', {
          bytes: SYNC_LIMITS.maxBytes,
        });
      },
    }),
    async (c) => {
      await limitSyncRate(c);
      const request = parseInput(syncRequest, await readJson(c));
      const { deps, user } = c.var;
      const receivedAt = deps.now();
      const content = await contentSnapshot(deps.store, user.orgId);
      const batch = prepareBatch(request, receivedAt, deps.acceptanceWindowDays, content.cards);
      const devices = await deps.store.knowDevice(user.id, request.deviceId, receivedAt);
      // The reply's state comes off the ledger this sync stored (read again when it stored none).
      let ledger: Ledger | undefined;
      const aggregate = await aggregateFor(deps.store, user, content.lessons, {
        devices,
        windowDays: deps.acceptanceWindowDays,
        onLedger: (l) => (ledger = l),
      });
      const stored = await deps.store.ingest(
        user.id,
        batch.incoming,
        aggregate,
        content.module,
        dailyEventBound(batch.incoming.length, receivedAt),
      );
      return c.json({
        results: mergeResults(batch, stored),
        serverTime: new Date(receivedAt).toISOString(),
        state: await stateOf(deps, user, ledger),
      } satisfies SyncReply);
    },
  )
  /** `?deviceId=`: the device asking, which the server then knows from now on (store/devices.ts). */
  .get('/me/state', requireUser(), async (c) => {
    const { deps, user } = c.var;
    const { deviceId } = parseInput(stateQuery, c.req.query());
    if (deviceId) await deps.store.knowDevice(user.id, deviceId, deps.now());
    return c.json(await stateOf(deps, user));
  })
  /**
   * The result of the learner's own assessment, graded here against the key the device never
   * saw; 404 until an attempt has been synced. The latest attempt is the last submitted on the
   * device (by its time, then its outbox number), so a late sync of an older attempt does not win.
   */
  .get('/me/assessments/:lessonId', requireUser(), async (c) => {
    const { deps, user } = c.var;
    const lessonId = c.req.param('lessonId');
    const module = isAssessmentLesson(lessonId)
      ? (await contentSnapshot(deps.store, user.orgId)).module(moduleIdOf(lessonId))
      : undefined;
    const key = module && answerKeyOf(module);
    if (!key) throw new ApiError(404, 'not_found', 'error.noAttempt');
    const attempts = (await deps.store.userEvents(user.id, ['assessment_submitted'])).flatMap(
      (e) => (e.type === 'assessment_submitted' && e.lessonId === lessonId ? [e] : []),
    );
    // Later in time; within one millisecond, later in the device's outbox; then by id.
    const after = (b: (typeof attempts)[number], a: (typeof attempts)[number]) =>
      (Date.parse(b.occurredAt) - Date.parse(a.occurredAt) ||
        (b.deviceId === a.deviceId ? b.seq - a.seq : 0) ||
        (b.id > a.id ? 1 : -1)) > 0;
    const latest = attempts.reduce<(typeof attempts)[number] | undefined>(
      (a, b) => (!a || after(b, a) ? b : a),
      undefined,
    );
    if (!latest) throw new ApiError(404, 'not_found', 'error.noAttempt');
    const score = scoreAttempt(key, latest.answers);
    return c.json({
      lessonId,
      result: assessmentResults(attempts, new Map([[lessonId, key]]))[lessonId]!,
      latest: {
        id: latest.id,
        score,
        passed: score >= ASSESSMENT_PASS - 1e-9,
        questions: attemptFeedback(key, latest.answers),
      },
    } satisfies AssessmentFeedbackReply);
  });
