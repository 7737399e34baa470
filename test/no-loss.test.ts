/**
 * Nothing is lost: blocks taller than a page (an objective with 60 phases, a description of 5,000
 * or 50,000 characters, a word of 3,000 characters, 200 lines, a summary table of 65 rows in a
 * custom template, a heading followed by a very long paragraph) come out whole in the PDF, as in
 * the DOCX and the HTML. From the user's side: a plan file, `piao build`, the files' text.
 *
 * pdfmake silently leaves out an unbreakable block taller than a page: every case below lost
 * its objective (or table, or paragraph) from the PDF before the writer measured such blocks.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pdfmake from 'pdfmake';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';
import { docxText, docxXml, htmlText, pdfPageTexts, pdfText } from './helpers/extract.js';
import { contentText, missingText, pdfDefinition, writePdf } from '../src/writers/pdf.js';
import { drawnText } from '../src/writers/pdf-runs.js';
import { loadTemplates } from '../src/render/templates.js';
import { loadTheme } from '../src/render/theme.js';
import type { Block, DocTree, Row } from '../src/render/tree.js';
import { Estimator, splitLongWords, splitRows } from '../src/writers/fit.js';

const BASE = readFileSync(join(import.meta.dirname, 'fixtures/invalid/_valido.yaml'), 'utf8');

/** The base plan with the second objective's description replaced (YAML block scalar). */
function withDescription(text: string): string {
  const from = '                descrizione: Manutenzione ordinaria delle strade comunali\n';
  expect(BASE).toContain(from);
  const block = text.split('\n').map((l) => `                  ${l}`).join('\n');
  return BASE.replace(from, `                descrizione: |-\n${block}\n`);
}

/** The base plan with the second objective's phases. */
function withPhases(phases: string[]): string {
  const from = '                personale: [bianchi]\n';
  expect(BASE).toContain(from);
  return BASE.replace(from, `${from}                fasi:\n${phases.map((p) => `                  - ${JSON.stringify(p)}\n`).join('')}`);
}

interface Texts {
  docx: string;
  pdf: string;
  html: string;
  pages: number;
}

async function build(plan: string, extra: string[] = [], name = 'piano'): Promise<Texts> {
  const dir = mkdtempSync(join(tmpdir(), 'piao-noloss-'));
  writeFileSync(join(dir, 'piano.yaml'), plan);
  const r = await cli(['build', join(dir, 'piano.yaml'), '--out', join(dir, 'out'), ...extra]);
  expect(r.code, r.err).toBe(0);
  const file = (ext: string) => readFileSync(join(dir, 'out', `${name}.${ext}`));
  const pdf = await pdfText(file('pdf'));
  return { docx: docxText(file('docx')), pdf: pdf.text, html: htmlText(file('html').toString('utf8')), pages: pdf.pages };
}

/**
 * The rows that name the second objective: repeated at the top of each page its card runs onto,
 * they come between the words of the PDF's text there.
 */
const HEAD = 'Responsabile Mario Rossi Obiettivo n. 2 Manutenzione delle strade';

/** Needles missing from `text` (spaces do not count: a long word wraps; the repeated rows are left out). */
function missing(text: string, needles: string[]): string[] {
  const flat = text.replace(/\s+/g, '').split(HEAD.replace(/\s+/g, '')).join('');
  return needles.filter((n) => !flat.includes(n.replace(/\s+/g, '')));
}

/**
 * Every character of the HTML's text is in the PDF's and the DOCX's, as many times or more (repeated header
 * rows add some), case aside: the PDF draws in capitals what a style shows in capitals (settore headings).
 */
function sameCharacters(t: Texts): void {
  const count = (s: string) => {
    const m = new Map<string, number>();
    for (const c of s.replace(/\s+/g, '').toLowerCase()) m.set(c, (m.get(c) ?? 0) + 1);
    return m;
  };
  const html = count(t.html);
  for (const [name, text] of [['pdf', t.pdf], ['docx', t.docx]] as const) {
    const other = count(text);
    const short = [...html].filter(([c, n]) => (other.get(c) ?? 0) < n).map(([c, n]) => `${c}: ${other.get(c) ?? 0}/${n}`);
    expect(short, `characters of the HTML missing from the ${name}`).toEqual([]);
  }
}

