// Prints the gzip size of the JavaScript and CSS the first screen loads (from dist/index.html),
// as JSON, after every build. bench/bundle.ts compares it with a bare Preact baseline.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

export function firstScreenAssets(dist) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  return [...new Set(refs)];
}

export function gzipReport(dist) {
  const files = firstScreenAssets(dist).map((ref) => {
    const body = readFileSync(join(dist, ref));
    return { file: ref, bytes: body.length, gzip: gzipSync(body, { level: 9 }).length };
  });
  const sum = (ext) => files.filter((f) => f.file.endsWith(ext)).reduce((n, f) => n + f.gzip, 0);
  return { firstScreen: { jsGzip: sum('.js'), cssGzip: sum('.css'), files } };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(gzipReport('dist'), null, 2));
}
