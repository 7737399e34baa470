/**
 * HTML writer: a standalone page (no external resources) from the document tree, styled by
 * the theme. Label cells are `th scope="row"`, column headers `th scope="col"`; the running
 * header and the "Pagina X di Y" footer appear when the page is printed.
 */
import type { Block, DocTree, Inline } from '../tree.js';
import { color, type ClassStyle, type Theme } from '../theme.js';
import { columnPercents, headerScope } from './common.js';
import type { DocMeta } from './meta.js';

export function writeHtml(tree: DocTree, theme: Theme, meta: DocMeta): Buffer {
  const body = tree.body.map((b) => block(b, theme)).join('');
  const html = `<!DOCTYPE html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(meta.title)}</title>
<meta name="author" content="${esc(meta.author)}">
<meta name="description" content="${esc(meta.subject)}">
<meta name="generator" content="piao">
<style>
${css(theme, tree)}
</style>
</head>
<body>
<main>
${body}</main>
</body>
</html>
`;
  return Buffer.from(html, 'utf8');
}

function block(b: Block, theme: Theme): string {
  const cls = (c?: string) => (c ? ` class="${esc(c)}"` : '');
  switch (b.type) {
    case 'heading':
      return `<h${b.level}${cls(b.cls)}>${inlines(b.content)}</h${b.level}>\n`;
    case 'paragraph':
      return `<p${cls(b.cls)}>${inlines(b.content)}</p>\n`;
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul';
      const start = b.start !== undefined && b.start !== 1 ? ` start="${b.start}"` : '';
      return `<${tag}${cls(b.cls)}${start}>\n${b.items.map((it) => `<li>${itemContent(it, theme)}</li>\n`).join('')}</${tag}>\n`;
    }
    case 'quote':
      return `<blockquote${cls(b.cls)}>\n${b.content.map((c) => block(c, theme)).join('')}</blockquote>\n`;
    case 'div':
      return `<div${cls(b.cls)}>\n${b.content.map((c) => block(c, theme)).join('')}</div>\n`;
    case 'pagebreak':
      return '<div class="salto-pagina"></div>\n';
    case 'table': {
      const widths = columnPercents(theme, b.rows);
      const cols = `<colgroup>${widths.map((w) => `<col style="width:${round(w)}%">`).join('')}</colgroup>`;
      const caption = b.caption ? `<caption>${inlines(b.caption)}</caption>` : '';
      const rows = b.rows
        .map((r) => {
          const scope = headerScope(r);
          const cells = r.cells
            .map((c) => {
              const tag = c.header ? 'th' : 'td';
              const attrs = `${c.header ? ` scope="${scope}"` : ''}${c.colspan > 1 ? ` colspan="${c.colspan}"` : ''}${cls(c.cls)}`;
              return `<${tag}${attrs}>${itemContent(c.content, theme)}</${tag}>`;
            })
            .join('');
          return `<tr>${cells}</tr>\n`;
        })
        .join('');
      return `<table${cls(b.cls)}>${caption}${cols}\n${rows}</table>\n`;
    }
  }
}

/** A list item or cell: a single paragraph is written inline, anything richer as blocks. */
function itemContent(blocks: Block[], theme: Theme): string {
  if (blocks.length === 1 && blocks[0]!.type === 'paragraph' && !blocks[0]!.cls) return inlines(blocks[0]!.content);
  return blocks.map((b) => block(b, theme)).join('');
}

