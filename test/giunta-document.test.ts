/**
 * The document the Giunta approves, as the Segretario reads it: headings at the level the whole PIAO
 * needs (2.2 is a sub-section of section 2), settore headings in capitals by their style (the table of
 * contents and bookmarks keep the typed case), footer page fields a viewer can show without updating
 * them, PDF bookmarks, headings kept with what follows them, and one title per settore document.
 * Built from the built-in example (and a small plan) through the CLI.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, EXAMPLE, ROOT } from './helpers/cli.js';
import { docxText, docxXml, htmlText, normalize, pdfPageTexts } from './helpers/extract.js';
import { loadPlan } from '../src/plan/load.js';

let out: string;
const read = (...p: string[]) => readFileSync(join(out, ...p));

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'piao-giunta-'));
  const r = await cli(['build', EXAMPLE, '--out', out, '--split']);
  expect(r.code, r.err).toBe(0);
}, 120_000);

/** The DOCX body's paragraphs: style and text. */
function paragraphs(docx: Uint8Array): { style: string | undefined; text: string }[] {
  return [...docxXml(docx).matchAll(/<w:p\b[^>]*>([\s\S]*?)<\/w:p>/g)].map((m) => ({
    style: /<w:pStyle w:val="([^"]+)"\/>/.exec(m[1]!)?.[1],
    text: [...m[1]!.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
  }));
}

/** A paragraph style of styles.xml: its XML, and the styles it is based on, resolved. */
function style(docx: Uint8Array, id: string): { xml: string; outline: number | undefined; size: number | undefined; caps: boolean } {
  const styles = docxXml(docx, 'word/styles.xml');
  const own = (sid: string) => new RegExp(`<w:style [^>]*w:styleId="${sid}"[^>]*>([\\s\\S]*?)</w:style>`).exec(styles)?.[1];
  const chain: string[] = [];
  for (let sid: string | undefined = id; sid; sid = /<w:basedOn w:val="([^"]+)"/.exec(own(sid) ?? '')?.[1]) {
    const xml = own(sid);
    if (xml === undefined) throw new Error(`style ${sid} missing`);
    chain.push(xml);
  }
  const first = (re: RegExp) => chain.map((x) => re.exec(x)?.[1]).find((v) => v !== undefined);
  const outline = first(/<w:outlineLvl w:val="(\d)"/);
  const size = first(/<w:sz w:val="(\d+)"/);
  return { xml: chain[0]!, outline: outline === undefined ? undefined : Number(outline) + 1, size: size === undefined ? undefined : Number(size) / 2, caps: chain.some((x) => /<w:caps\/>/.test(x)) };
}

function headingOf(docx: Uint8Array, text: string) {
  const p = paragraphs(docx).find((x) => x.text === text && x.style);
  if (!p?.style) throw new Error(`no styled paragraph «${text}»`);
  return { ...style(docx, p.style), id: p.style };
}

describe('heading levels (documento.livello_titoli)', () => {
  it('DOCX: "2.2 Performance" is a level-2 heading by default, settori 3, servizi 4, as prominent as before', () => {
    const docx = read('casalmorano-2024.docx');
    const top = headingOf(docx, '2.2 Performance');
    expect(top.id).toBe('Heading2');
    expect(top.outline).toBe(2);
    expect(top.size).toBe(18);
    expect(headingOf(docx, 'Segretario Comunale').outline).toBe(3);
    expect(headingOf(docx, 'Settore Amministrativo').outline).toBe(3);
    expect(headingOf(docx, 'Servizio Segreteria e Affari Generali').outline).toBe(4);
    // The settore's heading looks as a settore's always did (14 pt), whatever its level.
    expect(headingOf(docx, 'Settore Amministrativo').size).toBe(14);
    // Every heading style Word may show in its outline has a level, 1 to 6.
    for (let n = 1; n <= 6; n++) expect(style(docx, `Heading${n}`).outline).toBe(n);
  });

  it('a plan can ask for level 1 (a document on its own)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-livello-'));
    const plan = join(dir, 'piano.yaml');
    writeFileSync(plan, `${readFileSync(join(ROOT, 'test/fixtures/invalid/_valido.yaml'), 'utf8')}\ndocumento:\n  livello_titoli: 1\n`);
    const r = await cli(['build', plan, '--out', dir, '--format', 'docx,html']);
    expect(r.code, r.err).toBe(0);
    const docx = readFileSync(join(dir, 'piano.docx'));
    expect(headingOf(docx, '2.2 Performance').id).toBe('Heading1');
    expect(headingOf(docx, 'Servizio lavori pubblici').outline).toBe(3);
    expect(readFileSync(join(dir, 'piano.html'), 'utf8')).toMatch(/<h1 [^>]*>2\.2 Performance<\/h1>/);
  });

  it('HTML: the page keeps h1 for the section title (a page of its own), h2 for settori', () => {
    const html = read('casalmorano-2024.html').toString('utf8');
    expect(html).toMatch(/<h1 [^>]*>2\.2 Performance<\/h1>/);
    expect(html).toMatch(/<h2 [^>]*>Settore Amministrativo<\/h2>/);
    expect(html).toMatch(/<h3 [^>]*>Servizio Segreteria e Affari Generali<\/h3>/);
  });
});

