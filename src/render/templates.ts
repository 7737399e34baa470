/**
 * Templates: Handlebars files of a folder, each overridable by a file of the same name in the
 * user's folder. Every template's source is checked against the HTML subset first, so a
 * forbidden tag is reported with the template file and line. Rendering gives HTML that
 * `tree.ts` turns into the document tree.
 */
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join, basename, resolve } from 'node:path';
import Handlebars from 'handlebars';
import { checkSubset } from './tree.js';
import { InputError, type Diagnostic } from '../plan/diagnostics.js';
import { packageFile } from '../io/paths.js';

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

export interface TemplateSet {
  /** Renders a layout ("documento", "settore-documento", "scheda") with a view. */
  render(layout: string, view: object): string;
  /** The theme file in use. */
  themeFile: string;
  /** The file each template name comes from. */
  files: Record<string, string>;
}

export function loadTemplates(overrideDir?: string): TemplateSet {
  const files: Record<string, string> = {};
  const collect = (dir: string) => {
    for (const f of readdirSync(dir).sort()) if (f.endsWith('.hbs')) files[basename(f, '.hbs')] = join(dir, f);
  };
  collect(DEFAULT_TEMPLATES);
  let themeFile = join(DEFAULT_TEMPLATES, 'tema.json');
  if (overrideDir) {
    if (!existsSync(overrideDir) || !statSync(overrideDir).isDirectory()) {
      throw new InputError([{ severity: 'errore', code: 'modelli.cartella', file: overrideDir, line: 1, col: 1, path: '', message: 'la cartella dei modelli non esiste' }]);
    }
    collect(overrideDir);
    if (existsSync(join(overrideDir, 'tema.json'))) themeFile = join(overrideDir, 'tema.json');
  }

  const hb = Handlebars.create();
  const diags: Diagnostic[] = [];
  const compiled: Record<string, Handlebars.TemplateDelegate> = {};
  for (const [name, file] of Object.entries(files)) {
    const source = readFileSync(file, 'utf8');
    const ready = file === join(DEFAULT_TEMPLATES, `${name}.hbs`) && PRECOMPILED[name]?.source === source ? PRECOMPILED[name] : undefined;
    if (!ready) {
      for (const p of checkSubset(stripMustaches(source))) {
        diags.push({ severity: 'errore', code: 'modelli.html', file, line: p.line, col: p.col, path: '', message: p.message });
      }
    }
    try {
      const fn = ready ? hb.template(ready.spec) : hb.compile(source, COMPILE_OPTIONS);
      // Errors while rendering are annotated with the file of the innermost template.
      compiled[name] = (ctx: unknown, opts?: Handlebars.RuntimeOptions) => {
        try {
          return fn(ctx, opts);
        } catch (e) {
          throw e instanceof TemplateRenderError ? e : new TemplateRenderError(file, e as Error);
        }
      };
      hb.registerPartial(name, compiled[name]!);
    } catch (e) {
      diags.push({ severity: 'errore', code: 'modelli.sintassi', file, line: 1, col: 1, path: '', message: `errore nel modello: ${(e as Error).message}` });
    }
  }
  if (diags.length) throw new InputError(diags);

  return {
    themeFile,
    files,
    render(layout, view) {
      const fn = compiled[layout];
      if (!fn) throw new Error(`modello "${layout}" mancante`);
      try {
        return fn(view);
      } catch (e) {
        if (e instanceof TemplateRenderError) {
          const m = /(.*?) - (\d+):(\d+)$/.exec(e.cause.message);
          throw new InputError([{
            severity: 'errore', code: 'modelli.esecuzione', file: e.file, line: m ? Number(m[2]) : 1, col: m ? Number(m[3]) + 1 : 1, path: '',
            message: `errore nel modello: ${translateHbs(m ? m[1]! : e.cause.message)}`,
          }]);
        }
        throw e;
      }
    },
  };
}

class TemplateRenderError extends Error {
  constructor(readonly file: string, override readonly cause: Error) {
    super(cause.message);
  }
}

function translateHbs(msg: string): string {
  const m = /^"(.+)" not defined in/.exec(msg);
  return m ? `il campo "${m[1]}" non esiste nei dati passati a questo modello` : msg;
}

/** Replaces Handlebars expressions with spaces of the same length, keeping line and column positions. */
function stripMustaches(source: string): string {
  return source.replace(/\{\{!--[\s\S]*?--\}\}|\{\{[\s\S]*?\}\}/g, (m) => m.replace(/[^\n]/g, ' '));
}
