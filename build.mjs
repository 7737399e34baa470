/**
 * Builds dist/, the CLI that `piao` runs:
 *   piao.cjs        the whole CLI (src/main.ts and all it imports, npm packages included), one minified bundle
 *   pdf-worker.cjs  the PDF process (src/writers/pdf-worker.ts: pdfmake and the PDF writer)
 *   bin.js, pdf-child.js  the entry points: they load a bundle with V8's code cache (src/code-cache.ts)
 *   *.cjs.cache     that code cache, made here by building the built-in example once
 *   data/           pdfkit's data files (the sRGB profile of PDF/A), read from the bundle's folder
 * One bundle starts much faster than hundreds of files under node_modules (resolution, reads,
 * parsing), and the code cache spares most of the compiling. Type checking is `npm run typecheck`.
 *
 * PIAO_BUILD_NAMES=1 keeps function names (for profiles with --cpu-prof).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  minify: !process.env.PIAO_BUILD_NAMES,
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'linked',
  logLevel: 'warning',
};

rmSync('dist', { recursive: true, force: true });
// The bundles run as CommonJS (vm.Script takes no ES module): import.meta.url becomes the bundle's own URL.
await build({
  ...common,
  entryPoints: { piao: 'src/main.ts', 'pdf-worker': 'src/writers/pdf-worker.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  define: { 'import.meta.url': '__piaoUrl' },
  banner: { js: "var __piaoUrl = require('node:url').pathToFileURL(__filename).href;" },
});
await build({
  ...common,
  entryPoints: { bin: 'src/bin.ts', 'pdf-child': 'src/pdf-child.ts', 'write-schema': 'src/write-schema.ts' },
  outdir: 'dist',
  format: 'esm',
  banner: { js: "import { createRequire as __piaoRequire } from 'node:module'; const require = __piaoRequire(import.meta.url);" },
});
// pdfkit's data files, where its bundled code looks for them (next to the bundle: __dirname).
cpSync('node_modules/pdfkit/js/data', 'dist/data', { recursive: true });

// The code cache: build the example once, with the caches written at exit.
const out = mkdtempSync(join(tmpdir(), 'piao-build-'));
try {
  execFileSync(process.execPath, ['dist/bin.js', 'build', 'data/casalmorano-2024.yaml', '--out', out], {
    env: { ...process.env, PIAO_CODE_CACHE: 'scrivi', PIAO_TRACE: '' },
    stdio: 'ignore',
  });
} finally {
  rmSync(out, { recursive: true, force: true });
}
