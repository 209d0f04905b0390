/**
 * Progress as the learner sees it: the last server snapshot plus the events still in the outbox,
 * folded by the same reducer the server uses (src/core/progress.ts). Recording progress writes
 * the outbox first and only then updates what is shown. The snapshot is the sync engine's to
 * write; this store reads it after every sync.
 */
import { computed, signal, type ReadonlySignal } from '@preact/signals';
import { localDate } from '../../core/calendar';
import type { EventDraft, ProgressEvent } from '../../core/events';
import type { MeState } from '../../core/api';
import { emptyMastery } from '../../core/mastery';
import { emptyState, mergePending, type LessonFacts } from '../../core/progress';
import { waitingSummary } from '../../core/waiting';
import type { RejectedEntry, ResumePoint } from '../../client/db';
import { resumeKey } from '../../client/keys';
import type { Clock, Outbox } from '../../client/outbox';
import type { ResumePoints } from '../../client/resume';
import type { Snapshots } from '../../client/snapshots';
import type { SyncStatus } from '../../client/sync-engine';

export interface ProgressDeps {
  /** Read only: the sync engine writes the snapshot. */
  snapshots: Pick<Snapshots, 'read'>;
  resumePoints: ResumePoints;
  outbox: Outbox;
  clock: Clock;
  /** Called after every recorded event: debounced sync, background-sync registration. */
  onRecorded: () => void;
  /** Grading facts of the lessons on the device (quiz keys, estimates), for XP. */
  lessonFacts: ReadonlySignal<Record<string, LessonFacts>>;
}

/** Before the first sync: nothing learned yet. */
const noState: MeState = { ...emptyState, mastery: emptyMastery };

export function createProgressStore({
  snapshots,
  resumePoints,
  outbox,
  clock,
  onRecorded,
  lessonFacts,
}: ProgressDeps) {
  const userId = signal<string | null>(null, { name: 'progress.userId' });
  const snapshot = signal<MeState>(noState, { name: 'progress.snapshot' });
  const pending = signal<ProgressEvent[]>([], { name: 'progress.pending' });
  const rejected = signal<RejectedEntry[]>([], { name: 'progress.rejected' });
  const status = signal<SyncStatus>(
    { phase: 'idle', lastSyncedAt: null, error: null },
    { name: 'progress.status' },
  );
  const today = signal(localDate(clock.now(), clock.timeZone()), { name: 'progress.today' });
  /** The last lesson completion recorded on this page: what the completion screen reports. */
  const lastCompletion = signal<{ lessonId: string; id: string } | null>(null, {
    name: 'progress.lastCompletion',
  });

  const state = computed(() => {
    const facts = lessonFacts.value;
    return mergePending(snapshot.value, pending.value, today.value, (id) => facts[id]);
  });
  /** The server's graded mastery from the last sync; the mastery store adds pending events. */
  const serverMastery = computed(() => snapshot.value.mastery);

  async function refresh(): Promise<void> {
    const uid = userId.value;
    if (!uid) return;
    const [entries, snap, refused] = await Promise.all([
      outbox.pending(uid),
      snapshots.read(uid),
      outbox.rejected(uid),
    ]);
    pending.value = entries.map((e) => e.event);
    rejected.value = refused;
    if (snap) {
      snapshot.value = { ...snap.state, mastery: snap.state.mastery ?? emptyMastery };
      if (!status.value.lastSyncedAt)
        status.value = { ...status.value, lastSyncedAt: snap.syncedAt };
    }
    today.value = localDate(clock.now(), clock.timeZone());
  }

  return {
    state,
    serverMastery,
    pending,
    pendingCount: computed(() => pending.value.length),
    /** What waits to sync as a learner counts it: lessons, review answers, settings. */
    waiting: computed(() => waitingSummary(pending.value)),
    /** XP shown on the device but not yet confirmed by the server (events in the outbox). */
    pendingXp: computed(() => state.value.xp - snapshot.value.xp),
    today,
    lastCompletion,
    rejected,
    status,
    refresh,
    async setUser(uid: string | null): Promise<void> {
      userId.value = uid;
      snapshot.value = noState;
      pending.value = [];
      rejected.value = [];
      status.value = { phase: 'idle', lastSyncedAt: null, error: null };
      await refresh();
    },
    /** Records progress durably, then shows it. */
    async record(draft: EventDraft, resume?: ResumePoint): Promise<ProgressEvent> {
      const uid = userId.value;
      if (!uid) throw new Error('Sign in to record progress.');
      const event = await outbox.record(uid, draft, resume);
      pending.value = [...pending.value, event];
      if (event.type === 'lesson_completed')
        lastCompletion.value = { lessonId: event.lessonId, id: event.id };
      onRecorded();
      return event;
    },
    /** Keeps a resume point without an event (an assessment's answers until it is submitted). */
    saveResume: resumePoints.write,
    async resumePoint(lessonId: string): Promise<ResumePoint | undefined> {
      const uid = userId.value;
      return uid ? resumePoints.read(uid, lessonId) : undefined;
    },
    resumeKey: (lessonId: string) => resumeKey(`${userId.value}`, lessonId),
    async dismissRejected(id: string): Promise<void> {
      await outbox.dismissRejected(id);
      await refresh();
    },
  };
}

export type ProgressStore = ReturnType<typeof createProgressStore>;
