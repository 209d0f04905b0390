/**
 * Learning content: the catalog and modules. Read from the device first (instant, offline), then
 * refreshed from the server; every fresh copy is saved on the device for the next offline start.
 */
import { computed, signal } from '@preact/signals';
import type { Catalog, LearningModule } from '../../core/content';
import { modulePath } from '../../core/offline';
import { lessonFacts, type LessonFacts } from '../../core/progress';
import { NetworkError, type Api } from '../../client/api';
import type { ContentCache } from '../../client/content-cache';
import { locale, t } from '../i18n';

export function createContentStore({ saved, api }: { saved: ContentCache; api: Api }) {
  const catalog = signal<Catalog | null>(null, { name: 'content.catalog' });
  const catalogError = signal<string | null>(null, { name: 'content.catalogError' });
  /** Modules opened or downloaded on this device, for grading answers offline. */
  const modules = signal<ReadonlyMap<string, LearningModule>>(new Map(), {
    name: 'content.modules',
  });
  const remember = (m: LearningModule) => {
    if (modules.value.get(m.id)?.version !== m.version)
      modules.value = new Map(modules.value).set(m.id, m);
  };
  /** Grading facts (estimate, quiz key) of every lesson on the device, for the XP reducer. */
  const lessonFactsById = computed(() => {
    const facts: Record<string, LessonFacts> = {};
    for (const module of modules.value.values())
      for (const lesson of module.lessons) facts[lesson.id] = lessonFacts(lesson);
    return facts;
  });

  async function loadSaved(): Promise<void> {
    for (const module of await saved.modules()) remember(module);
  }

  return {
    catalog,
    catalogError,
    modules,
    lessonFacts: lessonFactsById,
    /** Reads every module saved on the device (for grading and XP while offline). */
    loadSavedFacts: loadSaved,
    /**
     * Shows the saved catalog, then the server's. `fromNetwork` never takes the worker's cached
     * copy (after reconnecting, that is the one from before). Answers whether a catalog came back.
     */
    async loadCatalog({ fromNetwork = false }: { fromNetwork?: boolean } = {}): Promise<boolean> {
      await loadSaved();
      const cached = await saved.catalog();
      if (cached) catalog.value = cached;
      try {
        const fresh = await api.get<Catalog>(
          `/catalog?lang=${locale.peek()}`,
          fromNetwork ? { cache: 'no-cache' } : {},
        );
        catalog.value = fresh;
        catalogError.value = null;
        await saved.saveCatalog(fresh);
        return true;
      } catch (err) {
        if (!catalog.value)
          catalogError.value = t(
            err instanceof NetworkError ? 'home.catalogOffline' : 'home.catalogFailed',
          );
        return false;
      }
    },
    /**
     * A module from the device when it is the current version, else from the server (asking for
     * the catalog's version, so no cache answers with an older one). A downloaded module's copy
     * is replaced only by the download update, which stores its images in the same step.
     */
    async loadModule(id: string): Promise<LearningModule> {
      const cached = await saved.module(id);
      const wanted = catalog.value?.modules.find((m) => m.id === id)?.version;
      if (cached && (!wanted || cached.version === wanted)) {
        remember(cached);
        return cached;
      }
      try {
        const fresh = await api.get<LearningModule>(modulePath(id, wanted, locale.peek()));
        await saved.saveModule(fresh);
        remember(fresh);
        return fresh;
      } catch (err) {
        if (cached) {
          remember(cached);
          return cached;
        }
        throw err;
      }
    },
  };
}

export type ContentStore = ReturnType<typeof createContentStore>;
