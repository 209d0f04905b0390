// Builds the server for production: src/server/main.ts (and the upload parser's worker) and what it imports (our code only; the
// packages in node_modules stay imports) into one ES module, build/server/main.js, with its source
// map, so `npm start` runs compiled JavaScript (`node --enable-source-maps`) and tsx stays a
// development tool. Part of `npm run build`, next to the app's build.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

const outdir = 'build/server';
rmSync(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: {
    main: 'src/server/main.ts',
    // uploads are parsed in a worker thread (src/server/content/off-thread.ts)
    'parse-worker': 'src/server/content/parse-worker.ts',
  },
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  metafile: true,
  logLevel: 'warning',
  // Bundled CommonJS helpers may call require(); give the ES module one.
  banner: {
    js: "import { createRequire as __kindlingRequire } from 'node:module'; const require = __kindlingRequire(import.meta.url);",
  },
});
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
console.log(
  JSON.stringify({ server: { outdir, files: Object.keys(result.metafile.outputs).length, bytes } }),
);
