/**
 * The one path rule for lazy areas: every module under `src/app/areas/<area>/` (the people and
 * pilot screens with their stores, messages and CSS) is loaded only through `import()`, so a
 * learner's first screen never carries it, and its built files go to `assets/areas/<area>/`,
 * which the service worker never precaches. Used by vite.config.ts (file names, precache), the
 * bundle gate (test/unit/bundle-budget.test.ts) and scripts/size-report.mjs.
 */
export const AREA_SOURCE = 'src/app/areas/';
export const AREA_OUTPUT = 'assets/areas/';

/** The area a module id or root-relative path belongs to, or undefined outside the areas. */
export function areaOf(id) {
  const path = `/${id.replaceAll('\\', '/')}`;
  const at = path.indexOf(`/${AREA_SOURCE}`);
  return at < 0 ? undefined : path.slice(at + 1 + AREA_SOURCE.length).split('/')[0];
}

/** Where a built file goes: `assets/areas/<area>/` for an area's modules, else `assets/`. */
export function outputDir(moduleIds) {
  const area = moduleIds.map(areaOf).find(Boolean);
  return area ? `${AREA_OUTPUT}${area}/` : 'assets/';
}
