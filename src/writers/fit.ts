/**
 * What the writers need to never lose a block. pdfmake leaves out, without a word, any block
 * marked unbreakable that is taller than a page (and a table row taller than a page, and the
 * part of a word wider than its column); Word clips a row that may not break across pages when
 * it is taller than a page. So:
 *
 * - `estimateHeight` gives a cheap, deliberately generous height of a block, to tell the blocks
 *   that surely fit on a page (almost all) from those worth measuring with pdfmake itself;
 * - `splitRows` cuts the rows of a table too tall for a page into rows of at most a given height
 *   (a long cell's paragraphs, list items, words), so that pdfmake can break the table between them;
 * - `splitLongWords` cuts words longer than any column into pieces that pdfmake may wrap between.
 *
 * In the PDF estimates never decide alone: a block whose estimate does not surely fit is measured
 * (pdf.ts), and pdf.ts checks after drawing that every word of the tree was drawn. In the DOCX a row
 * is kept from breaking only when its estimate is well under a page (docx-xml.ts).
 */
import type { Block, Cell, Inline, Row } from '../render/tree.js';
import type { Theme } from '../render/theme.js';
import { classStyle } from './style.js';
import { columnPercents, contentWidthPt, imageSizePt } from './common.js';

/** Widths a text wider than a character in 0.62 em and lines 1.5 times the set line height never reach (Titillium: ~0.5 em, 1.2). */
const CHAR_EM = 0.62;
const LINE_EM = 1.5;
/** Of a line's width, the part a greedy line-break surely fills. */
const FILL = 0.85;
/** Indent of a list item's text, and of a quotation (pdf.ts). */
export const LIST_INDENT = 20;
export const QUOTE_INDENT = 18;

/** Lists up to this long travel with the heading above them. */
export const SHORT_LIST = 12;

/**
 * For each block of a sequence, whether it is kept on one page with the block after it: a heading, a
 * paragraph whose class keeps with the next (`conSuccessivo`), and, with `chain`, a short list between
 * one of those and a table or another of those (a servizio's functions, a settore's staff), so that a
 * heading, its list and the first objective after them share a page. Both the PDF (units kept whole)
 * and the DOCX (Word's keep-with-next) follow it.
 */
export function keepsWithNext(blocks: Block[], theme: Theme, chain = true): boolean[] {
  const own = (b: Block | undefined) => b?.type === 'heading' || (b?.type === 'paragraph' && classStyle(theme, b.cls).conSuccessivo === true);
  const keep: boolean[] = [];
  blocks.forEach((b, i) => {
    const next = blocks[i + 1];
    keep.push(own(b) || (chain && b.type === 'list' && b.items.length <= SHORT_LIST && keep[i - 1] === true && (next?.type === 'table' || own(next))));
  });
  return keep;
}

/** A word longer than this is cut into pieces that may wrap (the narrowest column holds ~20 characters). */
export const LONG_WORD = 24;

export class Estimator {
  private readonly size: number;
  private readonly lh: number;

  constructor(readonly theme: Theme) {
    this.size = theme.carattere.dimensione;
    this.lh = theme.carattere.interlinea;
  }

  /** Lines of `text` at `size` in `width` points, at least one. */
  private lines(chars: number, size: number, width: number): number {
    return Math.max(1, Math.ceil((chars * CHAR_EM * size) / Math.max(1, width * FILL)));
  }

  private inlineHeight(items: Inline[], size: number, width: number): number {
    // Each forced line break starts a new line: count the lines of each piece between breaks.
    let lines = 0;
    let chars = 0;
    for (const i of items) {
      if (i.type === 'break') {
        lines += this.lines(chars, size, width);
        chars = 0;
      } else if (i.type === 'text') chars += i.text.length;
      else chars += 4;
    }
    lines += this.lines(chars, size, width);
    return lines * size * this.lh * LINE_EM;
  }

  /** A generous height in points of a block set `width` points wide. */
  height(b: Block, width: number): number {
    const t = this.theme;
    switch (b.type) {
      case 'heading': {
        const h = t.titoli[String(b.level) as '1' | '2' | '3' | '4'];
        return h.spazioPrima + h.spazioDopo + this.inlineHeight(b.content, h.dimensione, width);
      }
      case 'paragraph': {
        const st = classStyle(t, b.cls);
        return (st.spazioPrima ?? 0) + (st.spazioDopo ?? t.paragrafo.spazioDopo) + this.inlineHeight(b.content, st.dimensione ?? this.size, width);
      }
      case 'list':
        return t.paragrafo.spazioDopo + b.items.reduce((n, it) => n + this.blocks(it, width - LIST_INDENT) + 1, 0);
      case 'quote':
        return t.paragrafo.spazioDopo + this.blocks(b.content, width - QUOTE_INDENT);
      case 'div': {
        const st = classStyle(t, b.cls);
        return (st.spazioPrima ?? 0) + (st.spazioDopo ?? 0) + this.blocks(b.content, width);
      }
      case 'pagebreak':
        return 0;
      case 'chart':
        return (Math.min(b.chart.width, width) * b.chart.height) / b.chart.width + t.paragrafo.spazioDopo;
      case 'image':
        return imageSizePt(b.image, width).height + t.paragrafo.spazioDopo;
      case 'table':
        return t.tabella.spazioDopo + this.tableRows(b.rows, b.cls).reduce((a, r) => a + r, 0);
    }
  }

