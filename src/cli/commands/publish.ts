/** `piao publish`: the folder to upload to Amministrazione Trasparente (PDF/A, accessible HTML, open data). */
import { join } from 'node:path';
import { UsageError, type Command } from '../command.js';
import { PublishTargetError, publish } from '../../publish/publish.js';
import { checkTemplatesOption, kb, layoutOption, shownPath } from './build.js';
import { byCode, countLine } from '../report.js';

export const command: Command = {
  usage: `Uso:
  piao publish <piano.yaml> [--out CARTELLA] [--modello NOME] [--templates CARTELLA]

Prepara la cartella da pubblicare in Amministrazione Trasparente > Performance:
  - la sottosezione in PDF/A-2b, in DOCX e come pagina HTML accessibile (con indice);
  - gli obiettivi come dati aperti: obiettivi.csv (UTF-8, una riga per obiettivo) e
    obiettivi.json, con lo schema che lo descrive (obiettivi.schema.json);
  - manifest.json: revisione del piano, deliberazione di approvazione, versione di piao
    e l'impronta SHA-256 di ogni file.

La cartella viene scritta per intero e sostituisce quella di una pubblicazione precedente
solo quando è completa: se qualcosa va storto, la pubblicazione precedente resta intatta.
I file che hai aggiunto a una pubblicazione precedente (non elencati nel suo manifest.json)
vengono conservati nella nuova.

Opzioni:
  --out, -o CARTELLA        cartella della pubblicazione (predefinita: output/pubblicazione);
                            deve essere nuova, vuota o una pubblicazione precedente di piao
  --modello NOME            un'impaginazione alternativa già pronta: fasi o tabella (vedi piao build --help)
  --templates, -t CARTELLA  modelli che sostituiscono quelli predefiniti con lo stesso nome di file
  --help, -h                mostra questo aiuto
`,
  options: {
    out: { type: 'string', short: 'o' },
    templates: { type: 'string', short: 't' },
    modello: { type: 'string' },
  },
  async run(values, positionals, io) {
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'indica il file del piano da pubblicare' : 'indica un solo file del piano');
    const outDir = typeof values.out === 'string' ? values.out : join('output', 'pubblicazione');
    checkTemplatesOption(values.templates);
    let result;
    try {
      result = await publish({
        input: positionals[0]!,
        outDir,
        ...(typeof values.templates === 'string' && { templatesDir: values.templates }),
        ...layoutOption(values.modello),
      });
    } catch (e) {
      if (e instanceof PublishTargetError) throw new UsageError(e.message);
      throw e;
    }
    const dir = shownPath(result.dir);
    for (const f of result.files) io.out(`scritto ${join(dir, f.name)} (${kb(f.bytes)})\n`);
    if (result.kept.length) {
      io.out(`conservati i file che avevi aggiunto alla pubblicazione precedente (piao non li scrive e non li cancella): ${result.kept.join(', ')}\n`);
    }
    io.out(`pubblicazione pronta in ${dir}: ${result.files.length} file.\n`);
    if (result.warnings.length) {
      io.err(`Il piano ha ${countLine(result.warnings).replace(/^0 errori, /, '')} (la pubblicazione è stata preparata comunque):\n`);
      for (const [code, n] of byCode(result.warnings)) io.err(`  ${n} × ${code}\n`);
      io.err(`Per i dettagli: piao check ${positionals[0]}\n`);
    }
    return 0;
  },
};
