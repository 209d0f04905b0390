/**
 * The last answer of an API read that a screen shows at once and offline (home's extras, the
 * leaderboard), kept per user in localStorage. A reply that cannot be read back is no reply.
 */
import type { BoardReply, HomeReply } from '../core/api';
import type { Period } from '../core/leaderboard';
import { boardReplyKey, homeReplyKey } from './keys';
import { readLocal, writeLocal } from './local';

export interface CachedReply<T> {
  read(): T | null;
  keep(reply: T): void;
}

function cachedReply<T>(key: string): CachedReply<T> {
  return {
    read() {
      try {
        return JSON.parse(readLocal(key) ?? 'null') as T | null;
      } catch {
        return null;
      }
    },
    keep: (reply) => void writeLocal(key, JSON.stringify(reply)),
  };
}

/** What the organisation adds to this user's home. */
export const homeReply = (userId: string) => cachedReply<HomeReply>(homeReplyKey(userId));

/** This user's board of a cohort for a period. */
export const boardReply = (userId: string, cohortId: string, period: Period) =>
  cachedReply<BoardReply>(boardReplyKey(userId, cohortId, period));
