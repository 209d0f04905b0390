/**
 * What the learner chose on this device: their language and whether home's install suggestion
 * was shown (localStorage, read before the database opens), and the career track they follow on
 * the roadmap (the database's `meta`).
 */
// Types only: i18n.ts reads the language in every chunk's shared code, which must not carry idb.
import type { KindlingDB } from './db';
import { INSTALL_NUDGE_KEY, LOCALE_KEY } from './keys';
import { readLocal, writeLocal } from './local';

/** The language picked here, null while the browser's languages decide. */
export const storedLocale = (): string | null => readLocal(LOCALE_KEY) ?? null;

/** Keeps the language picked (in private mode, for this visit only). */
export const storeLocale = (locale: string): void => void writeLocal(LOCALE_KEY, locale);

/** Whether the install suggestion has been shown; with storage blocked, it counts as shown. */
export function installNudgeSpent(): boolean {
  const shown = readLocal(INSTALL_NUDGE_KEY);
  return shown === undefined || shown === '1';
}

/** Marks the install suggestion shown (in private mode it may show once more next visit). */
export const spendInstallNudge = (): void => void writeLocal(INSTALL_NUDGE_KEY, '1');

/** The career role the learner follows, by id. */
export function createTrackPreference(db: KindlingDB) {
  return {
    read: async (): Promise<string | null> => ((await db.get('meta', 'track')) as string) ?? null,
    async write(roleId: string): Promise<void> {
      await db.put('meta', roleId, 'track');
    },
  };
}

export type TrackPreference = ReturnType<typeof createTrackPreference>;
