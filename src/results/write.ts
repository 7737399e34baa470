/**
 * `piao relazione`'s pipeline: the plan loaded and checked as `build` does (build.ts `prepare`:
 * errors stop, warnings are returned), refused when it holds no results at all, then two documents
 * through the same stages as every other (view → template → tree → each writer, build.ts
 * `renderTree`) — the Relazione's section (`<base>-relazione.*`) and the Nucleo's pack with the
 * payout (`<base>-valutazione.*`) — and the open data of results (`<base>-risultati.csv`), all
 * written at once (io/output.ts). Apart from build.ts so that a build never loads the results.
 */
import { basename, extname, join } from 'node:path';
import { prepare, renderTree } from '../build.js';
import { writeAllAtomically, type OutputFile } from '../io/output.js';
import { InputError } from '../plan/diagnostics.js';
import { metaOf } from '../render/document-meta.js';
import { objectivesOf } from '../plan/walk.js';
import { FORMATS, writeDocument, type DocumentFormat } from '../writers/index.js';
import { hasResults } from './achievement.js';
import { relazioneView, risultatiCsv } from './relazione.js';
import { computeResults } from './scores.js';
import { valutazioneView } from './valutazione.js';
import { monitoraggioView } from './monitoraggio.js';

export interface RelazioneOptions {
  input: string;
  outDir: string;
  formats?: readonly DocumentFormat[];
}

export async function writeRelazione(opts: RelazioneOptions) {
  const { plan, checks, warnings, templates, theme, view, images } = prepare(opts.input);
  if (!hasResults(objectivesOf(plan).map((p) => p.obiettivo))) {
    throw new InputError([{
      severity: 'errore', code: 'consuntivo.assente', file: opts.input, line: 1, col: 1, path: '',
      message: 'il piano non ha ancora risultati: per la relazione sulla performance aggiungi a ogni obiettivo il suo "consuntivo" (il raggiungimento, i valori misurati degli indicatori o le fasi realizzate)',
      hint: 'ad esempio, sotto un obiettivo: consuntivo: { raggiungimento: 100, evidenze: [Determinazione n. 12] }; per le regole dei premi aggiungi "valutazione" (fasce e importi)',
    }]);
  }
  const results = computeResults(plan);
  const base = basename(opts.input, extname(opts.input));
  const formats = opts.formats ?? FORMATS;
  const anno = plan.piano.anno;
  const jobs = [
    { name: join(opts.outDir, `${base}-relazione`), layout: 'relazione', view: relazioneView(plan, view), subject: `Relazione sulla performance ${anno} – ${view.ente.nome}` },
    { name: join(opts.outDir, `${base}-valutazione`), layout: 'valutazione', view: valutazioneView(plan, view, checks, results), subject: `Valutazione della performance ${anno} – ${view.ente.nome}` },
  ];
  const outputs: OutputFile[] = [];
  for (const job of jobs) {
    const tree = renderTree(templates, job.layout, job.view, images, 1);
    const meta = { ...metaOf(plan, view, tree, job.subject), keywords: `relazione sulla performance, valutazione, ${view.ente.nome}, ${anno}` };
    const written = new Map<DocumentFormat, Buffer>();
    let pages: number | undefined;
    // The PDF first: the DOCX's page count field shows its number of pages.
    for (const format of [...formats].sort((a, b) => Number(b === 'pdf') - Number(a === 'pdf'))) {
      written.set(format, await writeDocument(format, tree, theme, meta, { navigation: true, pages, onPages: (n) => (pages = n) }));
    }
    for (const format of formats) outputs.push({ path: `${job.name}.${format}`, data: written.get(format)! });
  }
  outputs.push({ path: join(opts.outDir, `${base}-risultati.csv`), data: risultatiCsv(plan, view) });
  writeAllAtomically(outputs, { placeHint: "indica con --out un'altra cartella" });
  return { files: outputs.map((o) => ({ path: o.path, bytes: o.data.length })), warnings, results };
}

export interface MonitoraggioOptions extends RelazioneOptions {
  /** The date (ISO) the states are taken at. */
  date: string;
}

/**
 * `piao monitoraggio`'s pipeline: the plan checked as `build` does, the states at the date and the
 * timelines (results/monitoraggio.ts) rendered as one document (`<base>-monitoraggio-<data>.*`), the
 * charts handed to the tree by the view (never through the template's markup), all written at once.
 * A plan without results is fine: the states then come from the dates alone.
 */
export async function writeMonitoraggio(opts: MonitoraggioOptions) {
  const { plan, warnings, templates, theme, view, images } = prepare(opts.input);
  const base = basename(opts.input, extname(opts.input));
  const formats = opts.formats ?? FORMATS;
  const m = monitoraggioView(plan, view, opts.date);
  const tree = renderTree(templates, 'monitoraggio', m.view, images, 1, m.charts);
  const meta = { ...metaOf(plan, view, tree, `Monitoraggio degli obiettivi al ${m.view.data_breve} – ${view.ente.nome}`), keywords: `monitoraggio, performance, ${view.ente.nome}, ${plan.piano.anno}` };
  const written = new Map<DocumentFormat, Buffer>();
  let pages: number | undefined;
  for (const format of [...formats].sort((a, b) => Number(b === 'pdf') - Number(a === 'pdf'))) {
    written.set(format, await writeDocument(format, tree, theme, meta, { navigation: true, pages, onPages: (n) => (pages = n) }));
  }
  const name = join(opts.outDir, `${base}-monitoraggio-${opts.date}`);
  const outputs: OutputFile[] = formats.map((format) => ({ path: `${name}.${format}`, data: written.get(format)! }));
  writeAllAtomically(outputs, { placeHint: "indica con --out un'altra cartella" });
  return { files: outputs.map((o) => ({ path: o.path, bytes: o.data.length })), warnings, view: m.view };
}
