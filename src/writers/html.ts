/**
 * HTML writer: a standalone page (no external resources) from the document tree, styled by
 * the theme. Label cells are `th scope="row"`, column headers `th scope="col"`; headings carry
 * the tree's stable ids; a caption with the class "visivamente-nascosto" names its table for
 * screen readers only. On screen a page header names the Comune and the plan; printed, the running
 * header and the "Pagina X di Y" footer take its place. With `navigation` (the pages of `piao build`
 * and `piao publish`) the page also gets a skip link and a table of contents of the settori and servizi.
 * Images (the coat of arms) are inline data: URIs, so the page stays one standalone file; its
 * Content-Security-Policy lets nothing else load (no script, no external style, font or image).
 * Words wrap whole and are hyphenated in Italian where the browser knows how (`lang="it"`,
 * `hyphens: auto`); only a word wider than its whole column is broken.
 * Data reaches the page escaped for where it lands: element text and attribute values as HTML
 * (`esc`), the running header and footer as CSS strings inside <style> (`cssString`); theme values
 * reaching the CSS are numbers, #RRGGBB colours and names of a safe form (checked in theme.ts).
 */
import type { Block, DocTree, Inline, Row } from '../render/tree.js';
import { allHeadings, inlineText, outlineOf } from '../render/tree.js';
import type { ClassStyle, Theme } from '../render/theme.js';
import { MARK_BACKGROUNDS, MARK_COLOURS, color } from './style.js';
import { IMAGE_HEIGHT_MM, columnPercents, headerScope } from './common.js';
import { chartSvg } from './chart-svg.js';
import type { DocMeta } from './meta.js';

export interface HtmlOptions {
  /** Adds a skip link and a table of contents (headings of level 2 and 3) after the first h1. */
  navigation?: boolean;
}

/** Ids the writer adds; heading ids never contain "_", so they cannot collide. */
const TOC_ID = 'piao_indice';
const TEXT_ID = 'piao_testo';
/** On screens the text is larger than on paper (10 pt on paper, 12 pt = 16 px on screen). */
const SCREEN_SCALE = 1.2;

/**
 * The page's heading elements. A page is a document of its own: its top heading is an h1 whatever its
 * level in the document's outline (the section's "2.2 Performance" is at level 2 in the whole PIAO), the
 * others follow the outline from there; each element has the look of the template level found there.
 */
export class HeadingTags {
  private readonly shift: number;
  private readonly looks = new Map<number, number>();

  constructor(body: Block[]) {
    const headings = allHeadings(body);
    this.shift = headings.length ? 1 - headings.reduce((m, h) => Math.min(m, outlineOf(h)), Infinity) : 0;
    for (const h of headings) if (!this.looks.has(this.tag(h))) this.looks.set(this.tag(h), h.level);
  }

  tag(h: { level: number; outline?: number }): number {
    return Math.min(6, outlineOf(h) + this.shift);
  }

  /** The template level whose look (the theme's `titoli`) the element hN has. */
  look(n: number): '1' | '2' | '3' | '4' {
    const [first] = this.looks;
    return String(this.looks.get(n) ?? Math.max(1, Math.min(4, n + (first ? first[1] - first[0] : 0)))) as '1' | '2' | '3' | '4';
  }
}

export function writeHtml(tree: DocTree, theme: Theme, meta: DocMeta, options: HtmlOptions = {}): Buffer {
  const tags = new HeadingTags(tree.body);
  const blocks = (list: Block[]) => list.map((b) => block(b, theme, tags)).join('');
  let body: string;
  let skip = '';
  if (options.navigation) {
    // The table of contents follows the title; the skip link jumps over it to the text.
    const h1 = tree.body.findIndex((b) => b.type === 'heading' && tags.tag(b) === 1);
    const before = tree.body.slice(0, h1 + 1);
    const after = tree.body.slice(h1 + 1);
    skip = `<a class="salta-al-testo" href="#${TEXT_ID}">Salta l'indice e vai al testo</a>\n`;
    body = `${blocks(before)}${toc(tree.body, tags)}<div id="${TEXT_ID}">\n${blocks(after)}</div>\n`;
  } else body = blocks(tree.body);
  const html = `<!DOCTYPE html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(meta.title)}</title>
<meta name="author" content="${esc(meta.author)}">
<meta name="description" content="${esc(meta.subject)}">
<meta name="generator" content="piao">
<style>
${css(theme, tree, tags)}
</style>
</head>
<body>
${skip}<header class="testata">
<p class="testata-ente">${esc(meta.author)}</p>
<p class="testata-titolo">${esc(meta.subject)}</p>
</header>
<main>
${body}</main>
</body>
</html>
`;
  return Buffer.from(html, 'utf8');
}

