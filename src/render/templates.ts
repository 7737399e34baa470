/**
 * Templates: Handlebars files of a folder, each overridable by a file of the same name in the
 * user's folder. Every template's source is checked against the HTML subset first, so a
 * forbidden tag is reported with the template file and line. Rendering gives HTML that
 * `tree.ts` turns into the document tree. An error while rendering (a missing field or partial,
 * a helper's, a partial that includes itself) becomes an Italian diagnostic at the template's
 * file:line that also names the objective of the plan being written, so that a user's template
 * is never a stack trace or an English message.
 */
import { readdirSync, existsSync, statSync } from 'node:fs';
import { join, basename, resolve } from 'node:path';
import Handlebars from 'handlebars';
import { checkSubset } from './tree.js';
import { InputError, type Diagnostic } from '../plan/diagnostics.js';
import { packageFile } from '../io/paths.js';
import { registerHelpers } from './helpers.js';
import { readText } from '../plan/load.js';
import type { Layout } from './layouts.js';

export const DEFAULT_TEMPLATES = packageFile('templates', 'default');

/** How templates are compiled; build.mjs precompiles the default ones with the same options. */
export const COMPILE_OPTIONS = { strict: true, noEscape: false, preventIndent: true } as const;

/**
 * The default templates precompiled when dist/ was built (build.mjs puts them in the bundle), with
 * the source each was made from; absent when running from the TypeScript sources. A default
 * template whose file still has that source is used as is: no parsing, no code generation, and
 * its HTML was checked against the subset when it was built (test/golden.test.ts).
 */
declare const __piaoTemplates: Record<string, { source: string; spec: TemplateSpecification }> | undefined;
const PRECOMPILED = typeof __piaoTemplates === 'undefined' ? {} : __piaoTemplates;

/** Where an objective (or another part of the view) is written in the plan: shown with a template error. */
export interface PlanPlace {
  file: string;
  line: number;
  col: number;
  /** Path in the data, e.g. "centri[0].servizi[1].gruppi[0].obiettivi[2]". */
  path: string;
  /** What it is, for the message: "l'obiettivo «Manutenzione delle strade»". */
  what: string;
}

/** The plan's place of a view object (an objective), if it has one. */
export type Origin = (ctx: unknown) => PlanPlace | undefined;

/** Where a stretch of generated HTML comes from: the template that wrote it and, inside an objective, its place in the plan. */
export interface HtmlSource {
  file: string;
  /** The first {{{…}}} of that template (the way markup gets into the HTML), else its start. */
  line?: number;
  col?: number;
  place?: PlanPlace;
}

export interface TemplateSet {
  /** Renders a layout ("documento", "settore-documento", "scheda") with a view. */
  render(layout: string, view: object): string;
  /**
   * The source of each offset of the HTML `render` gives for the same layout and view (rendered
   * again, with markers, only when that HTML has a problem to report).
   */
  sources(layout: string, view: object, offsets: number[]): (HtmlSource | undefined)[];
  /** The places of the view's objectives in the plan, named in template errors (set by `prepare`). */
  origin?: Origin;
  /** The theme file in use. */
  themeFile: string;
  /** The file each template name comes from. */
  files: Record<string, string>;
}

/**
 * Templates nested deeper than this are a partial that includes itself: the default ones nest 4
 * deep. Stopping here gives a clear error instead of a stack overflow (or, with a partial that
 * includes itself twice, an exponential run).
 */
const MAX_NESTING = 64;

/** What one run of `render` keeps: how deep templates are nested, and the markers when tracing sources. */
interface RenderState {
  depth: number;
  origin?: Origin | undefined;
  trace?: { open: string; close: string; sources: HtmlSource[] };
}

