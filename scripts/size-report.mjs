// Prints the gzip size of the JavaScript and CSS the first screen loads (from dist/index.html)
// and of each lazy area (dist/assets/areas/<area>/, see scripts/areas.mjs), as JSON, after every
// build. bench/bundle.ts compares the first screen with a bare Preact baseline.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { AREA_OUTPUT } from './areas.mjs';

export function firstScreenAssets(dist) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  return [...new Set(refs)];
}

function sizes(dist, refs) {
  const files = refs.map((ref) => {
    const body = readFileSync(join(dist, ref));
    return { file: ref, bytes: body.length, gzip: gzipSync(body, { level: 9 }).length };
  });
  const sum = (ext) => files.filter((f) => f.file.endsWith(ext)).reduce((n, f) => n + f.gzip, 0);
  return { jsGzip: sum('.js'), cssGzip: sum('.css'), files };
}

/** Every lazy area's built files: what opening all of its screens downloads. */
function areaAssets(dist) {
  const root = join(dist, AREA_OUTPUT);
  if (!existsSync(root)) return {};
  return Object.fromEntries(
    readdirSync(root).map((area) => [
      area,
      readdirSync(join(root, area)).map((f) => `/${AREA_OUTPUT}${area}/${f}`),
    ]),
  );
}

export function gzipReport(dist) {
  const areas = Object.fromEntries(
    Object.entries(areaAssets(dist)).map(([area, refs]) => {
      const { jsGzip, cssGzip } = sizes(dist, refs);
      return [area, { jsGzip, cssGzip }];
    }),
  );
  return { firstScreen: sizes(dist, firstScreenAssets(dist)), areas };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(gzipReport('dist'), null, 2));
}