/** The table of contents: headings of level 2, with their level-3 headings nested. */
function toc(body: Block[], tags: HeadingTags): string {
  const entries: { level: number; id: string; text: string }[] = [];
  const collect = (list: Block[]) => {
    for (const b of list) {
      const level = b.type === 'heading' ? tags.tag(b) : 0;
      if (b.type === 'heading' && (level === 2 || level === 3) && b.id) entries.push({ level, id: b.id, text: inlineText(b.content).replace(/\n/g, ' ') });
      else if (b.type === 'div') collect(b.content);
    }
  };
  collect(body);
  if (!entries.length) return '';
  type Entry = (typeof entries)[number];
  const link = (e: Entry) => `<a href="#${esc(e.id)}">${esc(e.text)}</a>`;
  const items: { e: Entry; children: Entry[] }[] = [];
  let parent: (typeof items)[number] | undefined;
  for (const e of entries) {
    if (e.level === 3 && parent) parent.children.push(e);
    else {
      const item = { e, children: [] };
      items.push(item);
      parent = e.level === 2 ? item : undefined;
    }
  }
  // Bullets, not numbers: the settori have their numbers in the centri table, and the Segretario none.
  const out = items
    .map((i) => `<li>${link(i.e)}${i.children.length ? `\n<ul>\n${i.children.map((c) => `<li>${link(c)}</li>\n`).join('')}</ul>\n` : ''}</li>\n`)
    .join('');
  return `<nav class="indice" aria-labelledby="${TOC_ID}">\n<h2 id="${TOC_ID}">Indice</h2>\n<ul>\n${out}</ul>\n</nav>\n`;
}

