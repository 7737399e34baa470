/**
 * Tracked changes between two versions of a document (`piao build NUOVO --confronta VECCHIO`): the two
 * document trees, rendered with the same templates and theme, aligned into one tree whose inserted and
 * deleted parts carry a `rev` mark (tree.ts). The DOCX writer shows the marks as Word revisions, so that
 * "accept all" gives exactly the new document and "reject all" exactly the old one.
 *
 * Why on the trees and not on the data: what the Giunta reads is the document, and every change of the data
 * (a date, a weight, an objective, a sentence of a template) shows there as text; the trees hold it all,
 * already laid out in the paragraphs, list items and table rows Word will show.
 *
 * Blocks are aligned by a diff on their content (equal blocks kept); in each run of removed and added blocks,
 * those alike (same kind and look, similar text) are paired and compared inside: paragraphs word by word,
 * containers block by block, lists item by item, tables by rows (a row with cells spanning rows below goes
 * with those rows). What is left is deleted or inserted whole. Pure: the two trees are not changed.
 */
import { diffArrays } from 'diff';
import type { Block, Cell, DocTree, Inline, Revision, Row } from '../render/tree.js';
import { currentVariazione, type Piano } from '../plan/schema.js';
import type { Revisions } from '../writers/docx-xml.js';

/** The new tree, with what the old one had and it has not put back in as deleted, its own additions marked inserted. */
export function trackChanges(old: DocTree, now: DocTree): DocTree {
  const body = alignBlocks(old.body, now.body);
  fixContainerEnd(body);
  return { ...now, body };
}

/**
 * Who made the changes and when, as Word shows them: the act approving the plan's last amendment
 * ("Giunta Comunale – delibera n. 45", its date); without one yet, the amendment's number and the
 * document's date; a plan without amendments, the approving body and the document's date. Never the clock.
 */
export function revisionsOf(plan: Piano): Revisions {
  const last = currentVariazione(plan);
  const act = last?.approvazione;
  const organo = act?.organo ?? plan.piano.approvazione?.organo ?? 'Giunta Comunale';
  const which = act?.numero !== undefined ? ` – delibera n. ${act.numero}` : last ? ` – variazione n. ${last.revisione}` : '';
  // A draft (the variazione's act not adopted yet) has no date of its own: Word shows the changes without one
  // rather than with the first approval's date; `piano.data_documento`, when written, dates them.
  const day = last ? (act?.data ?? plan.piano.data_documento) : (plan.piano.approvazione?.data ?? plan.piano.data_documento);
  return { author: `${organo}${which}`, ...(day !== undefined && { date: `${day}T00:00:00Z` }) };
}

// ---- alignment

/**
 * The merged sequence of two sequences: equal items (by `key`) kept, the rest paired where `similar`
 * (then merged by `pair`) or marked deleted (first) and inserted.
 */
function align<T>(a: T[], b: T[], key: (x: T) => string, similar: (x: T, y: T) => boolean, pair: (x: T, y: T) => T, mark: (x: T, rev: Revision) => T, same: (y: T) => T): T[] {
  const out: T[] = [];
  let dels: T[] = [];
  let ins: T[] = [];
  const flush = () => {
    let i = 0;
    let j = 0;
    for (const c of dels.length && ins.length ? diffArrays(dels, ins, { comparator: similar }) : []) {
      if (c.removed) for (let k = 0; k < c.count; k++) out.push(mark(dels[i++]!, 'del'));
      else if (c.added) for (let k = 0; k < c.count; k++) out.push(mark(ins[j++]!, 'ins'));
      else for (let k = 0; k < c.count; k++) out.push(pair(dels[i++]!, ins[j++]!));
    }
    while (i < dels.length) out.push(mark(dels[i++]!, 'del'));
    while (j < ins.length) out.push(mark(ins[j++]!, 'ins'));
    dels = [];
    ins = [];
  };
  let i = 0;
  let j = 0;
  for (const c of diffArrays(a.map(key), b.map(key))) {
    if (c.removed) dels.push(...a.slice(i, (i += c.count)));
    else if (c.added) ins.push(...b.slice(j, (j += c.count)));
    else {
      flush();
      for (let k = 0; k < c.count; k++, i++) out.push(same(b[j++]!));
    }
  }
  flush();
  return out;
}

