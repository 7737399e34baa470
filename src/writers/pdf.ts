/**
 * PDF writer (pdfmake 0.3, through its public API): the document tree as an A4 PDF/A-2b with
 * the theme's font embedded, a running header, "Pagina X di Y" footer and document properties.
 * Fonts come from pdfmake's virtual file system (memory): nothing is read from disk or fetched
 * while the document is made.
 *
 * Nothing is ever left out. A table (an objective's card) that fits on a page is kept on one
 * page, with the headings before it; so is a heading with the paragraph or short list after it.
 * pdfmake silently drops such a block when it is taller than a page, so a block that may not fit
 * (a generous estimate, fit.ts) is first measured by pdfmake on a page of endless height;
 * one too tall for a page is set to break across pages instead: a table between rows (its
 * `<thead>` rows repeated at the top of each page, a row too tall for a page cut into several),
 * a word too long for its column into pieces. The writer checks that every character of the tree
 * is in what it asks pdfmake to draw, and after drawing that all of it was drawn; it refuses to
 * return a PDF that lacks any. The running header and footer, which repeat the document's title
 * and page numbers, are shortened with "…" to the lines their margin holds.
 */
import pdfmake from 'pdfmake';
import type { Content, ContentText, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { allHeadings, inlineText, outlineOf, type Block, type DocTree, type Inline, type Row } from '../render/tree.js';
import type { FontFiles, Theme } from '../render/theme.js';
import { MARK_BACKGROUNDS, MARK_COLOURS, classStyle, color } from './style.js';
import { MM_TO_PT, columnCount, columnPercents, contentWidthPt, imageSizePt, pageHeightPt } from './common.js';
import type { ImageFile } from '../io/image.js';
import type { Chart } from '../render/chart.js';
import { chartSvg } from './chart-svg.js';
import type { DocMeta } from './meta.js';
import { withoutLayoutTables } from './font-tables.js';
import { sfntOf } from '../io/font-files.js';
import { drawnText } from './pdf-runs.js'; // also joins alike words of a line before pdfmake draws it
import { Estimator, QUOTE_INDENT, SHORT_LIST, keepsWithNext, splitLongWords, splitRows } from './fit.js';
import { FontCoverage, fontRuns } from './pdf-text.js';

/** Words removed or inserted in a change report: struck through or underlined, in the colour of their kind. */
const MARKS = {
  del: { decoration: 'lineThrough', color: MARK_COLOURS.del, background: MARK_BACKGROUNDS.del },
  ins: { decoration: 'underline', color: MARK_COLOURS.ins, background: MARK_BACKGROUNDS.ins },
} as const;

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

/**
 * A document property as PDF/A's XMP packet can carry it. pdfkit writes the properties into the
 * XMP (XML) as they are, unescaped: an "&" or "<" in an ente's name would make the packet
 * ill-formed, and the file no longer PDF/A. They are replaced by the look-alike characters
 * ＆ ‹ › (in the Info dictionary too, which must match the XMP); the document's text is untouched.
 */
export function xmpSafe(s: string): string {
  return s.replace(/[&<>]/g, (c) => ({ '&': '＆', '<': '‹', '>': '›' })[c]!);
}

/** The document definition, with the settings pdfmake's types do not list. */
export type PdfDefinition = TDocumentDefinitions & { subset: string; tagged: boolean; displayTitle: boolean };

/**
 * The pdfmake document definition (also used by the golden test, as readable JSON).
 * `tall`: the blocks (indexes of `PdfBlocks.units`) known to be taller than a page; by default,
 * those whose estimate does not surely fit. With a `coverage`, text the body font lacks is drawn
 * from the fallback family; without, all from the body font.
 */
export function pdfDefinition(tree: DocTree, theme: Theme, meta: DocMeta, options: { tall?: ReadonlySet<number>; coverage?: FontCoverage; onPages?: (pages: number) => void } = {}): PdfDefinition {
  const m = theme.pagina.margini;
  const headerSize = theme.intestazione.dimensione;
  const grey = color(theme, 'piePagina');
  // The running header and footer, with their page fields, shortened (with "…") to the lines
  // their margin holds: pdfmake would drop the lines that do not fit. They repeat the document's
  // own title and page numbers, so nothing of the document is lost.
  const fieldText = (items: Inline[], page: number, pages: number, marginMm: number) =>
    fitMargin(items.map((i) => (i.type === 'text' ? i.text : i.type === 'field' ? String(i.field === 'page' ? page : pages) : '\n')).join(''), marginMm);
  const fitMargin = (text: string, marginMm: number) => {
    const lines = Math.max(1, Math.floor(((marginMm * MM_TO_PT) / 2 + headerSize) / (headerSize * 1.6)));
    const max = Math.floor((lines * contentWidthPt(theme) * 0.9) / (headerSize * 0.62));
    if (text.length <= max) return text;
    const cut = text.slice(0, max - 1);
    return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).trimEnd()}…`;
  };
  const { tall, coverage, onPages } = options;
  const w = new PdfBlocks(theme, coverage, bookmarks(tree.body));
  // The header and footer functions keep only their own lines, not the whole tree.
  const { header, footer } = tree;
  // Their characters are looked at now, so that a font they need is known before layout.
  w.text(fieldText(header, 1, 1, m.sopra));
  w.text(fieldText(footer, 1, 1, m.sotto));
  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [m.sinistra * MM_TO_PT, m.sopra * MM_TO_PT, m.destra * MM_TO_PT, m.sotto * MM_TO_PT],
    header: (page: number, pages: number) => ({
      text: w.text(fieldText(header, page, pages, m.sopra)),
      fontSize: headerSize,
      color: grey,
      alignment: 'center',
      margin: [m.sinistra * MM_TO_PT, (m.sopra * MM_TO_PT) / 2 - headerSize, m.destra * MM_TO_PT, 0],
    }),
    footer: (page: number, pages: number) => (onPages?.(pages), {
      text: w.text(fieldText(footer, page, pages, m.sotto)),
      fontSize: headerSize,
      color: grey,
      alignment: 'center',
      margin: [m.sinistra * MM_TO_PT, (m.sotto * MM_TO_PT) / 2 - headerSize, m.destra * MM_TO_PT, 0],
    }),
    content: w.flow(tree.body, tall),
    defaultStyle: { font: FONT, fontSize: theme.carattere.dimensione, lineHeight: theme.carattere.interlinea, color: color(theme, 'testo') },
    info: {
      title: xmpSafe(meta.title),
      author: xmpSafe(meta.author),
      subject: xmpSafe(meta.subject),
      keywords: xmpSafe(meta.keywords),
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

/**
 * A heading's entry in the PDF's bookmarks: its id (pdfmake's), its parent's (the nearest heading before
 * it higher in the outline) and its text, as typed (capitals by style are for the page).
 */
interface Bookmark {
  id: string;
  parent: string | undefined;
  title: string;
}

/** The bookmarks of the document's headings, nested by their outline levels. */
function bookmarks(body: Block[]): Map<Block, Bookmark> {
  const out = new Map<Block, Bookmark>();
  const open: { level: number; id: string }[] = [];
  allHeadings(body).forEach((h, i) => {
    const title = inlineText(h.content).replace(/\s+/g, ' ').trim();
    // A heading without text draws no line to hang a bookmark on.
    if (!title) return;
    const level = outlineOf(h);
    while (open.length && open[open.length - 1]!.level >= level) open.pop();
    // Ids with "_", which no other id of the definition has (the measuring markers are letters and digits).
    const id = `titolo_${i}`;
    out.set(h, { id, parent: open[open.length - 1]?.id, title });
    open.push({ level, id });
  });
  return out;
}

/** `onPages`: told the number of pages of the PDF written. */
export async function writePdf(tree: DocTree, theme: Theme, fonts: FontFiles, meta: DocMeta, onPages?: (pages: number) => void): Promise<Buffer> {
  const coverage = registerFonts(fonts);
  // Blocks that may not fit on a page are measured; should a word still be missing once drawn
  // (an estimate too low), every block is measured and the PDF made again.
  for (const measureAll of [false, true]) {
    const tall = await tallUnits(tree, theme, meta, coverage, measureAll);
    let pages = 0;
    const def = pdfDefinition(tree, theme, meta, { tall, coverage, onPages: (n) => (pages = n) });
    // What the definition asks pdfmake to draw: every character of the tree (cutting blocks
    // taller than a page must not lose one), in the order pdfmake draws it.
    const asked = contentText(def.content);
    const lost = lostCharacters(textOf(tree.body, theme), asked.join(''));
    if (lost) throw new Error(`il PDF non conterrebbe tutto il testo del documento (${lost}). Il PDF non è stato scritto; segnala il problema agli sviluppatori`);
    drawnText.lines = [];
    let pdf: Buffer;
    let drawn: string[];
    try {
      pdf = await pdfmake.createPdf(def).getBuffer();
    } finally {
      drawn = drawnText.lines;
      drawnText.lines = undefined;
    }
    const missing = missingText(asked, drawn);
    if (!missing) {
      onPages?.(pages);
      return pdf;
    }
    if (measureAll) throw new Error(`il PDF non conterrebbe tutto il testo del documento: manca «${missing}». Il PDF non è stato scritto; segnala il problema agli sviluppatori`);
  }
  throw new Error('unreachable');
}

/**
 * The kept-together blocks taller than a page: those whose estimate does not surely fit (or
 * all, with `all`) are laid out by pdfmake on one page of endless height, each between two
 * markers whose positions give its height.
 */
async function tallUnits(tree: DocTree, theme: Theme, meta: DocMeta, coverage: FontCoverage, all: boolean): Promise<Set<number>> {
  const w = new PdfBlocks(theme, coverage);
  const units = w.units(tree.body);
  const inner = pageHeightPt(theme);
  const est = new Estimator(theme);
  const width = contentWidthPt(theme);
  const candidates = units.flatMap((u, i) => (u.keep && (all || est.blocks(u.blocks, width) > inner * 0.95) ? [i] : []));
  if (!candidates.length) return new Set();
  const marker = (id: string): Content => ({ text: '.', id, fontSize: 1, lineHeight: 1 }) as Content;
  const tops = new Map<string, number>();
  const def = pdfDefinition({ ...tree, body: [] }, theme, meta, { tall: new Set(), coverage });
  await pdfmake
    .createPdf({
      ...def,
      pageSize: { width: 210 * MM_TO_PT, height: 'auto' },
      header: undefined,
      footer: undefined,
      content: [marker('m0'), marker('m1'), ...candidates.flatMap((i) => [marker(`a${i}`), w.keep(units[i]!), marker(`z${i}`)])],
      pageBreakBefore: (node: { id?: string; startPosition: { top: number } }) => {
        if (node.id) tops.set(node.id, node.startPosition.top);
        return false;
      },
    } as TDocumentDefinitions)
    .getBuffer();
  const markerHeight = tops.get('m1')! - tops.get('m0')!;
  return new Set(candidates.filter((i) => tops.get(`z${i}`)! - tops.get(`a${i}`)! - markerHeight > inner - 1));
}

/**
 * The first word of `asked` (the texts the definition asks to draw, in order; with the words
 * before it, for the message) not drawn, in order, among the lines drawn; undefined when all
 * were. Spaces do not count: pdfmake wraps lines at them. Header rows repeated on later pages,
 * list numbers and the running header and footer are drawn besides: they are skipped over.
 */
export function missingText(asked: string[], drawn: string[]): string | undefined {
  const got = drawn.join('').replace(/\s+/g, '');
  const words = asked.join(' ').split(/\s+/).filter(Boolean);
  let at = 0;
  for (const [k, word] of words.entries()) {
    for (const ch of word) {
      at = got.indexOf(ch, at);
      if (at < 0) return words.slice(Math.max(0, k - 5), k + 1).map((w) => (w.length > 40 ? `${w.slice(0, 40)}…` : w)).join(' ');
      at += ch.length;
    }
  }
  return undefined;
}

/** Characters of `want` that `have` lacks (spaces aside), as "«x» ×n", or undefined. */
function lostCharacters(want: string, have: string): string | undefined {
  const counts = new Map<string, number>();
  for (const ch of want.replace(/\s+/g, '')) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  for (const ch of have.replace(/\s+/g, '')) counts.set(ch, (counts.get(ch) ?? 0) - 1);
  const lost = [...counts].filter(([, n]) => n > 0);
  return lost.length ? `mancano ${lost.slice(0, 5).map(([c, n]) => `«${c}» ×${n}`).join(', ')}` : undefined;
}

/** The text of blocks as the PDF shows it (table captions are for HTML only; capitals by class). */
function textOf(blocks: Block[], theme: Theme): string {
  const out: string[] = [];
  const inlines = (items: Inline[], cls: string | undefined) => {
    const upper = classStyle(theme, cls).maiuscole;
    for (const i of items) if (i.type === 'text') out.push(upper || (i.cls && classStyle(theme, i.cls).maiuscole) ? i.text.toUpperCase() : i.text);
    out.push(' ');
  };
  const walk = (bs: Block[]) => {
    for (const b of bs) {
      if (b.type === 'heading' || b.type === 'paragraph') inlines(b.content, b.cls);
      else if (b.type === 'list') for (const item of b.items) walk(item);
      else if (b.type === 'quote' || b.type === 'div') walk(b.content);
      else if (b.type === 'table') for (const r of b.rows) for (const c of r.cells) walk(c.content);
    }
  };
  walk(blocks);
  return out.join('');
}

/** The texts of a pdfmake definition's content, in the order pdfmake draws them. */
export function contentText(content: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (typeof node === 'string') out.push(node);
    else if (Array.isArray(node)) for (const n of node) walk(n);
    else if (node && typeof node === 'object') {
      const n = node as { text?: unknown; stack?: unknown; ul?: unknown; ol?: unknown; table?: { body: unknown[][] } };
      if (n.text !== undefined) walk(n.text);
      if (n.stack) walk(n.stack);
      if (n.ul) walk(n.ul);
      if (n.ol) walk(n.ol);
      if (n.table) for (const row of n.table.body) walk(row);
    }
    out.push(' ');
  };
  walk(content);
  return out;
}

/** Removes the space after the last block of a cell, so cells end at their text. */
function trimLast(content: Content[]): Content[] {
  const last = content[content.length - 1] as { margin?: number[] } | undefined;
  if (last && Array.isArray(last.margin)) last.margin = [last.margin[0]!, last.margin[1]!, last.margin[2]!, 0];
  return content;
}

/** An image as pdfmake takes it from memory (a data URL is the one source its access policies let through). */
const dataUrls = new WeakMap<ImageFile, string>();
function dataUrl(image: ImageFile): string {
  let url = dataUrls.get(image);
  if (!url) dataUrls.set(image, (url = `data:image/${image.format};base64,${image.data.toString('base64')}`));
  return url;
}

/** Blocks laid out together: `keep`, on one page when they fit on one. */
interface Unit {
  blocks: Block[];
  keep: boolean;
}

class PdfBlocks {
  private readonly est: Estimator;
  private readonly inner: number;

  constructor(
    private readonly theme: Theme,
    private readonly coverage?: FontCoverage,
    /** The headings' bookmarks (none in the definitions that only measure). */
    private readonly marks?: Map<Block, Bookmark>,
  ) {
    this.est = new Estimator(theme);
    this.inner = pageHeightPt(theme);
  }

  /**
   * A sequence of blocks in units: headings and keep-with-next paragraphs travel with the table,
   * paragraph or short list that follows them, so that a heading never sits alone at the foot of
   * a page above the content that moved to the next one; with `chain`, a heading's short list travels
   * on to the table after it (fit.ts, `keepsWithNext`). A table or a div is kept together too.
   */
  units(blocks: Block[], chain = true): Unit[] {
    const out: Unit[] = [];
    let pending: Block[] = [];
    const keepsNext = keepsWithNext(blocks, this.theme, chain);
    for (const [i, b] of blocks.entries()) {
      if (keepsNext[i]) {
        pending.push(b);
        continue;
      }
      if (pending.length && (b.type === 'table' || b.type === 'paragraph' || (b.type === 'list' && b.items.length <= SHORT_LIST))) {
        out.push({ blocks: [...pending, b], keep: true });
      } else {
        out.push(...this.alone(pending, chain));
        out.push({ blocks: [b], keep: b.type === 'table' || b.type === 'div' });
      }
      pending = [];
    }
    out.push(...this.alone(pending, chain));
    return out;
  }

  /**
   * Blocks waiting for one to travel with that did not come: each on its own; but a chain (a heading, a
   * short list, another heading) keeps what it would have kept unchained (a paragraph with its short list).
   */
  private alone(pending: Block[], chain: boolean): Unit[] {
    return chain ? this.units(pending, false) : pending.map((p) => ({ blocks: [p], keep: false }));
  }

  /**
   * The blocks laid out: kept units unbreakable, unless known (`tall`) or estimated (without
   * `tall`) to be taller than a page: then each of their blocks breaks across pages.
   */
  flow(blocks: Block[], tall?: ReadonlySet<number>): Content[] {
    const width = contentWidthPt(this.theme);
    const fits = (u: Unit) => !u.keep || this.est.blocks(u.blocks, width) <= this.inner;
    return this.units(blocks).flatMap((u, i) => {
      const tooTall = tall ? tall.has(i) : !fits(u);
      // Measured to fit (`tall` known): kept on one page even where the generous estimate says otherwise.
      if (!tooTall) return [this.keep(u, tall !== undefined)];
      // A heading, its list and a table too tall together: the heading kept with its list at least.
      const parts = this.units(u.blocks, false);
      return parts.length > 1 ? parts.flatMap((p) => (fits(p) ? [this.keep(p)] : p.blocks.map((b) => this.block(b, true)))) : u.blocks.map((b) => this.block(b, true));
    });
  }

  /** A unit on one page: unbreakable when kept; `measured`: pdfmake measured it shorter than a page. */
  keep(u: Unit, measured = false): Content {
    if (u.blocks.length === 1) return this.block(u.blocks[0]!, !u.keep, measured && u.keep);
    return { unbreakable: true, stack: u.blocks.map((x) => this.block(x, false, measured)) } as Content;
  }

  /**
   * One block. `breaks`: a table or div that may break across pages (one known or estimated
   * taller than a page); otherwise they are kept on one page, unless estimated taller than one
   * and not `fits` (measured to fit).
   */
  block(b: Block, breaks = false, fits = false): Content {
    const t = this.theme;
    const width = contentWidthPt(t);
    switch (b.type) {
      case 'heading': {
        const h = t.titoli[String(b.level) as '1' | '2' | '3' | '4'];
        const mark = this.marks?.get(b);
        return {
          text: this.inlines(b.content, classStyle(t, b.cls).maiuscole),
          fontSize: h.dimensione,
          bold: true,
          color: color(t, 'titoli'),
          margin: [0, h.spazioPrima, 0, h.spazioDopo],
          ...this.classProps(b.cls),
          ...(mark && { id: mark.id, outline: true, outlineText: mark.title, ...(mark.parent && { outlineParentId: mark.parent }) }),
        } as Content;
      }
      case 'paragraph': {
        const st = classStyle(t, b.cls);
        return {
          text: this.inlines(b.content, st.maiuscole),
          margin: [0, st.spazioPrima ?? 0, 0, st.spazioDopo ?? t.paragrafo.spazioDopo],
          ...this.classProps(b.cls),
        } as Content;
      }
      case 'list': {
        const items = b.items.map((it) => this.stack(it, true));
        // A list that goes on with an item of the list before it: that first item has no bullet or number.
        if (b.continues && items[0]) items[0] = { ...(items[0] as object), listType: 'none' } as unknown as Content;
        const common = { margin: [0, 0, 0, t.paragrafo.spazioDopo] as [number, number, number, number] };
        return b.ordered ? ({ ol: items, start: b.start ?? 1, ...common } as Content) : ({ ul: items, ...common } as Content);
      }
      case 'quote':
        return { stack: b.content.map((c) => this.block(c, breaks)), margin: [QUOTE_INDENT, 0, 0, t.paragrafo.spazioDopo] } as Content;
      case 'div': {
        const st = classStyle(t, b.cls);
        const keep = !breaks && (fits || this.est.height(b, width) <= this.inner);
        return { stack: b.content.map((c) => this.block(c, !keep)), margin: [0, st.spazioPrima ?? 0, 0, st.spazioDopo ?? 0], ...(keep && { unbreakable: true }) } as Content;
      }
      case 'pagebreak':
        // A drawing of no height: it fits even on a full page, so the break never leaves a blank page behind it.
        return { canvas: [], pageBreak: 'after' } as Content;
      case 'chart':
        return this.chart(b.chart, Math.min(b.chart.width, width));
      case 'image':
        return { image: dataUrl(b.image), ...imageSizePt(b.image, width), alignment: 'center', margin: [0, 0, 0, t.paragrafo.spazioDopo] } as Content;
      case 'table':
        return breaks || (!fits && this.est.height(b, width) > this.inner) ? this.tallTable(b) : this.table(b.rows, b.cls, { unbreakable: true });
    }
  }

  /**
   * A chart: its shapes as an SVG (pdfmake's `svg` node), its texts drawn by pdfmake over it (each placed
   * at the chart's own coordinates with `relativePosition`): svg-to-pdfkit cannot open the theme's fonts
   * from pdfmake's virtual file system, and the text stays text, in the embedded fonts (PDF/A).
   */
  private chart(chart: Chart, width: number): Content {
    const k = width / chart.width;
    const texts = chart.shapes.flatMap((s) => {
      if (s.kind !== 'text') return [];
      const w = (s.text.length * s.size * 0.62 + 6) * k;
      const left = (s.anchor === 'start' ? s.x * k : s.anchor === 'end' ? s.x * k - w : s.x * k - w / 2);
      return [{
        columns: [{ width: w, text: s.text, fontSize: s.size * k, lineHeight: 1, bold: s.bold === true, color: s.fill, alignment: s.anchor === 'start' ? 'left' : s.anchor === 'end' ? 'right' : 'center' }],
        relativePosition: { x: left, y: (s.y - s.size * 0.92) * k },
      }];
    });
    const svg = chartSvg({ ...chart, shapes: chart.shapes.filter((s) => s.kind !== 'text') }, width);
    return { stack: [...texts, { svg, width }], unbreakable: true, margin: [0, 0, 0, this.theme.paragrafo.spazioDopo] } as unknown as Content;
  }

  /**
   * A table taller than a page, breaking between rows: its rows cut so that few are (estimated)
   * taller than an eighth of a page, which is about what a page leaves blank at its foot, and a
   * block only when it is taller than half a page (fit.ts); no line drawn between the pieces of one
   * row; its `<thead>` rows repeated at the top of each page and kept with the first row below them.
   */
  private tallTable(b: Extract<Block, { type: 'table' }>): Content {
    const { rows, continued } = splitRows(b.rows, b.cls, this.est, { piece: this.inner / 8, cut: this.inner / 2 });
    let head = 0;
    while (rows[head]?.head && !continued[head + 1]) head++;
    const headHeight = this.est.tableRows(rows.slice(0, head), b.cls).reduce((a, h) => a + h, 0);
    return this.table(rows, b.cls, { headerRows: headHeight <= this.inner / 3 ? head : 0, continued });
  }

  /** A table: unbreakable (kept on one page) or breaking between rows (see tallTable). */
  private table(rows: Row[], cls: string | undefined, how: { unbreakable: true } | { headerRows: number; continued: boolean[] }): Content {
    const t = this.theme;
    const nCols = columnCount(rows);
    const width = contentWidthPt(t);
    const widths = columnPercents(t, rows, cls).map((p) => (p / 100) * width - 2 * t.tabella.margineCella - 1);
    const body: TableCell[][] = rows.map((r) => {
      const cells: TableCell[] = [];
      for (const c of r.cells) {
        // The place of a cell above that spans into this row: pdfmake wants an empty cell there.
        if (c.covered) {
          for (let k = 0; k < c.colspan; k++) cells.push({} as TableCell);
          continue;
        }
        const st = classStyle(t, c.cls);
        const content = trimLast(c.content.map((x) => this.block(x)));
        cells.push({
          // One block is the cell itself; more go in a stack.
          ...(content.length === 1 ? (content[0] as object) : { stack: content.length ? content : [{ text: '' }] }),
          ...(c.colspan > 1 && { colSpan: c.colspan }),
          ...(c.rowspan && { rowSpan: c.rowspan }),
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
    const continued = 'continued' in how ? how.continued : undefined;
    const table = {
      table: {
        widths,
        body,
        dontBreakRows: true,
        ...('headerRows' in how && how.headerRows > 0 && { headerRows: how.headerRows, keepWithHeaderRows: 1 }),
      },
      layout: {
        hLineColor: () => border,
        vLineColor: () => border,
        // No line between the pieces of a row cut in several (tallTable).
        hLineWidth: continued ? (i: number) => (continued[i] ? 0 : 0.6) : () => 0.6,
        vLineWidth: () => 0.6,
        paddingLeft: () => pad,
        paddingRight: () => pad,
        // Nor padding: the pieces read as one row.
        paddingTop: continued ? (i: number) => (continued[i] ? 0 : pad * 0.75) : () => pad * 0.75,
        paddingBottom: continued ? (i: number) => (continued[i + 1] ? 0 : pad * 0.25) : () => pad * 0.25,
      },
    };
    return 'unbreakable' in how
      ? ({ unbreakable: true, stack: [table], margin: [0, 0, 0, t.tabella.spazioDopo] } as Content)
      : ({ stack: [table], margin: [0, 0, 0, t.tabella.spazioDopo] } as Content);
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

  /** `upper`: in capitals (the block's class asks for them; a text's own class may too). */
  private inlines(items: Inline[], upper?: boolean): ContentText['text'] {
    // Plain text as a string: far cheaper for pdfmake to lay out than an array of runs.
    // A word longer than a column comes in pieces pdfmake may wrap between (fit.ts).
    const only = items[0];
    if (items.length === 1 && only?.type === 'text' && !only.bold && !only.italic && !only.cls && !only.mark) {
      const text = upper ? only.text.toUpperCase() : only.text;
      const pieces = splitLongWords(text);
      return pieces ? (pieces.flatMap((p) => this.runs(p, {})) as ContentText['text']) : this.text(text);
    }
    return items.flatMap((i) => {
      if (i.type === 'break') return [{ text: '\n' }];
      if (i.type === 'field') return [{ text: '' }];
      const look = { ...(i.bold && { bold: true }), ...(i.italic && { italics: true }), ...this.classProps(i.cls), ...(i.mark && MARKS[i.mark]) };
      const text = upper || (i.cls && classStyle(this.theme, i.cls).maiuscole) ? i.text.toUpperCase() : i.text;
      return (splitLongWords(text) ?? [text]).flatMap((p) => this.runs(p, look));
    }) as ContentText['text'];
  }

  /** A piece of text with its look, as runs each from the font that has its characters. */
  private runs(text: string, look: Partial<ContentText>): object[] {
    const runs = this.text(text);
    return typeof runs === 'string' ? [{ text: runs, ...look }] : runs.map((r) => ({ ...r, ...look }));
  }

  /** A text as pdfmake takes it: a string when the body font has every character, else runs, each from the font that has it. */
  text(text: string): string | { text: string; font?: string }[] {
    const runs = this.coverage ? fontRuns(text, this.coverage) : text;
    return typeof runs === 'string' ? runs : runs.map((r) => (r.fallback ? { text: r.text, font: FALLBACK_FONT } : { text: r.text }));
  }
}