describe('settore headings in capitals by their style', () => {
  it('DOCX: typed in normal case (as the table of contents shows it), capitals from the style', () => {
    const docx = read('casalmorano-2024.docx');
    const h = headingOf(docx, 'Settore Economico Finanziario');
    expect(h.caps).toBe(true);
    expect(headingOf(docx, '2.2 Performance').caps).toBe(false);
    expect(headingOf(docx, 'Segretario Comunale').caps).toBe(false);
    expect(docxText(docx)).not.toContain('SETTORE ECONOMICO');
  });

  it('HTML: normal case in the text, capitals by CSS', () => {
    const html = read('casalmorano-2024.html').toString('utf8');
    const h2 = /<h2 [^>]*class="([^"]+)"[^>]*>Settore Tecnico e Tecnico Manutentivo<\/h2>/.exec(html);
    expect(h2).not.toBeNull();
    expect(html).toMatch(new RegExp(`\\.${h2![1]} \\{[^}]*text-transform: uppercase`));
    expect(htmlText(html)).not.toContain('SETTORE TECNICO');
  });

  it('PDF: drawn in capitals', async () => {
    const text = normalize((await pdfPageTexts(read('casalmorano-2024.pdf'), 34, 34)).join(' '));
    expect(text).toContain('SETTORE ECONOMICO FINANZIARIO');
    expect(text).not.toContain('Settore Economico Finanziario Responsabile');
  });
});

describe('DOCX footer fields', () => {
  it('PAGE and NUMPAGES carry a result, NUMPAGES the pages of the PDF built with it', async () => {
    const footer = docxXml(read('casalmorano-2024.docx'), 'word/footer1.xml');
    const pages = (await pdfPageTexts(read('casalmorano-2024.pdf'), 0, 0)).length;
    const fields = [...footer.matchAll(/<w:fldChar w:fldCharType="begin"\/>([\s\S]*?)<w:fldChar w:fldCharType="end"\/>/g)].map((m) => m[1]!);
    const result = (f: string) => {
      const after = f.split('<w:fldChar w:fldCharType="separate"/>')[1];
      return after === undefined ? undefined : [...after.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('');
    };
    expect(fields.map((f) => [/<w:instrText[^>]*>\s*(\w+)/.exec(f)?.[1], result(f)])).toEqual([
      ['PAGE', '1'],
      ['NUMPAGES', String(pages)],
    ]);
  });
});

describe('PDF bookmarks', () => {
  it('one per heading, nested by level, in normal case', async () => {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: new Uint8Array(read('casalmorano-2024.pdf')), isEvalSupported: false, verbosity: 0 }).promise;
    type Node = { title: string; items: Node[] };
    const outline = ((await doc.getOutline()) ?? []) as Node[];
    await doc.destroy();
    expect(outline.map((o) => o.title)).toEqual(['2.2 Performance']);
    const top = outline[0]!;
    expect(top.items.map((o) => o.title)).toEqual(['Segretario Comunale', 'Settore Amministrativo', 'Settore Economico Finanziario', 'Settore Tecnico e Tecnico Manutentivo']);
    // Settori with servizi have a part of their own (the example's Polizia Locale has none).
    const centri = loadPlan(EXAMPLE).plan.centri.filter((c) => c.servizi.length);
    expect(centri).toHaveLength(3);
    centri.forEach((c, i) => expect(top.items[i + 1]!.items.map((o) => o.title)).toEqual(c.servizi.map((s) => s.nome)));
    // Group titles sit under their servizio.
    const groups = centri.flatMap((c, i) => c.servizi.flatMap((s, j) => s.gruppi.filter((g) => g.titolo).map((g) => [top.items[i + 1]!.items[j]!, g.titolo!] as const)));
    expect(groups.length).toBeGreaterThan(0);
    for (const [node, title] of groups) expect(node.items.map((o) => o.title)).toContain(title);
  });
});

describe('headings kept with what follows them', () => {
  it('PDF: the page where a servizio starts also has its first objective', async () => {
    const pages = (await pdfPageTexts(read('casalmorano-2024.pdf'), 34, 34)).map(normalize);
    const plan = loadPlan(EXAMPLE).plan;
    const servizi = plan.centri.flatMap((c) => c.servizi);
    expect(servizi.length).toBeGreaterThan(5);
    for (const s of servizi) {
      const page = pages.find((p) => p.includes(s.nome));
      expect(page, s.nome).toBeDefined();
      expect(page!.slice(page!.indexOf(s.nome)), s.nome).toMatch(/Obiettivo (n\. 1|comune) /);
    }
  });

  it('DOCX: a servizio heading and its list of functions keep with the next paragraph', () => {
    const xml = docxXml(read('casalmorano-2024.docx'));
    const at = xml.indexOf('Servizio assistenziale, culturale e scolastico');
    const table = xml.indexOf('<w:tbl>', at);
    const between = xml.slice(xml.lastIndexOf('<w:p>', at), table);
    const ps = between.split('<w:p>').filter(Boolean);
    expect(ps.length).toBeGreaterThan(2);
    for (const p of ps) expect(p, p).toMatch(/<w:keepNext\/>|<w:pStyle w:val="Heading\d"\/>/);
  });
});

describe('--split settore documents', () => {
  it('have one title: the settore, as a level-1 heading', () => {
    const docx = read('settori', 'casalmorano-2024-tecnico.docx');
    const headings = paragraphs(docx).filter((p) => p.style && /^Heading|Titolo/.test(p.style));
    expect(headings.filter((h) => /Settore Tecnico/i.test(h.text)).map((h) => h.text)).toEqual(['Settore Tecnico e Tecnico Manutentivo']);
    expect(headingOf(docx, 'Settore Tecnico e Tecnico Manutentivo').outline).toBe(1);
    expect(docxText(docx)).not.toContain('2.2 Performance – Settore');
    const html = read('settori', 'casalmorano-2024-tecnico.html').toString('utf8');
    expect(html).toMatch(/<h1 [^>]*>Settore Tecnico e Tecnico Manutentivo<\/h1>/);
    expect(htmlText(html)).not.toContain('2.2 Performance – Settore');
  });
});
