/**
 * A document in a format piao does not read (.doc, .odt, .ods) converted by LibreOffice into one
 * it does (.docx, .xlsx), when LibreOffice is installed: `soffice --headless --convert-to`, with its
 * own profile (so a LibreOffice the user has open does not get in the way), in a private temporary
 * folder removed afterwards. Without `soffice` on the PATH, an Italian error saying what to do.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '../plan/diagnostics.js';
import { readRegularFile } from '../io/files.js';

const MAX_BYTES = 100 * 1024 * 1024;

function fail(file: string, code: string, message: string): never {
  throw new InputError([{ severity: 'errore', code, file, line: 1, col: 1, path: '', message }]);
}

/** `soffice` on the PATH, if any. */
export function findSoffice(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const name of ['soffice', 'libreoffice']) {
      try {
        accessSync(join(dir, name), constants.X_OK);
        return join(dir, name);
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/** What is converted: Word documents to .docx, spreadsheets to .xlsx, named as a person says them. */
const KINDS = {
  docx: { what: 'un documento', app: 'Word o LibreOffice' },
  xlsx: { what: 'un foglio di calcolo', app: 'LibreOffice o Excel' },
} as const;

/** `file` converted by LibreOffice to `to` ("docx", "xlsx"): the bytes of the converted file. */
export function convertWithLibreOffice(file: string, to: keyof typeof KINDS): Buffer {
  const { what, app } = KINDS[to];
  const ext = extname(file).toLowerCase();
  const soffice = findSoffice();
  if (!soffice) {
    fail(file, 'import.libreoffice', `per leggere ${what} ${ext} serve LibreOffice (il comando «soffice»), che non è installato: apri il file con ${app} e salvalo come .${to}, poi importa il .${to}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'piao-import-'));
  try {
    const out = join(dir, to);
    const r = spawnSync(soffice, [`-env:UserInstallation=${pathToFileURL(join(dir, 'profilo')).href}`, '--headless', '--convert-to', to, '--outdir', out, resolve(file)], {
      encoding: 'utf8',
      timeout: 180_000,
    });
    const made = (() => {
      try {
        return readdirSync(out).filter((f) => f.toLowerCase().endsWith(`.${to}`));
      } catch {
        return [];
      }
    })();
    if (r.status !== 0 || made.length !== 1) fail(file, 'import.conversione', `LibreOffice non è riuscito a convertire il file in .${to}: aprilo e salvalo come .${to}, poi importa il .${to}`);
    const { data } = readRegularFile(join(out, made[0]!), MAX_BYTES);
    if (!data) fail(file, 'import.conversione', `LibreOffice non ha prodotto un file .${to} leggibile`);
    return data;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
