/** `piao monitoraggio`: the state of each objective and phase at a date, the objectives at risk and each objective's timeline. */
import { UsageError, type Command } from '../command.js';
import { checkOutputFolder } from '../../io/output.js';
import { isPublication } from '../../publish/destination.js';
import { removeStaleTemps } from '../../io/temp.js';
import { byCode, countLine } from '../report.js';
import { kb, parseFormats, shownPath } from './build.js';
import { parseDate } from '../../results/monitoraggio.js';

export const command: Command = {
  usage: `Uso:
  piao monitoraggio <piano.yaml> --al DATA [--out CARTELLA] [--format docx,pdf,html]

Il monitoraggio intermedio degli obiettivi a una data (ad esempio al 30 giugno): scrive
<piano>-monitoraggio-<data>.* con lo stato di ogni obiettivo e di ogni fase alla data
(completato, in tempo, in ritardo, non iniziato), prima gli obiettivi a rischio per settore,
poi per ogni obiettivo il cronoprogramma delle fasi come grafico (una barra per fase, dall'inizio
alla fine, colorata secondo lo stato, e una linea alla data) e le stesse informazioni in tabella.
Lo stato viene dalle date delle fasi ("inizio", "fine"), dal termine dell'obiettivo e dai
risultati già registrati nel "consuntivo" ("completata_il", "raggiungimento").

Prima controlla il piano come piao check: gli errori fermano, gli avvisi sono riportati.

Opzioni:
  --al DATA            la data del monitoraggio: AAAA-MM-GG (2024-06-30) o GG/MM/AAAA
  --out, -o CARTELLA   cartella dei file scritti (predefinita: output/)
  --format, -f ELENCO  formati dei documenti, separati da virgola (predefiniti: docx,pdf,html)
  --help, -h           mostra questo aiuto

Codici di uscita: 0 documenti scritti; 1 piano non valido; 2 uso errato.
`,
  options: { al: { type: 'string' }, out: { type: 'string', short: 'o' }, format: { type: 'string', short: 'f' } },
  async run(values, positionals, io) {
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'indica il file del piano' : 'indica un solo file del piano');
    if (typeof values.al !== 'string') throw new UsageError('indica la data del monitoraggio con --al, ad esempio --al 2024-06-30');
    const date = parseDate(values.al);
    if (!date) throw new UsageError(`--al: «${values.al}» non è una data valida; scrivila come AAAA-MM-GG (ad esempio 2024-06-30) o GG/MM/AAAA (30/06/2024)`);
    const formats = parseFormats(values.format);
    const outDir = typeof values.out === 'string' ? values.out : 'output';
    checkOutputFolder(outDir, "indica con --out un'altra cartella");
    if (isPublication(outDir)) throw new UsageError(`«${outDir}» è una cartella pubblicata da piao publish: i suoi file si cambiano solo con piao publish. Indica con --out un'altra cartella`);
    removeStaleTemps(outDir);
    const { writeMonitoraggio } = await import('../../results/write.js');
    const result = await writeMonitoraggio({ input: positionals[0]!, outDir, formats, date });
    for (const f of result.files) io.out(`scritto ${shownPath(f.path)} (${kb(f.bytes)})\n`);
    io.out(`${result.files.length} file scritti. Obiettivi a rischio al ${result.view.data_breve}: ${result.view.sintesi.a_rischio} su ${result.view.sintesi.obiettivi}.\n`);
    if (result.warnings.length) {
      io.err(`Il piano ha ${countLine(result.warnings).replace(/^0 errori, /, '')} (i documenti sono stati scritti comunque):\n`);
      for (const [code, n] of byCode(result.warnings)) io.err(`  ${n} × ${code}\n`);
      io.err(`Per i dettagli: piao check ${positionals[0]}\n`);
    }
    return 0;
  },
};
