/**
 * `piao diff`'s pipeline: both plans loaded (the problems of both reported at once), compared, the
 * prospetto rendered through the same stages as every document (view → variazioni.hbs → tree →
 * each writer) plus its CSV, and all files written at once (io/output.ts). Apart from build.ts, whose
 * stages it reuses, so that a build never loads the comparison.
 */
import { join } from 'node:path';
import { bothOrErrors, renderTree } from '../build.js';
import { writeAllAtomically, type OutputFile } from '../io/output.js';
import { InputError } from '../plan/diagnostics.js';
import { loadPlan, type LoadedPlan } from '../plan/load.js';
import { documentDate } from '../render/document-meta.js';
import { loadTemplates } from '../render/templates.js';
import { loadTheme } from '../render/theme.js';
import { FORMATS, writeDocument, type DocumentFormat } from '../writers/index.js';
import type { DocMeta } from '../writers/meta.js';
import { diffPlans, type PlanDiff } from './diff.js';
import { notVersions } from './versions.js';
import { changesCsv, prospettoView } from './prospetto.js';

export interface DiffOptions {
  vecchio: string;
  nuovo: string;
  outDir: string;
}

export interface DiffResult {
  diff: PlanDiff;
  files: { path: string; bytes: number }[];
}

/** Loads both plans; the problems of either (or both) in one error, the old plan's first. */
export function loadBoth(vecchio: string, nuovo: string): [LoadedPlan, LoadedPlan] {
  const [a, b] = bothOrErrors(() => loadPlan(vecchio), () => loadPlan(nuovo));
  const versions = notVersions(a, b);
  if (versions.length) throw new InputError(versions);
  return [a, b];
}


/** The prospetto of two loaded plans, in memory: `variazioni-rev<N>` in each format, and its CSV. */
export async function renderProspetto(before: LoadedPlan, after: LoadedPlan): Promise<{ diff: PlanDiff; files: { name: string; data: Buffer }[] }> {
  const diff = diffPlans(before, after);
  const view = prospettoView(diff);
  const templates = loadTemplates();
  const theme = loadTheme(templates.themeFile);
  // The new plan's coat of arms, read with it, is the only image the prospetto may show.
  const tree = renderTree(templates, 'variazioni', view, after.images ?? new Map(), 1);
  const plan = after.plan;
  const act = diff.variazione?.approvazione;
  const meta: DocMeta = {
    title: tree.title ?? view.titolo,
    author: plan.ente.nome,
    subject: `Prospetto delle variazioni – PIAO ${plan.piano.anno}-${plan.piano.anno + 2} – revisione ${plan.piano.revisione}`,
    keywords: `PIAO, variazioni, performance, ${plan.ente.nome}, ${plan.piano.anno}-${plan.piano.anno + 2}`,
    language: 'it-IT',
    // The delibera's date when known, else the plan's: never the clock.
    date: act ? documentDate({ ...plan, piano: { ...plan.piano, data_documento: act.data } }) : documentDate(plan),
  };
  const base = prospettoName(plan.piano.revisione);
  const written = new Map<DocumentFormat, Buffer>();
  let pages: number | undefined;
  // The PDF first: the DOCX's page count field shows its number of pages.
  for (const format of ['pdf', 'docx', 'html'] as const) {
    written.set(format, await writeDocument(format, tree, theme, meta, { navigation: true, pages, onPages: (n) => (pages = n) }));
  }
  return { diff, files: [...FORMATS.map((f) => ({ name: `${base}.${f}`, data: written.get(f)! })), { name: `${base}.csv`, data: changesCsv(diff) }] };
}

/** The prospetto's files are named after the revision it leads to: `variazioni-rev1.pdf`. */
export function prospettoName(revisione: number): string {
  return `variazioni-rev${revisione}`;
}

export async function writeProspetto(opts: DiffOptions): Promise<DiffResult> {
  const [before, after] = loadBoth(opts.vecchio, opts.nuovo);
  const { diff, files } = await renderProspetto(before, after);
  const outputs: OutputFile[] = files.map((f) => ({ path: join(opts.outDir, f.name), data: f.data }));
  writeAllAtomically(outputs, { placeHint: "indica con --out un'altra cartella" });
  return { diff, files: outputs.map((o) => ({ path: o.path, bytes: o.data.length })) };
}
