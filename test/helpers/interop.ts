/** Shared by the interop tests: where the bundle is, what it must contain, how to run a tool. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadPlan } from '../../src/plan/load.js';
import { allObjectives, buildView } from '../../src/render/view.js';
import { EXAMPLE, ROOT } from './cli.js';

export { BIN, EXAMPLE, ROOT } from './cli.js';

/** Screenshots and intermediate files, kept for people to look at. */
export const INTEROP = join(ROOT, 'output/interop');
/** The publication folder (one folder per revision, the index at the top) and the example's bundle in it (revision 0). */
export const PUBLICATION = join(INTEROP, 'pubblicazione');
export const BUNDLE = join(PUBLICATION, 'revisione-0');
export const PDF = join(BUNDLE, 'casalmorano-2024.pdf');
export const DOCX = join(BUNDLE, 'casalmorano-2024.docx');
export const HTML = join(BUNDLE, 'casalmorano-2024.html');
export const TITLE = 'Comune di Casalmorano – PIAO 2024-2026 – Sottosezione 2.2 Performance';
/** A large synthetic plan (bench/generate.mjs, 700 objectives), published too. */
export const LARGE = join(INTEROP, 'grande');
export const LARGE_PLAN = join(INTEROP, 'grande.yaml');
export const LARGE_PDF = join(LARGE, 'revisione-0', 'grande.pdf');

/** Every objective of the example, in document order: its title and its weight as printed. */
export function expectedObjectives(): { titolo: string; peso: string }[] {
  const view = buildView(loadPlan(EXAMPLE).plan);
  return allObjectives(view).map((o) => ({ titolo: o.titolo, peso: o.peso?.valore ?? '' }));
}

export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a tool; a missing tool fails with the Debian package to install. */
export function tool(cmd: string, args: string[], pkg: string, timeout = 120_000): Ran {
  if (cmd.startsWith('/') ? !existsSync(cmd) : spawnSync('sh', ['-c', `command -v ${cmd}`]).status !== 0) {
    throw new Error(`${cmd} non trovato: installa il pacchetto Debian ${pkg}`);
  }
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Whitespace collapsed: the form texts are compared in. */
export function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** The needles not found in `text` in the given order (each search starts after the previous hit). */
export function missingInOrder(text: string, needles: string[]): string[] {
  const missing: string[] = [];
  let from = 0;
  for (const n of needles) {
    const at = text.indexOf(n, from);
    if (at < 0) missing.push(n);
    else from = at + n.length;
  }
  return missing;
}