function inlines(items: Inline[]): string {
  return items
    .map((i) => {
      if (i.type === 'break') return '<br>';
      if (i.type === 'field') return `<span class="${i.field === 'page' ? 'numero-pagina' : 'totale-pagine'}"></span>`;
      let s = esc(i.text);
      if (i.italic) s = `<em>${s}</em>`;
      if (i.bold) s = `<strong>${s}</strong>`;
      if (i.cls) s = `<span class="${esc(i.cls)}">${s}</span>`;
      return s;
    })
    .join('');
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function round(n: number): string {
  return String(Math.round(n * 100) / 100);
}

function css(theme: Theme, tree: DocTree): string {
  const c = (name: string) => color(theme, name) ?? '#000000';
  const f = theme.carattere;
  const m = theme.pagina.margini;
  const h = theme.titoli;
  const footer = tree.footer
    .map((i) => (i.type === 'text' ? JSON.stringify(i.text) : i.type === 'field' ? (i.field === 'page' ? 'counter(page)' : 'counter(pages)') : ''))
    .join(' ');
  const header = JSON.stringify(tree.header.map((i) => (i.type === 'text' ? i.text : '')).join(''));
  const rules = Object.entries(theme.classi)
    .map(([name, st]) => `.${name} { ${classCss(theme, st)} }`)
    .join('\n');
  return `:root { color-scheme: light; }
html { font-size: ${f.dimensione}pt; }
body { font-family: "${f.famiglia}", ${f.riserva}; line-height: ${Math.round(f.interlinea * 145) / 100}; color: ${c('testo')}; background: #FFFFFF; max-width: 50rem; margin: 0 auto; padding: 1rem; overflow-wrap: break-word; }
h1, h2, h3, h4 { color: ${c('titoli')}; line-height: 1.2; }
h1 { font-size: ${h['1'].dimensione}pt; margin: ${h['1'].spazioPrima}pt 0 ${h['1'].spazioDopo}pt; }
h2 { font-size: ${h['2'].dimensione}pt; margin: ${h['2'].spazioPrima}pt 0 ${h['2'].spazioDopo}pt; }
h3 { font-size: ${h['3'].dimensione}pt; margin: ${h['3'].spazioPrima}pt 0 ${h['3'].spazioDopo}pt; }
h4 { font-size: ${h['4'].dimensione}pt; margin: ${h['4'].spazioPrima}pt 0 ${h['4'].spazioDopo}pt; }
p { margin: 0 0 ${theme.paragrafo.spazioDopo}pt; }
ul, ol { margin: 0 0 ${theme.paragrafo.spazioDopo}pt; padding-left: 1.5em; }
blockquote { margin: 0 0 ${theme.paragrafo.spazioDopo}pt 1.5em; padding-left: 0.8em; border-left: 3px solid ${c('bordi')}; }
table { width: 100%; border-collapse: collapse; margin: 0 0 ${theme.tabella.spazioDopo}pt; table-layout: fixed; }
th, td { border: 1px solid ${c('bordi')}; padding: ${theme.tabella.margineCella}pt; vertical-align: top; text-align: left; }
th { font-weight: normal; }
td ul, th ul, td ol, th ol { margin: 0; padding-left: 1.2em; }
td p:last-child, th p:last-child { margin-bottom: 0; }
.salto-pagina { display: none; }
${rules}
@media (max-width: 40rem) {
  body { padding: 0.5rem; }
  table, tbody, tr, th, td, colgroup, col { display: block; width: auto !important; }
  tr { border-bottom: 1px solid ${c('bordi')}; }
}
@page { size: A4; margin: ${m.sopra}mm ${m.destra}mm ${m.sotto}mm ${m.sinistra}mm;
  @top-center { content: ${header}; font-size: ${theme.intestazione.dimensione}pt; color: ${c('piePagina')}; }
  @bottom-center { content: ${footer || '""'}; font-size: ${theme.intestazione.dimensione}pt; color: ${c('piePagina')}; } }
@media print {
  body { max-width: none; padding: 0; }
  table { break-inside: avoid; }
  h1, h2, h3, h4 { break-after: avoid; }
  .salto-pagina { display: block; break-after: page; }
}`;
}

function classCss(theme: Theme, st: ClassStyle): string {
  const out: string[] = [];
  if (st.grassetto) out.push('font-weight: bold;');
  if (st.corsivo) out.push('font-style: italic;');
  if (st.dimensione) out.push(`font-size: ${st.dimensione}pt;`);
  if (st.colore) out.push(`color: ${color(theme, st.colore)};`);
  if (st.sfondo) out.push(`background-color: ${color(theme, st.sfondo)};`);
  if (st.allineamento) out.push(`text-align: ${({ sinistra: 'left', centro: 'center', destra: 'right', giustificato: 'justify' } as const)[st.allineamento]};`);
  if (st.spazioPrima !== undefined) out.push(`margin-top: ${st.spazioPrima}pt;`);
  if (st.spazioDopo !== undefined) out.push(`margin-bottom: ${st.spazioDopo}pt;`);
  if (st.conSuccessivo) out.push('break-after: avoid;');
  return out.join(' ');
}

