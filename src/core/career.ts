/**
 * The career ladder: roles have ordered levels, each naming the competencies it needs; pathways
 * (ordered modules) build competencies. A learner's level in a role is the highest level whose
 * competencies — and those of every level below it — are all reached. Reached means assessed
 * (see mastery.ts), never merely opened.
 */
import type { Catalog, CatalogModule } from './content';
import { minutesLeft } from './next-up';

export interface CompetencyStep {
  id: string;
  title: string;
  reached: boolean;
  /** Pathways that build this competency, with the minutes still to learn on each. */
  pathways: Array<{ id: string; title: string; minutesLeft: number }>;
}

export interface Roadmap {
  roleId: string;
  roleTitle: string;
  /** Index of the current level, -1 before the first. */
  currentLevel: number;
  levels: Array<{ id: string; title: string; competencies: CompetencyStep[]; complete: boolean }>;
  /** The next competency to work on, and the pathway that builds it. */
  nextUp?: { competencyId: string; pathwayId: string };
}

export function roadmapFor(
  catalog: Catalog,
  roleId: string,
  reached: ReadonlySet<string>,
  completedLessons: ReadonlySet<string>,
): Roadmap | undefined {
  const role = catalog.roles.find((r) => r.id === roleId);
  if (!role) return undefined;
  const modules = new Map<string, CatalogModule>(catalog.modules.map((m) => [m.id, m]));
  const titles = new Map(catalog.competencies.map((c) => [c.id, c.title]));
  const builders = (competency: string) =>
    catalog.pathways
      .filter((p) => p.moduleIds.some((id) => modules.get(id)?.competencies.includes(competency)))
      .map((p) => ({
        id: p.id,
        title: p.title,
        minutesLeft: minutesLeft(
          p.moduleIds.flatMap((id) => modules.get(id) ?? []),
          completedLessons,
        ),
      }));
  const levels = role.levels.map((level) => {
    const competencies = level.competencies.map((id) => ({
      id,
      title: titles.get(id) ?? id,
      reached: reached.has(id),
      pathways: builders(id),
    }));
    return {
      id: level.id,
      title: level.title,
      competencies,
      complete: competencies.every((c) => c.reached),
    };
  });
  let currentLevel = -1;
  while (currentLevel + 1 < levels.length && levels[currentLevel + 1]!.complete) currentLevel++;
  const target = levels[currentLevel + 1]?.competencies.find(
    (c) => !c.reached && c.pathways.length > 0,
  );
  const pathway = target?.pathways.find((p) => p.minutesLeft > 0) ?? target?.pathways[0];
  return {
    roleId: role.id,
    roleTitle: role.title,
    currentLevel,
    levels,
    nextUp: target && pathway ? { competencyId: target.id, pathwayId: pathway.id } : undefined,
  };
}

/**
 * Suggested pathways from the gap between where a person is in their career role and the next
 * level. The gap is the next level's competencies the person has not reached yet (when they are
 * at the top level, the current level's unreached ones). A pathway is suggested when its modules
 * teach at least one gap competency; suggestions are ordered by how many gap competencies they
 * cover (most first), then by fewer minutes, then by id, so the order is stable.
 */

export interface CareerLevel {
  id: string;
  title: string;
  competencies: string[];
}

export interface CareerRole {
  id: string;
  title: string;
  levels: CareerLevel[];
}

/** Where a person stands in a catalog role: `level` is 1-based into that role's levels. */
export interface Career {
  roleId: string;
  level: number;
}

export interface PathwaySuggestion {
  pathwayId: string;
  title: string;
  estimateMinutes: number;
  /** Gap competencies this pathway teaches. */
  covers: string[];
}

export interface CareerGap {
  roleTitle: string;
  currentLevel: string;
  targetLevel: string;
  missing: string[];
  suggestions: PathwaySuggestion[];
}

/** The catalog serves each role with its levels (see catalog.yaml); absent levels read as none. */
export function careerRoles(catalog: Catalog): CareerRole[] {
  return catalog.roles.map((r) => ({
    id: r.id,
    title: r.title,
    levels: r.levels,
  }));
}

/**
 * @example
 * careerGap(catalog, { roleId: 'people-manager', level: 1 }, ['feedback'])
 * // { targetLevel: 'Senior manager', missing: ['coaching', …], suggestions: [{ pathwayId: … }] }
 */
export function careerGap(
  catalog: Catalog,
  career: Career,
  reached: readonly string[],
): CareerGap | undefined {
  const role = careerRoles(catalog).find((r) => r.id === career.roleId);
  const current = role?.levels[career.level - 1];
  if (!role || !current) return undefined;
  const target = role.levels[career.level] ?? current;
  const have = new Set(reached);
  const missing = target.competencies.filter((c) => !have.has(c));
  const gap = new Set(missing);
  const suggestions = catalog.pathways
    .map((p) => {
      const taught = new Set(
        p.moduleIds.flatMap((id) => catalog.modules.find((m) => m.id === id)?.competencies ?? []),
      );
      return {
        pathwayId: p.id,
        title: p.title,
        estimateMinutes: p.estimateMinutes,
        covers: [...gap].filter((c) => taught.has(c)),
      };
    })
    .filter((s) => s.covers.length > 0)
    .sort(
      (a, b) =>
        b.covers.length - a.covers.length ||
        a.estimateMinutes - b.estimateMinutes ||
        a.pathwayId.localeCompare(b.pathwayId),
    );
  return {
    roleTitle: role.title,
    currentLevel: current.title,
    targetLevel: target.title,
    missing,
    suggestions,
  };
}
