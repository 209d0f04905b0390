/** How a bench script ends when it is the one run (`npx tsx bench/<name>.ts`). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const RESULTS = resolve(import.meta.dirname, 'results');

/**
 * When `moduleUrl` (the caller's `import.meta.url`) is the script node was started with: works
 * out the figures, writes them to bench/results/<name>.json and prints them.
 */
export async function writeFiguresWhenRun(
  moduleUrl: string,
  name: string,
  figures: () => Promise<unknown>,
): Promise<void> {
  if (moduleUrl !== `file://${process.argv[1]}`) return;
  const json = JSON.stringify(await figures(), null, 2);
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, `${name}.json`), json);
  console.log(json);
}
