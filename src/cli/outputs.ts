/**
 * What every command that writes documents does with its output folder and its warnings, said once:
 * the folder checked before any work (writable, not a publication, a killed run's leftovers removed),
 * and the checks' warnings summarised by code after the files are written.
 */
import { checkOutputFolder } from '../io/output.js';
import { removeStaleTemps } from '../io/temp.js';
import type { Diagnostic } from '../plan/diagnostics.js';
import { isPublication } from '../publish/destination.js';
import { UsageError, type Io } from './command.js';
import { byCode, countLine } from './report.js';

/** The folder of `--out` (default `output`), ready to be written: a publication's folder is refused. */
export function outputFolder(out: string | boolean | undefined, fallback = 'output'): string {
  const outDir = typeof out === 'string' ? out : fallback;
  checkOutputFolder(outDir, "indica con --out un'altra cartella");
  if (isPublication(outDir)) throw new UsageError(`«${outDir}» è una cartella pubblicata da piao publish: i suoi file si cambiano solo con piao publish. Indica con --out un'altra cartella`);
  // What a killed run left there goes first, even if this run then stops on the data.
  removeStaleTemps(outDir);
  return outDir;
}

/** The warnings of the checks, counted by code, after the files were written (`done`: what was written anyway). */
export function reportWarnings(io: Io, warnings: Diagnostic[], plan: string, done = 'i documenti sono stati scritti comunque'): void {
  if (!warnings.length) return;
  io.err(`Il piano ha ${countLine(warnings).replace(/^0 errori, /, '')} (${done}):\n`);
  for (const [code, n] of byCode(warnings)) io.err(`  ${n} × ${code}\n`);
  io.err(`Per i dettagli: piao check ${plan}\n`);
}
