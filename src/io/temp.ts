/**
 * Private working folders next to what is being written. Why: a file must be renamed into place
 * from the same disk, so the work happens inside the destination's folder; but a predictable
 * temporary name there could be planted (a symlink pointing elsewhere) or left behind by a kill.
 * So each run makes its own folder with mkdtemp (a fresh, unguessable name, mode 0700: nobody
 * else can enter it), named `.piao-tmp-<pid>-XXXXXX` so that it is recognisable:
 *   - an interrupted run (Ctrl-C, SIGTERM) does not stop half-way through writing (`whileWriting`);
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

/**
 * Runs the (synchronous) writing of files with Ctrl-C and SIGTERM held back: a signal that comes
 * meanwhile does not kill the process half-way through (which would leave working folders and
 * half the documents replaced); it is acted upon as soon as the writing is over, files whole
 * and working folders gone: exit 130 (SIGINT), 143 (SIGTERM), 129 (SIGHUP) or 131 (SIGQUIT). Outside these moments the
 * signals keep their usual effect (an immediate stop: nothing is being written then).
 * Why two turns of the event loop before letting go: a signal that came during synchronous code
 * is only read by Node in the poll phase of a later turn.
 */
export function whileWriting<T>(fn: () => T): T {
  let written = false;
  const handlers = (
    [
      ['SIGINT', 130],
      ['SIGTERM', 143],
      // The terminal closed (SIGHUP), or Ctrl-\ (SIGQUIT): the same.
      ['SIGHUP', 129],
      ['SIGQUIT', 131],
    ] as const
  ).map(([signal, code]) => {
    const handler = () => {
      removeLiveTemps();
      try {
        process.stderr.write(`\npiao: interrotto. ${written ? 'I file erano già stati scritti per intero.' : 'I file già presenti non sono stati modificati.'}\n`);
      } catch {
        // Exiting anyway.
      }
      process.exit(code);
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  try {
    const result = fn();
    written = true;
    return result;
  } finally {
    setImmediate(() =>
      setImmediate(() => {
        for (const [signal, handler] of handlers) process.removeListener(signal, handler);
      }),
    );
  }
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
