/** `piao relazione`: the year-end documents from the plan's results (Relazione sulla performance, Nucleo's pack and payout, open data). */
import { outputFolder, reportWarnings } from '../outputs.js';
import { UsageError, type Command } from '../command.js';
import { kb, parseFormats, shownPath } from './build.js';

export const command: Command = {
  usage: `Uso:
  piao relazione <piano.yaml> [--out CARTELLA] [--format docx,pdf,html]

Dai risultati dell'anno scritti nel piano ("consuntivo" di obiettivi, fasi e indicatori; regole e
importi dei premi in "valutazione") scrive i documenti di fine anno:

  <piano>-relazione.*    la sezione performance della Relazione sulla performance: sintesi dei
                         risultati, variazioni approvate durante l'anno, per ogni settore il
                         prospetto del grado di raggiungimento e le schede degli obiettivi con i
                         risultati (valori misurati, fasi realizzate, percentuale e come è
                         calcolata, scostamento, evidenze, valutazione del Nucleo)
  <piano>-valutazione.*  per il Nucleo di Valutazione e l'ufficio personale: verifica della
                         relazione, una scheda di valutazione per responsabile (punteggio, fascia,
                         art. 4-bis, prerequisiti, quota e importo, firme), prospetto per la
                         liquidazione, "Dati relativi ai premi" (art. 20 D.Lgs. 33/2013)
  <piano>-risultati.csv  dati aperti: una riga per obiettivo con il grado di raggiungimento

Prima controlla il piano come piao check: gli errori fermano, gli avvisi sono riportati.

Opzioni:
  --out, -o CARTELLA   cartella dei file scritti (predefinita: output/)
  --format, -f ELENCO  formati dei documenti, separati da virgola (predefiniti: docx,pdf,html);
                       il CSV è scritto sempre
  --help, -h           mostra questo aiuto

Codici di uscita: 0 documenti scritti; 1 piano non valido o senza risultati; 2 uso errato.
`,
  options: { out: { type: 'string', short: 'o' }, format: { type: 'string', short: 'f' } },
  async run(values, positionals, io) {
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'indica il file del piano con i risultati' : 'indica un solo file del piano');
    const formats = parseFormats(values.format);
    const outDir = outputFolder(values.out);
    const { writeRelazione } = await import('../../results/write.js');
    const result = await writeRelazione({ input: positionals[0]!, outDir, formats });
    for (const f of result.files) io.out(`scritto ${shownPath(f.path)} (${kb(f.bytes)})\n`);
    io.out(`${result.files.length} file scritti.\n`);
    reportWarnings(io, result.warnings, positionals[0]!);
    return 0;
  },
};
