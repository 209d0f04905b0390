/**
 * The cohort leaderboard as the learner sees it: fetched from the server, kept on the device
 * (per user, cohort and period: client/reply-cache.ts) so it still shows offline with the time it
 * was last updated.
 */
import { signal } from '@preact/signals';
import { NetworkError, type Api } from '../../client/api';
import { boardReply } from '../../client/reply-cache';
import type { BoardProfile, BoardReply as Board } from '../../core/api';
import type { Period } from '../../core/leaderboard';
import { t } from '../i18n';

export type { BoardLine } from '../../core/api';

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
      const saved = boardReply(userId, cohortId, period);
      board.value = saved.read();
      try {
        const fresh = await api.get<Board>(
          `/cohorts/${encodeURIComponent(cohortId)}/leaderboard?period=${period}`,
        );
        board.value = fresh;
        stale.value = false;
        error.value = null;
        saved.keep(fresh);
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
