/**
 * The pipeline: data file -> validated plan -> view -> templates -> HTML subset -> document
 * tree -> writers (DOCX, PDF, HTML; see document.ts) -> files written atomically.
 */
import { basename, extname, join } from 'node:path';
import { loadPlan } from './load.js';
import { buildView } from './view.js';
import { loadTemplates, type TemplateSet } from './templates.js';
import { loadTheme } from './theme.js';
import { parseDocumentHtml, TreeError, type DocTree } from './tree.js';
import { InputError, type Diagnostic } from './diagnostics.js';
import { runChecks } from './checks.js';
import { annexView } from './annex.js';
import { schedaViews, settoreViews } from './split.js';
import { writeAllAtomically, type OutputFile } from './output.js';
import { FORMATS, metaOf, subjectOf, writeDocument, type DocumentFormat } from './document.js';
import { PdfProcesses, withPdfProcesses } from './pdf-process.js';
import { trace } from './trace.js';

export { documentDate } from './document.js';

export { FORMATS };
export type Format = DocumentFormat;

export interface BuildOptions {
  input: string;
  outDir: string;
  formats?: readonly Format[];
  split?: boolean;
  templatesDir?: string;
  /** Appends the annex on completeness and weights per person. */
  report?: boolean;
}

export interface BuildResult {
  files: { path: string; bytes: number }[];
  /** Warnings of the checks: printed, they do not stop the build. */
  warnings: Diagnostic[];
}

/** One document to produce: a layout rendered with a view, written under a base name. */
interface DocJob {
  name: string;
  layout: string;
  view: object;
  subject: string;
}

/**
 * The stages every command that writes documents shares: the plan loaded and checked (errors
 * stop here, warnings are returned), the templates and theme loaded, the view computed.
 */
export function prepare(input: string, templatesDir?: string) {
  const loaded = loadPlan(input);
  trace('piano letto e validato');
  const checks = runChecks(loaded);
  if (checks.diagnostics.some((d) => d.severity === 'errore')) throw new InputError(checks.diagnostics);
  const templates = loadTemplates(templatesDir);
  const theme = loadTheme(templates.themeFile);
  const view = buildView(loaded.plan);
  trace('controlli, modelli, vista');
  const warnings = checks.diagnostics.filter((d) => d.severity !== 'errore');
  return { plan: loaded.plan, checks, warnings, templates, theme, view };
}

/**
 * `pdf`: the PDF writer, when the caller started it earlier (see commands/build.ts); it is
 * closed here either way.
 */
export async function build(opts: BuildOptions, pdf?: PdfProcesses): Promise<BuildResult> {
  const formats = opts.formats ?? FORMATS;
  if (!formats.includes('pdf')) {
    pdf?.kill();
    return buildWith(opts, formats, undefined);
  }
  // Started before the plan is read (unless the caller did), so that it loads pdfmake meanwhile.
  return withPdfProcesses(pdf ?? new PdfProcesses(), (p) => buildWith(opts, formats, p));
}

async function buildWith(opts: BuildOptions, formats: readonly Format[], pdfWriter: PdfProcesses | undefined): Promise<BuildResult> {
  const { plan, checks, warnings, templates, theme, view } = prepare(opts.input, opts.templatesDir);
  const base = basename(opts.input, extname(opts.input));

  const jobs: DocJob[] = [{ name: join(opts.outDir, base), layout: 'documento', view, subject: subjectOf(view) }];
  if (opts.split) {
    for (const s of settoreViews(view)) {
      jobs.push({ name: join(opts.outDir, 'settori', `${base}-${s.settore.id}`), layout: 'settore-documento', view: s, subject: `${subjectOf(view)} – ${s.settore.nome}` });
    }
    for (const s of schedaViews(view)) {
      jobs.push({ name: join(opts.outDir, 'schede', `${base}-scheda-${s.responsabile_id}`), layout: 'scheda', view: s, subject: `Scheda obiettivi ${view.piano.anno} – ${s.responsabile}` });
    }
  }

  const annex = opts.report ? renderTree(templates, 'allegato', annexView(checks)).body : [];
  // PDFs go to their process first; DOCX and HTML are written here meanwhile.
  const pending: { path: string; data: Promise<Buffer> }[] = [];
  const later: { path: string; write: () => Promise<Buffer> }[] = [];
  for (const job of jobs) {
    const tree = renderTree(templates, job.layout, job.view);
    if (job.layout === 'documento') tree.body.push(...annex);
    const meta = metaOf(plan, view, tree, job.subject);
    for (const format of formats) {
      const path = `${job.name}.${format}`;
      if (format === 'pdf' && pdfWriter?.running) {
        const data = pdfWriter.write(tree, theme, meta);
        data.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
        pending.push({ path, data });
      }
      else later.push({ path, write: () => writeDocument(format, tree, theme, meta) });
    }
  }
  trace('alberi del documento');
  const written = new Map<string, Buffer>();
  for (const l of later) {
    written.set(l.path, await l.write());
    trace(`scritto ${l.path}`);
  }
  for (const p of pending) written.set(p.path, await p.data);
  // In the order of the jobs, whoever wrote them.
  const outputs: OutputFile[] = jobs.flatMap((job) => formats.map((f) => ({ path: `${job.name}.${f}`, data: written.get(`${job.name}.${f}`)! })));
  trace('PDF ricevuti');
  writeAllAtomically(outputs);
  trace('file scritti');
  return { files: outputs.map((o) => ({ path: o.path, bytes: o.data.length })), warnings };
}

/** Renders a layout and parses it into the document tree, reporting HTML problems as input errors. */
export function renderTree(templates: TemplateSet, layout: string, view: object): DocTree {
  const html = templates.render(layout, view);
  const where = `${templates.files[layout] ?? layout} (HTML generato)`;
  try {
    return parseDocumentHtml(html);
  } catch (e) {
    if (e instanceof TreeError) {
      throw new InputError(e.problems.map((p) => ({ severity: 'errore', code: 'modelli.html', file: where, line: p.line, col: p.col, path: '', message: p.message })));
    }
    throw e;
  }
}

