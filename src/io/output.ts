/**
 * Writing outputs safely: every file goes to a temporary name in its final folder and is
 * renamed into place only after all of them were written, so a failed run never leaves a
 * half-written document where a good one was.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';

export interface OutputFile {
  path: string;
  data: Buffer;
}

export function writeAllAtomically(files: OutputFile[]): void {
  const temps: { temp: string; path: string }[] = [];
  try {
    for (const f of files) {
      mkdirSync(dirname(f.path), { recursive: true });
      const temp = join(dirname(f.path), `.${basename(f.path)}.tmp-${process.pid}`);
      writeFileSync(temp, f.data);
      temps.push({ temp, path: f.path });
    }
  } catch (e) {
    for (const t of temps) rmSync(t.temp, { force: true });
    throw e;
  }
  for (const t of temps) renameSync(t.temp, t.path);
}
