/**
 * The DOCX body as WordprocessingML, written straight from the document tree.
 *
 * The body is the part of the document that grows with the plan: building it as docx objects
 * (a Paragraph, TextRun, TableCell… per element) cost most of the DOCX time and over a gigabyte
 * of memory for a few thousand objectives. Here it is a string, in the forms docx 9 writes
 * (element and attribute order, number formats, escaping), ~2.7× faster and a third of the memory.
 * Its lists' numbering is ours too (`docx-numbering.ts`). Everything else in the package (styles,
 * fonts, header, footer, properties) is docx's: see docx.ts. `test/docx.test.ts` holds each feature's
 * XML to a small golden file.
 */
import { outlineOf, type Block, type Inline, type Revision } from '../render/tree.js';
import type { ClassStyle, Theme } from '../render/theme.js';
import { MARK_BACKGROUNDS, MARK_COLOURS, classStyle, color } from './style.js';
import { columnPercents, contentWidthPt, imageSizePt, pageHeightPt } from './common.js';
import type { ImageFile } from '../io/image.js';
import { chartDrawing } from './docx-chart.js';
import { Estimator, keepsWithNext } from './fit.js';
import { Numbering, type ListReference } from './docx-numbering.js';

export const TWIP = 20; // twips per point
export const HALF = 2; // half-points per point

/** The style of a heading at outline level `n` whose class asks for capitals (docx.ts defines it). */
export function capsStyleId(n: number): string {
  return `Heading${n}Maiuscolo`;
}

/**
 * Words removed or inserted in a change report (a visual mark, not a Word revision): struck through or
 * underlined, in the colour of their kind on a light background; in the order Word's schema asks (strike, colour, size, underline, shading).
 */
function markXml(mark: 'del' | 'ins', colour: (c: string | undefined) => string, size: string): string {
  const shd = `<w:shd w:val="clear" w:color="auto" w:fill="${hex(MARK_BACKGROUNDS[mark])}"/>`;
  return mark === 'del' ? `<w:strike/>${colour(hex(MARK_COLOURS.del))}${size}${shd}` : `${colour(hex(MARK_COLOURS.ins))}${size}<w:u w:val="single"/>${shd}`;
}

const ALIGN = { sinistra: 'left', centro: 'center', destra: 'right', giustificato: 'both' } as const;

/** Where a block sits: list depth, inside a table cell or a quotation, the class inherited from its cell, and its row's keep-with-next. */
interface Ctx {
  level: number;
  inCell: boolean;
  quote?: boolean;
  cls?: string;
  /** Set for the paragraphs directly in a table cell: the keep-with-next of their row (docx's `TableRow.keepNext`). */
  keep?: boolean;
  /** In the flow of text, a block of a group kept on one page (a `div` that fits): it keeps with the next, its tables' last rows too. */
  keepAll?: boolean;
}

/**
 * Writes `tree.body`: `body` is the children of `w:body` (everything but the section properties),
 * `numbering` the `word/numbering.xml` its lists refer to.
 */
export function bodyXml(blocks: Block[], theme: Theme, revisions?: Revisions): { body: string; numbering: string; media: Media[] } {
  const w = new BodyWriter(theme, revisions);
  w.blocks(blocks, { level: 0, inCell: false });
  return { body: w.out.join(''), numbering: w.numbering.xml(), media: [...w.media.values()] };
}

/** An image part of the package (`word/media/…`) and the id of its relationship from document.xml. */
export interface Media {
  path: string;
  rId: string;
  data: Uint8Array;
}

/**
 * Who made the tree's tracked revisions (`rev`, amend/tracked.ts) and when (ISO 8601, from the data): Word
 * shows them on each inserted or deleted piece.
 */
export interface Revisions {
  author: string;
  /** ISO date-time of the approving act; absent for a draft (Word shows the changes undated). */
  date?: string;
}

/** Points to EMU (DrawingML's unit). */
const EMU = 12700;

class BodyWriter {
  /** The XML in pieces, joined once at the end. */
  readonly out: string[] = [];
  /** Paragraphs and tables written so far, at any depth: tells whether anything followed a given paragraph. */
  private written = 0;
  /** Whether the last paragraph or table closed was a table (a cell must end with a paragraph). */
  private lastWasTable = false;
  private lists = 0;
  readonly numbering = new Numbering();
  /** The image parts, one per image file, in the order the body first shows them. */
  readonly media = new Map<ImageFile, Media>();
  private drawings = 0;
  private readonly numIds = new Map<string, number>();
  private readonly styles = new Map<string, ClassStyle>();
  private readonly widthTwips: number;
  private readonly border: string;
  private readonly fit: Estimator;
  /** The usable height of a page, in points. */
  private readonly pageHeight: number;

