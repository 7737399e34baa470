/**
 * The package's own folder (where package.json, templates/ and data/ are), found from this
 * module's location: the same whether running from src/ (tests) or from the bundle in dist/.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'templates'))) return dir;
    if (dirname(dir) === dir) throw new Error(`cartella del programma non trovata a partire da ${from}`);
  }
}

export const ROOT = packageRoot(dirname(fileURLToPath(import.meta.url)));

/** A file of the package, by its path from the package's folder. */
export function packageFile(...parts: string[]): string {
  return join(ROOT, ...parts);
}