function alignBlocks(a: Block[], b: Block[]): Block[] {
  return align(a, b, blockKey, similarBlocks, pairBlocks, markBlock, copyBlock);
}

/** Two blocks that differ, compared inside: they are alike (`similarBlocks`). */
function pairBlocks(a: Block, b: Block): Block {
  switch (b.type) {
    case 'heading':
    case 'paragraph':
      return { ...b, content: diffInlines((a as typeof b).content, b.content) };
    case 'div':
    case 'quote':
      return { ...b, content: alignBlocks((a as typeof b).content, b.content) };
    case 'list':
      return { ...b, items: align((a as typeof b).items, b.items, itemKey, (x, y) => similarity(x, y) >= 0.5, alignBlocks, (x, rev) => x.map((c) => markBlock(c, rev)), (x) => x.map(copyBlock)) };
    case 'table':
      return { ...b, rows: alignRows((a as typeof b).rows, b.rows) };
    default:
      // Images and page breaks are paired only when equal (`similarBlocks`).
      return copyBlock(b);
  }
}

/** Blocks that may be compared inside: same kind and look (so that paragraph properties are the same in both), similar text. */
function similarBlocks(a: Block, b: Block): boolean {
  if (a.type !== b.type || a.type === 'pagebreak' || a.type === 'image') return false;
  if (a.cls !== (b as typeof a).cls) return false;
  switch (a.type) {
    case 'heading': {
      const h = b as typeof a;
      if (a.level !== h.level || a.outline !== h.outline) return false;
      break;
    }
    case 'list': {
      const l = b as typeof a;
      if (a.ordered !== l.ordered || a.start !== l.start) return false;
      // Lists that share an item are the same list changed.
      if (shared(a.items.map(itemKey), l.items.map(itemKey)) > 0) return true;
      break;
    }
    case 'table': {
      // Tables that share most of their rows are the same table changed. Two objectives' cards share some rows
      // (the same responsabile, deadline, staff) without being the same objective: one replacing another
      // shows as the old card deleted and the new one inserted, not as one rewritten into the other.
      const t = b as typeof a;
      if (columns(a.rows) !== columns(t.rows)) return false;
      // A table that names itself (an objective's card: "Obiettivo n. 3 – title") is the same table only under a similar name.
      if (a.caption && t.caption) return similarity([captionTitle(a.caption)], [captionTitle(t.caption)]) >= 0.5;
      const x = bands(a.rows).map(bandKey);
      const y = bands(t.rows).map(bandKey);
      if (shared(x, y) >= 0.5 * Math.max(x.length, y.length)) return true;
      return similarity([a], [b]) >= 0.6;
    }
  }
  return similarity([a], [b]) >= (a.type === 'paragraph' || a.type === 'heading' ? 0.5 : 0.3);
}

/** A caption as a paragraph to compare by its words, its label before " – " ("Obiettivo n. 3") left out: numbers change when objectives move. */
function captionTitle(caption: Inline[]): Block {
  const text = caption.map((i) => (i.type === 'text' ? i.text : ' ')).join('');
  const dash = text.indexOf(' – ');
  return { type: 'paragraph', content: [{ type: 'text', text: dash >= 0 ? text.slice(dash + 3) : text }] };
}

/** How many of `b` are also in `a`. */
function shared(a: string[], b: string[]): number {
  const set = new Set(a);
  return b.filter((k) => set.has(k)).length;
}

function columns(rows: Row[]): number {
  return Math.max(0, ...rows.map((r) => r.cells.reduce((n, c) => n + c.colspan, 0)));
}

/**
 * Table rows in bands: a row whose cell spans rows below goes with them (a band is inserted, deleted or
 * paired as a whole, so the merged cells stay whole in both versions). Paired bands of the same shape are
 * compared row by row, cell by cell.
 */
function alignRows(a: Row[], b: Row[]): Row[] {
  const pairBand = (x: Row[], y: Row[]) => y.map((r, k) => ({ ...r, cells: r.cells.map((c, n) => ({ ...c, content: alignCell(x[k]!.cells[n]!.content, c.content) })) }));
  const markBand = (x: Row[], rev: Revision) => x.map((r) => markRow(r, rev));
  return align(bands(a), bands(b), bandKey, similarBands, pairBand, markBand, (y) => y.map(copyRow)).flat();
}