  blocks(blocks: Block[], width: number): number {
    return blocks.reduce((n, b) => n + this.height(b, width), 0);
  }

  /** The generous height of each row of a table. */
  tableRows(rows: Row[], cls: string | undefined): number[] {
    const widths = this.columnWidths(rows, cls);
    return rows.map((r) => {
      let col = 0;
      let tallest = 0;
      for (const c of r.cells) {
        const w = widths.slice(col, col + c.colspan).reduce((a, b) => a + b, 0);
        tallest = Math.max(tallest, this.cellHeight(c, w));
        col += c.colspan;
      }
      return tallest + this.theme.tabella.margineCella + 2;
    });
  }

  cellHeight(c: Cell, width: number): number {
    return this.blocks(c.content, width - 2 * this.theme.tabella.margineCella);
  }

  /** Column widths in points, as pdf.ts sets them. */
  columnWidths(rows: Row[], cls: string | undefined): number[] {
    const width = contentWidthPt(this.theme);
    return columnPercents(this.theme, rows, cls).map((p) => (p / 100) * width);
  }
}

/**
 * How a table taller than a page is cut (points, estimated): blocks are packed into rows of at
 * most `piece` (a row that does not fit at a page's foot leaves that much blank at most); a
 * single block is cut only when taller than `cut` (a cut shows: a paragraph's line ends early,
 * a list item goes on without its bullet), a paragraph into parts of about `cut`, at a sentence's
 * end where there is one.
 */
export interface Cuts {
  piece: number;
  cut: number;
}

/**
 * The rows of a table cut so that no row is estimated much taller than `cuts.piece` points: each
 * cell taller than that is cut between its blocks (see `Cuts`), piece by piece side by side; the
 * row's other cells stay whole in its first piece; a cell with no piece left is empty (with its
 * look). `continued[i]` tells that row `i` continues the row above it (pdf.ts draws no line between them).
 */
export function splitRows(rows: Row[], cls: string | undefined, est: Estimator, cuts: Cuts): { rows: Row[]; continued: boolean[] } {
  const heights = est.tableRows(rows, cls);
  const widths = est.columnWidths(rows, cls);
  const out: Row[] = [];
  const continued: boolean[] = [];
  rows.forEach((row, r) => {
    if (heights[r]! <= cuts.piece) {
      out.push(row);
      continued.push(false);
      return;
    }
    // Every cell taller than a piece is cut (a label as tall as its value, too); the others stay whole.
    let col = 0;
    const cellWidths = row.cells.map((c) => {
      const w = widths.slice(col, col + c.colspan).reduce((a, b) => a + b, 0);
      col += c.colspan;
      return w;
    });
    const pieces = row.cells.map((c, k) =>
      est.cellHeight(c, cellWidths[k]!) > cuts.piece ? splitBlocks(c.content, cellWidths[k]! - 2 * est.theme.tabella.margineCella, est, cuts) : [c.content],
    );
    const count = Math.max(...pieces.map((p) => p.length));
    for (let p = 0; p < count; p++) {
      out.push({
        ...(row.head && { head: true }),
        cells: row.cells.map((c, k) => ({ ...c, content: pieces[k]![p] ?? [] })),
      });
      continued.push(p > 0);
    }
  });
  return { rows: out, continued };
}

/** Blocks packed into pieces of at most `cuts.piece` estimated points (a block taller than that is a piece of its own, cut when taller than `cuts.cut`). */
function splitBlocks(blocks: Block[], width: number, est: Estimator, cuts: Cuts): Block[][] {
  const pieces: Block[][] = [];
  let current: Block[] = [];
  let height = 0;
  const flush = () => {
    if (current.length) pieces.push(current);
    current = [];
    height = 0;
  };
  const add = (b: Block) => {
    const h = est.height(b, width);
    if (height + h > cuts.piece) flush();
    current.push(b);
    height += h;
  };
  for (const b of blocks) {
    if (est.height(b, width) <= cuts.cut) add(b);
    else for (const part of splitBlock(b, width, est, cuts)) add(part);
  }
  flush();
  return pieces.length ? pieces : [[]];
}