const words = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('a card taller than a page comes out whole in every format', () => {
  it('60 phases', async () => {
    const phases = words(60, 'Fase numero F').map((p) => `${p} con testo`);
    const t = await build(withPhases(phases));
    for (const f of ['docx', 'pdf', 'html'] as const) expect(missing(t[f], phases), f).toEqual([]);
    expect(t.pages).toBeGreaterThanOrEqual(3);
    sameCharacters(t);
  });

  it.each([5_000, 50_000])('a description of %d characters', async (size) => {
    const text = words(Math.ceil(size / 8), 'parola').join(' ');
    const t = await build(withDescription(text));
    for (const f of ['docx', 'pdf', 'html'] as const) expect(missing(t[f], ['parola0', `parola${Math.ceil(size / 8) - 1}`, text.slice(0, 2000)]), f).toEqual([]);
    sameCharacters(t);
  });

  it('a word of 3,000 characters', async () => {
    const word = Array.from({ length: 300 }, (_, i) => String(i % 10).repeat(9) + '|').join('');
    const t = await build(withDescription(`inizio ${word} fine`));
    for (const f of ['docx', 'pdf', 'html'] as const) expect(missing(t[f], ['inizio', word, 'fine']), f).toEqual([]);
    sameCharacters(t);
  });

  it('an extra row whose label and value are both taller than a page', async () => {
    const label = Array.from({ length: 220 }, (_, i) => `etichetta${i}`).join(' ');
    const value = Array.from({ length: 3000 }, (_, i) => `valore${i}`).join(' ');
    const from = '                personale: [bianchi]\n';
    const plan = BASE.replace(from, `${from}                altri_campi:\n                  - etichetta: ${label}\n                    valore: ${value}\n`);
    const t = await build(plan);
    for (const f of ['docx', 'pdf', 'html'] as const) expect(missing(t[f], ['etichetta0', 'etichetta219', 'valore0', 'valore2999']), f).toEqual([]);
    sameCharacters(t);
  });

  it('a description of 200 lines', async () => {
    const lines = words(200, 'Riga numero ');
    const t = await build(withDescription(lines.join('\n\n')));
    for (const f of ['docx', 'pdf', 'html'] as const) expect(missing(t[f], lines), f).toEqual([]);
    sameCharacters(t);
  });

  it('repeats the rows that name the objective at the top of each page it runs onto', async () => {
    const phases = words(90, 'Fase numero F');
    const t = await build(withPhases(phases));
    const repeats = t.pdf.split('Manutenzione delle strade').length - 1;
    expect(repeats).toBeGreaterThanOrEqual(3); // its own row, then one per page it continues on
    expect(t.pages).toBeGreaterThanOrEqual(4);
  });
});

describe('other blocks taller than a page', () => {
  it('a custom template with one summary table of 65 rows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-noloss-tpl-'));
    const rows = words(65, 'Riga della tabella riassuntiva ');
    mkdirSync(join(dir, 'modelli'));
    writeFileSync(
      join(dir, 'modelli', 'documento.hbs'),
      `<h1>Riepilogo</h1>\n<table class="riepilogo">\n<thead><tr><th scope="col">Voce</th><th scope="col">Valore</th></tr></thead>\n${rows.map((r) => `<tr><td>${r}</td><td>${'valore '.repeat(12)}</td></tr>`).join('\n')}\n</table>\n`,
    );
    writeFileSync(join(dir, 'piano.yaml'), BASE);
    const r = await cli(['build', join(dir, 'piano.yaml'), '--out', join(dir, 'out'), '--templates', join(dir, 'modelli')]);
    expect(r.code, r.err).toBe(0);
    const pdf = await pdfText(readFileSync(join(dir, 'out', 'piano.pdf')));
    expect(missing(pdf.text, rows)).toEqual([]);
    expect(pdf.pages).toBeGreaterThanOrEqual(2);
    // The column headers on every page.
    expect(pdf.text.split('Voce').length - 1).toBe(pdf.pages);
    const xml = docxXml(readFileSync(join(dir, 'out', 'piano.docx')));
    expect(xml.split('<w:tblHeader/>').length - 1).toBe(1);
  });

  it('a heading followed by a very long paragraph', async () => {
    const theme = loadTheme(loadTemplates().themeFile);
    const text = words(3000, 'lungo').join(' ');
    const tree: DocTree = { header: [], footer: [], body: [{ type: 'heading', level: 2, content: [{ type: 'text', text: 'Titolo' }] }, { type: 'paragraph', content: [{ type: 'text', text }] }] };
    const pdf = await writePdf(tree, theme.theme, theme.fonts(), { title: 't', author: 'a', subject: 's', keywords: 'k', language: 'it-IT', date: new Date(Date.UTC(2024, 0, 1)) });
    const got = (await pdfText(pdf)).text;
    expect(missing(got, ['Titolo', 'lungo0', 'lungo1500', 'lungo2999'])).toEqual([]);
  });
});

