/**
 * Which font draws each character of the PDF. pdfmake draws every glyph of a text node from that
 * node's one font, and a glyph the font lacks is simply not drawn (no box, no warning): "μg/m³"
 * would print "g/m³". So, before layout, each run of text is split into sub-runs by the first font
 * that has the glyph: the theme's body font, then its fallback family (`carattere.fileRiserva`).
 * Text the body font covers whole stays one plain string, which pdfmake lays out much faster than
 * an array of runs. `piao check` uses the same coverage to warn about characters no font has.
 *
 * Coverage is read from the regular style of each family (the bold and italic files of a family
 * cover the same scripts); a combining accent stays with its letter when one font has both.
 */
import { sfntOf } from '../io/font-files.js';

/** What is read of a font: whether it has a glyph for a character. */
interface GlyphFont {
  hasGlyphForCodePoint(codePoint: number): boolean;
}

/**
 * fontkit (pdfkit's own font reader) through CommonJS `require`: the CLI's bundle then shares the
 * copy pdfkit requires, and evaluates it only on first use (`piao check` reads no font for text in
 * Latin-1 and common punctuation).
 */
function openFont(data: Buffer): GlyphFont {
  const fontkit = require('fontkit') as { create(data: Buffer): GlyphFont };
  return fontkit.create(sfntOf(data)); // a WOFF file unpacked: fontkit reads its character map ~10x faster
}

/** The body font draws it. */
export const BODY = 0;
/** Only the fallback family has it. */
export const FALLBACK = 1;
/** No font has it: the PDF would not show it. */
export const NONE = -1;
export type FontChoice = typeof BODY | typeof FALLBACK | typeof NONE;

const UNKNOWN = -2;

/** Which font has each character, asked once per character and kept. */
export class FontCoverage {
  private body?: GlyphFont;
  private fallback?: GlyphFont | null;
  /** The choice for each character of the Basic Multilingual Plane (UNKNOWN until asked); others in `astral`. */
  private readonly bmp = new Int8Array(0x10000).fill(UNKNOWN);
  private readonly astral = new Map<number, FontChoice>();

  /**
   * The fonts' files (TrueType, OpenType or WOFF): the body font's regular style, and the
   * fallback's; `onFallback` is called when a first character is found that only the fallback has.
   */
  constructor(
    private readonly bodyData: Buffer,
    private readonly fallbackData: Buffer | undefined,
    private onFallback?: () => void,
  ) {}

  fontOf(codePoint: number): FontChoice {
    const known = codePoint < 0x10000 ? this.bmp[codePoint]! : (this.astral.get(codePoint) ?? UNKNOWN);
    if (known !== UNKNOWN) return known as FontChoice;
    const choice = this.lookUp(codePoint);
    if (codePoint < 0x10000) this.bmp[codePoint] = choice;
    else this.astral.set(codePoint, choice);
    return choice;
  }

  private lookUp(codePoint: number): FontChoice {
    this.body ??= openFont(this.bodyData);
    if (this.body.hasGlyphForCodePoint(codePoint)) return BODY;
    if (!this.fallbackFont()?.hasGlyphForCodePoint(codePoint)) return NONE;
    this.onFallback?.();
    this.onFallback = undefined;
    return FALLBACK;
  }

  /** The fallback font, opened on the first character the body font lacks. */
  private fallbackFont(): GlyphFont | null {
    if (this.fallback === undefined) this.fallback = this.fallbackData ? openFont(this.fallbackData) : null;
    return this.fallback;
  }

  /** Whether the fallback family has the character (the body font may have it too). */
  fallbackHas(codePoint: number): boolean {
    return this.fontOf(codePoint) === FALLBACK || (this.fallbackFont()?.hasGlyphForCodePoint(codePoint) ?? false);
  }

  /** Whether the body font draws every character of the text (those no font has do not count: nothing can draw them). */
  bodyCovers(text: string): boolean {
    for (let i = 0; i < text.length; i++) {
      const c = text.codePointAt(i)!;
      if (c > 0xffff) i++; // a pair of surrogates
      if (this.fontOf(c) === FALLBACK) return false;
    }
    return true;
  }
}

/** A piece of text and whether the fallback family draws it. */
export interface FontRun {
  text: string;
  fallback: boolean;
}

/** A letter with the combining marks that follow it (or marks with no letter before them). */
const CLUSTER = /\P{M}\p{M}*|\p{M}+/gu;

/**
 * The text as the runs the PDF draws, each from the first font that has its characters: the text
 * itself when the body font has every character (the fast path, and the common case).
 */
export function fontRuns(text: string, coverage: FontCoverage): string | FontRun[] {
  if (coverage.bodyCovers(text)) return text;
  const runs: FontRun[] = [];
  const add = (piece: string, font: FontChoice) => {
    const fallback = font === FALLBACK;
    const last = runs[runs.length - 1];
    if (last && last.fallback === fallback) last.text += piece;
    else runs.push({ text: piece, fallback });
  };
  for (const [cluster] of text.matchAll(CLUSTER)) {
    const chars = [...cluster];
    const fonts = chars.map((c) => coverage.fontOf(c.codePointAt(0)!));
    if (fonts.every((f) => f !== FALLBACK)) add(cluster, BODY);
    // A letter and its accents from one font, so the accent sits on the letter.
    else if (chars.every((c, i) => fonts[i] === FALLBACK || coverage.fallbackHas(c.codePointAt(0)!))) add(cluster, FALLBACK);
    else chars.forEach((c, i) => add(c, fonts[i]!));
  }
  return runs;
}
