/**
 * `npm run content -- validate <dir>` checks a content folder and prints every problem as
 * `file:line: message`; `npm run content -- import <dir>` also writes the modules to the store.
 * Exits non-zero when anything is wrong, so it can guard a content repository's CI.
 */
import { formatProblem, loadContentDir } from './load';

async function main(argv: string[]): Promise<number> {
  const [command, dir] = argv;
  if ((command !== 'validate' && command !== 'import') || !dir) {
    console.error('usage: npm run content -- validate <dir> | import <dir>');
    return 2;
  }
  const content = loadContentDir(dir);
  for (const w of content.warnings) console.warn(`warning: ${formatProblem(w)}`);
  for (const e of content.errors) console.error(formatProblem(e));
  if (content.errors.length > 0) {
    console.error(`${content.errors.length} error(s); nothing imported.`);
    return 1;
  }
  const lessons = content.modules.reduce((n, m) => n + m.lessons.length, 0);
  const translations = content.modules.flatMap((m) => Object.keys(m.translations ?? {}));
  const languages = [...new Set(translations)].sort().join(', ');
  if (command === 'import') {
    const { openStoreFromEnv } = await import('../store/open');
    const store = await openStoreFromEnv();
    await store.saveContent(content.catalog, content.modules);
    await store.close();
  }
  console.log(
    `${command === 'import' ? 'imported' : 'valid'}: ${content.modules.length} modules, ${lessons} lessons, ${content.catalog.pathways.length} pathways${translations.length ? `, translations (${languages}): ${translations.length}` : ''}`,
  );
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
