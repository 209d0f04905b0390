/**
 * The cohort leaderboard: this week or all time, the top of the board and "you ± 2", the time it
 * was last updated when offline, and the learner's own row moved optimistically by XP still in
 * the outbox. Names are rendered as text (Preact escapes them), never as HTML.
 */
import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { standingOf, weekResetsAt, withOptimisticMe, type Period } from '../../core/leaderboard';
import { relativeTime } from '../format';
import { dateFormat, t } from '../i18n';
import type { BoardLine } from '../../core/api';
import { useStore } from '../store';
import { BoardSettings } from './BoardSettings';
import { PressedChoices } from './PressedChoices';
import { RecognitionFeed } from './RecognitionFeed';
import { ChallengeBar } from './SocialHome';
import type { ComponentType } from 'preact';

type ChallengeAdminView = ComponentType<{ cohortId: string }>;

/** Loads the challenge form only for managers and admins (learners never download it). */
function useChallengeAdmin(enabled: boolean): ChallengeAdminView | null {
  const [view, setView] = useState<ChallengeAdminView | null>(null);
  useEffect(() => {
    if (enabled)
      void import('../areas/people/ChallengeAdmin').then((m) => setView(() => m.default));
  }, [enabled]);
  return view;
}
import '../motivation.css';

/** The learner's own cohort's board, or (`cohortId`) a cohort a manager leads. */
export function LeaderboardView({ cohortId: shownCohort }: { cohortId?: string | undefined }) {
  const store = useStore();
  const user = store.session.user.value!;
  const [period, setPeriod] = useState<Period>('week');
  const cohortId = shownCohort ?? user.cohortIds[0];
  const member = cohortId !== undefined && user.cohortIds.includes(cohortId);
  const { board, stale, error } = store.leaderboard;
  const ChallengeAdmin = useChallengeAdmin(user.role !== 'learner' && cohortId !== undefined);
  useEffect(() => {
    if (cohortId) void store.leaderboard.load(user.id, cohortId, period);
  }, [user.id, cohortId, period]);
  useEffect(() => {
    if (cohortId) store.social.loadChallenge(cohortId);
  }, [cohortId]);

  const b = board.value;
  const rows = b ? shownRows(b.entries, b.around) : [];
  const myXp = (b?.me?.xp ?? 0) + store.progress.pendingXp.value;
  const shown = withOptimisticMe(rows, myXp);
  const standing = standingOf(shown);
  const resetsAt =
    period === 'week' && b?.weekStart ? weekResetsAt(b.weekStart, b.cohort.tz) : null;

  return (
    <section class="page board">
      <h1>{b ? b.cohort.name : t('board.title')}</h1>
      <div class="tabs" role="group" aria-label={t('board.period')}>
        <PressedChoices
          values={['week', 'all'] as const}
          chosen={period}
          choose={setPeriod}
          label={(p) => t(p === 'week' ? 'board.week' : 'board.all')}
        />
      </div>
      {!cohortId && <p>{t('board.noCohort')}</p>}
      {stale.value && (
        <p class="notice" role="status">
          {error.value}
          {b && t('board.lastUpdated', { when: relativeTime(b.updatedAt) })}
        </p>
      )}
      {b && shown.length === 0 && (
        <p class="muted">{t(period === 'week' ? 'board.emptyWeek' : 'board.emptyAll')}</p>
      )}
      {shown.length > 0 && (
        <ol class="board-list" aria-label={t(period === 'week' ? 'board.week' : 'board.all')}>
          {shown.map((row, i) => (
            <Fragment key={`${row.rank}:${row.isMe ? 1 : 0}`}>
              {i > 0 && row.rank > shown[i - 1]!.rank + 1 && (
                <li class="board-gap">
                  <span aria-hidden="true">⋯</span>
                  <span class="visually-hidden">
                    {t('board.between', { count: row.rank - shown[i - 1]!.rank - 1 })}
                  </span>
                </li>
              )}
              <li
                class={[
                  'board-row',
                  row.isMe && 'me',
                  row.rank <= 3 && `podium podium-${row.rank}`,
                  row.rank === 3 && 'podium-last',
                ]
                  .filter(Boolean)
                  .join(' ')}
              >
                <span class="board-rank">{row.rank}</span>
                <span class="board-name">
                  {row.displayName}
                  {row.isMe && <span class="visually-hidden">{t('board.you')}</span>}
                </span>
                <span class="board-xp">{t('board.xp', { xp: row.xp })}</span>
                {row.isMe && standing && (
                  <span class="board-standing">
                    {standing.kind === 'lead'
                      ? t('board.lead')
                      : t('board.toPass', { xp: standing.xp, name: standing.name })}
                  </span>
                )}
              </li>
            </Fragment>
          ))}
        </ol>
      )}
      {resetsAt !== null && shown.length > 0 && (
        <p class="muted board-resets">
          {t('board.resets', {
            when: dateFormat({ weekday: 'long', hour: 'numeric', minute: '2-digit' }).format(
              resetsAt,
            ),
          })}
        </p>
      )}
      {b?.me?.hidden && <p class="muted">{t('board.hidden')}</p>}
      <ChallengeBar />
      {cohortId && ChallengeAdmin && <ChallengeAdmin cohortId={cohortId} />}
      {cohortId && <RecognitionFeed cohortId={cohortId} />}
      {member && <BoardSettings />}
    </section>
  );
}

/** The top entries, then "you ± 2" when that is further down, in rank order without repeats. */
function shownRows(entries: BoardLine[], around: BoardLine[]): BoardLine[] {
  const seen = new Map<string, BoardLine>();
  for (const row of [...entries, ...around]) seen.set(`${row.rank}:${row.isMe ? 1 : 0}`, row);
  // A hidden learner's own row shares its number with the visible row after it; mine goes first.
  return [...seen.values()].sort((a, b) => a.rank - b.rank || (a.isMe ? -1 : b.isMe ? 1 : 0));
}
