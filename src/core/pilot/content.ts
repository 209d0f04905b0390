/** What the pilot metrics need from the catalog: lesson minutes, pathways, competencies. */
import type { Catalog } from '../content';
import { assessmentLessonId } from '../mastery';

/** The parts of the catalog the metrics need. */
export interface PilotContent {
  lessonMinutes: ReadonlyMap<string, number>;
  pathways: ReadonlyArray<{
    id: string;
    title: string;
    lessonIds: readonly string[];
    /** Competencies the pathway builds that an assessment can reach. */
    competencies: readonly string[];
  }>;
  /** Competency → the modules with an assessment that build it (all must be passed). */
  competencyModules: ReadonlyMap<string, readonly string[]>;
}

/** What pilot metrics need from the catalog. */
export function pilotContentOf(catalog: Catalog): PilotContent {
  const lessonMinutes = new Map<string, number>();
  const competencyModules = new Map<string, string[]>();
  const modules = new Map(catalog.modules.map((m) => [m.id, m]));
  for (const m of catalog.modules) {
    for (const l of m.lessons) lessonMinutes.set(l.id, l.estimateMinutes);
    if (!m.lessons.some((l) => l.id === assessmentLessonId(m.id))) continue;
    for (const c of m.competencies)
      competencyModules.set(c, [...(competencyModules.get(c) ?? []), m.id]);
  }
  const pathways = catalog.pathways.map((p) => {
    const members = p.moduleIds.flatMap((id) => modules.get(id) ?? []);
    const competencies = [...new Set(members.flatMap((m) => m.competencies))]
      .filter((c) => competencyModules.has(c))
      .sort();
    return {
      id: p.id,
      title: p.title,
      lessonIds: members.flatMap((m) => m.lessons.map((l) => l.id)),
      competencies,
    };
  });
  return { lessonMinutes, pathways, competencyModules };
}
