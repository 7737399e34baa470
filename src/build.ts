/**
 * The pipeline: data file -> validated plan -> view -> templates -> HTML subset -> document
 * tree -> writers (DOCX, PDF, HTML; the registry is writers/index.ts) -> files written atomically.
 */
import { basename, extname, join } from 'node:path';
import { loadPlan } from './plan/load.js';
import { buildView, objectivesWithSource, type PlanView } from './render/view.js';
import { loadTemplates, type Origin, type PlanPlace, type TemplateSet } from './render/templates.js';
import type { Layout } from './render/layouts.js';
import { loadTheme } from './render/theme.js';
import { parseDocumentHtml, setOutline, TreeError, type DocTree } from './render/tree.js';
import type { Chart } from './render/chart.js';
import { InputError, formatPath, type Diagnostic } from './plan/diagnostics.js';
import type { LoadedPlan } from './plan/load.js';
import { runChecks } from './plan/checks.js';
import { annexView } from './render/annex.js';
import { personaleSchedaViews, schedaViews, settoreViews } from './render/split.js';
import { writeAllAtomically, type OutputFile } from './io/output.js';
import { staleOutputs } from './io/generated.js';
import { FORMATS, writeDocument, type DocumentFormat } from './writers/index.js';
import { widthMismatches, type WidthMismatch } from './writers/common.js';
import { metaOf, subjectOf } from './render/document-meta.js';
import { trace } from './io/trace.js';
import type { ImageFile } from './io/image.js';
import { letterheadView, type LetterheadView } from './render/letterhead.js';
import { revisionsOf, trackChanges } from './amend/tracked.js';
import { notVersions } from './amend/versions.js';

export { documentDate } from './render/document-meta.js';

export { FORMATS };
export type Format = DocumentFormat;

export interface BuildOptions {
  input: string;
  outDir: string;
  formats?: readonly Format[];
  split?: boolean;
  /** One scheda obiettivi per employee in the staff of a CCDI objective (schede/personale/). */
  schedePersonale?: boolean;
  templatesDir?: string;
  /** A built-in alternative layout (`--modello`). */
  modello?: Layout;
  /** Also writes the controls report (`<base>-controlli.*`): 4-bis, weights, CCDI, warnings, completeness. */
  report?: boolean;
  /**
   * The plan's previous version (`--confronta`): the section's DOCX shows what changed from it as Word
   * tracked changes; its PDF and HTML, and every other document, are the new version as they are.
   */
  confronta?: string;
}

export interface BuildResult {
  files: { path: string; bytes: number }[];
  /** Warnings of the checks: printed, they do not stop the build. */
  warnings: Diagnostic[];
  /** Documents an earlier build of this plan wrote in the folder that this one did not write again. */
  stale: string[];
  /** Tables whose class has widths in the theme, but not one for each of their columns (a template added a column). */
  widths: WidthMismatch[];
}

/** One document to produce: a layout rendered with a view, written under a base name; `top`: its top heading's outline level. */
interface DocJob {
  name: string;
  layout: string;
  view: object;
  subject: string;
  top: number;
}

/**
 * The stages every command that writes documents shares: the plan loaded and checked (errors
 * stop here, warnings are returned), the templates and theme loaded, the view computed.
 */
export function prepare(input: string, templatesDir?: string, modello?: Layout) {
  const loaded = loadPlan(input);
  trace('piano letto e validato');
  const checks = runChecks(loaded);
  if (checks.diagnostics.some((d) => d.severity === 'errore')) throw new InputError(checks.diagnostics);
  const templates = loadTemplates(templatesDir, modello);
  const theme = loadTheme(templates.themeFile);
  // The letterhead of the first page is computed apart from the view (render/letterhead.ts); its
  // coat of arms was read with the plan (loaded.images), the tree takes it from there.
  const carta_intestata = letterheadView(loaded.plan);
  const view: PlanView & { carta_intestata?: LetterheadView } = { ...buildView(loaded.plan), ...(carta_intestata && { carta_intestata }) };
  templates.origin = objectivePlaces(loaded, view);
  trace('controlli, modelli, vista');
  const warnings = checks.diagnostics.filter((d) => d.severity !== 'errore');
  return { plan: loaded.plan, loaded, checks, warnings, templates, theme, view, images: loaded.images ?? new Map<string, ImageFile>() };
}