describe('the PDF writer checks itself', () => {
  it('finds the words pdfmake left out of an unbreakable block taller than a page', async () => {
    const theme = loadTheme(loadTemplates().themeFile);
    const meta = { title: 't', author: 'a', subject: 's', keywords: 'k', language: 'it-IT', date: new Date(Date.UTC(2024, 0, 1)) } as const;
    const text = words(3000, 'lungo').join(' ');
    // A heading kept with the paragraph after it: one unbreakable block, taller than a page.
    const tree: DocTree = { header: [], footer: [], body: [{ type: 'heading', level: 2, content: [{ type: 'text', text: 'Titolo' }] }, { type: 'paragraph', content: [{ type: 'text', text }] }] };
    // The empty document registers the theme's fonts with pdfmake.
    await writePdf({ header: [], footer: [], body: [] }, theme.theme, theme.fonts(), meta);
    // Laid out as if it were known to fit (an empty set of tall blocks): pdfmake drops it, the check says so.
    const def = pdfDefinition(tree, theme.theme, meta, { tall: new Set() });
    drawnText.lines = [];
    await pdfmake.createPdf(def).getBuffer();
    const drawn = drawnText.lines;
    drawnText.lines = undefined;
    expect(missingText(contentText(def.content), drawn)).toContain('Titolo');
    // Written by the writer, it is measured, set to break across pages, and whole (see above).
  });
});

describe('how a card taller than a page is cut (fit.ts)', () => {
  const theme = loadTheme(loadTemplates().themeFile).theme;
  const est = new Estimator(theme);
  const cuts = { piece: 90, cut: 360 };
  const para = (text: string): Block => ({ type: 'paragraph', content: [{ type: 'text', text }] });
  const row = (label: string, content: Block[]): Row => ({ cells: [{ header: true, colspan: 1, content: [para(label)] }, { header: false, colspan: 1, content }] });
  const texts = (blocks: Block[]): string[] => blocks.flatMap((b) => (b.type === 'paragraph' ? [b.content.map((i) => (i.type === 'text' ? i.text : '')).join('')] : b.type === 'list' ? b.items.flatMap(texts) : []));

  it('cuts a word of millions of letters into pieces pdfmake may wrap between, all of it kept', () => {
    const word = 'x'.repeat(3_000_000);
    const pieces = splitLongWords(`a ${word} b`)!;
    expect(pieces.join('')).toBe(`a ${word} b`);
    expect(pieces.length).toBeGreaterThan(100_000);
  });

  it('keeps every list item whole when it is not taller than the cut: no item goes on under a new bullet', () => {
    // Each item taller than a piece (90 points) but under the cut (360): a row of its own, whole.
    const items = Array.from({ length: 45 }, (_, i) => [para(`Fase ${i} – ${'attività '.repeat(60)}`), para(`Output: atto ${i}`)]);
    expect(est.blocks(items[0]!, 300)).toBeGreaterThan(cuts.piece);
    const { rows } = splitRows([row('Fasi', [{ type: 'list', ordered: false, items }])], 'obiettivo', est, cuts);
    expect(rows.length).toBeGreaterThan(3);
    const lists = rows.flatMap((r) => r.cells[1]!.content).filter((b): b is Extract<Block, { type: 'list' }> => b.type === 'list');
    expect(lists.every((l) => !l.continues)).toBe(true);
    expect(lists.flatMap((l) => l.items)).toEqual(items);
  });

  it('goes on with an item taller than the cut without a bullet of its own, numbering kept', () => {
    const long = Array.from({ length: 12 }, (_, i) => para(`Paragrafo ${i} ${'molto lungo '.repeat(60)}`));
    const items = [[para('primo')], long, [para('ultimo')]];
    const { rows } = splitRows([row('Fasi', [{ type: 'list', ordered: true, start: 1, items }])], 'obiettivo', est, cuts);
    const lists = rows.flatMap((r) => r.cells[1]!.content).filter((b): b is Extract<Block, { type: 'list' }> => b.type === 'list');
    expect(lists.filter((l) => l.continues).length).toBeGreaterThan(0);
    // Every continuation carries the number of the item it goes on with; the last item is number 3.
    for (const l of lists.filter((x) => x.continues)) expect(l.start).toBe(2);
    expect(lists.at(-1)!.start! + lists.at(-1)!.items.length - 1).toBe(3);
    expect(lists.flatMap((l) => l.items).flatMap(texts).join('')).toBe(items.flatMap(texts).join(''));
  });

  it('cuts a paragraph taller than the cut at the end of a sentence, with nothing lost', () => {
    const text = Array.from({ length: 60 }, (_, i) => `Frase numero ${i} con qualche parola in più per fare una riga.`).join(' ');
    const { rows } = splitRows([row('Descrizione', [para(text)])], 'obiettivo', est, cuts);
    const parts = rows.flatMap((r) => texts(r.cells[1]!.content));
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.join('')).toBe(text);
    for (const p of parts.slice(0, -1)) expect(p).toMatch(/\.\s*$/);
  });
});