/** Bands of the same shape with the same first cell (a row's label: "Fasi", "Target") or similar text. */
function similarBands(x: Row[], y: Row[]): boolean {
  if (shape(x) !== shape(y)) return false;
  const first = (band: Row[]) => itemKey(band[0]?.cells[0]?.content ?? []);
  return (first(x) !== '' && first(x) === first(y)) || similarity(x.flatMap(cellsOf), y.flatMap(cellsOf)) >= 0.3;
}

function cellsOf(r: Row): Block[] {
  return r.cells.flatMap((c) => c.content);
}

/** A cell's content: a container of its own (its last paragraph cannot go). */
function alignCell(a: Block[], b: Block[]): Block[] {
  const merged = alignBlocks(a, b);
  fixContainerEnd(merged);
  return merged;
}

function bandKey(band: Row[]): string {
  return band.map((r) => cached(keys, r, () => JSON.stringify(r, withoutImages))).join('\u0000');
}

function bands(rows: Row[]): Row[][] {
  const out: Row[][] = [];
  let until = 0;
  rows.forEach((r, i) => {
    if (i < until && out.length) out[out.length - 1]!.push(r);
    else out.push([r]);
    for (const c of r.cells) until = Math.max(until, i + (c.rowspan ?? 1));
  });
  return out;
}

/** A band's shape: rows, and each cell's spans, header and look. */
function shape(band: Row[]): string {
  return JSON.stringify(band.map((r) => [r.head, r.cells.map((c) => [c.header, c.colspan, c.rowspan, c.covered, c.cls])]));
}

// ---- words

type Token = { key: string; inline: Inline };

/** Two runs of text compared word by word (a word with the spaces after it, in its look): kept, deleted and inserted runs. */
function diffInlines(a: Inline[], b: Inline[]): Inline[] {
  const ta = tokens(a);
  const tb = tokens(b);
  const out: Inline[] = [];
  const push = (t: Token, rev?: Revision) => {
    const prev = out[out.length - 1];
    if (t.inline.type === 'text' && prev?.type === 'text' && prev.rev === rev && sameLook(prev, t.inline)) prev.text += t.inline.text;
    else out.push(rev ? { ...t.inline, rev } : { ...t.inline });
  };
  let i = 0;
  let j = 0;
  for (const c of diffArrays(ta.map((t) => t.key), tb.map((t) => t.key))) {
    if (c.removed) for (let k = 0; k < c.count; k++) push(ta[i++]!, 'del');
    else if (c.added) for (let k = 0; k < c.count; k++) push(tb[j++]!, 'ins');
    else for (let k = 0; k < c.count; k++, i++) push(tb[j++]!);
  }
  return out;
}

function tokens(items: Inline[]): Token[] {
  return items.flatMap((i): Token[] => {
    if (i.type !== 'text') return [{ key: JSON.stringify(i), inline: i }];
    const { text, ...look } = i;
    return (text.match(/\S+\s*|\s+/g) ?? []).map((w) => ({ key: JSON.stringify([look, w]), inline: { ...i, text: w } }));
  });
}

function sameLook(a: Extract<Inline, { type: 'text' }>, b: Extract<Inline, { type: 'text' }>): boolean {
  return a.bold === b.bold && a.italic === b.italic && a.cls === b.cls;
}

/** How alike two pieces of the document are by their words: 2 × common / total (1: same words). */
function similarity(a: Block[] | Block[][], b: Block[] | Block[][]): number {
  const wa = a.flat().flatMap(wordsOf);
  const wb = b.flat().flatMap(wordsOf);
  if (!wa.length && !wb.length) return 1;
  const counts = new Map<string, number>();
  for (const w of wa) counts.set(w, (counts.get(w) ?? 0) + 1);
  let common = 0;
  for (const w of wb) {
    const n = counts.get(w);
    if (n) {
      common++;
      counts.set(w, n - 1);
    }
  }
  return (2 * common) / (wa.length + wb.length);
}

const wordLists = new WeakMap<object, string[]>();

function wordsOf(b: Block): string[] {
  return cached(wordLists, b, () => words(b));
}