export async function build(opts: BuildOptions): Promise<BuildResult> {
  const formats = opts.formats ?? FORMATS;
  // With --confronta, the problems of both versions at once.
  const [current, previous] = bothOrErrors(
    () => prepare(opts.input, opts.templatesDir, opts.modello),
    () => (opts.confronta === undefined ? undefined : prepare(opts.confronta, opts.templatesDir, opts.modello)),
  );
  const { plan, checks, warnings, templates, theme, view, images } = current;
  // The tracked changes are between two versions of one plan, the new one not an earlier revision.
  if (previous) {
    const problems = notVersions(previous.loaded, current.loaded);
    if (problems.length) throw new InputError(problems);
  }
  const base = basename(opts.input, extname(opts.input));

  // The section at the level the whole PIAO needs (documento.livello_titoli); the controls report,
  // settore documents and schede are documents on their own: their top heading is at level 1.
  const top = plan.documento.livello_titoli;
  const jobs: DocJob[] = [{ name: join(opts.outDir, base), layout: 'documento', view, subject: subjectOf(view), top }];
  // The controls report is a document of its own: the section is the same with or without it.
  if (opts.report) {
    jobs.push({ name: join(opts.outDir, `${base}-controlli`), layout: 'controlli', view: annexView(checks, plan, view), subject: `Controlli sul piano – ${subjectOf(view)}`, top: 1 });
  }
  if (opts.split) {
    for (const s of settoreViews(view)) {
      jobs.push({ name: join(opts.outDir, 'settori', `${base}-${s.settore.id}`), layout: 'settore-documento', view: s, subject: `${subjectOf(view)} – ${s.settore.nome}`, top: 1 });
    }
    for (const s of schedaViews(plan, view)) {
      jobs.push({ name: join(opts.outDir, 'schede', `${base}-scheda-${s.persona_id}`), layout: 'scheda', view: s, subject: `Scheda obiettivi ${view.piano.anno} – ${s.nome}`, top: 1 });
    }
  }
  if (opts.schedePersonale) {
    // A folder of their own: a responsabile may also be in the staff of someone else's objective.
    for (const s of personaleSchedaViews(plan, view)) {
      jobs.push({ name: join(opts.outDir, 'schede', 'personale', `${base}-scheda-${s.persona_id}`), layout: 'scheda', view: s, subject: `Scheda obiettivi ${view.piano.anno} – ${s.nome}`, top: 1 });
    }
  }

  const outputs: OutputFile[] = [];
  const widths = new Map<string, WidthMismatch>();
  for (const job of jobs) {
    const tree = inDocument(job, () => renderTree(templates, job.layout, job.view, images, job.top));
    for (const m of widthMismatches(tree.body, theme.theme)) widths.set(`${m.cls}:${m.columns}`, m);
    const meta = metaOf(plan, view, tree, job.subject);
    // The section compared with its previous version, the old one rendered as a build of it alone would.
    const tracked = previous && job.layout === 'documento' && job === jobs[0]
      ? trackChanges(renderTree(previous.templates, 'documento', previous.view, previous.images, previous.plan.documento.livello_titoli), tree)
      : undefined;
    // The PDF first when it is asked for: the DOCX's page count field shows its number of pages.
    const written = new Map<Format, Buffer>();
    let pages: number | undefined;
    for (const format of [...formats].sort((a, b) => Number(b === 'pdf') - Number(a === 'pdf'))) {
      // The web page with the table of contents and skip link of the published one.
      written.set(format, format === 'docx' && tracked
        ? await writeDocument(format, tracked, theme, meta, { pages, revisions: revisionsOf(plan) })
        : await writeDocument(format, tree, theme, meta, { navigation: true, pages, onPages: (n) => (pages = n) }));
      trace(`scritto ${job.name}.${format}`);
    }
    for (const format of formats) outputs.push({ path: `${job.name}.${format}`, data: written.get(format)! });
  }
  writeAllAtomically(outputs, { placeHint: "indica con --out un'altra cartella" });
  trace('file scritti');
  const stale = staleOutputs(opts.outDir, base, outputs.map((o) => o.path));
  return { files: outputs.map((o) => ({ path: o.path, bytes: o.data.length })), warnings, stale, widths: [...widths.values()] };
}

