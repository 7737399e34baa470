/**
 * Text back out of each format, the way a reader would get it: DOCX paragraphs from
 * word/document.xml, PDF text from pdf.js (running header and footer left out), HTML body text
 * (without text hidden for screen readers only).
 */
import { unzipSync } from 'fflate';
import { parseDocument, DomUtils } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';

export function docxXml(docx: Uint8Array, part = 'word/document.xml'): string {
  const entry = unzipSync(docx)[part];
  if (!entry) throw new Error(`${part} missing`);
  return new TextDecoder().decode(entry);
}

export function docxText(docx: Uint8Array): string {
  const dom = parseDocument(docxXml(docx), { xmlMode: true });
  const out: string[] = [];
  const walk = (nodes: ChildNode[]) => {
    for (const n of nodes) {
      if (n.type !== 'tag') continue;
      const el = n as Element;
      if (el.name === 'w:t') out.push(DomUtils.textContent(el));
      else if (el.name === 'w:br' || el.name === 'w:tab') out.push(' ');
      else {
        walk(el.children);
        if (el.name === 'w:p') out.push('\n');
      }
    }
  };
  walk(dom.children);
  return out.join('');
}

export async function pdfText(pdf: Uint8Array): Promise<{ text: string; pages: number }> {
  // Leave out the running header and footer (the top and bottom 12 mm of the page).
  const pages = await pdfPageTexts(pdf, 34, 34);
  // A line broken after a hyphen ("giuridico-|amministrativa") is one word.
  return { text: pages.join('').replace(/(?<=\p{Ll})-\s*\n\s*(?=\p{Ll})/gu, '-'), pages: pages.length };
}

/** The text of each page, without what lies in the top `top` and bottom `bottom` points (running header and footer). */
export async function pdfPageTexts(pdf: Uint8Array, top: number, bottom: number): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const parts: string[] = [];
    const page = await doc.getPage(i);
    const height = page.view[3]!;
    const content = await page.getTextContent();
    for (const item of content.items) {
      if (!('str' in item)) continue;
      const y = item.transform[5] as number;
      if (y > height - top || y < bottom) continue;
      parts.push(item.str);
      if (item.hasEOL) parts.push('\n');
    }
    parts.push('\n');
    pages.push(parts.join(''));
  }
  await doc.destroy();
  return pages;
}

export function htmlText(html: string): string {
  const dom = parseDocument(html);
  const main = DomUtils.findOne((e) => e.name === 'main', dom.children);
  if (!main) throw new Error('<main> missing');
  const out: string[] = [];
  // An SVG's <text> elements (a chart's labels) are words apart.
  const BLOCK = new Set(['p', 'li', 'h1', 'h2', 'h3', 'h4', 'tr', 'th', 'td', 'blockquote', 'div', 'caption', 'text']);
  const walk = (nodes: ChildNode[]) => {
    for (const n of nodes) {
      if (n.type === 'text') out.push((n as unknown as { data: string }).data);
      else if (n.type === 'tag') {
        const el = n as Element;
        // Text for screen readers only (the objective tables' captions) is not on the page.
        if (/(^|\s)visivamente-nascosto(\s|$)/.test(el.attribs.class ?? '')) continue;
        // Nor is the page's table of contents (the PDF and DOCX have none).
        if (el.name === 'nav') continue;
        // Nor is a chart's <title> (its alternative text, as aria-label: the PDF and DOCX have it as a description).
        if (el.name === 'title') continue;
        if (el.name === 'br') out.push(' ');
        walk(el.children);
        if (BLOCK.has(el.name)) out.push('\n');
      }
    }
  };
  walk(main.children);
  return out.join('');
}

/** Whitespace collapsed, list bullets removed: the form texts are compared in. */
export function normalize(s: string): string {
  return s.replace(/[•◦▪]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The first place two texts differ, with some context: readable failure messages. */
export function firstDifference(a: string, b: string): string | undefined {
  if (a === b) return undefined;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return `at ${i}: «…${a.slice(Math.max(0, i - 60), i + 60)}…» vs «…${b.slice(Math.max(0, i - 60), i + 60)}…»`;
}
