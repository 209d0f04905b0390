/**
 * The leaderboard bench's baseline (bench/leaderboard.ts): one cohort's board in a Redis sorted
 * set at 127.0.0.1:6379, read and written the way a Redis-backed board would be.
 */
import { connectResp } from './resp';

/** One board read by the member `me`. */
export type Reader = (me: string) => Promise<void>;

export interface RedisBoard {
  read: Reader;
  write(member: string, xp: number, reachedAt: number): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * A cohort's board as a Redis sorted set; a read is ZREVRANGE 0 19 + ZREVRANK + ZSCORE pipelined,
 * then ZREVRANGE around me (no names: Redis holds only ids).
 */
export async function redisBoard(
  boardRows: unknown[][],
  cohortId: string,
  period: string,
): Promise<RedisBoard> {
  const redis = await connectResp();
  const key = `kindling:bench:${process.pid}:${cohortId}:${period}`;
  // Ties to whoever was first: a smaller fraction for a later instant.
  const score = (xp: number, reachedAt: number) => xp + (1 - reachedAt / 1e13);
  const members: Array<string | number> = [];
  for (const [cohort, rowPeriod, user, xp, , reachedAt] of boardRows as Array<
    [string, string, string, number, number, number]
  >)
    if (cohort === cohortId && rowPeriod === period) members.push(score(xp, reachedAt), user);
  for (let i = 0; i < members.length; i += 2000)
    await redis.pipeline([['ZADD', key, ...members.slice(i, i + 2000)]]);
  return {
    async read(me) {
      const [top, rank] = await redis.pipeline([
        ['ZREVRANGE', key, 0, 19, 'WITHSCORES'],
        ['ZREVRANK', key, me],
        ['ZSCORE', key, me],
      ]);
      if (typeof rank === 'number')
        await redis.pipeline([['ZREVRANGE', key, Math.max(0, rank - 2), rank + 2, 'WITHSCORES']]);
      if (!Array.isArray(top) || top.length !== 40) throw new Error('redis board too small');
    },
    write: (member, xp, reachedAt) => redis.pipeline([['ZADD', key, score(xp, reachedAt), member]]),
    async close() {
      await redis.pipeline([['DEL', key]]);
      redis.close();
    },
  };
}
