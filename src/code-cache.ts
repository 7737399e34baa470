/**
 * Loads one of the CommonJS bundles of dist/ (piao.cjs, the CLI; pdf-worker.cjs, the PDF
 * process) with V8's code cache: the bytecode of every function the built-in example runs,
 * saved next to the bundle when it is built (`PIAO_CODE_CACHE=scrivi`, see build.mjs). Node 20
 * has no compile cache of its own for modules (module.enableCompileCache comes with Node 22);
 * without it each start parses and compiles ~3 MB of JavaScript again.
 * A cache that V8 refuses (another Node version, say) is ignored: the code compiles as usual.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

export function loadBundle(name: string): unknown {
  const file = join(dirname(fileURLToPath(import.meta.url)), name);
  const cacheFile = `${file}.cache`;
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // not built yet: compile without
  }
  // The CommonJS module wrapper, on the bundle's first line so that stack positions stay right.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`, {
    filename: file,
    ...(cachedData && { cachedData }),
  });
  const module = { exports: {} };
  (script.runInThisContext() as (...a: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file));
  // At exit, so that the functions compiled while running are in the cache too.
  if (process.env.PIAO_CODE_CACHE === 'scrivi') process.on('exit', () => writeFileSync(cacheFile, script.createCachedData()));
  return module.exports;
}
