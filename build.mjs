/**
 * Builds dist/, what the `piao` command runs:
 *   bin.js        the entry point: turns on Node's compile cache where Node has it, then loads piao.js
 *   piao.js       the whole CLI (src/cli/run.ts and all it imports, npm packages included), one ES module bundle
 *   write-schema.js  `npm run schema`
 *   data/         pdfkit's sRGB colour profile (PDF/A's output intent), read from the bundle's folder
 * One bundle starts much faster than hundreds of files under node_modules (resolution, reads,
 * parsing). Type checking is `npm run typecheck`.
 *
 * PIAO_BUILD_NAMES=1 keeps function names (for profiles with --cpu-prof).
 */
import { cpSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import Handlebars from 'handlebars';

rmSync('dist', { recursive: true, force: true });

// The default templates, precompiled (COMPILE_OPTIONS of src/render/templates.ts), with their sources:
// the CLI uses them while a template file is unchanged (see src/render/templates.ts).
const templatesDir = 'templates/default';
const precompiled = readdirSync(templatesDir)
  .filter((f) => f.endsWith('.hbs'))
  .sort()
  .map((f) => {
    const source = readFileSync(join(templatesDir, f), 'utf8');
    const spec = Handlebars.precompile(source, { strict: true, noEscape: false, preventIndent: true });
    return `${JSON.stringify(f.slice(0, -'.hbs'.length))}: { source: ${JSON.stringify(source)}, spec: ${spec} }`;
  });

// CommonJS packages in an ES module bundle need require, __filename and __dirname (pdfkit reads
// its data files from __dirname).
// (import.meta.filename/dirname, Node ≥ 20.11: a bundled package's own top-level `URL` would
// shadow the global one this banner used to call.)
const nodeGlobals = [
  "import { createRequire as __piaoRequire } from 'node:module';",
  'const require = __piaoRequire(import.meta.url);',
  'const __filename = import.meta.filename;',
  'const __dirname = import.meta.dirname;',
].join('\n');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  minify: !process.env.PIAO_BUILD_NAMES,
  legalComments: 'linked',
  logLevel: 'warning',
};
await build({ ...common, entryPoints: ['src/cli/run.ts'], outfile: 'dist/piao.js', banner: { js: `${nodeGlobals}\nvar __piaoTemplates = {\n${precompiled.join(',\n')}\n};` } });
await build({ ...common, entryPoints: ['src/plan/write-schema.ts'], outfile: 'dist/write-schema.js', banner: { js: nodeGlobals } });
await build({ ...common, entryPoints: ['src/cli/bin.ts'], outfile: 'dist/bin.js' });
// pdfkit's sRGB profile, where its bundled code looks for it (next to the bundle: __dirname). Its
// other data files describe the 14 standard PDF fonts, which are never used (PDF/A embeds every font).
cpSync('node_modules/pdfkit/js/data/sRGB_IEC61966_2_1.icc', 'dist/data/sRGB_IEC61966_2_1.icc');
