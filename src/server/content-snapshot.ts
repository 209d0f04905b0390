/**
 * The stored content, parsed once per content change and shared by the sync hot path.
 *
 * Every sync grades its events against the content (lesson facts for XP, modules for mastery).
 * Parsing every module's JSON per request cost more than storing the events, so the parsed
 * catalog and modules are kept per store and re-read only when `contentSignature()` — a cheap
 * read of module versions and the catalog's text — differs. The signature is read on every call,
 * so a content upload by another server process is seen on its next request.
 *
 * Each organisation has its own snapshot: shipped content plus that organisation's uploads, so
 * one org's modules never grade, count or show for another's people.
 */
import type { Catalog, LearningModule } from '../core/content';
import type { Locale } from '../core/wording';
import { sealAssessment } from '../core/mastery';
import { lessonFacts, type LessonFacts, type LessonLookup } from '../core/progress';
import type { Store } from './store/store';

export interface ContentSnapshot {
  catalog: Catalog;
  module(id: string): LearningModule | undefined;
  lessons: LessonLookup;
  /** The card ids of a lesson this org's people can see; undefined for a lesson they cannot. */
  cards(lessonId: string): ReadonlySet<string> | undefined;
}

interface Cached {
  signature: string;
  snapshot: Promise<ContentSnapshot>;
}

/** Per store, per org id ('' for shipped content only) and language (`org|de`; `org|` the original). */
const cache = new WeakMap<Store, Map<string, Cached>>();

/** The content `orgId`'s people see (shipped content only without an org). */
export async function contentSnapshot(
  store: Store,
  orgId?: string,
  locale?: Locale,
): Promise<ContentSnapshot> {
  const signature = await store.contentSignature();
  const perOrg = cache.get(store) ?? new Map<string, Cached>();
  cache.set(store, perOrg);
  const key = `${orgId ?? ''}|${locale ?? ''}`;
  const cached = perOrg.get(key);
  if (cached?.signature === signature) return cached.snapshot;
  const snapshot = readSnapshot(store, orgId, locale);
  perOrg.set(key, { signature, snapshot });
  // A failed read is not kept: the next request reads again.
  snapshot.catch(() => {
    if (perOrg.get(key)?.snapshot === snapshot) perOrg.delete(key);
  });
  return snapshot;
}

async function readSnapshot(
  store: Store,
  orgId: string | undefined,
  locale: Locale | undefined,
): Promise<ContentSnapshot> {
  // A translation has the original's lessons, cards and estimates (the validator checks), so a
  // snapshot in any language counts and grades alike; only its names differ.
  const catalog = await store.getCatalog(orgId, locale);
  const modules = new Map<string, LearningModule>();
  const facts = new Map<string, LessonFacts>();
  const cards = new Map<string, Set<string>>();
  for (const outline of catalog.modules) {
    const full = await store.getModule(outline.id, orgId, locale);
    if (!full) continue;
    modules.set(full.id, full);
    // XP grades what the device sees: an assessment's questions earn through mastery only, so
    // the device's XP preview and the server's agree and no quiz answer probes the key.
    for (const lesson of sealAssessment(full).lessons) {
      facts.set(lesson.id, lessonFacts(lesson));
      cards.set(lesson.id, new Set(lesson.cards.map((c) => c.id)));
    }
  }
  return {
    catalog,
    module: (id) => modules.get(id),
    lessons: (id) => facts.get(id),
    cards: (id) => cards.get(id),
  };
}
