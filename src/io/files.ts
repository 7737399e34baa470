/**
 * Reading a user's file of any kind with limits: the plan, the theme, its fonts, the coat of
 * arms all go through `readRegularFile`, so a device, a pipe or a huge file is refused the same way.
 */
import { closeSync, openSync, readSync, realpathSync, statSync } from 'node:fs';

/** Why a file could not be read: a stable code and an Italian sentence. */
export interface ReadProblem {
  code: string;
  message: string;
  /** The file does not exist. */
  missing?: boolean;
}

/**
 * Reads at most `max` bytes of a regular file. Devices (/dev/zero), pipes and folders are refused
 * before opening (a device's reported size is 0 and it never ends; opening a pipe would wait), and
 * the limit applies to what is actually read, not only to the size the file system reports.
 */
/** The files this run has read (their real paths): the outputs never replace one of them (io/output.ts). */
const inputs = new Set<string>();

/** Whether `file` is one this run has read (the plan, its theme, an image…). */
export function wasRead(file: string): boolean {
  try {
    return inputs.has(realpathSync(file));
  } catch {
    return false;
  }
}

/** A new command starts with no files read (the CLI runs commands in one process in the tests). */
export function forgetInputs(): void {
  inputs.clear();
}

export function readRegularFile(file: string, max: number): { data?: Buffer; problem?: ReadProblem } {
  const mb = (n: number) => `${Math.max(1, Math.round(n / 1024 / 1024))} MB`;
  const tooBig: ReadProblem = { code: 'file.troppo-grande', message: `il file è troppo grande (più di ${mb(max)}; al massimo ${mb(max)})` };
  let fd: number | undefined;
  try {
    const st = statSync(file);
    if (st.isDirectory()) return { problem: { code: 'file.lettura', message: 'è una cartella, non un file' } };
    if (!st.isFile()) return { problem: { code: 'file.lettura', message: 'non è un file normale (è un dispositivo, una pipe o un socket)' } };
    if (st.size > max) return { problem: { ...tooBig, message: `il file è troppo grande (${mb(st.size)}; al massimo ${mb(max)})` } };
    fd = openSync(file, 'r');
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, max + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > max) return { problem: tooBig };
    }
    inputs.add(realpathSync(file));
    return { data: Buffer.concat(chunks, total) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT' ? 'il file non esiste' : code === 'EISDIR' ? 'è una cartella, non un file' : `impossibile leggere il file (${code ?? 'errore sconosciuto'})`;
    return { problem: { code: 'file.lettura', message, ...(code === 'ENOENT' && { missing: true }) } };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
