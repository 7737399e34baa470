/**
 * `piao nuovo-anno PIANO ANNO`: next year's plan from this year's (convert/next-year.ts). Checks the
 * arguments and the source plan first (a plan with errors is refused with them), never writes over
 * the plan it reads nor, without --force, over another file, prints each point to decide with its
 * place in the new file, and says what to run next.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { UsageError, type Command } from '../command.js';
import { formatDiagnostic, InputError } from '../../plan/diagnostics.js';
import { loadPlan } from '../../plan/load.js';
import { writeAllAtomically } from '../../io/output.js';

export const command: Command = {
  usage: `Uso:
  piao nuovo-anno <piano.yaml> <ANNO> [-o nuovo.yaml] [--force]

Prepara il piano di ANNO (di solito l'anno dopo) dal piano di quest'anno, nello stesso file
modificato solo dove serve (commenti, ordine e scrittura restano i tuoi):
  - stessi settori, servizi, persone e obiettivi, con i loro identificativi e richiami;
  - l'anno del piano e ogni data spostati (termini, fasi, target che sono date; il 29 febbraio
    diventa il 28 in un anno che non lo ha); i target per anno spostati di un anno: quello
    dell'ultimo anno del nuovo triennio resta da aggiungere;
  - tolti i risultati (consuntivo), l'approvazione, le variazioni e la data del documento;
    la revisione torna 0; restano fasce e importi della valutazione (gli importi da aggiornare).
Ciò che va deciso da una persona è segnato nel file con «# DA DECIDERE: …» ed elencato qui,
con la riga: scadenze che erano date, obiettivi raggiunti o non valutabili l'anno prima, target
spostati, testi che citano l'anno passato, persone e importi, l'obiettivo sulla formazione (dal 2025).

Opzioni:
  -o, --out FILE   il file da scrivere (predefinito: il nome del piano con il nuovo anno al posto
                   del vecchio, nella stessa cartella: piano-2024.yaml → piano-2025.yaml;
                   se il nome non contiene l'anno, piano-ANNO.yaml)
  --force          sovrascrive un file già esistente (mai il piano da cui si parte)
  --help, -h       mostra questo aiuto

Codici di uscita: 0 piano scritto; 1 piano di partenza con errori o file già esistente (nessun file
scritto); 2 uso errato (anche un anno non successivo a quello del piano).
`,
  options: { out: { type: 'string', short: 'o' }, force: { type: 'boolean' } },
  async run(values, positionals, io) {
    if (positionals.length === 0) throw new UsageError('indica il file del piano e il nuovo anno, ad esempio: piao nuovo-anno piano-2024.yaml 2025');
    if (positionals.length === 1) throw new UsageError('indica anche il nuovo anno, ad esempio 2025');
    if (positionals.length > 2) throw new UsageError(`argomento in più «${positionals[2]}»: indica solo il file del piano e il nuovo anno`);
    const [file, year] = positionals as [string, string];
    if (!/^\d{4}$/.test(year.trim())) throw new UsageError(`«${year}» non è un anno: scrivilo con quattro cifre, ad esempio 2025`);
    const anno = Number(year.trim());
    if (typeof values.out === 'string' && !/\.ya?ml$/i.test(values.out)) throw new UsageError(`il file da scrivere deve finire con .yaml: ${values.out}`);

    const loaded = loadPlan(file, { images: false });
    const old = loaded.plan.piano.anno;
    if (anno <= old) throw new UsageError(`il piano è del ${old}: indica un anno successivo, ad esempio ${old + 1}`);
    if (anno > 2100) throw new UsageError(`l'anno ${anno} è oltre il 2100, l'ultimo che un piano può avere`);

    const out = typeof values.out === 'string' ? values.out : defaultName(file, old, anno);
    const refuse = (code: string, message: string): never => {
      throw new InputError([{ severity: 'errore', code, file: out, line: 1, col: 1, path: '', message }]);
    };
    if (resolve(out) === resolve(file)) refuse('nuovo-anno.stesso-file', 'è il piano da cui si parte: il nuovo piano va scritto in un altro file (scegli il nome con -o)');
    if (existsSync(out) && values.force !== true) refuse('nuovo-anno.esiste', 'il file esiste già: scegli un altro nome con -o oppure usa --force per sovrascriverlo');

    const { nextYear } = await import('../../convert/next-year.js');
    const made = nextYear(loaded, anno, out);
    // A plan that starts with a byte order mark (some Windows editors write one) keeps it.
    const bom = readFileSync(file).subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) ? '\uFEFF' : '';
    writeAllAtomically([{ path: out, data: Buffer.from(bom + made.yaml) }]);
    for (const d of made.decisions) io.err(`${formatDiagnostic(d)}\n`);
    const n = made.decisions.length;
    const stemma = loaded.plan.ente.stemma;
    const moved = stemma !== undefined && resolve(dirname(out)) !== resolve(dirname(file));
    io.out(
      `scritto ${out}: piano ${anno} da ${file} (piano ${old})` +
        `${n === 0 ? ', nessun punto da decidere' : `, ${n === 1 ? '1 punto da decidere' : `${n} punti da decidere`} (segnati nel file con «# DA DECIDERE» ed elencati sopra)`}.\n` +
        (moved ? `Lo stemma «${stemma}» è indicato rispetto alla cartella del piano: copialo accanto a ${out} o correggi ente.stemma.\n` : '') +
        `Ora: piao check ${out}\n`,
    );
    return 0;
  },
};

/** piano-2024.yaml → piano-2025.yaml (every mention of the year in the name); else piano-2025.yaml; in the plan's folder. */
function defaultName(file: string, old: number, anno: number): string {
  const name = basename(file, extname(file));
  const re = new RegExp(`(?<!\\d)${old}(?!\\d)`, 'g');
  const next = re.test(name) ? `${name.replace(re, String(anno))}${extname(file) || '.yaml'}` : `piano-${anno}.yaml`;
  return join(dirname(file), next);
}
