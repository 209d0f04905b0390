import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { MeState, SyncReply } from '../../core/api';
import { syncRequest } from '../../core/events';
import { SYNC_LIMITS } from '../../core/sync';
import { requireUser } from '../auth/session';
import type { AppDeps, AppEnv } from '../env';
import { ApiError, parseInput, readJson } from '../errors';
import { mergeResults, prepareBatch } from '../ingest';
import { contentSnapshot } from '../content-snapshot';
import { masteryOf } from '../mastery';
import { aggregateFor, progressStateOf } from '../progress-aggregate';
import type { User } from '../store/store';
import { boundDailyEvents, limitSyncRate } from '../sync-bounds';

async function stateOf(deps: AppDeps, user: User): Promise<MeState> {
  const [state, mastery] = await Promise.all([
    progressStateOf(deps.store, user, deps.now()),
    masteryOf(deps.store, user),
  ]);
  return { ...state, mastery };
}

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
      await boundDailyEvents(c, batch);
      const aggregate = await aggregateFor(deps.store, user, content.lessons);
      const stored = await deps.store.ingest(user.id, batch.incoming, aggregate, content.module);
      return c.json({
        results: mergeResults(batch, stored),
        serverTime: new Date(receivedAt).toISOString(),
        state: await stateOf(deps, user),
      } satisfies SyncReply);
    },
  )
  .get('/me/state', requireUser(), async (c) => c.json(await stateOf(c.var.deps, c.var.user)));
