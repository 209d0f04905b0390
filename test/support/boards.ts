/** How the store contracts read a cohort's board. */
import type { Store } from '../../src/server/store/store';

/** The cohort's all-time board as `userId` sees it: the `top` rows and `around` rows each side of theirs. */
export const allTimeBoard = (store: Store, cohortId: string, userId: string, top = 3, around = 2) =>
  store.leaderboard({ cohortId, period: 'all', userId, top, around });