  /** The last tracked revision's `w:id`: numbered in the order written, so the same tree gives the same ids. */
  private revisionId = 0;

  constructor(private readonly theme: Theme, private readonly revisions?: Revisions) {
    this.widthTwips = Math.round(contentWidthPt(theme) * TWIP);
    this.border = hexColor(hex(color(theme, 'bordi')) ?? 'auto');
    this.fit = new Estimator(theme);
    this.pageHeight = pageHeightPt(theme);
  }

  /** `together`: the blocks are a group kept on one page, as the PDF keeps a `div` that fits: each keeps with the next. */
  blocks(blocks: Block[], ctx: Ctx, together = false): void {
    // In the flow of text, a heading's short list keeps with what follows it, as in the PDF (fit.ts).
    const keep = ctx.inCell ? undefined : keepsWithNext(blocks, this.theme);
    blocks.forEach((b, i) => {
      const c = together && i < blocks.length - 1 ? { ...ctx, keepAll: true } : ctx;
      if (b.type === 'list' && keep?.[i]) this.list(b, c, true);
      else this.block(b, c);
    });
  }

  private block(b: Block, ctx: Ctx): void {
    const t = this.theme;
    switch (b.type) {
      case 'heading': {
        const st = this.style(b.cls);
        // Capitals come from the heading's own style (the text keeps its case for the table of contents).
        const style = st.maiuscole ? capsStyleId(outlineOf(b)) : `Heading${outlineOf(b)}`;
        this.paragraph(`<w:pStyle w:val="${style}"/>`, st.conSuccessivo, ctx, '', this.spacing(st, undefined) + align(st) + this.mark(b.rev), this.runs(b.content, join(ctx.cls, b.cls), false));
        return;
      }
      case 'paragraph': {
        const st = this.style(join(ctx.cls, b.cls));
        const props = this.spacing(st, ctx) + (ctx.quote ? '<w:ind w:left="540"/>' : '') + align(st) + this.mark(b.rev);
        this.paragraph('', st.conSuccessivo, ctx, '', props, this.runs(b.content, join(ctx.cls, b.cls)));
        return;
      }
      case 'list':
        this.list(b, ctx);
        return;
      case 'quote':
        this.blocks(b.content, { ...ctx, quote: true });
        return;
      case 'div':
        // The PDF keeps a group on one page where it fits (pdf.ts): Word does with keep-with-next.
        this.blocks(b.content, ctx, !ctx.inCell && this.fit.height(b, this.widthTwips / TWIP) <= this.pageHeight);
        return;
      case 'pagebreak':
        this.paragraph('', undefined, ctx, '<w:pageBreakBefore/>', this.mark(b.rev), '');
        return;
      case 'chart': {
        const drawn = chartDrawing({ ...b.chart, alt: b.alt }, Math.min(b.chart.width, this.widthTwips / TWIP), ++this.drawings);
        this.drawings = drawn.nextId;
        this.paragraph('', true, ctx, '', `<w:spacing w:after="${int(t.paragrafo.spazioDopo * TWIP)}" w:line="240" w:lineRule="auto"/>${this.mark(b.rev)}`, this.tracked(b.rev, drawn.xml));
        return;
      }
      case 'image':
        this.paragraph('', true, ctx, '', `<w:spacing w:after="${int(t.paragrafo.spazioDopo * TWIP)}" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/>${this.mark(b.rev)}`, this.tracked(b.rev, this.drawing(b)));
        return;
      case 'table':
        this.table(b, ctx);
        // Space after the table (Word needs a paragraph between two tables anyway).
        this.paragraph('', undefined, ctx, '', `<w:spacing w:after="0" w:before="0" w:line="${Math.round(t.tabella.spazioDopo * TWIP)}" w:lineRule="exact"/>${this.mark(b.rev)}`, '');
        return;
    }
  }

