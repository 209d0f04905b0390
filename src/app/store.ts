/**
 * Composes the app's stores and wires the sync triggers: app start, `online`, the page becoming
 * visible, a short debounce after each recorded event, a timer while visible, other tabs'
 * broadcasts, and the "Sync now" button. Background Sync is handled in the worker (sw/outbox-sync.ts).
 *
 * The device database is opened here and handed to the repositories of src/client; the stores
 * get those, never the database, and the sync engine alone writes the progress snapshot.
 */
import { signal } from '@preact/signals';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { createApi, type Api } from '../client/api';
import { createContentCache } from '../client/content-cache';
import { openDeviceDb } from '../client/db';
import { createOutbox, systemClock, type Clock } from '../client/outbox';
import { createTrackPreference } from '../client/preferences';
import { createResumePoints } from '../client/resume';
import { createSessionRecord } from '../client/session-record';
import { createSnapshots } from '../client/snapshots';
import { identifyDevice } from '../client/storage-loss';
import { backoffDelay, createSyncEngine } from '../client/sync-engine';
import { createDownloads } from '../client/downloads';
import { SYNC_CHANNEL, SYNCED } from '../core/device-names';
import { locale } from './i18n';
import { createContentStore } from './stores/content';
import { createMasteryStore } from './stores/mastery';
import { createHomeStore } from './stores/home';
import { createDownloadsStore } from './stores/downloads';
import { createLeaderboardStore } from './stores/leaderboard';
import { createSocialStore } from './stores/social';
import { createProgressStore } from './stores/progress';
import { backFromCompanySignIn, createSessionStore } from './stores/session';
import { onContentUpdated, registerServiceWorker, requestBackgroundSync } from './sw-bridge';

export const SYNC_DEBOUNCE_MS = 1500;
export const SYNC_PERIOD_MS = 60_000;

export async function createStore({
  api = createApi(),
  clock = systemClock,
}: { api?: Api; clock?: Clock } = {}) {
  const db = await openDeviceDb(undefined, () => location.reload());
  const { deviceId, storageLost: lost } = await identifyDevice(db);
  const outbox = createOutbox(db, clock);
  const snapshots = createSnapshots(db);
  const online = signal(navigator.onLine, { name: 'online' });
  const channel =
    typeof BroadcastChannel === 'function' ? new BroadcastChannel(SYNC_CHANNEL) : undefined;

  let debounce: ReturnType<typeof setTimeout> | undefined;
  const session = createSessionStore({ record: createSessionRecord(db), api, deviceId });
  const content = createContentStore({ saved: createContentCache(db), api });
  const downloads = createDownloadsStore({
    downloads: createDownloads({ db, lang: () => locale.peek() }),
    versionOf: (id) => content.catalog.peek()?.modules.find((m) => m.id === id)?.version,
  });
  const progress = createProgressStore({
    snapshots,
    resumePoints: createResumePoints(db),
    outbox,
    clock,
    lessonFacts: content.lessonFacts,
    onRecorded: () => {
      clearTimeout(debounce);
      debounce = setTimeout(() => void engine.sync(), SYNC_DEBOUNCE_MS);
      void requestBackgroundSync();
    },
  });
  const mastery = createMasteryStore({ trackChoice: createTrackPreference(db), progress, content });
  const engine = createSyncEngine({
    api,
    outbox,
    deviceId,
    clock,
    snapshots,
    onStatus: (status) => {
      progress.status.value = status;
      if (status.phase === 'offline') online.value = false;
      if (status.phase === 'idle' && status.error === null) online.value = navigator.onLine;
      if (status.phase === 'signed_out') void session.expire().then(switchUser);
    },
    onSettled: () => {
      void progress.refresh();
      channel?.postMessage(SYNCED);
    },
  });

  async function switchUser(): Promise<void> {
    const uid = session.user.value?.id ?? null;
    engine.setUser(uid);
    await progress.setUser(uid);
    if (uid) {
      void content.loadSavedFacts();
      void refreshContent();
      void engine.sync();
    }
  }

  /**
   * Reads the catalog again and brings downloaded modules to its versions: on start, when the
   * connection returns, and when the worker's revalidation found a changed catalog.
   */
  async function refreshContent(fromNetwork = false): Promise<boolean> {
    const [read] = await Promise.all([content.loadCatalog({ fromNetwork }), downloads.refresh()]);
    if (navigator.onLine && session.user.peek()) await downloads.updateOutdated();
    return read;
  }

  /**
   * After reconnecting, the catalog the worker kept is the one from before going offline, so it
   * is read from the network; a connection often comes back in stages (the first requests still
   * fail), so a failed read is retried with backoff while online, until one gets through.
   * A later `online` takes over from an earlier one still retrying.
   */
  let reconnects = 0;
  async function refreshAfterReconnect(): Promise<void> {
    const reconnect = ++reconnects;
    for (let failures = 0; reconnect === reconnects; failures++) {
      if (!navigator.onLine || !session.user.peek()) return;
      if (await refreshContent(true)) return;
      await new Promise((r) => setTimeout(r, backoffDelay(failures)));
    }
  }

  channel?.addEventListener('message', () => void progress.refresh());
  // Content comes in the learner's language: another choice reads it again (downloads follow online).
  let contentIn = locale.peek();
  locale.subscribe((next) => {
    if (next !== contentIn && session.user.peek()) void refreshContent();
    contentIn = next;
  });
  onContentUpdated(() => void (session.user.peek() && refreshContent()));
  addEventListener('online', () => {
    online.value = true;
    void session.sendPendingLogout();
    void engine.sync();
    void refreshAfterReconnect();
  });
  addEventListener('offline', () => (online.value = false));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void engine.sync();
  });
  setInterval(() => {
    if (document.visibilityState === 'visible') void engine.sync();
  }, SYNC_PERIOD_MS);
  registerServiceWorker();

  await session.restore(lost || backFromCompanySignIn());
  /** The device's data was wiped since the last visit; state is re-pulled from the server. */
  const storageLost = signal(lost, { name: 'storageLost' });
  await switchUser();

  return {
    api,
    home: createHomeStore({ api }),
    session,
    content,
    downloads,
    progress,
    mastery,
    leaderboard: createLeaderboardStore({ api }),
    social: createSocialStore({ api, deviceId }),
    online,
    storageLost,
    async signIn(email: string, password: string) {
      await session.signIn(email, password);
      await switchUser();
    },
    async signOut() {
      await session.signOut();
      await switchUser();
    },
    syncNow: () => engine.sync(),
  };
}

export type AppStore = Awaited<ReturnType<typeof createStore>>;
export const StoreContext = createContext<AppStore | null>(null);

export function useStore(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useStore outside StoreContext');
  return store;
}