function block(b: Block, theme: Theme, tags: HeadingTags): string {
  const cls = (c?: string) => (c ? ` class="${esc(c)}"` : '');
  switch (b.type) {
    case 'heading': {
      const h = tags.tag(b);
      return `<h${h}${b.id ? ` id="${esc(b.id)}"` : ''}${cls(b.cls)}>${inlines(b.content)}</h${h}>\n`;
    }
    case 'paragraph':
      return `<p${cls(b.cls)}>${inlines(b.content)}</p>\n`;
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul';
      const start = b.start !== undefined && b.start !== 1 ? ` start="${b.start}"` : '';
      return `<${tag}${cls(b.cls)}${start}>\n${b.items.map((it) => `<li>${itemContent(it, theme, tags)}</li>\n`).join('')}</${tag}>\n`;
    }
    case 'quote':
      return `<blockquote${cls(b.cls)}>\n${b.content.map((c) => block(c, theme, tags)).join('')}</blockquote>\n`;
    case 'div':
      return `<div${cls(b.cls)}>\n${b.content.map((c) => block(c, theme, tags)).join('')}</div>\n`;
    case 'pagebreak':
      return '<div class="salto-pagina"></div>\n';
    case 'chart':
      return `<div class="grafico${b.cls ? ` ${esc(b.cls)}` : ''}">${chartSvg({ ...b.chart, alt: b.alt }, b.chart.width * (4 / 3), true)}</div>\n`;
    case 'image':
      return `<img${cls(b.cls)} src="data:image/${b.image.format};base64,${b.image.data.toString('base64')}" alt="${esc(b.alt)}" width="${b.image.width}" height="${b.image.height}">\n`;
    case 'table': {
      const widths = columnPercents(theme, b.rows, b.cls);
      const cols = `<colgroup>${widths.map((w) => `<col style="width:${round(w)}%">`).join('')}</colgroup>`;
      const caption = b.caption ? `<caption${cls(b.captionCls)}>${inlines(b.caption)}</caption>` : '';
      const row = (r: Row) => {
        const scope = headerScope(r);
        const cells = r.cells
          .filter((c) => !c.covered)
          .map((c) => {
            const tag = c.header ? 'th' : 'td';
            const attrs = `${c.header ? ` scope="${scope}"` : ''}${c.colspan > 1 ? ` colspan="${c.colspan}"` : ''}${c.rowspan ? ` rowspan="${c.rowspan}"` : ''}${cls(c.cls)}`;
            return `<${tag}${attrs}>${itemContent(c.content, theme, tags)}</${tag}>`;
          })
          .join('');
        return `<tr>${cells}</tr>\n`;
      };
      // The leading <thead> rows: a printed table that runs onto another page repeats them there.
      let head = 0;
      while (b.rows[head]?.head) head++;
      const rows = head
        ? `<thead>\n${b.rows.slice(0, head).map(row).join('')}</thead>\n<tbody>\n${b.rows.slice(head).map(row).join('')}</tbody>\n`
        : b.rows.map(row).join('');
      const table = `<table${cls(b.cls)}>${caption}${cols}\n${rows}</table>\n`;
      // A table with column headers stays a table on a narrow screen: wider than the screen, it scrolls
      // sideways in its own box (which the keyboard can reach and a screen reader names), not the page.
      if (!b.rows.some((r) => r.cells.length && headerScope(r) === 'col')) return table;
      // Named by its caption, else by its column headers (every header row's: a header may span two rows).
      const headers = b.rows.filter((r) => r.cells.length && headerScope(r) === 'col').flatMap((r) => r.cells.filter((c) => !c.covered).map((c) => cellText(c.content)));
      const name = b.caption ? inlineText(b.caption) : headers.join(', ');
      return `<div class="tabella-scorrevole" role="region" tabindex="0" aria-label="${esc(`Tabella: ${name.replace(/\s+/g, ' ').trim()}`)}">\n${table}</div>\n`;
    }
  }
}

/** The plain text of a cell's blocks (for a table's name). */
function cellText(blocks: Block[]): string {
  return blocks.map((b) => (b.type === 'paragraph' || b.type === 'heading' ? inlineText(b.content) : '')).join(' ');
}

/** A list item or cell: a single paragraph is written inline, anything richer as blocks. */
function itemContent(blocks: Block[], theme: Theme, tags: HeadingTags): string {
  if (blocks.length === 1 && blocks[0]!.type === 'paragraph' && !blocks[0]!.cls) return inlines(blocks[0]!.content);
  return blocks.map((b) => block(b, theme, tags)).join('');
}

