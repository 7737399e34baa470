/**
 * Private working folders next to what is being written. Why: a file must be renamed into place
 * from the same disk, so the work happens inside the destination's folder; but a predictable
 * temporary name there could be planted (a symlink pointing elsewhere) or left behind by a kill.
 * So each run makes its own folder with mkdtemp (a fresh, unguessable name, mode 0700: nobody
 * else can enter it), named `.piao-tmp-<pid>-XXXXXX` so that it is recognisable:
 *   - an interrupted run (Ctrl-C, SIGTERM) removes its folders before exiting (`removeLiveTemps`);
 *   - after a SIGKILL the next run writing into the same folder removes them, only those of
 *     processes that no longer exist, and only folders of this exact name.
 * A working folder may hold a `precedente` entry (a previous publication moved aside) and a
 * `destinazione` file naming where it belongs: if the run was killed while the destination was
 * missing, the previous one is put back instead of being deleted.
 */
import { lstatSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const PREFIX = '.piao-tmp-';
const STALE = /^\.piao-tmp-(\d+)-[A-Za-z0-9]{6}$/;
export const PREVIOUS = 'precedente';
export const DESTINATION = 'destinazione';

/** The working folders of this process that still exist. */
const live = new Set<string>();

/** A fresh private folder inside `folder` (which must exist); stale ones of dead runs are removed first. */
export function makeTempDir(folder: string): string {
  removeStaleTemps(folder);
  const dir = mkdtempSync(join(folder, `${PREFIX}${process.pid}-`));
  live.add(dir);
  return dir;
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  live.delete(dir);
}

/** Removes every working folder of this process: for an interruption, just before exiting. */
export function removeLiveTemps(): void {
  for (const dir of live) {
    try {
      restorePrevious(dir);
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // Exiting anyway: nothing better to do than try the others.
    }
    live.delete(dir);
  }
}

/** Whether `name` is a working folder's name (for tests and listings). */
export function isTempName(name: string): boolean {
  return STALE.test(name);
}

/** Removes the working folders left in `folder` by runs that were killed (their process is gone). */
export function removeStaleTemps(folder: string): void {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const m = STALE.exec(name);
    if (!m || alive(Number(m[1]))) continue;
    const dir = join(folder, name);
    try {
      if (!lstatSync(dir).isDirectory()) continue;
      restorePrevious(dir);
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // Someone else's, or already gone: leave it.
    }
  }
}

/** If `dir` holds a previous publication whose place is empty, puts it back. */
function restorePrevious(dir: string): void {
  const previous = join(dir, PREVIOUS);
  if (!existsSync(previous)) return;
  const name = basename(readFileSync(join(dir, DESTINATION), 'utf8'));
  const target = join(dirname(dir), name);
  if (name && !existsSync(target)) renameSync(previous, target);
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
