/**
 * `piao export`: the plan as a workbook for the staff who never edit YAML (`--xlsx`), or the
 * workbook of the year-end results (`--consuntivo`, optionally one responsabile's objectives
 * only). `piao import` reads either back. Never writes over an existing file without --force.
 */
import { existsSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { UsageError, type Command } from '../command.js';
import { InputError } from '../../plan/diagnostics.js';
import { loadPlan } from '../../plan/load.js';
import { writeAllAtomically } from '../../io/output.js';

export const command: Command = {
  usage: `Uso:
  piao export <piano.yaml> [--xlsx] [-o piano.xlsx] [--force]
  piao export <piano.yaml> --consuntivo [--responsabile ID] [-o risultati.xlsx] [--force]

Scrive un foglio di calcolo (.xlsx, si apre con Excel o LibreOffice Calc) da far compilare agli uffici:
  --xlsx          il piano: un foglio "Obiettivi" (una riga per obiettivo), "Fasi e indicatori",
                  "Persone", "Settori e servizi"; con gli elenchi a discesa e una nota su ogni colonna
                  (predefinito)
  --consuntivo    i risultati di fine anno: per ogni obiettivo raggiungimento, motivazione,
                  scostamento, evidenze; per ogni fase e indicatore il valore raggiunto (i dati del
                  piano sono in grigio e non si modificano)
  --responsabile ID   con --consuntivo: solo gli obiettivi di cui risponde questa persona

Poi "piao import FILE.xlsx -o piano.yaml" riporta nel piano ciò che è stato scritto nel foglio
(per i risultati: nei campi "consuntivo"), con i commenti del file YAML dove restano validi.

Opzioni:
  -o, --out FILE   il file da scrivere (predefinito: il nome del piano con .xlsx, o -risultati.xlsx)
  --force          sovrascrive un file già esistente
  --help, -h       mostra questo aiuto

Codici di uscita: 0 foglio scritto; 1 piano con errori (nessun file scritto); 2 uso errato.
`,
  options: {
    out: { type: 'string', short: 'o' },
    xlsx: { type: 'boolean' },
    consuntivo: { type: 'boolean' },
    responsabile: { type: 'string' },
    force: { type: 'boolean' },
  },
  async run(values, positionals, io) {
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'indica il file del piano da esportare' : 'indica un solo file del piano');
    if (values.xlsx === true && values.consuntivo === true) throw new UsageError('scegli --xlsx (il piano) oppure --consuntivo (i risultati), non entrambi');
    const kind = values.consuntivo === true ? 'consuntivo' : 'piano';
    const responsabile = typeof values.responsabile === 'string' ? values.responsabile : undefined;
    if (responsabile !== undefined && kind !== 'consuntivo') throw new UsageError('--responsabile si usa con --consuntivo');
    const file = positionals[0]!;
    const base = basename(file, extname(file));
    const out = typeof values.out === 'string' ? values.out : kind === 'piano' ? `${base}.xlsx` : `${base}-risultati${responsabile ? `-${responsabile}` : ''}.xlsx`;
    if (!out.toLowerCase().endsWith('.xlsx')) throw new UsageError(`il file da scrivere deve finire con .xlsx: ${out}`);
    const loaded = loadPlan(file, { images: false });
    if (existsSync(out) && values.force !== true) {
      throw new InputError([{ severity: 'errore', code: 'export.esiste', file: out, line: 1, col: 1, path: '', message: 'il file esiste già: scegli un altro nome con -o oppure usa --force per sovrascriverlo' }]);
    }
    if (responsabile !== undefined && !Object.hasOwn(loaded.plan.persone, responsabile)) {
      throw new UsageError(`«${responsabile}» non è nel registro delle persone del piano`);
    }
    const { exportWorkbook } = await import('../../convert/xlsx-export.js');
    const { data, objectives } = await exportWorkbook(loaded.source, file, { kind, responsabile });
    if (objectives === 0 && responsabile !== undefined) {
      throw new InputError([{ severity: 'errore', code: 'export.nessun-obiettivo', file, line: 1, col: 1, path: '', message: `nessun obiettivo del piano ha per responsabile «${responsabile}»` }]);
    }
    writeAllAtomically([{ path: out, data }]);
    const what = objectives === 1 ? '1 obiettivo' : `${objectives} obiettivi`;
    io.out(`scritto ${out} (${what})\nQuando è compilato: piao import ${out} -o ${base}-${kind === 'piano' ? 'aggiornato' : 'con-risultati'}.yaml\n`);
    return 0;
  },
};
