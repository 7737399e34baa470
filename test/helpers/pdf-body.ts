/**
 * The text of a PDF's page bodies: what lies between the page margins of the default theme
 * (templates/default/tema.json). test/helpers/extract.ts's pdfText leaves out a fixed 12 mm band at
 * the top and bottom, which a running header wrapped on two or three lines (a long ente name or
 * section title) overflows; here the band is the margin itself, so a header stays out however it
 * wraps, and a header or footer that spills into the body is still caught (as extra text).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pdfPageTexts } from './extract.js';

const MM_TO_PT = 72 / 25.4;
const theme = JSON.parse(readFileSync(join(import.meta.dirname, '../../templates/default/tema.json'), 'utf8')) as {
  pagina: { margini: { sopra: number; sotto: number } };
};

/**
 * The body text, pages joined. A table too tall for one page repeats its header rows (`<thead>`:
 * an objective's "Responsabile" and "Obiettivo n." rows) at the top of each page it runs onto:
 * with `heads` (the text of each `<thead>` of the document, see theadTexts), a page that starts
 * with one of them already read on an earlier page has it left out, so the text reads as in DOCX
 * and HTML.
 */
export async function pdfBodyText(pdf: Uint8Array, heads: string[] = []): Promise<string> {
  const pages = await pdfBodyPages(pdf);
  if (!heads.length) return pages.join('');
  // Compared in NFKC: pdf.js may give a character in another form than the page's HTML (µ as μ).
  const bareHeads = heads.map((h) => h.normalize('NFKC').replace(/\s+/g, '')).filter(Boolean);
  // A head is left out only where it repeats: its first occurrence (a card that starts at the top
  // of a page) stays.
  let before = '';
  return pages
    .map((page) => {
      const repeated = bareHeads.filter((h) => before.includes(h));
      const kept = repeated.length ? withoutLeading(page.normalize('NFKC'), repeated) : page;
      before += kept.normalize('NFKC').replace(/\s+/g, '');
      return kept;
    })
    .join('');
}

/** The text of `<thead>` rows in an HTML page, one string per table head. */
export function theadTexts(html: string): string[] {
  return [...html.matchAll(/<thead>([\s\S]*?)<\/thead>/g)].map((m) => decodeEntities(m[1]!.replace(/<[^>]*>/g, ' ')));
}

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (_m, e: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return named[e.toLowerCase()] ?? _m;
  });
}

/** `page` without a leading head (spaces do not count), when it starts with one. */
function withoutLeading(page: string, heads: string[]): string {
  for (const head of heads) {
    let i = 0;
    let k = 0;
    while (i < page.length && k < head.length) {
      if (/\s/.test(page[i]!)) i++;
      else if (page[i] === head[k]) {
        i++;
        k++;
      } else break;
    }
    if (k === head.length) return page.slice(i);
  }
  return page;
}

/** The pages' body text: what lies between the theme's top and bottom margins (a body line's baseline is inside them). */
function pdfBodyPages(pdf: Uint8Array): Promise<string[]> {
  return pdfPageTexts(pdf, theme.pagina.margini.sopra * MM_TO_PT, theme.pagina.margini.sotto * MM_TO_PT);
}
