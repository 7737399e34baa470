/**
 * Builds dist/: the CLI bundled by esbuild into a few minified ES modules (one per entry, plus
 * shared chunks loaded on demand: each writer is imported only when its format is asked for).
 * One bundle starts much faster than hundreds of files under node_modules (resolution, reads,
 * parsing). pdfmake stays an external package: it reads its data files (ICC profile) from its
 * own folder at run time. Type checking is `npm run typecheck` (tsc), part of `npm test`.
 */
import { cpSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: ['src/bin.ts', 'src/writers/pdf-worker.ts', 'src/write-schema.ts'],
  outbase: 'src',
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: !process.env.PIAO_BUILD_NAMES,
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'linked',
  // CommonJS packages in the bundle call require() and read files next to themselves (pdfkit's
  // sRGB profile for PDF/A, in data/): give the ES modules a require and a __dirname (dist/pdfkit).
  banner: {
    js: [
      "import { createRequire as __piaoRequire } from 'node:module';",
      "import { fileURLToPath as __piaoPath } from 'node:url';",
      'const require = __piaoRequire(import.meta.url);',
      "const __dirname = __piaoPath(new URL('./pdfkit', import.meta.url));",
    ].join(' '),
  },
  logLevel: 'warning',
});

// pdfkit's data files, where its bundled code looks for them (see __dirname above).
cpSync('node_modules/pdfkit/js/data', 'dist/pdfkit/data', { recursive: true });
