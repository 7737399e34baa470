/**
 * `piao import`: a plan file from what a Comune already has — its section as a Word document
 * (.docx; .doc and .odt through LibreOffice) or a workbook made by `piao export` and filled in
 * by the staff (.xlsx). Writes the YAML (never over an existing file without --force), lists
 * what the reviewer should look at, and says what to run next.
 */
import { existsSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { UsageError, type Command } from '../command.js';
import { InputError } from '../../plan/diagnostics.js';
import { writeAllAtomically } from '../../io/output.js';
import { visible } from '../../plan/diagnostics.js';
import type { Imported } from '../../convert/imported.js';

/** At most this many notes printed. */
const MAX_NOTES = 200;

export const command: Command = {
  usage: `Uso:
  piao import <PIANO.docx | piano.xlsx | piano.ods> [-o piano.yaml] [--force]
  piao import <risultati.xlsx | risultati.ods> [--piano piano.yaml] -o piano-con-risultati.yaml

Scrive il file del piano (YAML) a partire da:
  - la sottosezione "Performance" scritta in Word (.docx; .doc e .odt se LibreOffice è installato):
    settori, servizi, responsabili, personale, obiettivi con i loro campi, pesi e termini;
  - un foglio di calcolo scritto da "piao export --xlsx" e compilato dagli uffici (.xlsx; .ods se
    LibreOffice è installato): righe
    aggiunte, tolte o spostate diventano obiettivi aggiunti, tolti o spostati; i commenti e la forma
    del file YAML restano dove i dati non cambiano;
  - il foglio dei risultati scritto da "piao export --consuntivo" (.xlsx): i risultati vanno nei campi
    "consuntivo" del piano. Con --piano vanno nel piano indicato invece che nella copia che il foglio
    porta con sé: così i fogli di più responsabili entrano uno dopo l'altro nello stesso piano.
Alla fine elenca ciò che va controllato a mano (nomi uniti, termini non riconosciuti, testo non collocato).

Opzioni:
  -o, --out FILE   il file YAML da scrivere (predefinito: il nome del documento con .yaml)
  --force          sovrascrive un file già esistente
  --piano FILE     (foglio dei risultati) il piano in cui scrivere i risultati
  --help, -h       mostra questo aiuto

Codici di uscita: 0 piano scritto; 1 documento non leggibile o con errori (nessun file scritto); 2 uso errato.
`,
  options: { out: { type: 'string', short: 'o' }, force: { type: 'boolean' }, piano: { type: 'string' } },
  async run(values, positionals, io) {
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'indica il documento da importare (.docx, .xlsx o .ods)' : 'indica un solo documento da importare');
    const file = positionals[0]!;
    const ext = extname(file).toLowerCase();
    const out = typeof values.out === 'string' ? values.out : `${basename(file, extname(file))}.yaml`;
    if (!out.toLowerCase().endsWith('.yaml') && !out.toLowerCase().endsWith('.yml')) throw new UsageError(`il file da scrivere deve finire con .yaml: ${out}`);
    if (existsSync(out) && values.force !== true) {
      throw new InputError([{ severity: 'errore', code: 'import.esiste', file: out, line: 1, col: 1, path: '', message: 'il file esiste già: scegli un altro nome con -o oppure usa --force per sovrascriverlo' }]);
    }
    const piano = typeof values.piano === 'string' ? values.piano : undefined;
    if (piano !== undefined && ext !== '.xlsx' && ext !== '.ods') throw new UsageError('--piano si usa con un foglio dei risultati (.xlsx o .ods)');
    if (piano !== undefined && resolve(piano) === resolve(out)) throw new UsageError('scrivi il piano con i risultati in un altro file (-o): il piano indicato con --piano non viene sovrascritto');
    let imported: Imported;
    if (ext === '.xlsx' || ext === '.ods') imported = await (await import('../../convert/xlsx-import.js')).importWorkbook(file, { piano });
    else if (ext === '.docx' || ext === '.doc' || ext === '.odt') imported = await (await import('../../convert/docx-import.js')).importDocument(file);
    else throw new UsageError(`non so importare «${ext || basename(file)}»: indica un documento Word (.docx, .doc, .odt) o un foglio di calcolo (.xlsx, .ods)`);
    writeAllAtomically([{ path: out, data: Buffer.from(imported.yaml) }]);
    // A few hundred notes are read; a hostile file could make a million.
    for (const n of imported.notes.slice(0, MAX_NOTES)) io.err(visible(`${file}: ${n.where}: ${n.severity}: ${n.message}\n`));
    const review = imported.notes.filter((n) => n.severity === 'avviso').length;
    const more = imported.notes.length - MAX_NOTES;
    if (more > 0) {
      const avvisi = imported.notes.slice(MAX_NOTES).filter((n) => n.severity === 'avviso').length;
      io.err(`${file}: … e altre ${more} note (${avvisi} avvisi), non elencate: correggi le prime e importa di nuovo\n`);
    }
    io.out(`scritto ${out}${review ? ` (${review === 1 ? '1 punto da controllare' : `${review} punti da controllare`}, ${more > 0 ? `le prime ${MAX_NOTES} note elencate sopra` : 'elencati sopra'})` : ''}\nOra: piao check ${out} && piao ${imported.risultati ? 'relazione' : 'build'} ${out}\n`);
    return 0;
  },
};
