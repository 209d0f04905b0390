/**
 * The stored content, parsed once per content change and shared by the sync hot path.
 *
 * Every sync grades its events against the content (lesson facts for XP, modules for mastery).
 * Parsing every module's JSON per request cost more than storing the events, so the parsed
 * catalog and modules are kept per store and re-read only when `contentSignature()` — a cheap
 * read of module versions and the catalog's text — differs. The signature is read on every call,
 * so a content upload by another server process is seen on its next request.
 */
import type { Catalog, LearningModule } from '../core/content';
import { lessonFacts, type LessonFacts, type LessonLookup } from '../core/progress';
import type { Store } from './store/store';

export interface ContentSnapshot {
  catalog: Catalog;
  module(id: string): LearningModule | undefined;
  lessons: LessonLookup;
}

interface Cached {
  signature: string;
  snapshot: Promise<ContentSnapshot>;
}

const cache = new WeakMap<Store, Cached>();

export async function contentSnapshot(store: Store): Promise<ContentSnapshot> {
  const signature = await store.contentSignature();
  const cached = cache.get(store);
  if (cached?.signature === signature) return cached.snapshot;
  const snapshot = readSnapshot(store);
  cache.set(store, { signature, snapshot });
  // A failed read is not kept: the next request reads again.
  snapshot.catch(() => {
    if (cache.get(store)?.snapshot === snapshot) cache.delete(store);
  });
  return snapshot;
}

async function readSnapshot(store: Store): Promise<ContentSnapshot> {
  const catalog = await store.getCatalog();
  const modules = new Map<string, LearningModule>();
  const facts = new Map<string, LessonFacts>();
  for (const outline of catalog.modules) {
    const full = await store.getModule(outline.id);
    if (!full) continue;
    modules.set(full.id, full);
    for (const lesson of full.lessons) facts.set(lesson.id, lessonFacts(lesson));
  }
  return { catalog, module: (id) => modules.get(id), lessons: (id) => facts.get(id) };
}
