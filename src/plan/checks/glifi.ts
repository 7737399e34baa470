/**
 * Characters the PDF cannot show. The PDF draws each character from the theme's body font or,
 * when that lacks it, from the fallback family (Greek, Cyrillic, arrows, symbols); a character
 * neither has (an emoji, Chinese, Hebrew…) would simply be missing from the PDF, while DOCX and
 * HTML show it (Word and browsers find a font by themselves). So every text of the plan is
 * looked at, and such characters are pointed out where they are written.
 *
 * The fonts are the default theme's. They are read only when a text has a character beyond
 * Latin-1 and common punctuation (which the body font has), once per process, so `check` stays fast.
 */
import { defineRule } from './rule.js';
import { FontCoverage, NONE } from '../../writers/pdf-text.js';
import { loadTheme } from '../../render/theme.js';
import { packageFile } from '../../io/paths.js';

/**
 * Latin-1 and the usual typographic punctuation (– — ‘ ’ “ ” „ … • † ‰ ‹ › € ™): the default body
 * font has every one (test/glifi.test.ts holds it to that), so text made only of them needs no font.
 */
export const COMMON = /^[\u0000-\u00ff\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]*$/;
/** Characters never drawn (controls, format characters, variation selectors) and spaces: no font needs them. */
const INVISIBLE = /^[\p{Cc}\p{Cf}\p{Z}\p{Default_Ignorable_Code_Point}]$/u;
/** How many characters one warning lists. */
const MAX_LISTED = 5;

/** What a reader would call the character, for the scripts and symbols most often met. */
const KINDS: [RegExp, string][] = [
  [/\p{Extended_Pictographic}/u, 'emoji'],
  [/\p{Script=Han}/u, 'ideogramma cinese o giapponese'],
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, 'giapponese'],
  [/\p{Script=Hangul}/u, 'coreano'],
  [/\p{Script=Hebrew}/u, 'ebraico'],
  [/\p{Script=Arabic}/u, 'arabo'],
  [/\p{Script=Devanagari}/u, 'devanagari'],
  [/\p{Script=Thai}/u, 'thailandese'],
  [/\p{Script=Ethiopic}/u, 'etiopico'],
];

let coverage: FontCoverage | null | undefined;

/** The default theme's fonts, read on first need; null when they cannot be read (building the PDF says why). */
function defaultCoverage(): FontCoverage | null {
  if (coverage === undefined) {
    try {
      const fonts = loadTheme(packageFile('templates', 'default', 'tema.json')).fonts();
      coverage = new FontCoverage(fonts.normal, fonts.fallback?.normal);
    } catch {
      coverage = null;
    }
  }
  return coverage;
}

/** "«😀» (U+1F600, emoji)". */
export function describeChar(ch: string): string {
  const code = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  const kind = KINDS.find(([re]) => re.test(ch))?.[1];
  return `«${ch}» (${kind ? `${code}, ${kind}` : code})`;
}

/** The characters of a text that no font of the PDF has, each once, in order. */
function missing(text: string): string[] {
  if (COMMON.test(text)) return [];
  const found = new Set<string>();
  for (const ch of text.normalize('NFC')) {
    if (COMMON.test(ch) || INVISIBLE.test(ch) || found.has(ch)) continue;
    const cov = defaultCoverage();
    if (!cov) return [];
    if (cov.fontOf(ch.codePointAt(0)!) === NONE) found.add(ch);
  }
  return [...found];
}

export const glifi = defineRule({
  name: 'ogni carattere del testo compare nel PDF',
  codes: { 'testo.glifo-mancante': 'avviso' },
  piano({ plan }, report) {
    const visit = (value: unknown, path: (string | number)[]) => {
      if (typeof value === 'string') {
        const chars = missing(value);
        if (!chars.length) return;
        const listed = chars.slice(0, MAX_LISTED).map(describeChar).join(', ') + (chars.length > MAX_LISTED ? ` e altri ${chars.length - MAX_LISTED}` : '');
        const one = chars.length === 1;
        report('testo.glifo-mancante', path,
          `${one ? 'un carattere che il PDF non può mostrare' : 'caratteri che il PDF non può mostrare'}: ${listed}; nessun tipo di carattere del tema ${one ? 'lo' : 'li'} contiene, quindi nel PDF ${one ? 'mancherebbe' : 'mancherebbero'} (DOCX e HTML ${one ? 'lo' : 'li'} mostrano)`,
          { value, hint: `${one ? 'scrivilo' : 'scrivili'} a parole o con un simbolo comune (ad esempio ✓ → € ≥)` });
      } else if (Array.isArray(value)) value.forEach((v, i) => visit(v, [...path, i]));
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, [...path, k]);
    };
    visit(plan, []);
  },
});
