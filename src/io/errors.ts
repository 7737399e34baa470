/**
 * Errors of the operating system, told in Italian. Why one module: every place that reads or
 * writes a file the user named (--out, --templates, the plan, the documents) must say the same
 * thing for the same cause, name the path, say what to do, and give the right exit code
 * (2 when the user must name another place, 1 otherwise). The CLI prints `FileError`s as they are.
 */
import { relative, isAbsolute, resolve } from 'node:path';

/** A problem with a file or folder, already explained; `exitCode` is what the CLI returns. */
export class FileError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'FileError';
  }
}

/** What an error code means, in a few Italian words. */
const REASONS: Record<string, string> = {
  ENOENT: 'non esiste',
  EEXIST: 'esiste già e non è una cartella',
  EACCES: 'permesso negato (non hai i diritti di accesso)',
  EPERM: 'operazione non permessa dal sistema',
  ENOSPC: 'spazio esaurito sul disco',
  EDQUOT: 'superata la quota di spazio disco assegnata',
  EFBIG: 'il file è troppo grande per il disco',
  ENAMETOOLONG: 'il nome è troppo lungo per il sistema',
  EISDIR: 'è una cartella, non un file',
  ENOTDIR: 'una parte del percorso è un file, non una cartella',
  EROFS: 'si trova su un disco in sola lettura',
  ELOOP: 'troppi collegamenti simbolici (forse un collegamento che punta a sé stesso)',
  EMFILE: 'troppi file aperti',
  ENFILE: 'troppi file aperti nel sistema',
  EIO: 'errore di lettura o scrittura del disco',
  EBUSY: 'è in uso da un altro programma',
  ETXTBSY: 'è in uso da un altro programma',
  EXDEV: 'si trova su un disco diverso',
  ENXIO: 'il dispositivo non è disponibile',
  ENODEV: 'il dispositivo non è disponibile',
  EINVAL: 'nome o operazione non valida per questo disco',
};

/** Causes the user fixes by naming another place: wrong usage (exit 2). The rest exit 1. */
const WRONG_PLACE = new Set(['ENOENT', 'EEXIST', 'EACCES', 'EPERM', 'ENAMETOOLONG', 'EISDIR', 'ENOTDIR', 'EROFS', 'ELOOP', 'EINVAL', 'ENXIO', 'ENODEV']);

/** What to do about it, when the cause is not the place. */
const ADVICE: Record<string, string> = {
  ENOSPC: 'libera spazio sul disco e riprova',
  EDQUOT: 'libera spazio sul disco e riprova',
  EFBIG: 'scegli un disco che accetti file più grandi',
  EMFILE: 'chiudi qualche programma e riprova',
  ENFILE: 'chiudi qualche programma e riprova',
  EIO: 'controlla il disco e riprova',
  EBUSY: 'chiudi il programma che lo usa e riprova',
  ETXTBSY: 'chiudi il programma che lo usa e riprova',
};

/** The reason for a code, e.g. "spazio esaurito sul disco (ENOSPC)". */
export function osReason(code: string | undefined): string {
  return code && REASONS[code] ? `${REASONS[code]} (${code})` : `errore del sistema${code ? ` (${code})` : ''}`;
}

/** Whether `e` is an error of the operating system (it has an errno code such as ENOENT). */
export function isOsError(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' && /^E[A-Z0-9]+$/.test((e as NodeJS.ErrnoException).code!);
}

/** A path as the user will recognise it: relative to the current folder when inside it. */
export function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : resolve(path);
}

/**
 * An OS error met while writing `path` (a document, or a folder on the way to it), explained.
 * `placeHint` says how to choose another place (e.g. "indica con --out un'altra cartella").
 * Anything that is not an OS error is returned unchanged.
 */
export function writeError(e: unknown, path: string, placeHint = 'scegli un\'altra destinazione'): unknown {
  if (e instanceof FileError || !isOsError(e)) return e;
  return fileError(e.code!, path, 'scrivere', placeHint);
}

/** An OS error met while reading `path` (exit 1: the input cannot be read). */
export function readError(e: unknown, path: string): unknown {
  if (e instanceof FileError || !isOsError(e)) return e;
  const advice = ADVICE[e.code!] ?? 'controlla il percorso e i permessi';
  return new FileError(`impossibile leggere «${shown(path)}»: ${osReason(e.code)}. ${capital(advice)}.`, 1, e.code);
}

export function fileError(code: string, path: string, doing: string, placeHint = 'scegli un\'altra destinazione'): FileError {
  const wrongPlace = WRONG_PLACE.has(code);
  const advice =
    code === 'EISDIR' ? `sposta o rinomina quella cartella, oppure ${placeHint}` : (ADVICE[code] ?? (wrongPlace ? placeHint : "riprova; se il problema persiste, scegli un'altra destinazione"));
  return new FileError(`impossibile ${doing} «${shown(path)}»: ${osReason(code)}. ${capital(advice)}.`, wrongPlace ? 2 : 1, code);
}

/** An OS error that reached the CLI without a more precise explanation: told from its own path (exit 1). */
export function explainOsError(e: NodeJS.ErrnoException): FileError {
  const path = e.path ?? (e as { dest?: string }).dest;
  const advice = ADVICE[e.code!] ?? 'controlla il percorso e i permessi';
  return new FileError(`${path === undefined ? 'errore del sistema su un file o una cartella' : `«${shown(path)}»`}: ${osReason(e.code)}. ${capital(advice)}.`, 1, e.code);
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