describe('cut cells, running headers and large print', () => {
  it('a 1,000-character title in the --report annex, whose table cuts that cell and not the ones after it', async () => {
    const title = words(150, 'titolo').join(' ');
    const t = await build(BASE.replace('- titolo: Manutenzione delle strade', `- titolo: ${title}`), ['--report'], 'piano-controlli');
    for (const f of ['docx', 'pdf', 'html'] as const) expect(missing(t[f], words(150, 'titolo')), f).toEqual([]);
  });

  it('shortens a running header too long for its margin with "…", and loses nothing of the document', async () => {
    const name = `Unione ${words(40, 'Comune').join(' ')}`;
    const dir = mkdtempSync(join(tmpdir(), 'piao-noloss-header-'));
    writeFileSync(join(dir, 'piano.yaml'), BASE.replace('nome: Comune di Prova', `nome: ${name}`));
    const r = await cli(['build', join(dir, 'piano.yaml'), '--out', join(dir, 'out'), '-f', 'pdf']);
    expect(r.code, r.err).toBe(0);
    const pdf = readFileSync(join(dir, 'out', 'piano.pdf'));
    // The whole page, header included: the header is the start of the name, then "…".
    const [first] = await pdfPageTexts(pdf, 0, 0);
    expect(first!.replace(/\s+/g, ' ')).toMatch(/Unione Comune0 Comune1 [^…]*…/);
    // The name itself is whole in the document's text.
    expect(missing((await pdfText(pdf)).text, [name])).toEqual([]);
  });

  it('builds the plan in large print (a 22-point body in the theme)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-noloss-print-'));
    const theme = JSON.parse(readFileSync(join(import.meta.dirname, '../templates/default/tema.json'), 'utf8')) as { carattere: { dimensione: number } };
    theme.carattere.dimensione = 22;
    mkdirSync(join(dir, 'modelli'));
    writeFileSync(join(dir, 'modelli', 'tema.json'), JSON.stringify(theme));
    writeFileSync(join(dir, 'piano.yaml'), BASE);
    const r = await cli(['build', join(dir, 'piano.yaml'), '--out', join(dir, 'out'), '--templates', join(dir, 'modelli')]);
    expect(r.code, r.err).toBe(0);
    const pdf = await pdfText(readFileSync(join(dir, 'out', 'piano.pdf')));
    expect(missing(pdf.text, ['Manutenzione ordinaria delle strade comunali', 'Indicatore di tempestività dei pagamenti'])).toEqual([]);
  });

  it('refuses a running header too large for the margins, at its place in tema.json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-noloss-head-'));
    const theme = JSON.parse(readFileSync(join(import.meta.dirname, '../templates/default/tema.json'), 'utf8')) as { intestazione: { dimensione: number } };
    theme.intestazione.dimensione = 60;
    mkdirSync(join(dir, 'modelli'));
    writeFileSync(join(dir, 'modelli', 'tema.json'), JSON.stringify(theme, null, 1));
    writeFileSync(join(dir, 'piano.yaml'), BASE);
    const r = await cli(['build', join(dir, 'piano.yaml'), '--out', join(dir, 'out'), '--templates', join(dir, 'modelli')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/tema\.json:\d+:\d+: errore: l'intestazione e il piè di pagina stanno nei margini.*\[tema\.intestazione\]/);
  });
});
