/**
 * `npm run bench`: every benchmark in turn, each printing its JSON and writing
 * bench/results/<name>.json. Needs `npm run build` first (Lighthouse and start use dist/).
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
for (const bench of ['bundle', 'lighthouse', 'start']) {
  console.log(`# ${bench}`);
  execFileSync('npx', ['tsx', `bench/${bench}.ts`], { cwd: ROOT, stdio: 'inherit' });
}
