/**
 * `piao import PIANO.docx`: a section 2.2 written in Word turned into a plan file to review. The
 * document is read by mammoth (word/read.ts), assembled into the plan's data (word/assemble.ts) and
 * written by planToYaml with a header saying where it came from. A .doc or .odt is first converted
 * to DOCX by LibreOffice in a private temporary folder, when `soffice` is installed. A document
 * whose objective-like tables are all unread fails (exit 1) instead of giving an empty plan.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '../plan/diagnostics.js';
import { readRegularFile } from '../io/files.js';
import type { Imported } from './imported.js';
import { planToYaml } from './plan-yaml.js';
import { documentHtml, readBlocks } from './word/read.js';
import { assemble } from './word/assemble.js';

const MAX_BYTES = 100 * 1024 * 1024;

function fail(file: string, code: string, message: string): never {
  throw new InputError([{ severity: 'errore', code, file, line: 1, col: 1, path: '', message }]);
}

/** `soffice` on the PATH, if any. */
function findSoffice(): string | undefined {
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

/** A .doc/.odt converted to DOCX by LibreOffice, in a private folder removed afterwards. */
function convertWithLibreOffice(file: string): Buffer {
  const soffice = findSoffice();
  if (!soffice) {
    fail(file, 'import.libreoffice', `per leggere un documento ${extname(file).toLowerCase()} serve LibreOffice (il comando «soffice»), che non è installato: apri il documento con Word o LibreOffice e salvalo come .docx, poi importa il .docx`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'piao-import-'));
  try {
    const r = spawnSync(soffice, [`-env:UserInstallation=${pathToFileURL(join(dir, 'profilo')).href}`, '--headless', '--convert-to', 'docx', '--outdir', join(dir, 'docx'), resolve(file)], {
      encoding: 'utf8',
      timeout: 180_000,
    });
    const out = join(dir, 'docx');
    const made = (() => {
      try {
        return readdirSync(out).filter((f) => f.toLowerCase().endsWith('.docx'));
      } catch {
        return [];
      }
    })();
    if (r.status !== 0 || made.length !== 1) fail(file, 'import.conversione', 'LibreOffice non è riuscito a convertire il documento in .docx: aprilo e salvalo come .docx, poi importa il .docx');
    const { data } = readRegularFile(join(out, made[0]!), MAX_BYTES);
    if (!data) fail(file, 'import.conversione', 'LibreOffice non ha prodotto un documento leggibile');
    return data;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function importDocument(file: string): Promise<Imported> {
  const ext = extname(file).toLowerCase();
  const { data, problem } = readRegularFile(file, MAX_BYTES);
  if (!data) fail(file, problem!.code, problem!.message);
  let docx = data;
  if (ext === '.doc' || ext === '.odt') docx = convertWithLibreOffice(file);
  else if (docx.subarray(0, 4).toString('latin1') !== 'PK\u0003\u0004') {
    fail(file, 'import.non-docx', 'il file non è un documento Word .docx (un .docx è un archivio zip; questo non lo è): se è un .doc o un .odt rinominato, dagli l\'estensione giusta; altrimenti aprilo con Word o LibreOffice e salvalo come .docx');
  }
  let html: string;
  try {
    html = (await documentHtml(docx)).html;
  } catch {
    fail(file, 'import.non-docx', 'il file non è un documento Word leggibile (archivio danneggiato o senza il testo del documento): aprilo con Word o LibreOffice e salvalo di nuovo come .docx');
  }
  const blocks = readBlocks(html);
  if (blocks.length === 0) fail(file, 'import.vuoto', 'il documento non contiene testo');
  const { data: plan, notes, comments, objectives, skipped } = assemble(blocks);
  // Tables that look like objectives, none read: an empty plan would pass check and build; better to stop and say why.
  if (objectives === 0 && skipped.length > 0) {
    throw new InputError(
      skipped.map((t) => ({
        severity: 'errore' as const,
        code: 'import.nessun-obiettivo',
        file,
        line: 0,
        col: 0,
        cell: t.where,
        path: '',
        message: `nessun obiettivo letto dal documento (nessun file scritto): questa tabella sembra un obiettivo, ma ${t.why}; correggi la tabella nel documento e importalo di nuovo`,
      })),
    );
  }
  const name = basename(file);
  const yaml = planToYaml(plan, {
    header: [
      `Piano importato dal documento «${name}» con piao import: va rivisto prima dell'uso.`,
      'Controlla soprattutto i commenti qui sotto (nomi uniti, termini e pesi da verificare).',
    ],
    comments,
  });
  return { yaml, notes };
}