/** The templates: the defaults, replaced by those of a built-in layout, then by the user's folder's. */
export function loadTemplates(overrideDir?: string, modello?: Layout): TemplateSet {
  const files: Record<string, string> = {};
  const collect = (dir: string) => {
    for (const f of readdirSync(dir).sort()) if (f.endsWith('.hbs')) files[basename(f, '.hbs')] = join(dir, f);
  };
  collect(DEFAULT_TEMPLATES);
  if (modello) collect(packageFile('templates', modello));
  let themeFile = join(DEFAULT_TEMPLATES, 'tema.json');
  if (overrideDir) {
    if (!existsSync(overrideDir) || !statSync(overrideDir).isDirectory()) {
      throw new InputError([{ severity: 'errore', code: 'modelli.cartella', file: overrideDir, line: 1, col: 1, path: '', message: 'la cartella dei modelli non esiste' }]);
    }
    collect(overrideDir);
    if (existsSync(join(overrideDir, 'tema.json'))) themeFile = join(overrideDir, 'tema.json');
  }

  const hb = Handlebars.create();
  let state: RenderState = { depth: 0 };
  const place = (ctx: unknown) => (ctx !== null && typeof ctx === 'object' ? state.origin?.(ctx) : undefined);
  const mark = (out: string, source: HtmlSource) => {
    const t = state.trace!;
    t.sources.push(source);
    return `${t.open}${t.sources.length - 1}>${out}${t.close}`;
  };
  // #each and #with also say which objective they were in, for templates that loop over objectives inline.
  for (const name of ['each', 'with'] as const) {
    const builtin = hb.helpers[name] as (this: unknown, ...a: unknown[]) => string;
    hb.registerHelper(name, function (this: unknown, ...args: unknown[]) {
      const options = args[args.length - 1] as Handlebars.HelperOptions;
      if (!options || typeof options.fn !== 'function') return builtin.apply(this, args);
      const inner = options.fn;
      const fn = (ctx: unknown, opts?: Handlebars.RuntimeOptions) => {
        try {
          const out = inner(ctx, opts);
          const p = state.trace && place(ctx);
          return p ? mark(out, { file: '', place: p }) : out;
        } catch (e) {
          throw located(e, undefined, place(ctx));
        }
      };
      return builtin.apply(this, [...args.slice(0, -1), { ...options, fn }]);
    });
  }

  registerHelpers(hb);

  const diags: Diagnostic[] = [];
  const compiled: Record<string, Handlebars.TemplateDelegate> = {};
  const sources: Record<string, string> = {};
  for (const [name, file] of Object.entries(files)) {
    // Read as the plan is: a regular file (not a pipe, a device or a folder), of a sane size, in UTF-8.
    let source: string;
    try {
      source = readText(file);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      diags.push(...e.diagnostics);
      continue;
    }
    sources[file] = source;
    const ready = file === join(DEFAULT_TEMPLATES, `${name}.hbs`) && PRECOMPILED[name]?.source === source ? PRECOMPILED[name] : undefined;
    if (!ready) {
      for (const p of checkSubset(stripMustaches(source))) {
        diags.push({ severity: 'errore', code: 'modelli.html', file, line: p.line, col: p.col, path: '', message: p.message });
      }
    }
    try {
      const fn = ready ? hb.template(ready.spec) : hb.compile(source, COMPILE_OPTIONS);
      // Errors while rendering are annotated with the file of the innermost template and the innermost objective.
      compiled[name] = (ctx: unknown, opts?: Handlebars.RuntimeOptions) => {
        // Thrown before this template's own try: the template that includes it, where the {{> …}} is written, is blamed.
        if (state.depth >= MAX_NESTING) throw new RecursionError(name);
        state.depth++;
        try {
          const out = fn(ctx, opts);
          return state.trace ? mark(out, { file, ...(place(ctx) && { place: place(ctx) }) }) : out;
        } catch (e) {
          throw located(e, file, place(ctx));
        } finally {
          state.depth--;
        }
      };
      hb.registerPartial(name, compiled[name]!);
    } catch (e) {
      diags.push({ severity: 'errore', code: 'modelli.sintassi', file, line: 1, col: 1, path: '', message: `errore nel modello: ${(e as Error).message}` });
    }
  }
  if (diags.length) throw new InputError(diags);

  const run = (layout: string, view: object, next: RenderState) => {
    const fn = compiled[layout];
    if (!fn) throw new Error(`modello "${layout}" mancante`);
    state = next;
    try {
      return fn(view);
    } finally {
      state = { depth: 0 };
    }
  };

  const set: TemplateSet = {
    themeFile,
    files,
    render(layout, view) {
      try {
        return run(layout, view, { depth: 0, origin: set.origin });
      } catch (e) {
        if (e instanceof TemplateRenderError) throw new InputError([renderDiagnostic(e, sources[e.file] ?? '')]);
        throw e;
      }
    },
    sources(layout, view, offsets) {
      // Markers no data or template can contain: a random tag, with NUL characters around it.
      const tag = `\u0000piao${Math.random().toString(36).slice(2)}`;
      const trace = { open: `${tag}<`, close: `${tag}/`, sources: [] as HtmlSource[] };
      let marked: string;
      try {
        marked = run(layout, view, { depth: 0, origin: set.origin, trace });
      } catch {
        return offsets.map(() => undefined);
      }
      return sourcesAt(marked, trace, offsets).map((src) => src && { ...src, ...(positionOf(sources[src.file] ?? '', /\{\{~?[{&]/) ?? { line: 1, col: 1 }) });
    },
  };
  return set;
}

/** For each offset of the HTML without markers, the innermost template and objective around it. */
function sourcesAt(marked: string, trace: NonNullable<RenderState['trace']>, offsets: number[]): (HtmlSource | undefined)[] {
  const out: (HtmlSource | undefined)[] = offsets.map(() => undefined);
  const order = offsets.map((o, i) => [o, i] as const).sort((a, b) => a[0] - b[0]);
  const stack: HtmlSource[] = [];
  const current = (): HtmlSource | undefined => {
    const file = [...stack].reverse().find((s) => s.file)?.file;
    const place = [...stack].reverse().find((s) => s.place)?.place;
    return file ? { file, ...(place && { place }) } : undefined;
  };
  let plain = 0; // offset in the HTML without markers
  let k = 0;
  let i = 0;
  const tag = trace.open.slice(0, -1);
  for (;;) {
    const next = marked.indexOf(tag, i);
    const end = next === -1 ? marked.length : next;
    // Offsets that fall in this stretch of plain text.
    while (k < order.length && order[k]![0] < plain + (end - i)) out[order[k++]![1]] = current();
    plain += end - i;
    if (next === -1) break;
    if (marked.startsWith(trace.open, next)) {
      const gt = marked.indexOf('>', next + trace.open.length);
      stack.push(trace.sources[Number(marked.slice(next + trace.open.length, gt))]!);
      i = gt + 1;
    } else {
      stack.pop();
      i = next + trace.close.length;
    }
  }
  while (k < order.length) out[order[k++]![1]] = current();
  return out;
}

class TemplateRenderError extends Error {
  constructor(readonly file: string, override readonly cause: Error, public place?: PlanPlace) {
    super(cause.message);
  }
}

/** A partial that includes itself without end. */
class RecursionError extends Error {
  constructor(readonly partial: string) {
    super(`i modelli si includono senza fine: «${partial}» è incluso più di ${MAX_NESTING} volte uno dentro l'altro (controlla i {{> ${partial}}})`);
  }
}

/** Annotates an error with the innermost template file and objective it happened in (the first one found wins). */
function located(e: unknown, file: string | undefined, place: PlanPlace | undefined): unknown {
  if (e instanceof TemplateRenderError) {
    if (!e.place && place) e.place = place;
    return e;
  }
  if (file === undefined) {
    // Inside an #each or #with: the template file is added by the template around it.
    if (place && e instanceof Error && !(e as { piaoPlace?: PlanPlace }).piaoPlace) (e as { piaoPlace?: PlanPlace }).piaoPlace = place;
    return e;
  }
  const cause = e instanceof Error ? e : new Error(String(e));
  return new TemplateRenderError(file, cause, (cause as { piaoPlace?: PlanPlace }).piaoPlace ?? place);
}

/** The Italian diagnostic of an error while rendering: the template's file:line, and the objective's place in the plan. */
function renderDiagnostic(e: TemplateRenderError, source: string): Diagnostic {
  const c = e.cause as Error & { lineNumber?: number; column?: number };
  const { message, find } = translateHbs(c);
  // Handlebars gives a position for a missing field; for a missing partial or helper, find it in the source.
  const { line, col } =
    typeof c.lineNumber === 'number' ? { line: c.lineNumber, col: (c.column ?? 0) + 1 } : (find && positionOf(source, find)) || { line: 1, col: 1 };
  const p = e.place;
  return {
    severity: 'errore', code: 'modelli.esecuzione', file: e.file, line, col, path: p?.path ?? '',
    message: `errore nel modello: ${message}${p ? `; succede con ${p.what} (${p.file}:${p.line}:${p.col})` : ''}`,
  };
}

/** Handlebars' English messages in Italian, with what to look for in the template when the error has no position. */
function translateHbs(e: Error): { message: string; find?: RegExp } {
  if (e instanceof RecursionError) return { message: e.message, find: new RegExp(`\\{\\{~?>\\s*${escapeRe(e.partial)}(?![\\w-])`) };
  const msg = e.message.replace(/ - \d+:\d+$/, '');
  let m: RegExpExecArray | null;
  if ((m = /^"(.+)" not defined in/.exec(msg))) return { message: `il campo "${m[1]}" non esiste nei dati passati a questo modello` };
  if ((m = /^The partial (.+) could not be found$/.exec(msg))) {
    return { message: `il modello parziale «${m[1]}» non esiste: serve un file ${m[1]}.hbs nella cartella dei modelli`, find: new RegExp(`\\{\\{~?>\\s*${escapeRe(m[1]!)}(?![\\w-])`) };
  }
  if ((m = /^Missing helper: "(.+)"$/.exec(msg))) return { message: `la funzione «${m[1]}» non esiste: nei modelli si usano solo #if, #unless, #each e #with`, find: new RegExp(`\\{\\{~?[#^]?\\s*${escapeRe(m[1]!)}(?![\\w-])`) };
  if ((m = /^#(\w+) requires exactly one argument$/.exec(msg))) return { message: `#${m[1]} vuole esattamente un valore`, find: new RegExp(`\\{\\{~?#${m[1]}\\b`) };
  if (msg === 'Must pass iterator to #each') return { message: '#each vuole un elenco da ripetere', find: /\{\{~?#each\b/ };
  if (e instanceof RangeError) return { message: /string length/i.test(msg) ? 'il modello produce un testo troppo lungo' : 'il modello richiama sé stesso senza fine' };
  return { message: msg };
}

function positionOf(source: string, re: RegExp): { line: number; col: number } | undefined {
  const m = re.exec(source);
  if (!m) return undefined;
  const before = source.slice(0, m.index);
  return { line: before.split('\n').length, col: m.index - before.lastIndexOf('\n') };
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Replaces Handlebars expressions with spaces of the same length, keeping line and column positions. */
function stripMustaches(source: string): string {
  return source.replace(/\{\{!--[\s\S]*?--\}\}|\{\{[\s\S]*?\}\}/g, (m) => m.replace(/[^\n]/g, ' '));
}
