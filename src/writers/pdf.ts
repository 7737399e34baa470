/**
 * PDF writer (pdfmake 0.3, through its public API): the document tree as an A4 PDF/A-2b with
 * the theme's font embedded, a running header, "Pagina X di Y" footer and document properties.
 * Every table is unbreakable, so an objective never straddles two pages; a heading never ends a
 * page. Fonts come from pdfmake's virtual file system (memory): nothing is read from disk or
 * fetched while the document is made.
 */
import pdfmake from 'pdfmake';
import type { Content, ContentText, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { Block, DocTree, Inline } from '../render/tree.js';
import type { FontFiles, Theme } from '../render/theme.js';
import { classStyle, color } from './style.js';
import { MM_TO_PT, columnPercents, contentWidthPt } from './common.js';
import type { DocMeta } from './meta.js';
import { withoutLayoutTables } from './font-tables.js';
import { sfntOf } from '../io/font-files.js';
import './pdf-runs.js'; // joins alike words of a line before pdfmake draws it
import { FontCoverage, fontRuns } from './pdf-text.js';

const FONT = 'Tema';
/** The theme's fallback family: what the body font lacks (see pdf-text.ts). */
const FALLBACK_FONT = 'TemaRiserva';
type Style = 'normal' | 'bold' | 'italics' | 'bolditalics';
/** The theme's fonts by their names in pdfmake's virtual file system. */
const FONT_FILES: Record<Style, string> = { normal: 'tema-normale.ttf', bold: 'tema-grassetto.ttf', italics: 'tema-corsivo.ttf', bolditalics: 'tema-grassetto-corsivo.ttf' };
const FALLBACK_FILES: Record<Style, string> = { normal: 'riserva-normale', bold: 'riserva-grassetto', italics: 'riserva-corsivo', bolditalics: 'riserva-grassetto-corsivo' };
/** pdfmake's virtual file system, from which pdfkit reads the fonts. */
const vfs = (pdfmake as unknown as { virtualfs: { writeFileSync(p: string, d: Buffer): void } }).virtualfs;
// Nothing outside the virtual file system: no URL is fetched, no local file is read.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy(() => false);
let registered: { fonts: FontFiles; coverage: FontCoverage } | undefined;

/** Registers the theme's fonts with pdfmake (once per set of files) and returns which font has each character. */
function registerFonts(fonts: FontFiles): FontCoverage {
  if (registered?.fonts === fonts) return registered.coverage;
  for (const key of Object.keys(FONT_FILES) as Style[]) vfs.writeFileSync(FONT_FILES[key], withoutLayoutTables(fonts[key]));
  // pdfmake replaces the file names of a font definition by what it resolved: a fresh copy each time.
  pdfmake.setFonts({ [FONT]: { ...FONT_FILES } });
  const fallback = fonts.fallback;
  // The fallback family is registered when a first character needs it (before layout: see pdfDefinition).
  const coverage = new FontCoverage(fonts.normal, fallback?.normal, () => fallback && registerFallback(fallback));
  registered = { fonts, coverage };
  return coverage;
}

function registerFallback(fallback: FontFiles): void {
  // The fallback keeps its layout tables (it draws little text, and places accents on letters with them);
  // a WOFF file is unpacked first, or fontkit would inflate its tables in JavaScript at each use.
  for (const key of Object.keys(FALLBACK_FILES) as Style[]) vfs.writeFileSync(FALLBACK_FILES[key], sfntOf(fallback[key]));
  pdfmake.setFonts({ [FONT]: { ...FONT_FILES }, [FALLBACK_FONT]: { ...FALLBACK_FILES } });
}

/** The document definition, with the two settings pdfmake's types do not list. */
export type PdfDefinition = TDocumentDefinitions & { subset: string; tagged: boolean; displayTitle: boolean };

/**
 * The pdfmake document definition (also used by the golden test, as readable JSON). With a
 * coverage, text the body font lacks is drawn from the fallback family; without, all from the body font.
 */
export function pdfDefinition(tree: DocTree, theme: Theme, meta: DocMeta, coverage?: FontCoverage): PdfDefinition {
  const m = theme.pagina.margini;
  const headerSize = theme.intestazione.dimensione;
  const grey = color(theme, 'piePagina');
  const fieldText = (items: Inline[], page: number, pages: number) =>
    items.map((i) => (i.type === 'text' ? i.text : i.type === 'field' ? String(i.field === 'page' ? page : pages) : '\n')).join('');
  const w = new PdfBlocks(theme, coverage);
  // The header and footer functions keep only their own lines, not the whole tree.
  const { header, footer } = tree;
  // Their characters are looked at now, so that a font they need is known before layout.
  w.text(fieldText(header, 1, 1));
  w.text(fieldText(footer, 1, 1));
  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [m.sinistra * MM_TO_PT, m.sopra * MM_TO_PT, m.destra * MM_TO_PT, m.sotto * MM_TO_PT],
    header: (page: number, pages: number) => ({
      text: w.text(fieldText(header, page, pages)),
      fontSize: headerSize,
      color: grey,
      alignment: 'center',
      margin: [m.sinistra * MM_TO_PT, (m.sopra * MM_TO_PT) / 2 - headerSize, m.destra * MM_TO_PT, 0],
    }),
    footer: (page: number, pages: number) => ({
      text: w.text(fieldText(footer, page, pages)),
      fontSize: headerSize,
      color: grey,
      alignment: 'center',
      margin: [m.sinistra * MM_TO_PT, (m.sotto * MM_TO_PT) / 2 - headerSize, m.destra * MM_TO_PT, 0],
    }),
    content: w.flow(tree.body),
    defaultStyle: { font: FONT, fontSize: theme.carattere.dimensione, lineHeight: theme.carattere.interlinea, color: color(theme, 'testo') },
    info: {
      title: meta.title,
      author: meta.author,
      subject: meta.subject,
      keywords: meta.keywords,
      creator: 'piao',
      producer: 'piao',
      creationDate: meta.date,
      modDate: meta.date,
    },
    language: meta.language,
    version: '1.7',
    subset: 'PDF/A-2b',
    tagged: false,
    displayTitle: true,
  };
}

