/**
 * Writing outputs safely, all or nothing. Every target is checked first (a folder where a file
 * should go, a file where a folder should be, no permission): if one is wrong, nothing is touched.
 * Then every file is written, exclusively, into a private working folder (io/temp.ts) inside its
 * final folder, and only when all of them were written are they renamed into place; a previous
 * file is kept aside (hard link) until the end, so that a failure half-way through the renames
 * puts the previous files back. The working folders are always removed.
 */
import { accessSync, closeSync, constants, copyFileSync, fsyncSync, linkSync, lstatSync, mkdirSync, openSync, renameSync, rmdirSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { FileError, fileError, isOsError, shown, writeError } from './errors.js';
import { wasRead } from './files.js';
import { makeTempDir, removeTempDir, whileWriting } from './temp.js';

export interface OutputFile {
  path: string;
  data: Buffer;
}

export interface WriteOptions {
  /** How the user chooses another place, e.g. "indica con --out un'altra cartella". */
  placeHint?: string;
}

export function writeAllAtomically(files: OutputFile[], opts: WriteOptions = {}): void {
  whileWriting(() => writeAll(files, opts.placeHint));
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function writeAll(files: OutputFile[], hint: string | undefined): void {
  for (const f of files) checkFileTarget(f.path, hint);

  const temps = new Map<string, string>();
  const created: string[] = [];
  const staged: { temp: string; path: string }[] = [];
  let ok = false;
  try {
    for (const f of files) {
      const folder = dirname(resolve(f.path));
      let temp = temps.get(folder);
      if (temp === undefined) {
        created.push(...makeFolder(folder, hint));
        temp = attempt(() => makeTempDir(folder), folder, hint);
        temps.set(folder, temp);
      }
      const path = join(temp, String(staged.length));
      attempt(() => writeExclusive(path, f.data), f.path, hint);
      staged.push({ temp: path, path: f.path });
    }
    commit(staged, hint);
    ok = true;
  } finally {
    for (const temp of temps.values()) removeTempDir(temp);
    if (!ok) {
      // The folders this run created, deepest first: removed if they stayed empty.
      for (const dir of created.sort((a, b) => b.length - a.length)) {
        try {
          rmdirSync(dir);
        } catch {
          // Not empty: someone else wrote there meanwhile.
        }
      }
    }
  }
}

/**
 * Refuses a folder that cannot hold the outputs: a file on its path, or no permission to write
 * in its nearest existing ancestor. For the command line to check --out before any work.
 */
export function checkOutputFolder(dir: string, placeHint?: string): void {
  let at = resolve(dir);
  for (;;) {
    let isDir: boolean;
    try {
      isDir = statSync(at).isDirectory();
    } catch (e) {
      if (isOsError(e) && e.code === 'ENOENT' && dirname(at) !== at) {
        at = dirname(at);
        continue;
      }
      throw writeError(e, at, placeHint);
    }
    if (!isDir) {
      throw new FileError(`«${shown(at)}» esiste ma non è una cartella: ${placeHint ?? "scegli un'altra destinazione"}.`, 2, 'ENOTDIR');
    }
    try {
      accessSync(at, constants.W_OK | constants.X_OK);
    } catch (e) {
      throw fileError(isOsError(e) ? e.code! : 'EACCES', at, 'scrivere in', placeHint);
    }
    return;
  }
}

/** A file can be put at `path`: its folder can hold it, and no folder has the file's name. */
function checkFileTarget(path: string, hint: string | undefined): void {
  checkOutputFolder(dirname(resolve(path)), hint);
  // A plan named like a document ("piano.html") in the output folder: its output would replace it.
  if (wasRead(path)) {
    throw new FileError(`«${shown(path)}» è un file che questo comando ha letto (il piano, il tema o un'immagine): non lo sovrascrivo con un documento generato. ${capital(hint ?? "scegli un'altra destinazione")}, oppure rinomina il file`, 2, 'input');
  }
  try {
    if (lstatSync(path).isDirectory()) throw fileError('EISDIR', path, 'scrivere', hint);
  } catch (e) {
    if (isOsError(e) && e.code === 'ENOENT') return;
    throw writeError(e, path, hint);
  }
}

/**
 * Creates `folder` and its missing ancestors, one by one (Node's recursive mkdir never returns
 * when a parent refuses with ENOENT, as /proc does); returns those it created.
 */
export function makeFolder(folder: string, hint?: string): string[] {
  const missing: string[] = [];
  for (let at = resolve(folder); ; at = dirname(at)) {
    try {
      lstatSync(at);
      break;
    } catch {
      missing.push(at);
      if (dirname(at) === at) break;
    }
  }
  for (const at of [...missing].reverse()) {
    try {
      mkdirSync(at);
    } catch (e) {
      if (!(isOsError(e) && e.code === 'EEXIST' && statSync(at).isDirectory())) throw writeError(e, at, hint);
    }
  }
  return missing;
}

/** Renames every staged file into place; on a failure, puts the previous files back. */
function commit(staged: { temp: string; path: string }[], hint: string | undefined): void {
  const done: { path: string; backup?: string }[] = [];
  try {
    for (const s of staged) {
      let backup: string | undefined;
      if (exists(s.path)) {
        backup = `${s.temp}.precedente`;
        attempt(() => keepCopy(s.path, backup!), s.path, hint);
      }
      attempt(() => renameSync(s.temp, s.path), s.path, hint);
      done.push({ path: s.path, ...(backup && { backup }) });
    }
  } catch (e) {
    for (const d of done.reverse()) {
      try {
        if (d.backup) renameSync(d.backup, d.path);
        else rmSync(d.path, { force: true });
      } catch {
        // Best effort: the error below is what the user needs to read.
      }
    }
    throw e;
  }
}

/** A second name for the previous file (no copy), or a copy where the disk has no hard links. */
function keepCopy(path: string, backup: string): void {
  try {
    linkSync(path, backup);
  } catch {
    copyFileSync(path, backup, constants.COPYFILE_EXCL);
  }
}

/** Writes a new file (never an existing name, never through a symlink) and flushes it to disk. */
export function writeExclusive(path: string, data: Buffer): void {
  const fd = openSync(path, 'wx');
  try {
    let off = 0;
    while (off < data.length) off += writeSync(fd, data, off, data.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function attempt<T>(fn: () => T, path: string, hint: string | undefined): T {
  try {
    return fn();
  } catch (e) {
    throw writeError(e, path, hint);
  }
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
