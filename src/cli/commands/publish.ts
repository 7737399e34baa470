/** `piao publish`: the folder to upload to Amministrazione Trasparente (PDF/A, accessible HTML, open data), one folder per revision; `--verifica` checks one. */
import { reportWarnings } from '../outputs.js';
import { join } from 'node:path';
import { statSync } from 'node:fs';
import { UsageError, type Command } from '../command.js';
import { PublishTargetError, publish } from '../../publish/publish.js';
import { verifyPublication } from '../../publish/verify.js';
import { checkTemplatesOption, kb, layoutOption, shownPath } from './build.js';

export const command: Command = {
  usage: `Uso:
  piao publish <piano.yaml> [--out CARTELLA] [--modello NOME] [--templates CARTELLA]
  piao publish --verifica CARTELLA

Prepara la cartella da pubblicare in Amministrazione Trasparente > Performance, con una
cartella per ogni revisione del piano (revisione-0, revisione-1, …) una accanto all'altra:
  - la sottosezione in PDF/A-2b, in DOCX e come pagina HTML accessibile (con indice);
  - gli obiettivi come dati aperti: obiettivi.csv (UTF-8, una riga per obiettivo) e
    obiettivi.json, con lo schema che lo descrive (obiettivi.schema.json);
  - piano.yaml, i dati da cui sono fatti i documenti;
  - portale-piao.json e portale-piao.txt: i dati da indicare nel Portale PIAO
    (versione, data e atto di approvazione, organo);
  - manifest.json: revisione, deliberazione, motivazione, versione di piao, l'impronta
    SHA-256 di ogni file e quella del manifest della revisione precedente (la catena).
In cima alla cartella, index.html elenca ogni revisione con la sua deliberazione e i suoi
file, e revisioni.json fa lo stesso per i programmi.

Pubblicare la revisione N scrive (o sostituisce) solo la cartella revisione-N e aggiorna
l'indice: le altre revisioni restano come sono. Tutto è preparato a parte e messo al suo
posto solo quando è completo: se qualcosa va storto, la cartella resta com'era. I file che
hai aggiunto alla cartella di una revisione (non elencati nel suo manifest.json) vengono
conservati. Una cartella scritta da versioni precedenti di piao (un solo manifest.json in
cima) viene spostata nella cartella della sua revisione.

Con --verifica controlla una cartella pubblicata: ogni file contro l'impronta del suo
manifest, ogni manifest contro quello della revisione precedente, e revisioni.json.
Esce con 0 se tutto è integro, 1 se qualcosa è cambiato o manca.

Opzioni:
  --out, -o CARTELLA        cartella della pubblicazione (predefinita: output/pubblicazione);
                            deve essere nuova, vuota o una pubblicazione precedente di piao
  --verifica CARTELLA       verifica una pubblicazione invece di scriverla
  --sostituisci             ripubblica con un testo diverso una revisione già pubblicata con la sua
                            deliberazione (senza, piao si ferma: una modifica va in una nuova revisione)
  --modello NOME            un'impaginazione alternativa già pronta: fasi o tabella (vedi piao build --help)
  --templates, -t CARTELLA  modelli che sostituiscono quelli predefiniti con lo stesso nome di file
  --help, -h                mostra questo aiuto
`,
  options: {
    out: { type: 'string', short: 'o' },
    templates: { type: 'string', short: 't' },
    modello: { type: 'string' },
    sostituisci: { type: 'boolean' },
    verifica: { type: 'string' },
  },
  async run(values, positionals, io) {
    if (typeof values.verifica === 'string') {
      if (positionals.length || values.out !== undefined || values.templates !== undefined || values.modello !== undefined) {
        throw new UsageError('con --verifica indica solo la cartella da verificare');
      }
      const dir = values.verifica;
      let isDir = false;
      try {
        isDir = statSync(dir).isDirectory();
      } catch {
        // Told below.
      }
      if (!isDir) throw new UsageError(`«${dir}» non è una cartella: indica con --verifica la cartella della pubblicazione`);
      const v = verifyPublication(dir);
      for (const line of v.fine) io.out(`integra: ${line}\n`);
      for (const line of v.notes) io.out(`nota: ${line}\n`);
      for (const line of v.problems) io.err(`${shownPath(join(dir, line.split(':')[0]!))}: ${line.slice(line.indexOf(':') + 2)}\n`);
      if (v.ok) {
        io.out(`La pubblicazione in ${shownPath(dir)} è integra: ${v.revisions === 1 ? '1 revisione' : `${v.revisions} revisioni`}, ogni file come il suo manifest lo descrive${v.revisions > 1 ? ', la catena dei manifest verificata' : ''}.\n`);
        return 0;
      }
      io.err(`La pubblicazione in ${shownPath(dir)} NON è integra: ${v.problems.length === 1 ? '1 problema' : `${v.problems.length} problemi`}.\n`);
      return 1;
    }
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'indica il file del piano da pubblicare (o --verifica CARTELLA)' : 'indica un solo file del piano');
    const outDir = typeof values.out === 'string' ? values.out : join('output', 'pubblicazione');
    checkTemplatesOption(values.templates);
    let result;
    try {
      result = await publish({
        input: positionals[0]!,
        outDir,
        ...(typeof values.templates === 'string' && { templatesDir: values.templates }),
        ...layoutOption(values.modello),
        ...(values.sostituisci === true && { sostituisci: true }),
      });
    } catch (e) {
      if (e instanceof PublishTargetError) throw new UsageError(e.message);
      throw e;
    }
    const dir = shownPath(result.dir);
    if (result.migrated !== undefined) {
      io.out(`la pubblicazione che era in ${dir} (revisione ${result.migrated}) è stata spostata in ${join(dir, `revisione-${result.migrated}`)}, com'è\n`);
    }
    for (const f of result.files) io.out(`scritto ${join(dir, f.name)} (${kb(f.bytes)})\n`);
    if (result.kept.length) {
      io.out(`conservati i file che avevi aggiunto alla pubblicazione precedente (piao non li scrive e non li cancella): ${result.kept.join(', ')}\n`);
    }
    const others = result.revisions.filter((n) => n !== result.revisione);
    io.out(
      `pubblicazione pronta in ${dir}: revisione ${result.revisione} in ${result.folder} (${result.files.length - 2} file)${others.length ? `; le altre revisioni (${others.join(', ')}) sono rimaste come erano` : ''}; indice in ${join(dir, 'index.html')}.\n`,
    );
    if (result.prospetto) io.out(`${result.prospetto}\n`);
    for (const line of result.chain) io.err(`attenzione: ${line}\n`);
    reportWarnings(io, result.warnings, positionals[0]!, 'la pubblicazione è stata preparata comunque');
    return 0;
  },
};