export async function writePdf(tree: DocTree, theme: Theme, fonts: FontFiles, meta: DocMeta): Promise<Buffer> {
  const coverage = registerFonts(fonts);
  return pdfmake.createPdf(pdfDefinition(tree, theme, meta, coverage)).getBuffer();
}

/** Removes the space after the last block of a cell, so cells end at their text. */
function trimLast(content: Content[]): Content[] {
  const last = content[content.length - 1] as { margin?: number[] } | undefined;
  if (last && Array.isArray(last.margin)) last.margin = [last.margin[0]!, last.margin[1]!, last.margin[2]!, 0];
  return content;
}

/** Lists up to this long travel with the heading above them. */
const SHORT_LIST = 12;

class PdfBlocks {
  constructor(
    private readonly theme: Theme,
    private readonly coverage?: FontCoverage,
  ) {}

  /**
   * A sequence of blocks where headings and keep-with-next paragraphs travel with the table,
   * paragraph or short list that follows them: the group is unbreakable, so a heading never sits alone at
   * the foot of a page above the content that moved to the next one.
   */
  flow(blocks: Block[]): Content[] {
    const out: Content[] = [];
    let pending: Block[] = [];
    for (const b of blocks) {
      const keeps = b.type === 'heading' || (b.type === 'paragraph' && classStyle(this.theme, b.cls).conSuccessivo === true);
      if (keeps) {
        pending.push(b);
        continue;
      }
      if (pending.length && (b.type === 'table' || b.type === 'paragraph' || (b.type === 'list' && b.items.length <= SHORT_LIST))) {
        out.push({ unbreakable: true, stack: [...pending, b].map((x) => this.block(x)) } as Content);
      } else {
        out.push(...pending.map((x) => this.block(x)), this.block(b));
      }
      pending = [];
    }
    out.push(...pending.map((x) => this.block(x)));
    return out;
  }