function words(x: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === 'text' && typeof o.text === 'string') out.push(...(o.text.match(/\S+/g) ?? []));
      else for (const [k, c] of Object.entries(o)) if (k !== 'image') walk(c);
    }
  };
  walk(x);
  return out;
}

// ---- keys and copies

const keys = new WeakMap<object, string>();

function cached<T>(map: WeakMap<object, T>, o: object, make: () => T): T {
  let v = map.get(o);
  if (v === undefined) map.set(o, (v = make()));
  return v;
}

/** Images by the name the data gives them (`src`), not by their bytes. */
const withoutImages = (name: string, v: unknown) => (name === 'image' ? undefined : v);

/** A block's identity for the diff: everything in it. */
function blockKey(b: Block): string {
  return cached(keys, b, () => JSON.stringify(b, withoutImages));
}

function itemKey(item: Block[]): string {
  return item.map(blockKey).join('\u0000');
}

/** A block copied (its image shared): the fix at a container's end may change the copy's mark. */
function copyBlock(b: Block): Block {
  switch (b.type) {
    case 'heading':
    case 'paragraph':
      return { ...b, content: b.content.map((i) => ({ ...i })) };
    case 'div':
    case 'quote':
      return { ...b, content: b.content.map(copyBlock) };
    case 'list':
      return { ...b, items: b.items.map((it) => it.map(copyBlock)) };
    case 'table':
      return { ...b, rows: b.rows.map(copyRow) };
    default:
      return { ...b };
  }
}

function copyRow(r: Row): Row {
  return { ...r, cells: r.cells.map((c): Cell => ({ ...c, content: c.content.map(copyBlock) })) };
}

/** A block inserted or deleted whole: its text, its paragraph marks, its rows. */
function markBlock(b: Block, rev: Revision): Block {
  switch (b.type) {
    case 'heading':
    case 'paragraph':
      return { ...b, rev, content: b.content.map((i) => ({ ...i, rev })) };
    case 'div':
    case 'quote':
      return { ...b, content: b.content.map((c) => markBlock(c, rev)) };
    case 'list':
      return { ...b, items: b.items.map((it) => it.map((c) => markBlock(c, rev))) };
    case 'table':
      // The table's own mark is that of the paragraph written after it.
      return { ...b, rev, rows: b.rows.map((r) => markRow(r, rev)) };
    default:
      return { ...b, rev };
  }
}

function markRow(r: Row, rev: Revision): Row {
  return { ...r, rev, cells: r.cells.map((c) => ({ ...c, content: c.content.map((x) => markBlock(x, rev)) })) };
}

// ---- paragraph marks at the end of a container

/** A block written as a paragraph (a table: the paragraph written after it), with the array that holds it. */
interface Holder {
  block: Block;
  parent: Block[];
}

function holders(blocks: Block[], out: Holder[] = []): Holder[] {
  for (const b of blocks) {
    if (b.type === 'div' || b.type === 'quote') holders(b.content, out);
    else if (b.type === 'list') for (const item of b.items) holders(item, out);
    else out.push({ block: b, parent: blocks });
  }
  return out;
}

/**
 * The last paragraph of the body or of a cell cannot be removed (its mark ends the container), so it
 * cannot be marked inserted or deleted. When it is, the mark goes to the paragraph before the trailing
 * inserted (or deleted) ones: rejecting (accepting) the change then joins that paragraph to the last one,
 * emptied. When that paragraph is itself of the other kind (a paragraph deleted, another inserted at
 * the end), the deleted text goes into the last paragraph, before the inserted text.
 */
function fixContainerEnd(blocks: Block[]): void {
  const h = holders(blocks);
  const last = h[h.length - 1]?.block;
  const rev = last?.rev;
  if (!last || !rev) return;
  let j = h.length - 2;
  while (j >= 0 && h[j]!.block.rev === rev) j--;
  const prev = h[j];
  delete last.rev;
  if (!prev) return;
  if (!prev.block.rev) prev.block.rev = rev;
  else if (isText(prev.block) && isText(last)) {
    last.content = [...prev.block.content, ...last.content];
    prev.parent.splice(prev.parent.indexOf(prev.block), 1);
  } else last.rev = rev; // Cannot be written exactly: left as it is.
}

function isText(b: Block): b is Extract<Block, { type: 'paragraph' | 'heading' }> {
  return b.type === 'paragraph' || b.type === 'heading';
}