  /** `keepNext`: every item keeps with the next paragraph (a heading's short list, see `blocks`). */
  private list(b: Extract<Block, { type: 'list' }>, ctx: Ctx, keepNext?: boolean): void {
    // Numbered lists restart, at 1 or at their `start` (a w:num each); bulleted ones share one, which keeps numbering.xml small.
    const instance = b.ordered ? ++this.lists : 0;
    const reference: ListReference = b.ordered ? 'numeri' : 'punti';
    const level = Math.min(ctx.level, 3);
    const indent = ctx.quote ? `<w:ind w:left="${360 * (ctx.level + 1) + 540}" w:hanging="260"/>` : '';
    // A list in the flow of text is followed by the usual paragraph space (inside a cell, none): the last
    // paragraph gets it if nothing of the list (a nested list or table) was written after it.
    const spaced = ctx.level === 0 && !ctx.inCell;
    let last: { slot: number; written: number } | undefined;
    for (const item of b.items) {
      item.forEach((child, k) => {
        if (child.type === 'paragraph' && k === 0) {
          const numPr = `<w:numPr><w:ilvl w:val="${level}"/><w:numId w:val="${this.numId(reference, instance, level, b.start)}"/></w:numPr>`;
          const slot = this.paragraph('<w:pStyle w:val="ListParagraph"/>', keepNext, ctx, numPr, indent + this.mark(child.rev), this.runs(child.content, join(ctx.cls, child.cls)), spaced);
          if (spaced) last = { slot, written: this.written };
        } else this.block(child, { ...ctx, level: ctx.level + 1 });
      });
    }
    if (last && last.written === this.written) this.out[last.slot] = `<w:spacing w:after="${this.theme.paragrafo.spazioDopo * TWIP}"/>`;
  }

  private table(b: Extract<Block, { type: 'table' }>, ctx: Ctx): void {
    const t = this.theme;
    const widths = columnPercents(t, b.rows, b.cls).map((p) => Math.round((p / 100) * this.widthTwips));
    const pad = t.tabella.margineCella * TWIP;
    const border = (side: string) => `<w:${side} w:val="single" w:color="${this.border}" w:sz="4"/>`;
    const grid = widths.length ? `<w:tblGrid>${widths.map((x) => `<w:gridCol w:w="${unsigned(x)}"/>`).join('')}</w:tblGrid>` : '<w:tblGrid/>';
    this.out.push(
      '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/>',
      `<w:tblW w:type="dxa" w:w="${int(this.widthTwips)}"/>`,
      `<w:tblBorders>${border('top')}${border('left')}${border('bottom')}${border('right')}${border('insideH')}${border('insideV')}</w:tblBorders>`,
      '<w:tblLayout w:type="fixed"/>',
      // Cell padding once for the table (tblCellMar), not on every cell.
      `<w:tblCellMar><w:top w:type="dxa" w:w="${int(pad * 0.6)}"/><w:left w:type="dxa" w:w="${int(pad)}"/><w:bottom w:type="dxa" w:w="${int(pad * 0.4)}"/><w:right w:type="dxa" w:w="${int(pad)}"/></w:tblCellMar>`,
      '</w:tblPr>',
      grid,
    );
    this.written++;
    const lastRow = b.rows.length - 1;
    // Rows (generously) estimated: a table taller than a page breaks between its rows, its <thead> rows
    // repeated on each page; a row taller than half a page may break inside (Word would clip it otherwise).
    const heights = this.fit.tableRows(b.rows, b.cls);
    const tall = heights.reduce((a, h) => a + h, 0) > this.pageHeight;
    let head = true;
    b.rows.forEach((r, ri) => {
      // docx leaves out a row without cells (Word could not open it).
      if (!r.cells.length) return;
      head &&= r.head === true;
      const trPr = (heights[ri]! <= this.pageHeight / 2 ? '<w:cantSplit/>' : '') + (head ? '<w:tblHeader/>' : '') + (r.rev ? `<w:${r.rev}${this.revision()}/>` : '');
      this.out.push(trPr ? `<w:tr><w:trPr>${trPr}</w:trPr>` : '<w:tr>');
      // Keep-with-next on every row but the last keeps the table on one page without chaining tables together
      // (a table taller than a page: only its header rows, with the first row below them).
      // Word has it on paragraphs: every paragraph directly in the row's cells gets it (docx writes it that way).
      const keep = tall ? head : ri < lastRow || ctx.keepAll === true;
      let col = 0;
      for (const c of r.cells) {
        const st = this.style(c.cls);
        const width = widths.slice(col, col + c.colspan).reduce((a, x) => a + x, 0);
        col += c.colspan;
        let tcPr = `<w:tcW w:type="dxa" w:w="${int(width)}"/>`;
        if (c.colspan > 1) tcPr += `<w:gridSpan w:val="${int(c.colspan)}"/>`;
        if (c.rowspan) tcPr += '<w:vMerge w:val="restart"/>';
        else if (c.covered) tcPr += '<w:vMerge/>';
        if (st.sfondo) {
          const fill = hex(color(t, st.sfondo));
          tcPr += `<w:shd ${fill === undefined ? '' : `w:fill="${hexColor(fill)}" `}w:color="auto" w:val="clear"/>`;
        }
        this.out.push(`<w:tc><w:tcPr>${tcPr}</w:tcPr>`);
        const before = this.written;
        this.blocks(c.content, { level: 0, inCell: true, keep, ...(c.cls && { cls: c.cls }) });
        // A cell ends with a paragraph: an empty one if it has no content or ends with a table.
        if (this.written === before || this.lastWasTable) this.paragraph('', undefined, { level: 0, inCell: true, keep }, '', '', '');
        this.out.push('</w:tc>');
      }
      this.out.push('</w:tr>');
    });
    this.out.push('</w:tbl>');
    this.lastWasTable = true;
  }