function inlines(items: Inline[]): string {
  return items
    .map((i) => {
      if (i.type === 'break') return '<br>';
      if (i.type === 'field') return `<span class="${i.field === 'page' ? 'numero-pagina' : 'totale-pagine'}"></span>`;
      let s = esc(i.text);
      if (i.italic) s = `<em>${s}</em>`;
      if (i.bold) s = `<strong>${s}</strong>`;
      if (i.mark) s = `<${i.mark}>${s}</${i.mark}>`;
      if (i.cls) s = `<span class="${esc(i.cls)}">${s}</span>`;
      if (i.href !== undefined) s = `<a href="${esc(i.href)}">${s}</a>`;
      return s;
    })
    .join('');
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A CSS string for text from the data or the theme, safe inside <style>: the page's parser ends
 * the style at the first "</style", whatever the CSS around it, so "<" (and ">") never appear
 * raw; quotes, backslashes and control characters are escaped too ("\3C ", "\22 ", "\A ").
 */
export function cssString(s: string): string {
  return `"${s.replace(/["\\<>\x00-\x1F\x7F-\x9F\u2028\u2029]/g, (c) => `\\${c.charCodeAt(0).toString(16).toUpperCase()} `)}"`;
}

function round(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** Whether the blocks hold words marked as removed or inserted (a change report): only then their rules. */
function hasMarks(blocks: Block[]): boolean {
  return blocks.some((b) => {
    switch (b.type) {
      case 'heading': case 'paragraph': return b.content.some((i) => i.type === 'text' && i.mark !== undefined);
      case 'div': case 'quote': return hasMarks(b.content);
      case 'list': return b.items.some(hasMarks);
      case 'table': return b.rows.some((r) => r.cells.some((c) => hasMarks(c.content)));
      default: return false;
    }
  });
}

function hasCharts(blocks: Block[]): boolean {
  return blocks.some((b) => {
    switch (b.type) {
      case 'chart': return true;
      case 'div': case 'quote': return hasCharts(b.content);
      case 'list': return b.items.some(hasCharts);
      case 'table': return b.rows.some((r) => r.cells.some((c) => hasCharts(c.content)));
      default: return false;
    }
  });
}

function css(theme: Theme, tree: DocTree, tags: HeadingTags): string {
  const c = (name: string) => color(theme, name) ?? '#000000';
  const f = theme.carattere;
  const m = theme.pagina.margini;
  const h = theme.titoli;
  const footer = tree.footer
    .map((i) => (i.type === 'text' ? cssString(i.text) : i.type === 'field' ? (i.field === 'page' ? 'counter(page)' : 'counter(pages)') : ''))
    .join(' ');
  const header = cssString(tree.header.map((i) => (i.type === 'text' ? i.text : '')).join(''));
  const rules = Object.entries(theme.classi)
    .map(([name, st]) => `.${name} { ${classCss(theme, st)} }`)
    .join('\n');
  const rem = (pt: number) => `${Math.round((pt / f.dimensione) * 1000) / 1000}rem`;
  const dark = c('testo');
  return `:root { color-scheme: light; }
html { font-size: ${f.dimensione}pt; }
@media screen { html { font-size: ${Math.round(f.dimensione * SCREEN_SCALE * 100) / 100}pt; } }
body { font-family: ${cssString(f.famiglia)}, ${f.riserva}; line-height: ${Math.round(f.interlinea * 145) / 100}; color: ${dark}; background: #FFFFFF; max-width: 50rem; margin: 0 auto; padding: 1rem; overflow-wrap: break-word; }
h1, h2, h3, h4, h5, h6 { color: ${c('titoli')}; line-height: 1.2; }
${[1, 2, 3, 4, 5, 6].map((n) => {
    const look = h[tags.look(n)];
    return `h${n} { font-size: ${rem(look.dimensione)}; margin: ${look.spazioPrima}pt 0 ${look.spazioDopo}pt; }`;
  }).join('\n')}
p { margin: 0 0 ${theme.paragrafo.spazioDopo}pt; }
ul, ol { margin: 0 0 ${theme.paragrafo.spazioDopo}pt; padding-left: 1.5em; }
blockquote { margin: 0 0 ${theme.paragrafo.spazioDopo}pt 1.5em; padding-left: 0.8em; border-left: 3px solid ${c('bordi')}; }
table { width: 100%; border-collapse: collapse; margin: 0 0 ${theme.tabella.spazioDopo}pt; table-layout: fixed; }
th, td { border: 1px solid ${c('bordi')}; padding: ${theme.tabella.margineCella}pt; vertical-align: top; text-align: left; overflow-wrap: break-word; hyphens: auto; }
th { font-weight: normal; }
td ul, th ul, td ol, th ol { margin: 0; padding-left: 1.2em; }
td p:last-child, th p:last-child { margin-bottom: 0; }
a { color: ${c('titoli')}; text-decoration: underline; }
a:focus-visible { outline: 3px solid ${dark}; outline-offset: 2px; }
.visivamente-nascosto { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
.salta-al-testo { position: absolute; left: 0.5rem; top: -20rem; padding: 0.5rem 1rem; background: ${dark}; color: #FFFFFF; z-index: 1; }
.salta-al-testo:focus { top: 0.5rem; }
.indice { margin: 0 0 ${theme.tabella.spazioDopo}pt; }
.indice ul { margin-bottom: 0; }
.indice li { margin: 0.2em 0; }
.salto-pagina { display: none; }
.tabella-scorrevole:focus-visible { outline: 3px solid ${dark}; outline-offset: 2px; }
.testata { margin: 0 0 1.5rem; padding: 0 0 0.5rem; border-bottom: 2px solid ${c('titoli')}; }
.testata p { margin: 0; }
.testata-ente { font-weight: bold; font-size: 1.15rem; color: ${c('titoli')}; }
.testata-titolo { color: ${c('piePagina')}; }
${hasMarks(tree.body) ? `del { text-decoration: line-through; color: ${MARK_COLOURS.del}; background: ${MARK_BACKGROUNDS.del}; }\nins { text-decoration: underline; color: ${MARK_COLOURS.ins}; background: ${MARK_BACKGROUNDS.ins}; }\n` : ''}main img { display: block; height: ${IMAGE_HEIGHT_MM}mm; width: auto; max-width: 100%; object-fit: contain; margin: 0 auto ${theme.paragrafo.spazioDopo}pt; }
${hasCharts(tree.body) ? `.grafico { margin: 0 0 ${theme.paragrafo.spazioDopo}pt; }\n.grafico svg { display: block; max-width: 100%; height: auto; }\n` : ''}${rules}
@media (max-width: 40rem) {
  body { padding: 0.5rem; }
  /* Tables of row labels (the objectives) become a label above each value; tables with column
     headers stay tables, their columns as wide as their longest word needs (browsers without :has() keep all tables). */
  table:not(:has(th[scope="col"])), table:not(:has(th[scope="col"])) :is(thead, tbody, tr, th, td, colgroup, col) { display: block; width: auto !important; }
  table:not(:has(th[scope="col"])) { border-top: 1px solid ${c('bordi')}; }
  table:not(:has(th[scope="col"])) :is(th, td) { border-top: 0; }
  table:has(th[scope="col"]) { table-layout: auto; }
  .tabella-scorrevole { overflow-x: auto; }
  .tabella-scorrevole table { font-size: 0.9rem; }
  th, td { padding: ${Math.round(theme.tabella.margineCella * 0.6 * 10) / 10}pt; }
}
@page { size: A4; margin: ${m.sopra}mm ${m.destra}mm ${m.sotto}mm ${m.sinistra}mm;
  @top-center { content: ${header}; font-size: ${theme.intestazione.dimensione}pt; color: ${c('piePagina')}; }
  @bottom-center { content: ${footer || '""'}; font-size: ${theme.intestazione.dimensione}pt; color: ${c('piePagina')}; } }
@media print {
  body { max-width: none; padding: 0; }
  table { break-inside: avoid; }
  h1, h2, h3, h4, h5, h6 { break-after: avoid; }
  .salto-pagina { display: block; break-after: page; }
  .salta-al-testo, .indice, .testata { display: none; }
}`;
}

function classCss(theme: Theme, st: ClassStyle): string {
  const out: string[] = [];
  if (st.grassetto) out.push('font-weight: bold;');
  if (st.corsivo) out.push('font-style: italic;');
  if (st.dimensione) out.push(`font-size: ${Math.round((st.dimensione / theme.carattere.dimensione) * 1000) / 1000}rem;`);
  if (st.colore) out.push(`color: ${color(theme, st.colore)};`);
  if (st.sfondo) out.push(`background-color: ${color(theme, st.sfondo)};`);
  if (st.allineamento) out.push(`text-align: ${({ sinistra: 'left', centro: 'center', destra: 'right', giustificato: 'justify' } as const)[st.allineamento]};`);
  if (st.spazioPrima !== undefined) out.push(`margin-top: ${st.spazioPrima}pt;`);
  if (st.spazioDopo !== undefined) out.push(`margin-bottom: ${st.spazioDopo}pt;`);
  if (st.conSuccessivo) out.push('break-after: avoid;');
  if (st.maiuscole) out.push('text-transform: uppercase;');
  return out.join(' ');
}

