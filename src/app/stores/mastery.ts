/**
 * Mastery as the learner sees it: the server's graded snapshot plus pending answers graded on the
 * device (a preview; the server grades again at sync), the career roadmap and today's review.
 */
import { computed, signal } from '@preact/signals';
import { roadmapFor } from '../../core/career';
import { deriveMastery } from '../../core/mastery';
import { dueForReview } from '../../core/review';
import type { TrackPreference } from '../../client/preferences';
import type { ContentStore } from './content';
import type { ProgressStore } from './progress';

export function createMasteryStore({
  trackChoice,
  progress,
  content,
}: {
  trackChoice: TrackPreference;
  progress: ProgressStore;
  content: ContentStore;
}) {
  const track = signal<string | null>(null, { name: 'mastery.track' });
  void trackChoice.read().then((roleId) => (track.value = roleId));

  const mastery = computed(() =>
    deriveMastery(progress.serverMastery.value, progress.pending.value, {
      module: (id) => content.modules.value.get(id),
      outlines: content.catalog.value?.modules ?? [],
    }),
  );
  const roadmap = computed(() => {
    const catalog = content.catalog.value;
    const roleId = track.value ?? catalog?.roles[0]?.id;
    if (!catalog || !roleId) return undefined;
    return roadmapFor(
      catalog,
      roleId,
      new Set(mastery.value.competencies),
      new Set(progress.state.value.completedLessonIds),
    );
  });
  const dueToday = computed(() => dueForReview(mastery.value.review, progress.today.value));

  return {
    mastery,
    roadmap,
    dueToday,
    track,
    async chooseTrack(roleId: string): Promise<void> {
      track.value = roleId;
      await trackChoice.write(roleId);
    },
  };
}

export type MasteryStore = ReturnType<typeof createMasteryStore>;
