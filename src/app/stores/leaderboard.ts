/**
 * The cohort leaderboard as the learner sees it: fetched from the server, kept on the device
 * (per user, cohort and period) so it still shows offline with the time it was last updated.
 */
import { signal } from '@preact/signals';
import { NetworkError, type Api } from '../../client/api';
import type { BoardProfile, BoardReply as Board } from '../../core/api';
import type { Period } from '../../core/leaderboard';
import { t } from '../i18n';

export type { BoardLine } from '../../core/api';

const cacheKey = (userId: string, cohortId: string, period: Period) =>
  `kindling:board:${userId}:${cohortId}:${period}`;

export function createLeaderboardStore({ api }: { api: Api }) {
  const board = signal<Board | null>(null, { name: 'leaderboard.board' });
  const stale = signal(false, { name: 'leaderboard.stale' });
  const error = signal<string | null>(null, { name: 'leaderboard.error' });
  const profile = signal<BoardProfile | null>(null, { name: 'leaderboard.profile' });

  return {
    board,
    stale,
    error,
    profile,
    async load(userId: string, cohortId: string, period: Period): Promise<void> {
      const key = cacheKey(userId, cohortId, period);
      const saved = localStorage.getItem(key);
      board.value = saved ? (JSON.parse(saved) as Board) : null;
      try {
        const fresh = await api.get<Board>(
          `/cohorts/${encodeURIComponent(cohortId)}/leaderboard?period=${period}`,
        );
        board.value = fresh;
        stale.value = false;
        error.value = null;
        localStorage.setItem(key, JSON.stringify(fresh));
      } catch (err) {
        stale.value = true;
        error.value = t(err instanceof NetworkError ? 'board.offline' : 'board.failed');
      }
    },
    async loadProfile(): Promise<void> {
      profile.value = await api.get<BoardProfile>('/me/board-profile').catch(() => profile.value);
    },
    async saveProfile(next: BoardProfile): Promise<void> {
      profile.value = await api.put<BoardProfile>('/me/board-profile', next);
    },
  };
}

export type LeaderboardStore = ReturnType<typeof createLeaderboardStore>;
