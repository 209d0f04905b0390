/**
 * Suggested pathways from the gap between where a person is in their career role and the next
 * level. The gap is the next level's competencies the person has not reached yet (when they are
 * at the top level, the current level's unreached ones). A pathway is suggested when its modules
 * teach at least one gap competency; suggestions are ordered by how many gap competencies they
 * cover (most first), then by fewer minutes, then by id, so the order is stable.
 */
import type { Catalog } from './content';

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
    levels: (r as Partial<CareerRole>).levels ?? [],
  }));
}

/**
 * @example
 * careerGap(catalog, { roleId: 'people-manager', level: 1 }, ['feedback'])
 * // { targetLevel: 'Senior manager', missing: ['coaching', …], suggestions: [{ pathwayId: … }] }
 */
export function careerGap(
  catalog: Catalog,
  career: { roleId: string; level: number },
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
