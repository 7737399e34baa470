/**
 * The documents an earlier `build` of a plan left in its folder that this build did not write
 * again: after a settore is renamed, a build without --split or --report, or with fewer formats,
 * the old files stay there and are no longer current. They are recognised by the names `build`
 * gives its documents (`<base>.pdf`, `<base>-controlli.*`, `settori/<base>-*`, `schede/<base>-scheda-*`,
 * `schede/personale/<base>-scheda-*`), and named, never deleted: the folder is the user's.
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const EXTENSIONS = ['.docx', '.pdf', '.html'];

export function staleOutputs(dir: string, base: string, written: readonly string[]): string[] {
  const now = new Set(written.map((p) => resolve(p)));
  const found: string[] = [];
  const scan = (sub: string, matches: (name: string) => boolean) => {
    let names: string[];
    try {
      names = readdirSync(join(dir, sub), { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
    } catch {
      return;
    }
    for (const name of names.sort()) {
      if (!EXTENSIONS.some((x) => name.endsWith(x))) continue;
      const stem = name.slice(0, name.lastIndexOf('.'));
      const path = join(dir, sub, name);
      if (matches(stem) && !now.has(resolve(path))) found.push(path);
    }
  };
  scan('', (s) => s === base || s === `${base}-controlli`);
  scan('settori', (s) => s.startsWith(`${base}-`));
  scan('schede', (s) => s.startsWith(`${base}-scheda-`));
  scan(join('schede', 'personale'), (s) => s.startsWith(`${base}-scheda-`));
  return found;
}
