/**
 * `piao import PIANO.docx`: a section 2.2 written in Word turned into a plan file to review. The
 * document is read by mammoth (word/read.ts), assembled into the plan's data (word/assemble.ts) and
 * written by planToYaml with a header saying where it came from. A .doc or .odt is first converted
 * to DOCX by LibreOffice in a private temporary folder, when `soffice` is installed. A document
 * whose objective-like tables are all unread fails (exit 1) instead of giving an empty plan.
 */
import { basename, extname } from 'node:path';
import { unzipSync } from 'fflate';
import { InputError } from '../plan/diagnostics.js';
import { readRegularFile } from '../io/files.js';
import { convertWithLibreOffice } from './libreoffice.js';
import { docxTooLarge } from './word/limits.js';
import { refusedByCheck, type Imported, type ImportNote } from './imported.js';
import { stripForbidden } from './word/characters.js';
import { planToYaml } from './plan-yaml.js';
import { documentHtml, readBlocks } from './word/read.js';
import { assemble } from './word/assemble.js';

const MAX_BYTES = 100 * 1024 * 1024;

function fail(file: string, code: string, message: string): never {
  throw new InputError([{ severity: 'errore', code, file, line: 1, col: 1, path: '', message }]);
}

/** The first bytes of a Word 97-2003 file (an OLE2 compound file) and the name of its text stream, in UTF-16. */
const OLE2 = Buffer.from('d0cf11e0a1b11ae1', 'hex');
const WORD_STREAM = Buffer.from('WordDocument', 'utf16le');

/** A zip whose "mimetype" entry names an OpenDocument text. */
function isOdfText(data: Buffer): boolean {
  if (data.subarray(0, 4).toString('latin1') !== 'PK\u0003\u0004') return false;
  try {
    const mimetype = unzipSync(data, { filter: (f) => f.name === 'mimetype' && f.originalSize < 200 }).mimetype;
    return !!mimetype && Buffer.from(mimetype).toString('latin1').startsWith('application/vnd.oasis.opendocument.text');
  } catch {
    return false;
  }
}

/**
 * Whether `data` is what its extension says, before LibreOffice sees it: LibreOffice reads any file
 * it cannot open as plain text, so a text or random bytes named .doc would become a "plan".
 */
function notWhatItSays(data: Buffer, ext: string): string | undefined {
  if (ext === '.doc' && !(data.subarray(0, 8).equals(OLE2) && data.includes(WORD_STREAM))) {
    return 'il file non è un documento Word 97-2003 (.doc): non ne ha la struttura; se è un altro tipo di documento rinominato, dagli l\'estensione giusta, altrimenti aprilo con Word o LibreOffice e salvalo come .docx';
  }
  if (ext === '.odt' && !isOdfText(data)) {
    return 'il file non è un documento OpenDocument di testo (.odt): un .odt è un archivio zip che comincia con il tipo «application/vnd.oasis.opendocument.text»; se è un altro tipo di documento rinominato, dagli l\'estensione giusta, altrimenti aprilo con LibreOffice e salvalo come .docx';
  }
  return undefined;
}

export async function importDocument(file: string): Promise<Imported> {
  const ext = extname(file).toLowerCase();
  const { data, problem } = readRegularFile(file, MAX_BYTES);
  if (!data) fail(file, problem!.code, problem!.message);
  let docx = data;
  if (ext === '.doc' || ext === '.odt') {
    const wrong = notWhatItSays(data, ext);
    if (wrong) fail(file, 'import.non-documento', wrong);
    // (It gives soffice the absolute path: a name starting with "-" is not read as an option.)
    docx = convertWithLibreOffice(file, 'docx');
  }
  else if (docx.subarray(0, 4).toString('latin1') !== 'PK\u0003\u0004') {
    fail(file, 'import.non-docx', 'il file non è un documento Word .docx (un .docx è un archivio zip; questo non lo è): se è un .doc o un .odt rinominato, dagli l\'estensione giusta; altrimenti aprilo con Word o LibreOffice e salvalo come .docx');
  }
  const tooLarge = docxTooLarge(docx);
  if (tooLarge) fail(file, 'import.troppo-grande', tooLarge);
  let html: string;
  try {
    html = (await documentHtml(docx)).html;
  } catch {
    fail(file, 'import.non-docx', 'il file non è un documento Word leggibile (archivio danneggiato o senza il testo del documento): aprilo con Word o LibreOffice e salvalo di nuovo come .docx');
  }
  const read: ImportNote[] = [];
  const blocks = readBlocks(html, read);
  if (blocks.length === 0) fail(file, 'import.vuoto', 'il documento non contiene testo');
  stripForbidden(blocks, read);
  const { data: plan, notes, comments, objectives, skipped } = assemble(blocks, read);
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
  const write = () =>
    planToYaml(plan, {
      header: [
        `Piano importato dal documento «${name}» con piao import: va rivisto prima dell'uso.`,
        'Controlla soprattutto i commenti qui sotto (nomi uniti, termini e pesi da verificare).',
      ],
      comments,
    });
  let yaml = write();
  // What `piao check` would refuse in the plan as written (weights of a responsabile that do not add
  // up to 100, as the document has them…): said now, in a note and a comment at its place.
  const refused = refusedByCheck(yaml, name);
  if (refused.length) {
    for (const d of refused) {
      notes.push({ where: `piano scritto, ${d.path || 'inizio'}`, severity: 'avviso', message: `«piao check» lo rifiuterà: ${d.message}; correggilo nel file scritto (o nel documento, e importalo di nuovo)` });
      const at = d.path || 'ente';
      comments[at] = [comments[at], `Da correggere prima di «piao check»: ${d.message}.`].filter(Boolean).join('\n');
    }
    yaml = write();
  }
  return { yaml, notes };
}

