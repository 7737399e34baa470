/**
 * Builds dist/, the CLI that `piao` runs:
 *   piao.cjs        the whole CLI (src/main.ts and all it imports, npm packages included), one minified bundle
 *   pdf-worker.cjs  the PDF process (src/writers/pdf-worker.ts: pdfmake and the PDF writer)
 *   bin.js, pdf-child.js  the entry points: they load a bundle with V8's code cache (src/code-cache.ts)
 *   *.cjs.cache     that code cache, made here by building the built-in example once
 *   pdf-worker.blob the PDF process as a V8 startup snapshot (pdfmake loaded), with .json: for which Node and folder
 *   data/           pdfkit's data files (the sRGB profile of PDF/A), read from the bundle's folder
 * One bundle starts much faster than hundreds of files under node_modules (resolution, reads,
 * parsing), and the code cache spares most of the compiling. Type checking is `npm run typecheck`.
 *
 * PIAO_BUILD_NAMES=1 keeps function names (for profiles with --cpu-prof).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import Handlebars from 'handlebars';

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

// The default templates, precompiled (COMPILE_OPTIONS of src/templates.ts), with their sources:
// the CLI uses them while a template file is unchanged (see src/templates.ts).
const templatesDir = 'templates/default';
const precompiled = readdirSync(templatesDir)
  .filter((f) => f.endsWith('.hbs'))
  .sort()
  .map((f) => {
    const source = readFileSync(join(templatesDir, f), 'utf8');
    const spec = Handlebars.precompile(source, { strict: true, noEscape: false, preventIndent: true });
    return `${JSON.stringify(f.slice(0, -'.hbs'.length))}: { source: ${JSON.stringify(source)}, spec: ${spec} }`;
  });
// The bundles run as CommonJS (vm.Script takes no ES module): import.meta.url becomes the bundle's own URL.
const cjs = {
  ...common,
  format: 'cjs',
  define: { 'import.meta.url': '__piaoUrl' },
};
const ownUrl = "var __piaoUrl = require('node:url').pathToFileURL(__filename).href;";
await build({ ...cjs, entryPoints: ['src/main.ts'], outfile: 'dist/piao.cjs', banner: { js: `${ownUrl}\nvar __piaoTemplates = {\n${precompiled.join(',\n')}\n};` } });
await build({ ...cjs, entryPoints: ['src/writers/pdf-worker.ts'], outfile: 'dist/pdf-worker.cjs', banner: { js: ownUrl } });
await build({
  ...common,
  entryPoints: { bin: 'src/bin.ts', 'pdf-child': 'src/pdf-child.ts', 'write-schema': 'src/write-schema.ts' },
  outdir: 'dist',
  format: 'esm',
  banner: { js: "import { createRequire as __piaoRequire } from 'node:module'; const require = __piaoRequire(import.meta.url);" },
});
// pdfkit's data files, where its bundled code looks for them (next to the bundle: __dirname).
cpSync('node_modules/pdfkit/js/data', 'dist/data', { recursive: true });

/** Builds the example into a temporary folder, with these variables; returns what the CLI wrote on stderr. */
const example = (env) => {
  const out = mkdtempSync(join(tmpdir(), 'piao-build-'));
  try {
    const run = spawnSync(process.execPath, ['dist/bin.js', 'build', 'data/casalmorano-2024.yaml', '--out', out], {
      env: { ...process.env, PIAO_TRACE: '', ...env },
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(`building the example failed (${run.status ?? run.signal}):\n${run.stderr}`);
    return run.stderr;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
};

// The code cache: build the example once, with the caches written at exit (without the
// snapshot, so that the PDF process loads its bundle too).
example({ PIAO_CODE_CACHE: 'scrivi', PIAO_SNAPSHOT: '0' });

// The PDF process's startup snapshot: pdf-worker.cjs run up to the point where it would serve,
// saved by V8 (node --build-snapshot). Kept only if the example then really starts from it;
// without it the PDF process loads its bundle, a little later.
const blob = 'dist/pdf-worker.blob';
// The snapshot is made from a script, not a CommonJS module (it gets require, __filename and
// __dirname, but no module): the same bundle as an IIFE, in dist/ so that its paths are dist's.
const snapshotSource = 'dist/pdf-worker-snapshot.js';
try {
  await build({
    ...common,
    entryPoints: ['src/writers/pdf-worker.ts'],
    outfile: snapshotSource,
    format: 'iife',
    define: { 'import.meta.url': '__piaoUrl' },
    banner: { js: ownUrl },
    legalComments: 'none',
  });
  execFileSync(process.execPath, ['--snapshot-blob', blob, '--build-snapshot', snapshotSource], { stdio: 'pipe' });
  writeFileSync(`${blob}.json`, `${JSON.stringify({ node: process.version, arch: process.arch, dir: resolve('dist') })}\n`);
  if (!example({ PIAO_TRACE: '1' }).includes('pdf: avviato da istantanea')) throw new Error('the PDF process did not start from the snapshot');
} catch (e) {
  rmSync(blob, { force: true });
  rmSync(`${blob}.json`, { force: true });
  console.warn(`build.mjs: no startup snapshot for the PDF process (${e.message.split('\n')[0]}); it will load its bundle instead.`);
} finally {
  rmSync(snapshotSource, { force: true });
}
