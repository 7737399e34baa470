/**
 * What the official layout and the users need from each file, checked on the example's outputs:
 * A4 portrait, header and "Pagina X di Y", document properties in Italian, Word's built-in
 * styles, tables that never split, embedded fonts covering Italian text, and data that can
 * never inject markup.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { loadTheme } from '../src/render/theme.js';
import { DEFAULT_TEMPLATES } from '../src/render/templates.js';
import { docxText, docxXml, htmlText, normalize } from './helpers/extract.js';

const EXAMPLE = join(import.meta.dirname, '../data/casalmorano-2024.yaml');
let out: string;
let docx: Buffer;
let pdf: Buffer;
let html: string;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'piao-layout-'));
  await build({ input: EXAMPLE, outDir: out });
  docx = readFileSync(join(out, 'casalmorano-2024.docx'));
  pdf = readFileSync(join(out, 'casalmorano-2024.pdf'));
  html = readFileSync(join(out, 'casalmorano-2024.html'), 'utf8');
});

async function pdfPages(data: Buffer) {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(data), isEvalSupported: false, verbosity: 0 }).promise;
  const pages: { text: string; width: number; height: number }[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    const text = content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? ' ' : '') : '')).join('');
    pages.push({ text: normalize(text), width: page.view[2]!, height: page.view[3]! });
  }
  return { doc, pages };
}

describe('PDF', () => {
  it('is A4 portrait, with the running header and "Pagina X di Y" on every page', async () => {
    const { pages } = await pdfPages(pdf);
    expect(pages.length).toBeGreaterThan(5);
    pages.forEach((p, i) => {
      expect(Math.round(p.width)).toBe(595);
      expect(Math.round(p.height)).toBe(842);
      expect(p.text).toContain('Comune di Casalmorano – PIAO 2024-2026 – Sottosezione 2.2 Performance');
      expect(p.text).toContain(`Pagina ${i + 1} di ${pages.length}`);
    });
  });

  it('never splits an objective table across pages', async () => {
    const { pages } = await pdfPages(pdf);
    let tables = 0;
    for (const p of pages) {
      // Each objective table has exactly one description row and one weight row.
      const starts = p.text.split('Descrizione sintetica del contenuto').length - 1;
      const ends = p.text.split(/% (?:indennità di risultato (?:attribuita|2024)|somma destinata alla performance organizzativa)/).length - 1;
      expect(starts).toBe(ends);
      tables += starts;
    }
    expect(tables).toBe(23);
  });

  it('carries the document properties and the language', async () => {
    const { doc } = await pdfPages(pdf);
    const { info } = (await doc.getMetadata()) as unknown as { info: Record<string, unknown> };
    expect(info.Title).toBe('Comune di Casalmorano – PIAO 2024-2026 – Sottosezione 2.2 Performance');
    expect(info.Author).toBe('Comune di Casalmorano');
    expect(info.Subject).toBe('PIAO 2024-2026 – Sottosezione 2.2 Performance');
    expect(info.Language).toBe('it-IT');
    expect(info.CreationDate).toBe("D:20240101120000Z");
  });

  it('embeds its fonts', () => {
    const text = pdf.toString('latin1');
    expect(text.match(/\/FontFile2 /g)?.length).toBeGreaterThanOrEqual(3);
    expect(text).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
  });
});

describe('the theme font', () => {
  it('covers Italian text: à è é ì ò ù € ’ « » and the other characters of the plan', () => {
    const fontkit = createRequire(import.meta.url)('fontkit') as { create(b: Buffer): { hasGlyphForCodePoint(c: number): boolean } };
    const fonts = loadTheme(join(DEFAULT_TEMPLATES, 'tema.json')).fonts();
    const chars = new Set([...'àèéìòùÀÈÉÌÒÙ€’‘«»“”–…°ºª', ...readFileSync(EXAMPLE, 'utf8')].filter((c) => c.codePointAt(0)! > 32 && c !== '\u00a0'));
    for (const face of [fonts.normal, fonts.bold, fonts.italics, fonts.bolditalics]) {
      const font = fontkit.create(face);
      expect([...chars].filter((c) => !font.hasGlyphForCodePoint(c.codePointAt(0)!))).toEqual([]);
    }
  });
});

describe('DOCX', () => {
  it('uses Word built-in styles, so the full PIAO table of contents picks the headings up', () => {
    const xml = docxXml(docx);
    // "2.2 Performance" is a Heading 2 (a sub-section of section 2 of the PIAO), the groups of objectives Heading 5.
    for (const style of ['Heading2', 'Heading3', 'Heading4', 'Heading5', 'ListParagraph']) expect(xml).toContain(`<w:pStyle w:val="${style}"/>`);
    expect(xml).toContain('<w:tblStyle w:val="TableGrid"/>');
    const styles = docxXml(docx, 'word/styles.xml');
    expect(styles).toMatch(/w:styleId="Heading1"[^]*?<w:name w:val="Heading 1"\/>/);
    expect(styles).toMatch(/w:styleId="TableGrid"[^]*?<w:name w:val="Table Grid"\/>/);
    expect(styles).toContain('<w:lang w:val="it-IT"/>');
  });

  it('keeps every table on one page: rows cannot split, all rows but the last keep with the next', () => {
    const xml = docxXml(docx);
    const tables = xml.split('<w:tbl>').slice(1).map((t) => t.slice(0, t.indexOf('</w:tbl>')));
    expect(tables).toHaveLength(24); // the centri table and 23 objectives
    for (const t of tables) {
      const rows = t.split('<w:tr>').slice(1);
      rows.forEach((r, i) => {
        expect(r).toContain('<w:cantSplit/>');
        const keep = r.includes('<w:keepNext/>');
        expect(keep, `row ${i + 1} of ${rows.length}`).toBe(i < rows.length - 1);
      });
    }
  });

  it('shades the label column', () => {
    const xml = docxXml(docx);
    expect(xml.match(/<w:shd w:fill="DCE6F2"/g)?.length).toBeGreaterThan(23 * 8);
  });

  it('is A4 portrait with the header, a PAGE / NUMPAGES footer and document properties', () => {
    const xml = docxXml(docx);
    expect(xml).toMatch(/<w:pgSz w:w="1190\d" w:h="1683\d"/);
    const header = docxXml(docx, 'word/header1.xml');
    expect(header).toContain('Comune di Casalmorano – PIAO 2024-2026 – Sottosezione 2.2 Performance');
    const footer = docxXml(docx, 'word/footer1.xml');
    expect(footer).toMatch(/Pagina [^]*PAGE[^]*di [^]*NUMPAGES/);
    const core = docxXml(docx, 'docProps/core.xml');
    expect(core).toContain('<dc:title>Comune di Casalmorano – PIAO 2024-2026 – Sottosezione 2.2 Performance</dc:title>');
    expect(core).toContain('<dc:creator>Comune di Casalmorano</dc:creator>');
    expect(core).toContain('<dc:subject>PIAO 2024-2026 – Sottosezione 2.2 Performance</dc:subject>');
    expect(core).toMatch(/<dcterms:created[^>]*>2024-01-01T12:00:00Z<\/dcterms:created>/);
  });

  it('embeds the theme font', () => {
    const fontTable = docxXml(docx, 'word/fontTable.xml');
    expect(fontTable).toContain('w:name="Titillium Web"');
    for (const face of ['embedRegular', 'embedBold', 'embedItalic', 'embedBoldItalic']) expect(fontTable).toContain(`<w:${face} `);
  });
});

describe('HTML', () => {
  it('is a standalone Italian page with row headers on the label column', () => {
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="it">/);
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(html).toContain('<th scope="row" class="etichetta">Descrizione sintetica del contenuto</th>');
    expect(html).toContain('<th scope="col" class="intestazione-colonna">Denominazione</th>');
    expect(html).not.toMatch(/<(script|link|img|iframe)\b/);
    // Links only within the page (its table of contents); nothing loads from elsewhere.
    expect(html).not.toMatch(/(src|href)="(?!#)/);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">`);
  });
});

describe('text from the data', () => {
  it('is always text: markup in a field or in Markdown never becomes markup', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-inject-'));
    const source = readFileSync(EXAMPLE, 'utf8')
      .replace('descrizione: Integrazione atti di stato civile nel nuovo ANSC', 'descrizione: "<script>alert(1)</script> & <b>grassetto</b>"')
      .replace('introduzione: |\n', 'introduzione: |\n  Prima <img src=x onerror=alert(1)> riga {{piano.anno}} <table><tr><td>x</td></tr></table>\n\n');
    expect(source).toContain('<script>');
    const file = join(dir, 'piano.yaml');
    writeFileSync(file, source);
    await build({ input: file, outDir: dir });
    const page = readFileSync(join(dir, 'piano.html'), 'utf8');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;grassetto&lt;/b&gt;');
    expect(page).toContain('Prima &lt;img src=x onerror=alert(1)&gt; riga {{piano.anno}} &lt;table&gt;');
    expect(page).not.toContain('<script>');
    const text = normalize(htmlText(page));
    expect(text).toContain('<script>alert(1)</script> & <b>grassetto</b>');
    expect(normalize(docxText(readFileSync(join(dir, 'piano.docx'))))).toContain('<script>alert(1)</script> & <b>grassetto</b>');
  });
});
