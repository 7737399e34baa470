/** `piao build`: the section as DOCX, PDF and HTML (with --split, per settore and per responsabile; with --schede-personale, per employee). */
import { outputFolder, reportWarnings } from '../outputs.js';
import { isAbsolute, relative, resolve } from 'node:path';
import { UsageError, type Command } from '../command.js';
import { FORMATS, type DocumentFormat as Format } from '../../writers/index.js';
import { trace } from '../../io/trace.js';
import { statSync } from 'node:fs';
import { LAYOUTS, type Layout } from '../../render/layouts.js';

export const command: Command = {
  usage: `Uso:
  piao build <piano.yaml> [--out CARTELLA] [--format docx,pdf,html] [--split] [--schede-personale] [--report] [--confronta VECCHIO.yaml] [--modello NOME] [--templates CARTELLA]

Genera la sottosezione 2.2 "Performance" del PIAO in DOCX, PDF e HTML.

Opzioni:
  --out, -o CARTELLA        cartella dei documenti generati (predefinita: output/)
  --format, -f ELENCO       formati da generare, separati da virgola (predefiniti: docx,pdf,html)
  --split                   scrive anche un documento per settore e una scheda obiettivi per responsabile
  --schede-personale        scrive anche una scheda obiettivi per ogni dipendente coinvolto negli obiettivi
                            CCDI o a coefficiente (cartella schede/personale/)
  --report                  scrive anche i controlli sul piano, un documento a parte
                            (<piano>-controlli.*): art. 4-bis, pesi per persona, quote CCDI,
                            avvisi, completezza degli obiettivi; la sottosezione non cambia
  --confronta VECCHIO.yaml  il DOCX della sottosezione mostra le modifiche rispetto alla versione
                            precedente del piano come revisioni di Word (revisioni tracciate, con autore
                            e data della delibera dell'ultima variazione): "accetta tutto" dà la nuova
                            versione, "rifiuta tutto" la precedente. PDF e HTML restano la nuova versione
                            pulita; i documenti di --split e --schede-personale non mostrano le revisioni
  --modello NOME            un'impaginazione alternativa già pronta: fasi (fasi e indicatori in tabelle
                            con una colonna per dato) o tabella (una tabella riassuntiva per settore)
  --templates, -t CARTELLA  modelli che sostituiscono quelli predefiniti con lo stesso nome di file
  --help, -h                mostra questo aiuto
`,
  options: {
    out: { type: 'string', short: 'o' },
    format: { type: 'string', short: 'f' },
    split: { type: 'boolean' },
    'schede-personale': { type: 'boolean' },
    report: { type: 'boolean' },
    confronta: { type: 'string' },
    templates: { type: 'string', short: 't' },
    modello: { type: 'string' },
  },
  async run(values, positionals, io) {
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'indica il file del piano da generare' : 'indica un solo file del piano');
    const formats = parseFormats(values.format);
    if (typeof values.confronta === 'string' && !formats.includes('docx')) {
      throw new UsageError('--confronta mostra le modifiche nel DOCX (revisioni di Word): aggiungi docx in --format');
    }
    const outDir = outputFolder(values.out);
    checkTemplatesOption(values.templates);
    const { build } = await import('../../build.js');
    trace('pipeline caricata');
    const result = await build({
      input: positionals[0]!,
      outDir,
      formats,
      split: values.split === true,
      schedePersonale: values['schede-personale'] === true,
      report: values.report === true,
      ...(typeof values.confronta === 'string' && { confronta: values.confronta }),
      ...(typeof values.templates === 'string' && { templatesDir: values.templates }),
      ...layoutOption(values.modello),
    });
    for (const f of result.files) io.out(`scritto ${shownPath(f.path)} (${kb(f.bytes)})\n`);
    io.out(result.files.length === 1 ? '1 documento generato.\n' : `${result.files.length} documenti generati.\n`);
    if (result.stale.length) {
      io.err(`Attenzione: nella cartella restano ${result.stale.length === 1 ? 'un documento' : `${result.stale.length} documenti`} di una generazione precedente di questo piano che questa non ha riscritto, quindi non aggiornati (cancellali se non servono più):\n`);
      for (const p of result.stale) io.err(`  ${shownPath(p)}\n`);
    }
    for (const w of result.widths) {
      io.err(`Attenzione: le tabelle «${w.cls}» hanno ${w.columns} colonne, ma il tema (tabella.colonne.${w.cls}) indica ${w.widths} larghezze: le colonne hanno avuto larghezze predefinite. Indica ${w.columns} larghezze in "tabella.colonne.${w.cls}" del tema.json della cartella dei modelli.\n`);
    }
    reportWarnings(io, result.warnings, positionals[0]!);
    return 0;
  },
};

export function parseFormats(value: string | boolean | undefined): Format[] {
  if (typeof value !== 'string') return [...FORMATS];
  const asked = value.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const bad = asked.filter((f) => !(FORMATS as readonly string[]).includes(f));
  if (bad.length || asked.length === 0) throw new UsageError(`formato non valido: ${bad.join(', ') || '(vuoto)'}; formati ammessi: ${FORMATS.join(', ')}`);
  return [...new Set(asked)] as Format[];
}

/** --modello names one of the built-in layouts. */
export function layoutOption(value: string | boolean | undefined): { modello?: Layout } {
  if (typeof value !== 'string') return {};
  if ((LAYOUTS as readonly string[]).includes(value)) return { modello: value as Layout };
  throw new UsageError(`modello sconosciuto «${value}»: usa uno tra ${LAYOUTS.join(', ')}`);
}

/** --templates names a folder (a missing one is reported by the templates' loader, as input). */
export function checkTemplatesOption(value: string | boolean | undefined): void {
  if (typeof value !== 'string') return;
  try {
    if (statSync(value).isDirectory()) return;
  } catch {
    return;
  }
  throw new UsageError(`«${value}» non è una cartella: indica con --templates la cartella dei modelli`);
}

/** A path as the user will recognise it: relative to the current folder when inside it. */
export function shownPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : resolve(path);
}

export function kb(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1).replace('.', ',')} kB`;
}
