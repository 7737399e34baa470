/**
 * The theme: fonts, sizes, colours, margins and class styles, in one file (`tema.json` of the
 * templates folder) applied identically by the DOCX, PDF and HTML writers.
 */
import { readFileSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { parseWithSchema } from '../plan/load.js';
import { InputError, type Diagnostic } from '../plan/diagnostics.js';
import { fontPath, isFontFile, isWoffFile } from '../io/font-files.js';

const Color = z.string().regex(/^#[0-9A-Fa-f]{6}$/, { error: 'un colore si scrive come #RRGGBB, ad esempio #DCE6F2' });
const Pt = z.number().min(0).max(200);

const ClassStyle = z.strictObject({
  grassetto: z.boolean().optional(),
  corsivo: z.boolean().optional(),
  dimensione: Pt.optional(),
  colore: z.string().optional(),
  sfondo: z.string().optional(),
  allineamento: z.enum(['sinistra', 'centro', 'destra', 'giustificato']).optional(),
  spazioPrima: Pt.optional(),
  spazioDopo: Pt.optional(),
  /** Keep with the next block: never the last line of a page. */
  conSuccessivo: z.boolean().optional(),
});

const HeadingStyle = z.strictObject({ dimensione: Pt, spazioPrima: Pt, spazioDopo: Pt });

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
    famiglia: z.string(),
    riserva: z.string(),
    dimensione: Pt,
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
    colonne: z.record(z.string(), z.array(z.number().positive())).optional(),
  }),
  pagina: z.strictObject({
    formato: z.literal('A4'),
    margini: z.strictObject({ sopra: z.number().min(0), destra: z.number().min(0), sotto: z.number().min(0), sinistra: z.number().min(0) }),
  }),
  intestazione: z.strictObject({ dimensione: Pt }),
  classi: z.record(z.string(), ClassStyle),
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

/** Loads `tema.json`: the override folder's if it has one, else the default. */
export function loadTheme(file: string): LoadedTheme {
  const { data: theme, locate } = parseWithSchema(readFileSync(file, 'utf8'), file, ThemeSchema);
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
      if (!existsSync(path)) return problem(`carattere non trovato: «${spec}» (cercato in ${path})`);
      const data = readFileSync(path);
      // The body font is also embedded in the DOCX, which takes TrueType or OpenType only; the fallback is the PDF's alone.
      if (group === 'fileRiserva' ? !isFontFile(data) && !isWoffFile(data) : !isFontFile(data)) {
        return problem(`«${spec}» non è un file di carattere ${group === 'fileRiserva' ? 'TrueType, OpenType o WOFF (.ttf, .otf, .woff)' : 'TrueType o OpenType (.ttf, .otf)'}`);
      }
      return data;
    };
    const family = (group: 'file' | 'fileRiserva') => ({ normal: read(group, 'normale'), bold: read(group, 'grassetto'), italics: read(group, 'corsivo'), bolditalics: read(group, 'grassettoCorsivo') });
    const loaded: FontFiles = { ...family('file'), fallback: family('fileRiserva') };
    if (problems.length) throw new InputError(problems);
    return loaded;
  };
  return { theme, fonts: () => (cache ??= fonts()) };
}
