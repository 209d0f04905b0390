/**
 * Bundle figures: gzip bytes of the JavaScript and CSS that the first screen and the lesson
 * player load, next to a bare Preact + @preact/signals "hello" (the floor) built by Vite in the
 * same run. Both builds run in memory (`write: false`) so nothing in dist/ changes.
 *
 * "Loaded by the first screen" means index.html's entry chunk and everything it imports
 * statically; dynamic imports (the people and pilot areas) are fetched only when used, so every
 * other chunk is listed separately with the source modules it holds.
 *
 * Run: `npx tsx bench/bundle.ts` (prints JSON, writes bench/results/bundle.json).
 */
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type InlineConfig, type PluginOption, type Rolldown } from 'vite';
import appConfig from '../vite.config';
import { writeFiguresWhenRun } from './figures';

const ROOT = resolve(import.meta.dirname, '..');
type Output = Rolldown.RolldownOutput['output'][number];
type Chunk = Extract<Output, { type: 'chunk' }>;

export interface AssetSet {
  jsGzip: number;
  cssGzip: number;
  files: string[];
}

export interface BundleReport {
  floor: AssetSet;
  firstScreen: AssetSet & { modules: string[] };
  lessonPlayer: AssetSet;
  lazyChunks: Array<{ file: string; jsGzip: number; modules: string[] }>;
  ratioToFloor: { firstScreenJs: number; lessonPlayerJs: number };
  budget: { firstScreenJsGzip: number };
}

const gzip = (text: string | Uint8Array) => gzipSync(text, { level: 9 }).length;

/** The app's own config without vite-plugin-pwa, whose service-worker build writes to dist/. */
function pageConfig(): InlineConfig {
  const plugins = [appConfig.plugins ?? []]
    .flat(Infinity as 1)
    .filter((p) => !!p && !String((p as { name?: string }).name).startsWith('vite-plugin-pwa'));
  return { ...appConfig, root: ROOT, plugins: plugins as PluginOption[] };
}

/**
 * Builds as `npm run build` does. Vite keeps a NODE_ENV that is already set, and Vitest sets it to
 * `test`, which would keep libraries' development branches in the bundle and measure code no
 * learner downloads: the build runs with NODE_ENV=production, as the shipped one.
 */
async function buildInMemory(config: InlineConfig): Promise<Output[]> {
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    const result = await build({
      ...config,
      configFile: false,
      logLevel: 'silent',
      mode: 'production',
      build: { ...config.build, write: false, reportCompressedSize: false },
    });
    const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
    return outputs[0]!.output;
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

/** The entry chunk and every chunk it reaches through static imports, with their CSS. */
function staticClosure(outputs: Output[], start: Chunk): AssetSet & { modules: string[] } {
  const byFile = new Map(outputs.map((o) => [o.fileName, o]));
  const seen = new Set<string>();
  const modules: string[] = [];
  const css = new Set<string>();
  const visit = (chunk: Chunk) => {
    if (seen.has(chunk.fileName)) return;
    seen.add(chunk.fileName);
    modules.push(...chunk.moduleIds.map((id) => relative(ROOT, id)));
    for (const file of chunk.viteMetadata?.importedCss ?? []) css.add(file);
    for (const file of chunk.imports) {
      const next = byFile.get(file);
      if (next?.type === 'chunk') visit(next);
    }
  };
  visit(start);
  const source = (file: string) => {
    const o = byFile.get(file)!;
    return o.type === 'chunk' ? o.code : o.source;
  };
  return {
    jsGzip: [...seen].reduce((n, f) => n + gzip(source(f)), 0),
    cssGzip: [...css].reduce((n, f) => n + gzip(source(f)), 0),
    files: [...seen, ...css],
    modules,
  };
}

const entryOf = (outputs: Output[]) =>
  outputs.find((o): o is Chunk => o.type === 'chunk' && o.isEntry)!;

export async function measureBundle(): Promise<BundleReport> {
  const app = await buildInMemory(pageConfig());
  const floorOut = await buildInMemory({ root: join(ROOT, 'bench/floor') });
  const { modules: _floorModules, ...floor } = staticClosure(floorOut, entryOf(floorOut));
  const firstScreen = staticClosure(app, entryOf(app));

  const lazy = app.filter((o): o is Chunk => o.type === 'chunk' && o.isDynamicEntry);
  // The lesson player is in the first screen unless it was split into its own lazy chunk.
  const playerChunk = lazy.find((c) => c.moduleIds.some((id) => id.endsWith('LessonPlayer.tsx')));
  const player = playerChunk ? staticClosure(app, playerChunk) : undefined;
  const lessonPlayer: AssetSet = {
    jsGzip: firstScreen.jsGzip + (player?.jsGzip ?? 0),
    cssGzip: firstScreen.cssGzip + (player?.cssGzip ?? 0),
    files: [...new Set([...firstScreen.files, ...(player?.files ?? [])])],
  };
  const ratio = (n: number) => Math.round((n / floor.jsGzip) * 100) / 100;
  return {
    floor,
    firstScreen,
    lessonPlayer,
    lazyChunks: app
      .filter((o): o is Chunk => o.type === 'chunk' && !firstScreen.files.includes(o.fileName))
      .map((c) => ({
        file: c.fileName,
        jsGzip: gzip(c.code),
        modules: c.moduleIds.map((id) => relative(ROOT, id)),
      })),
    ratioToFloor: {
      firstScreenJs: ratio(firstScreen.jsGzip),
      lessonPlayerJs: ratio(lessonPlayer.jsGzip),
    },
    budget: { firstScreenJsGzip: 50 * 1024 },
  };
}

await writeFiguresWhenRun(import.meta.url, 'bundle', async () => {
  const report = await measureBundle();
  const { modules: _m, ...firstScreen } = report.firstScreen;
  return { ...report, firstScreen };
});