  block(b: Block): Content {
    const t = this.theme;
    switch (b.type) {
      case 'heading': {
        const h = t.titoli[String(b.level) as '1' | '2' | '3' | '4'];
        return {
          text: this.inlines(b.content),
          fontSize: h.dimensione,
          bold: true,
          color: color(t, 'titoli'),
          margin: [0, h.spazioPrima, 0, h.spazioDopo],
          ...this.classProps(b.cls),
        } as Content;
      }
      case 'paragraph': {
        const st = classStyle(t, b.cls);
        return {
          text: this.inlines(b.content),
          margin: [0, st.spazioPrima ?? 0, 0, st.spazioDopo ?? t.paragrafo.spazioDopo],
          ...this.classProps(b.cls),
        } as Content;
      }
      case 'list': {
        const items = b.items.map((it) => this.stack(it, true));
        const common = { margin: [0, 0, 0, t.paragrafo.spazioDopo] as [number, number, number, number] };
        return b.ordered ? ({ ol: items, start: b.start ?? 1, ...common } as Content) : ({ ul: items, ...common } as Content);
      }
      case 'quote':
        return { stack: b.content.map((c) => this.block(c)), margin: [18, 0, 0, t.paragrafo.spazioDopo] } as Content;
      case 'div': {
        const st = classStyle(t, b.cls);
        return { stack: b.content.map((c) => this.block(c)), margin: [0, st.spazioPrima ?? 0, 0, st.spazioDopo ?? 0], unbreakable: true } as Content;
      }
      case 'pagebreak':
        return { text: '', pageBreak: 'after' } as Content;
      case 'table': {
        const nCols = b.rows.reduce((n, r) => Math.max(n, r.cells.reduce((a, c) => a + c.colspan, 0)), 1);
        const width = contentWidthPt(t);
        const widths = columnPercents(t, b.rows, b.cls).map((p) => (p / 100) * width - 2 * t.tabella.margineCella - 1);
        const body: TableCell[][] = b.rows.map((r) => {
          const cells: TableCell[] = [];
          for (const c of r.cells) {
            const st = classStyle(t, c.cls);
            const content = trimLast(c.content.map((x) => this.block(x)));
            cells.push({
              // One block is the cell itself; more go in a stack.
              ...(content.length === 1 ? (content[0] as object) : { stack: content.length ? content : [{ text: '' }] }),
              ...(c.colspan > 1 && { colSpan: c.colspan }),
              ...(st.sfondo && { fillColor: color(t, st.sfondo) }),
              ...this.classProps(c.cls),
            } as TableCell);
            for (let k = 1; k < c.colspan; k++) cells.push({} as TableCell);
          }
          while (cells.length < nCols) cells.push({ text: '' });
          return cells;
        });
        const border = color(t, 'bordi');
        const pad = t.tabella.margineCella;
        return {
          unbreakable: true,
          stack: [
            {
              table: { widths, body, dontBreakRows: true },
              layout: {
                hLineColor: () => border,
                vLineColor: () => border,
                hLineWidth: () => 0.6,
                vLineWidth: () => 0.6,
                paddingLeft: () => pad,
                paddingRight: () => pad,
                paddingTop: () => pad * 0.75,
                paddingBottom: () => pad * 0.25,
              },
            },
          ],
          margin: [0, 0, 0, t.tabella.spazioDopo],
        } as Content;
      }
    }
  }

  /** A list item or table cell: its blocks without the trailing paragraph spacing. */
  private stack(blocks: Block[], tight: boolean): Content {
    const content = blocks.map((b) => this.block(b));
    if (tight) for (const c of content) if (typeof c === 'object' && 'margin' in c) (c as { margin: number[] }).margin = [0, 0, 0, 1];
    return content.length === 1 ? content[0]! : { stack: content };
  }

  private classProps(cls: string | undefined): Partial<ContentText> {
    const st = classStyle(this.theme, cls);
    return {
      ...(st.grassetto && { bold: true }),
      ...(st.corsivo && { italics: true }),
      ...(st.dimensione && { fontSize: st.dimensione }),
      ...(st.colore && { color: color(this.theme, st.colore) }),
      ...(st.allineamento && { alignment: ({ sinistra: 'left', centro: 'center', destra: 'right', giustificato: 'justify' } as const)[st.allineamento] }),
    };
  }

  private inlines(items: Inline[]): ContentText['text'] {
    // Plain text as a string: far cheaper for pdfmake to lay out than an array of runs.
    const only = items[0];
    if (items.length === 1 && only?.type === 'text' && !only.bold && !only.italic && !only.cls) return this.text(only.text);
    return items.flatMap((i) => {
      if (i.type === 'break') return { text: '\n' };
      if (i.type === 'field') return { text: '' };
      const look = { ...(i.bold && { bold: true }), ...(i.italic && { italics: true }), ...this.classProps(i.cls) };
      const runs = this.text(i.text);
      return typeof runs === 'string' ? { text: runs, ...look } : runs.map((r) => ({ ...r, ...look }));
    }) as ContentText['text'];
  }

  /** A text as pdfmake takes it: a string when the body font has every character, else runs, each from the font that has it. */
  text(text: string): string | { text: string; font?: string }[] {
    const runs = this.coverage ? fontRuns(text, this.coverage) : text;
    return typeof runs === 'string' ? runs : runs.map((r) => (r.fallback ? { text: r.text, font: FALLBACK_FONT } : { text: r.text }));
  }
}
