/**
 * Characters a plan's text may not hold. Every output is XML or HTML in the end (DOCX parts, the
 * PDF/A metadata, the web page), and XML 1.0 has no way to carry C0 control characters other than
 * tab, line feed and carriage return, the non-characters U+FFFE and U+FFFF, or half of a surrogate
 * pair: a document holding one does not open. DEL and the C1 controls (U+007F-U+009F) are allowed
 * by XML but are errors in HTML and never text. The bidi embedding, override and isolate controls
 * (U+202A-U+202E, U+2066-U+2069) are invisible and turn the text after them around in a web page
 * but not in the PDF or Word: the formats would read differently. All are refused when the plan is
 * read, located at the character itself, also when written as a YAML escape ("\x00", "\e", "\u202e").
 */

/** The first character no document can carry as text. */
const FORBIDDEN = /[\0-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\uFFFE\uFFFF\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Index and character of the first forbidden character of `s`, if any. */
export function forbiddenChar(s: string): { index: number; char: string } | undefined {
  const m = FORBIDDEN.exec(s);
  return m ? { index: m.index, char: m[0] } : undefined;
}

const NAMES: Record<number, string> = { 0: 'NUL', 7: 'BEL', 8: 'BS', 0x0b: 'VT', 0x0c: 'FF', 0x1b: 'ESC', 0x7f: 'DEL', 0x85: 'NEL', 0x9b: 'CSI' };

/** "U+001B (ESC), un carattere di controllo", in Italian. */
export function describeChar(c: string): string {
  const cp = c.charCodeAt(0);
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  if (cp >= 0xd800 && cp <= 0xdfff) return `${hex}, metà di una coppia surrogata rimasta da sola (non è un carattere Unicode)`;
  if (cp === 0xfffe || cp === 0xffff) return `${hex}, che in Unicode non è un carattere`;
  // Invisible, they turn the text after them around in a web page but not in a PDF or in Word.
  if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) return `${hex}, un carattere invisibile che cambia la direzione del testo (le pagine web e il PDF lo mostrerebbero in modo diverso)`;
  return `${hex}${NAMES[cp] ? ` (${NAMES[cp]})` : ''}, un carattere di controllo`;
}

/** YAML's one-character escapes in double quotes, decoded. */
const SIMPLE_ESCAPES: Record<string, number> = { '0': 0, a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, e: 0x1b, N: 0x85 };

/**
 * Where, in the source of a double-quoted YAML scalar, an escape writes a forbidden character:
 * its offset in `raw` and its length. A surrogate pair written as two escapes is a character.
 */
export function forbiddenEscape(raw: string): { offset: number; length: number } | undefined {
  const re = /\\(?:x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|([\s\S]))/g;
  let pendingHigh: { offset: number; length: number; end: number } | undefined;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    const hex = m[1] ?? m[2] ?? m[3];
    const cp = hex !== undefined ? parseInt(hex, 16) : SIMPLE_ESCAPES[m[4]!];
    const here = { offset: m.index, length: m[0].length };
    if (pendingHigh) {
      if (pendingHigh.end === m.index && cp !== undefined && cp >= 0xdc00 && cp <= 0xdfff) {
        pendingHigh = undefined;
        continue;
      }
      return { offset: pendingHigh.offset, length: pendingHigh.length };
    }
    if (cp === undefined) continue;
    if (cp >= 0xd800 && cp <= 0xdbff) pendingHigh = { ...here, end: m.index + m[0].length };
    else if (cp > 0xffff ? cp > 0x10ffff : forbiddenChar(String.fromCharCode(cp))) return here;
  }
  return pendingHigh && { offset: pendingHigh.offset, length: pendingHigh.length };
}
