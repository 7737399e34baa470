/** `piao monitoraggio`: the state of each objective and phase at a date, the objectives at risk and each objective's timeline. */
import { outputFolder, reportWarnings } from '../outputs.js';
import { UsageError, type Command } from '../command.js';
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
    const outDir = outputFolder(values.out);
    const { writeMonitoraggio } = await import('../../results/write.js');
    const result = await writeMonitoraggio({ input: positionals[0]!, outDir, formats, date });
    for (const f of result.files) io.out(`scritto ${shownPath(f.path)} (${kb(f.bytes)})\n`);
    io.out(`${result.files.length} file scritti. Obiettivi a rischio al ${result.view.data_breve}: ${result.view.sintesi.a_rischio} su ${result.view.sintesi.obiettivi}.\n`);
    reportWarnings(io, result.warnings, positionals[0]!);
    return 0;
  },
};
