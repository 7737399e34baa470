/**
 * The theme: fonts, sizes, colours, margins and class styles, in one file (`tema.json` of the
 * templates folder) applied identically by the DOCX, PDF and HTML writers.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { type Locate, parseWithSchema, readRegularFile, readText } from '../plan/load.js';
import { InputError, formatPath, type Diagnostic } from '../plan/diagnostics.js';
import { fontPath, isFontFile, isWoffFile } from '../io/font-files.js';
import { DEFAULT_TEMPLATES } from './templates.js';

// Every value of the theme reaches the page's CSS, the DOCX styles or the PDF's layout: each is
// held to a form that is safe in all three and leaves the text readable.
const Color = z.string().regex(/^#[0-9A-Fa-f]{6}$/, { error: 'un colore si scrive come #RRGGBB, ad esempio #DCE6F2' });
/** A colour of a class: #RRGGBB, or the name of one of the theme's "colori". */
const ColorRef = z.string().regex(/^(#[0-9A-Fa-f]{6}|[A-Za-z][A-Za-z0-9_-]*)$/, { error: 'un colore si scrive come #RRGGBB oppure con il nome di uno dei "colori" del tema' });
/** Spaces (before, after, inside cells), in points: 0 is allowed. */
const Pt = z.number().min(0).max(200);
/** A text size, in points: smaller than this is unreadable (0 is invisible). */
const MIN_SIZE = 4;
const Size = z.number().min(MIN_SIZE, { error: `una dimensione del testo è di almeno ${MIN_SIZE} pt` }).max(72, { error: 'una dimensione del testo è di al massimo 72 pt' });
/** A font family's name: letters, digits, spaces and hyphens ("Titillium Web", "Noto Sans-3"). */
const FAMILY_RE = /^[\p{L}\p{N}][\p{L}\p{N} -]*$/u;
const Family = z.string().regex(FAMILY_RE, { error: 'il nome di un carattere usa solo lettere, cifre, spazi e trattini, ad esempio "Titillium Web"' });
const Families = z.string().refine((s) => s.split(',').every((f) => FAMILY_RE.test(f.trim())), {
  error: 'i caratteri di riserva sono nomi separati da virgole, fatti di lettere, cifre, spazi e trattini, ad esempio "Arial, Helvetica, sans-serif"',
});
/** A class name, as the templates write it in class="…". */
const ClassName = z.string().regex(/^[a-z][a-z0-9-]*$/, { error: 'il nome di una classe usa solo lettere minuscole, cifre e trattini e inizia con una lettera' });
/** A4 in millimetres, and the least room the margins must leave to the text. */
const PAGE = { width: 210, height: 297 };
const MIN_TEXT = { width: 100, height: 150 };
const mm = z.number().min(0);
const it = (n: number) => String(Math.round(n * 10) / 10).replace('.', ',');

const ClassStyle = z.strictObject({
  grassetto: z.boolean().optional(),
  corsivo: z.boolean().optional(),
  dimensione: Size.optional(),
  colore: ColorRef.optional(),
  sfondo: ColorRef.optional(),
  allineamento: z.enum(['sinistra', 'centro', 'destra', 'giustificato']).optional(),
  spazioPrima: Pt.optional(),
  spazioDopo: Pt.optional(),
  /** Keep with the next block: never the last line of a page. */
  conSuccessivo: z.boolean().optional(),
  /** Shown in capitals, whatever the case the text was typed in (which Word's table of contents and the PDF's bookmarks keep). */
  maiuscole: z.boolean().optional(),
});

const HeadingStyle = z.strictObject({ dimensione: Size, spazioPrima: Pt, spazioDopo: Pt });

const FontStyles = z.strictObject({ normale: z.string(), grassetto: z.string(), corsivo: z.string(), grassettoCorsivo: z.string() });
/** The fallback family of a theme that names none: DejaVu Sans (Latin Extended, Greek, Cyrillic, arrows, symbols). */
const DEFAULT_FALLBACK = {
  normale: 'npm:@fontsource/dejavu-sans/files/dejavu-sans-latin-400-normal.woff',
  grassetto: 'npm:@fontsource/dejavu-sans/files/dejavu-sans-latin-700-normal.woff',
  corsivo: 'npm:@fontsource/dejavu-sans/files/dejavu-sans-latin-400-italic.woff',
  grassettoCorsivo: 'npm:@fontsource/dejavu-sans/files/dejavu-sans-latin-700-italic.woff',
};

export const ThemeSchema = z.strictObject({
  $comment: z.string().optional(),
  carattere: z.strictObject({
    famiglia: Family,
    riserva: Families,
    dimensione: Size,
    interlinea: z.number().min(0.8).max(3),
    file: FontStyles,
    /** The PDF's fallback family: each character the body font lacks (Greek, Cyrillic, arrows, symbols) is drawn from it. */
    fileRiserva: FontStyles.default(DEFAULT_FALLBACK),
  }),
  colori: z.record(z.string(), Color),
  titoli: z.strictObject({ '1': HeadingStyle, '2': HeadingStyle, '3': HeadingStyle, '4': HeadingStyle }),
  paragrafo: z.strictObject({ spazioDopo: Pt }),
  tabella: z.strictObject({
    larghezzaEtichette: z.number().min(5).max(95),
    spazioDopo: Pt,
    margineCella: Pt,
    /** Column widths (relative) of the tables of a class, e.g. "completezza": [30, 5, 5, …]. */
    colonne: z.record(ClassName, z.array(z.number().positive())).optional(),
  }),
  pagina: z.strictObject({
    formato: z.literal('A4'),
    margini: z.strictObject({ sopra: mm, destra: mm, sotto: mm, sinistra: mm }).superRefine((m, ctx) => {
      const room = (a: number, b: number, page: number, min: number, sides: string) => {
        if (page - a - b < min) ctx.addIssue({ code: 'custom', params: { code: 'tema.margini' }, message: `i margini ${sides} insieme (${it(a + b)} mm) lasciano al testo ${it(Math.max(0, page - a - b))} mm dei ${page} della pagina A4: ne servono almeno ${min}` });
      };
      room(m.sinistra, m.destra, PAGE.width, MIN_TEXT.width, 'sinistro e destro');
      room(m.sopra, m.sotto, PAGE.height, MIN_TEXT.height, 'sopra e sotto');
    }),
  }),
  intestazione: z.strictObject({ dimensione: Size }),
  classi: z.record(ClassName, ClassStyle),
}).superRefine((t, ctx) => {
  // The running header and footer sit in the top and bottom margins, from half the margin out:
  // a size larger than half the smaller margin would put them outside the page.
  const margin = Math.min(t.pagina.margini.sopra, t.pagina.margini.sotto);
  const max = Math.floor(((margin * 72) / 25.4 / 2) * 10) / 10;
  if (t.intestazione.dimensione > max) {
    ctx.addIssue({
      code: 'custom',
      path: ['intestazione', 'dimensione'],
      params: { code: 'tema.intestazione' },
      message: `l'intestazione e il piè di pagina stanno nei margini sopra e sotto: con un margine di ${it(margin)} mm il loro carattere può essere al massimo di ${it(max)} pt`,
    });
  }
});

export type Theme = z.infer<typeof ThemeSchema>;
export type ClassStyle = z.infer<typeof ClassStyle>;

export interface FontFiles {
  normal: Buffer;
  bold: Buffer;
  italics: Buffer;
  bolditalics: Buffer;
  /** The fallback family (`carattere.fileRiserva`, TrueType, OpenType or WOFF): the PDF draws from it what the body font lacks. */
  fallback?: FontFiles;
}

export interface LoadedTheme {
  theme: Theme;
  /** Reads the font files on first use (PDF and DOCX embed them); missing or non-font files are an InputError located in tema.json. */
  fonts: () => FontFiles;
}

/** A font file larger than this is refused (the largest CJK fonts are about 20 MB). */
export const MAX_FONT_BYTES = 48 * 1024 * 1024;

/**
 * Loads `tema.json`: the override folder's if it has one, else the default. An override holds
 * only the keys it changes ({ "colori": { "titoli": "#800000" } }): it is merged over the default.
 */
export function loadTheme(file: string): LoadedTheme {
  const defaultFile = join(DEFAULT_TEMPLATES, 'tema.json');
  const defaults = resolve(file) === resolve(defaultFile) ? undefined : (JSON.parse(readFileSync(defaultFile, 'utf8')) as unknown);
  const { data: theme, locate } = parseWithSchema(readText(file), file, ThemeSchema, colourNames, defaults);
  let cache: FontFiles | undefined;
  const base = dirname(file);
  const fonts = (): FontFiles => {
    const problems: Diagnostic[] = [];
    const read = (group: 'file' | 'fileRiserva', key: keyof Theme['carattere']['file']): Buffer => {
      const spec = theme.carattere[group][key];
      const problem = (message: string) => {
        const at = locate(['carattere', group, key]);
        problems.push({ severity: 'errore', code: 'tema.carattere', file, line: at.line, col: at.col, path: `carattere.${group}.${key}`, message });
        return Buffer.alloc(0);
      };
      let path: string;
      try {
        path = fontPath(spec, base);
      } catch {
        return problem(`carattere non trovato: «${spec}» (nessun pacchetto npm con questo file)`);
      }
      // Only a regular file, and only so much of it: a folder or /dev/zero is refused, not read.
      const { data, problem: cannot } = readRegularFile(path, MAX_FONT_BYTES);
      if (cannot?.missing) return problem(`carattere non trovato: «${spec}» (cercato in ${path})`);
      if (cannot) return problem(`carattere «${spec}»${path === spec ? '' : ` (${path})`}: ${cannot.message}`);
      // The body font is also embedded in the DOCX, which takes TrueType or OpenType only; the fallback is the PDF's alone.
      if (group === 'fileRiserva' ? !isFontFile(data!) && !isWoffFile(data!) : !isFontFile(data!)) {
        return problem(`«${spec}» non è un file di carattere ${group === 'fileRiserva' ? 'TrueType, OpenType o WOFF (.ttf, .otf, .woff)' : 'TrueType o OpenType (.ttf, .otf)'}`);
      }
      return data!;
    };
    const family = (group: 'file' | 'fileRiserva') => ({ normal: read(group, 'normale'), bold: read(group, 'grassetto'), italics: read(group, 'corsivo'), bolditalics: read(group, 'grassettoCorsivo') });
    const loaded: FontFiles = { ...family('file'), fallback: family('fileRiserva') };
    if (problems.length) throw new InputError(problems);
    return loaded;
  };
  return { theme, fonts: () => (cache ??= fonts()) };
}

/** Colours named by a class (`colore`, `sfondo`) must be among the theme's "colori". */
function colourNames(raw: unknown, file: string, locate: Locate): Diagnostic[] {
  const out: Diagnostic[] = [];
  const obj = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  const root = obj(raw);
  const colori = Object.keys(obj(root.colori));
  for (const [name, style] of Object.entries(obj(root.classi))) {
    for (const key of ['colore', 'sfondo'] as const) {
      const c = obj(style)[key];
      if (typeof c !== 'string' || c.startsWith('#') || colori.includes(c)) continue;
      const path = ['classi', name, key];
      out.push({
        severity: 'errore', code: 'tema.colore', file, ...locate(path), path: formatPath(path), value: c,
        message: `il colore «${c}» non è tra i "colori" del tema`, hint: colori.length ? `colori del tema: ${colori.join(', ')}` : 'scrivilo come #RRGGBB',
      });
    }
  }
  return out;
}