/** Runs both; when either stops on the data, throws every problem of both. */
export function bothOrErrors<A, B>(a: () => A, b: () => B): [A, B] {
  const problems: Diagnostic[] = [];
  const attempt = <T>(f: () => T): T | undefined => {
    try {
      return f();
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      problems.push(...e.diagnostics);
      return undefined;
    }
  };
  const ra = attempt(a);
  const rb = attempt(b);
  if (problems.length) throw new InputError(problems);
  return [ra as A, rb as B];
}

/**
 * Renders a layout and parses it into the document tree, its top-most heading at outline level `top`
 * (see `setOutline`). HTML outside the subset (which a template can emit through {{{…}}}) is reported
 * in the template that wrote it, and in the objective of the plan being written.
 */
export function renderTree(templates: TemplateSet, layout: string, view: object, images: ReadonlyMap<string, ImageFile> = new Map(), top = 1, charts: ReadonlyMap<string, Chart> = new Map()): DocTree {
  const html = templates.render(layout, view);
  try {
    const tree = parseDocumentHtml(html, images, charts);
    setOutline(tree.body, top);
    return tree;
  } catch (e) {
    if (!(e instanceof TreeError)) throw e;
    const starts = [0];
    for (let i = html.indexOf('\n'); i !== -1; i = html.indexOf('\n', i + 1)) starts.push(i + 1);
    const sources = templates.sources(layout, view, e.problems.map((p) => (starts[p.line - 1] ?? 0) + p.col - 1));
    throw new InputError(e.problems.map((p, i) => {
      const src = sources[i];
      const place = src?.place;
      return {
        severity: 'errore', code: 'modelli.html', path: place?.path ?? '',
        ...(src ? { file: src.file, line: src.line ?? 1, col: src.col ?? 1 } : { file: `${templates.files[layout] ?? layout} (HTML generato)`, line: p.line, col: p.col }),
        message: `nell'HTML scritto da questo modello (riga ${p.line} dell'HTML generato): ${p.message}${place ? `; succede con ${place.what} (${place.file}:${place.line}:${place.col})` : ''}`,
      };
    }));
  }
}

/**
 * The place in the plan file of each objective of the view, for template errors: found on the
 * first error only (locating every objective in the YAML is work a build without errors never needs).
 */
function objectivePlaces(loaded: LoadedPlan, view: PlanView): Origin {
  let places: Map<object, PlanPlace> | undefined;
  const find = () => {
    const found = new Map<object, PlanPlace>();
    for (const { o, source } of objectivesWithSource(loaded.plan, view)) {
      const at = loaded.locate(source.path);
      found.set(o, { file: loaded.file, line: at.line, col: at.col, path: formatPath(source.path), what: `l'obiettivo «${o.titolo}»` });
    }
    return found;
  };
  return (ctx) => (ctx !== null && typeof ctx === 'object' ? (places ??= find()).get(ctx) : undefined);
}

/**
 * A template's error names the document being written when it is not the section itself: a template
 * may work in the section and not in a scheda or a settore document (which receive other data at
 * their root: templates/RIFERIMENTO.md).
 */
function inDocument<T>(job: DocJob, render: () => T): T {
  try {
    return render();
  } catch (e) {
    if (!(e instanceof InputError) || job.layout === 'documento') throw e;
    const what = { 'settore-documento': 'nel documento del settore', scheda: 'nella scheda obiettivi', controlli: 'nei controlli sul piano' }[job.layout] ?? 'nel documento';
    throw new InputError(e.diagnostics.map((d) => ({ ...d, message: `${d.message} (${what} ${basename(job.name)}, modello ${job.layout}.hbs)` })));
  }
}