  /**
   * Writes a paragraph. Its properties in the order docx writes them: style, keep-with-next (its own, else its
   * row's), then `beforeSpacing` (page break, numbering), the spacing slot, then `props` (spacing, indent, alignment).
   * With `slot`, an empty piece is left where the spacing goes, to be filled in later; its index is returned.
   */
  private paragraph(style: string, keepNext: boolean | undefined, ctx: Ctx, beforeSpacing: string, props: string, runs: string, slot = false): number {
    const keep = keepNext || ctx.keepAll ? true : ctx.keep;
    const head = style + (keep === undefined ? '' : keep ? '<w:keepNext/>' : '<w:keepNext w:val="false"/>') + beforeSpacing;
    this.written++;
    this.lastWasTable = false;
    if (slot) {
      this.out.push(`<w:p><w:pPr>${head}`, '', `${props}</w:pPr>${runs}</w:p>`);
      return this.out.length - 2;
    }
    const pPr = head + props;
    this.out.push(pPr ? `<w:p><w:pPr>${pPr}</w:pPr>${runs}</w:p>` : runs ? `<w:p>${runs}</w:p>` : '<w:p/>');
    return -1;
  }

  /** An image in line with the text, at the size every writer gives it (common.ts), with its alternative text. */
  private drawing(b: Extract<Block, { type: 'image' }>): string {
    let media = this.media.get(b.image);
    if (!media) {
      const n = this.media.size + 1;
      this.media.set(b.image, (media = { path: `media/piao-immagine-${n}.${b.image.format === 'png' ? 'png' : 'jpeg'}`, rId: `rIdPiaoImmagine${n}`, data: b.image.data }));
    }
    const id = ++this.drawings;
    const size = imageSizePt(b.image, this.widthTwips / TWIP);
    const cx = unsigned(size.width * EMU);
    const cy = unsigned(size.height * EMU);
    const alt = escapeXml(b.alt);
    const A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
    const PIC = 'http://schemas.openxmlformats.org/drawingml/2006/picture';
    return (
      `<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="${cx}" cy="${cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>` +
      `<wp:docPr id="${id}" name="Immagine ${id}" descr="${alt}"/><wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="${A}" noChangeAspect="1"/></wp:cNvGraphicFramePr>` +
      `<a:graphic xmlns:a="${A}"><a:graphicData uri="${PIC}"><pic:pic xmlns:pic="${PIC}">` +
      `<pic:nvPicPr><pic:cNvPr id="${id}" name="Immagine ${id}" descr="${alt}"/><pic:cNvPicPr><a:picLocks noChangeAspect="1"/></pic:cNvPicPr></pic:nvPicPr>` +
      `<pic:blipFill><a:blip r:embed="${media.rId}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
      `<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>` +
      '</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>'
    );
  }

  /** The spacing of a paragraph of a class: none in a cell, the class's own if it has any. */
  private spacing(st: ClassStyle, ctx: Ctx | undefined): string {
    if (ctx?.inCell) return '<w:spacing w:after="0"/>';
    if (st.spazioPrima === undefined && st.spazioDopo === undefined) return '';
    return `<w:spacing w:after="${(st.spazioDopo ?? this.theme.paragrafo.spazioDopo) * TWIP}" w:before="${(st.spazioPrima ?? 0) * TWIP}"/>`;
  }

  /** `caps`: capitals of the paragraph's class as run formatting (a heading has them from its style instead). */
  private runs(items: Inline[], cls: string | undefined, caps = true): string {
    const st = this.style(cls);
    const colour = st.colore ? hex(color(this.theme, st.colore)) : undefined;
    const size = st.dimensione ? st.dimensione * HALF : undefined;
    // Colour and size come from the paragraph's class only; bold, italics and capitals also from the text's own.
    const colourXml = (c: string | undefined) => (c ? `<w:color w:val="${hexColor(c)}"/>` : '');
    const sizeXml = size ? `<w:sz w:val="${unsigned(size)}"/><w:szCs w:val="${unsigned(size)}"/>` : '';
    const rest = colourXml(colour) + sizeXml;
    let xml = '';
    // Tracked runs: consecutive ones of the same kind in one w:ins or w:del.
    let open: Revision | undefined;
    for (const i of items) {
      if (i.rev !== open) {
        if (open) xml += `</w:${open}>`;
        if ((open = i.rev)) xml += `<w:${open}${this.revision()}>`;
      }
      const t = i.rev === 'del' ? 'w:delText' : 'w:t';
      if (i.type === 'break') xml += '<w:r><w:br/></w:r>';
      else if (i.type === 'field') xml += `<w:r><${t} xml:space="preserve"></${t}></w:r>`;
      else {
        const own = i.cls ? this.style(i.cls) : undefined;
        const rPr = (st.grassetto || i.bold || own?.grassetto ? '<w:b/><w:bCs/>' : '') + (st.corsivo || i.italic || own?.corsivo ? '<w:i/><w:iCs/>' : '') + ((caps && st.maiuscole) || own?.maiuscole ? '<w:caps/>' : '') + (i.mark ? markXml(i.mark, colourXml, sizeXml) : rest);
        xml += `<w:r>${rPr ? `<w:rPr>${rPr}</w:rPr>` : ''}<${t} xml:space="preserve">${escapeXml(i.text)}</${t}></w:r>`;
      }
    }
    return open ? `${xml}</w:${open}>` : xml;
  }

  /** A tracked revision's attributes: a new id, author and date. */
  private revision(): string {
    const r = this.revisions ?? { author: '', date: '' };
    return ` w:id="${++this.revisionId}" w:author="${escapeXml(r.author)}"${r.date !== undefined ? ` w:date="${r.date}"` : ''}`;
  }

  /** A paragraph mark inserted or deleted (the last of a paragraph's properties). */
  private mark(rev: Revision | undefined): string {
    return rev ? `<w:rPr><w:${rev}${this.revision()}/></w:rPr>` : '';
  }

  /** Runs inserted or deleted as a whole (an image). */
  private tracked(rev: Revision | undefined, runs: string): string {
    return rev ? `<w:${rev}${this.revision()}>${runs}</w:${rev}>` : runs;
  }

  /** The merged style of a class list, once per distinct list. */
  private style(cls: string | undefined): ClassStyle {
    if (!cls) return {};
    let st = this.styles.get(cls);
    if (!st) this.styles.set(cls, (st = classStyle(this.theme, cls)));
    return st;
  }

  /** A list's `w:numId`, made when the body first refers to the list (a list with no paragraph of its own has none). */
  private numId(reference: ListReference, instance: number, level: number, start: number | undefined): number {
    const key = `${reference}-${instance}`;
    let id = this.numIds.get(key);
    if (id === undefined) this.numIds.set(key, (id = this.numbering.add(reference, level, start)));
    return id;
  }
}

function join(a: string | undefined, b: string | undefined): string | undefined {
  return a && b ? `${a} ${b}` : (a ?? b);
}

export function hex(c: string | undefined): string | undefined {
  return c?.replace('#', '');
}

function align(st: ClassStyle): string {
  return st.allineamento ? `<w:jc w:val="${ALIGN[st.allineamento]}"/>` : '';
}

// Numbers and colours as docx checks and writes them.

/** An integer attribute (docx floors measures: ST_DecimalNumber). */
function int(n: number): number {
  if (!Number.isFinite(n)) throw new Error(`Invalid value '${n}' specified. Must be an integer.`);
  return Math.floor(n);
}

/** A non-negative integer attribute (ST_UnsignedDecimalNumber). */
function unsigned(n: number): number {
  const v = int(n);
  if (v < 0) throw new Error(`Invalid value '${n}' specified. Must be a positive integer.`);
  return v;
}

/** "auto" or six hex digits (ST_HexColor). */
function hexColor(c: string): string {
  if (c !== 'auto' && !/^[0-9A-Fa-f]{6}$/.test(c)) throw new Error(`Invalid hex value '${c}'. Expected 6 digit hex value`);
  return c;
}

const XML_SPECIAL = /[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/;
const XML_SPECIALS = /[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };

/** Text as docx escapes it: the five entities, and the control characters XML 1.0 cannot hold dropped. */
export function escapeXml(s: string): string {
  return XML_SPECIAL.test(s) ? s.replace(XML_SPECIALS, (ch) => ENTITIES[ch] ?? '') : s;
}