/** One block too tall to stay whole, as several blocks (as far as it can be cut). */
function splitBlock(b: Block, width: number, est: Estimator, cuts: Cuts): Block[] {
  switch (b.type) {
    case 'paragraph':
      return splitParagraph(b, width, est, cuts.cut);
    case 'list': {
      // Items packed into lists of their own; a numbered list goes on with its numbering. An item
      // too tall to stay whole goes on in lists that continue it (`continues`: no bullet or number).
      const out: Block[] = [];
      let items: Block[][] = [];
      let height = 0;
      let start = b.start ?? 1;
      const flush = () => {
        if (!items.length) return;
        out.push({ ...b, items, ...(b.ordered && { start }) });
        start += items.length;
        items = [];
        height = 0;
      };
      for (const item of b.items) {
        const h = est.blocks(item, width - LIST_INDENT);
        if (height + h > cuts.piece) flush();
        if (h <= cuts.cut) {
          items.push(item);
          height += h;
          continue;
        }
        const [first, ...rest] = splitBlocks(item, width - LIST_INDENT, est, cuts);
        items.push(first!);
        flush();
        for (const part of rest) out.push({ ...b, items: [part], continues: true, ...(b.ordered && { start: start - 1 }) });
      }
      flush();
      return out;
    }
    case 'quote':
    case 'div':
      return splitBlocks(b.content, b.type === 'quote' ? width - QUOTE_INDENT : width, est, cuts).map((content) => ({ ...b, content }));
    default:
      return [b];
  }
}

/**
 * A paragraph cut into paragraphs of at most `max` estimated points: between words, at the end
 * of a sentence (". ", "; ", ": ", "! ", "? ") when the part would still be at least half as tall.
 */
function splitParagraph(b: Extract<Block, { type: 'paragraph' }>, width: number, est: Estimator, max: number): Block[] {
  const out: Block[] = [];
  let current: Inline[] = [];
  /** Where the current part could end at a sentence's end: inlines and characters of the last one. */
  let sentence: { inlines: number; chars: number } | undefined;
  const heightOf = (content: Inline[]) => est.height({ ...b, content }, width);
  const flush = () => {
    if (!current.length) return;
    if (sentence && heightOf(current.slice(0, sentence.inlines)) >= max / 2) {
      // Cut at the sentence's end: what follows it starts the next part.
      const head = current.slice(0, sentence.inlines);
      const last = head[head.length - 1] as Extract<Inline, { type: 'text' }>;
      const rest = [{ ...last, text: last.text.slice(sentence.chars) }, ...current.slice(sentence.inlines)].filter((i) => i.type !== 'text' || i.text);
      head[head.length - 1] = { ...last, text: last.text.slice(0, sentence.chars) };
      out.push({ ...b, content: head });
      current = rest;
    } else {
      out.push({ ...b, content: current });
      current = [];
    }
    sentence = undefined;
  };
  for (const item of b.content) {
    if (item.type !== 'text') {
      current.push(item);
      continue;
    }
    // Words with the spaces after them (a word longer than a column in pieces), so that the text
    // is the same once the parts are read in order.
    const words = (splitLongWords(item.text) ?? [item.text]).flatMap((piece) => piece.match(/\S*\s*/g) ?? []);
    for (const word of words) {
      if (!word) continue;
      if (current.length && heightOf([...current, { ...item, text: word }]) > max) flush();
      const last = current[current.length - 1];
      if (last?.type === 'text' && last.bold === item.bold && last.italic === item.italic && last.cls === item.cls && last.mark === item.mark) last.text += word;
      else current.push({ ...item, text: word });
      if (/[.;:!?]\s+$/.test(word)) sentence = { inlines: current.length, chars: (current[current.length - 1] as { text: string }).text.length };
    }
  }
  if (current.length) out.push({ ...b, content: current });
  return out;
}

/**
 * A text as pdfmake gets it: words longer than `LONG_WORD` characters cut into pieces of that
 * length, which pdfmake sets side by side and may wrap between (it never cuts a word itself, and
 * draws what does not fit the column outside it). Undefined when there is no such word.
 */
export function splitLongWords(text: string): string[] | undefined {
  if (!LONG_WORD_RE.test(text)) return undefined;
  const pieces: string[] = [];
  let rest = '';
  for (const token of text.split(/(\s+)/)) {
    if (token.length <= LONG_WORD || /^\s/.test(token) || Array.from(token).length <= LONG_WORD) {
      rest += token;
      continue;
    }
    // The first piece goes with the text before it, the last one with the text after it. Cut
    // between code points, never inside a surrogate pair.
    const points = Array.from(token);
    const chunks = Array.from({ length: Math.ceil(points.length / LONG_WORD) }, (_, i) => points.slice(i * LONG_WORD, (i + 1) * LONG_WORD).join(''));
    pieces.push(rest + chunks[0]!);
    for (let k = 1; k < chunks.length - 1; k++) pieces.push(chunks[k]!); // not a spread: a word may have millions of pieces
    rest = chunks.length > 1 ? chunks[chunks.length - 1]! : '';
  }
  if (rest) pieces.push(rest);
  return pieces;
}

const LONG_WORD_RE = new RegExp(`\\S{${LONG_WORD + 1}}`);
