/**
 * Stored rows as the statements a reader sees: a statement another tool sent is its stored JSON;
 * a Kindling learning event's is built now (kindling.ts) with the content's current titles, this
 * deployment's origin and Kindling's own authority. The LRS's answers and the forwarding sender
 * both read statements here.
 */
import { contentSnapshot } from '../content-snapshot';
import type { Store, StatementRow } from '../store/store';
import { eventStatement, type ContentLookup } from './kindling';

type Json = Record<string, unknown>;

/** Kindling's own authority, on the statements built from learning events. */
export const kindlingAuthority = (home: string): Json => ({
  objectType: 'Agent',
  name: 'Kindling',
  account: { homePage: home, name: 'kindling' },
});

/** Content titles for the statements built from learning events. */
export async function contentLookup(store: Store): Promise<ContentLookup> {
  const snapshot = await contentSnapshot(store);
  return {
    lesson(lessonId) {
      for (const outline of snapshot.catalog.modules) {
        const lesson = outline.lessons.find((l) => l.id === lessonId);
        const module = lesson && snapshot.module(outline.id);
        if (lesson && module) return { module, title: lesson.title };
      }
      return undefined;
    },
  };
}

/** The statement a stored row stands for. */
export async function statementsOf(
  store: Store,
  rows: StatementRow[],
  home: string,
): Promise<Json[]> {
  const content = rows.some((r) => r.event) ? await contentLookup(store) : undefined;
  return rows.map((r) =>
    r.event
      ? eventStatement(
          { id: r.id, stored: r.stored, verbId: r.verbId, ...r.event },
          home,
          content!,
          kindlingAuthority(home),
        )
      : (JSON.parse(r.body ?? '{}') as Json),
  );
}
