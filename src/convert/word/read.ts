/**
 * A Word document as a list of blocks (headings, paragraphs, lists, quotations, tables), each with
 * the place a person can find it by ("paragrafo 37", "tabella 12"): mammoth turns the DOCX into
 * HTML (its public API: a style map and a document transform that make any "Heading N"-based or
 * "Titolo N" style a heading, and an indented or "Quotation" paragraph a quotation), htmlparser2
 * reads that HTML. Inline text is kept as the plan's Markdown (*corsivo*, **grassetto**).
 */
import mammoth from 'mammoth';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import type { ImportNote } from '../imported.js';

/** A line of text: its plain form (for recognising it) and its Markdown (for writing it). */
export interface Line {
  text: string;
  md: string;
  /** The paragraph's lines where it has line breaks ("COMUNE DI VALDINOCE" ↵ "Provincia di Arezzo"). */
  parts?: string[];
  /** A row of a table inside a table's cell, its cells joined by " – ". */
  row?: boolean;
}

export interface ListItem extends Line {
  children: ListItem[];
}

export interface Cell {
  /** Paragraphs and list items of the cell, in order. */
  lines: Line[];
  /** True when the cell's text came from list items (phases, indicators written as a list). */
  list: boolean;
  colspan: number;
  rowspan: number;
  text: string;
}

export type Block =
  | { kind: 'heading'; level: number; line: Line; where: string }
  | { kind: 'paragraph'; line: Line; where: string; bold: boolean }
  | { kind: 'list'; items: ListItem[]; where: string; ordered: boolean }
  | { kind: 'quote'; blocks: Block[]; where: string }
  | { kind: 'table'; rows: Cell[][]; number: number; where: string };

/** The markers a Word document's raw HTML from mammoth needs no further: paragraphs by style. */
const STYLE_MAP = [
  "p[style-name='piao-titolo-1'] => h1:fresh",
  "p[style-name='piao-titolo-2'] => h2:fresh",
  "p[style-name='piao-titolo-3'] => h3:fresh",
  "p[style-name='piao-titolo-4'] => h4:fresh",
  "p[style-name='piao-titolo-5'] => h5:fresh",
  "p[style-name='piao-titolo-6'] => h6:fresh",
  "p[style-name='piao-citazione'] => blockquote > p:fresh",
];

interface MammothParagraph {
  type: 'paragraph';
  styleId?: string | null;
  styleName?: string | null;
  numbering?: unknown;
  indent?: { start?: string | null; firstLine?: string | null };
  children?: unknown[];
}

/** Headings by any style named like one; quotations by style or by a left indent without a list. */
function classify(p: MammothParagraph, inTable: boolean): MammothParagraph {
  const name = `${p.styleName ?? ''} ${p.styleId ?? ''}`;
  const heading = /(?:heading|titolo|intestazione)\s*([1-6])/i.exec(name);
  if (heading) return { ...p, styleId: `piao-titolo-${heading[1]}`, styleName: `piao-titolo-${heading[1]}` };
  if (inTable || p.numbering) return p;
  const indented = Number(p.indent?.start ?? 0) > 200;
  if (/quot|citaz|block ?text/i.test(name) || (indented && !/list|elenco/i.test(name))) return { ...p, styleId: 'piao-citazione', styleName: 'piao-citazione' };
  return p;
}

interface MammothRun {
  type: 'run';
  styleName?: string | null;
  styleId?: string | null;
  isBold?: boolean;
  isItalic?: boolean;
}

/** Italics and bold given by a character style (LibreOffice's "Emphasis" and "Strong", Word's "Enfasi…") as plain italics and bold. */
function runLook(r: MammothRun): MammothRun {
  const name = `${r.styleName ?? ''} ${r.styleId ?? ''}`;
  if (!name.trim()) return r;
  const bold = /strong|forte|grassetto|bold/i.test(name);
  const italic = /emphasis|enfasi|corsivo|italic/i.test(name) && !/strong emphasis|enfasi forte/i.test(name);
  return bold || italic ? { ...r, isBold: r.isBold || bold, isItalic: r.isItalic || italic } : r;
}

function transform(element: { type?: string; children?: unknown[] }, inTable = false): unknown {
  const table = inTable || element.type === 'table';
  const children = element.children?.map((c) => transform(c as { type?: string; children?: unknown[] }, table));
  const el = children ? { ...element, children } : element;
  if (el.type === 'run') return runLook(el as MammothRun);
  return el.type === 'paragraph' ? classify(el as MammothParagraph, inTable) : el;
}

/** The document's HTML, as mammoth writes it (images left out: a plan names its own coat of arms). */
export async function documentHtml(buffer: Buffer): Promise<{ html: string; warnings: string[] }> {
  const result = await mammoth.convertToHtml(
    { buffer },
    {
      styleMap: STYLE_MAP,
      transformDocument: (d: unknown) => transform(d as { children?: unknown[] }),
      convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
    },
  );
  return { html: result.value, warnings: result.messages.filter((m) => m.type === 'error').map((m) => m.message) };
}

const BLOCKS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'table', 'blockquote']);

/** Spaces as one, no-break spaces as spaces, Unicode NFC. */
export function clean(s: string): string {
  return s.replace(/[\u00a0\u2007\u202f\t\r\n]+/g, ' ').replace(/ {2,}/g, ' ').normalize('NFC');
}

/** Markdown for literal text: the characters Markdown would read as marks escaped. */
function escapeInline(s: string): string {
  return s.replace(/([\\*_`[\]<])/g, '\\$1');
}

/** A line's own start escaped where Markdown would read it as a list, a quotation or a heading. */
function escapeStart(md: string): string {
  return md.replace(/^(\d+)([.)])(?=\s|$)/, '$1\\$2').replace(/^([-+>#])(?=\s|$)/, '\\$1');
}

/** Inline content → [plain, markdown]. Emphasis markers hug their words (spaces moved outside). */
function inline(nodes: ChildNode[]): { text: string; md: string; broken: string } {
  let text = '';
  let md = '';
  let broken = '';
  for (const n of nodes) {
    if (n.type === 'text') {
      const t = (n as unknown as { data: string }).data;
      text += t;
      broken += t;
      md += escapeInline(t);
    } else if (n.type === 'tag') {
      const el = n as Element;
      if (el.name === 'br') {
        text += ' ';
        broken += '\u2028';
        md += ' ';
        continue;
      }
      if (el.name === 'img') continue;
      const inner = inline(el.children);
      text += inner.text;
      broken += inner.broken;
      const mark = el.name === 'em' || el.name === 'i' ? '*' : el.name === 'strong' || el.name === 'b' ? '**' : '';
      if (!mark || !inner.text.trim()) {
        md += inner.md;
        continue;
      }
      const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(inner.md)!;
      md += `${m[1]}${mark}${m[2]}${mark}${m[3]}`;
    }
  }
  return { text, md, broken };
}

function line(el: Element): Line {
  const { text, md, broken } = inline(el.children);
  const parts = broken.split('\u2028').map((p) => clean(p).trim()).filter(Boolean);
  return { text: clean(text).trim(), md: escapeStart(clean(md).trim().replace(/\*\*\*\*/g, '')), ...(parts.length > 1 ? { parts } : {}) };
}

function listItems(list: Element): ListItem[] {
  const items: ListItem[] = [];
  for (const li of list.children) {
    if (li.type !== 'tag' || (li as Element).name !== 'li') continue;
    const el = li as Element;
    const own = el.children.filter((c) => !(c.type === 'tag' && ['ul', 'ol', 'p'].includes((c as Element).name)));
    const paragraphs = el.children.filter((c): c is Element => c.type === 'tag' && (c as Element).name === 'p');
    const parts = [inline(own), ...paragraphs.map((p) => inline(p.children))];
    const text = clean(parts.map((p) => p.text).join(' ')).trim();
    const md = escapeStart(clean(parts.map((p) => p.md).join(' ')).trim());
    const children = el.children.filter((c): c is Element => c.type === 'tag' && ['ul', 'ol'].includes((c as Element).name)).flatMap(listItems);
    items.push({ text, md, children });
  }
  return items;
}

/** Every line of a list, children after their item (a cell's phases written as nested lists stay phases). */
function flatItems(items: ListItem[]): Line[] {
  return items.flatMap((i) => [...(i.text ? [{ text: i.text, md: i.md }] : []), ...flatItems(i.children)]);
}

function cellOf(el: Element): Cell {
  const lines: Line[] = [];
  let list = false;
  const walk = (nodes: ChildNode[]) => {
    let loose: ChildNode[] = [];
    const flush = () => {
      if (loose.length === 0) return;
      const l = inline(loose);
      if (clean(l.text).trim()) lines.push({ text: clean(l.text).trim(), md: clean(l.md).trim() });
      loose = [];
    };
    for (const n of nodes) {
      const tag = n.type === 'tag' ? (n as Element) : undefined;
      if (tag && (tag.name === 'ul' || tag.name === 'ol')) {
        flush();
        list = true;
        lines.push(...flatItems(listItems(tag)));
      } else if (tag && /^(p|h[1-6])$/.test(tag.name)) {
        flush();
        const l = line(tag);
        if (l.text) lines.push(l);
      } else if (tag && tag.name === 'table') {
        // A table inside the cell: each row a line, its cells apart ("a – b"), not glued together.
        flush();
        for (const r of tableRows(tag)) {
          const cells = r.map((c) => ({ text: c.lines.map((l) => l.text).join(' '), md: c.lines.map((l) => l.md).join(' ') })).filter((c) => c.text);
          if (cells.length) lines.push({ text: cells.map((c) => c.text).join(' – '), md: cells.map((c) => c.md).join(' – '), row: true });
        }
      } else if (tag && (tag.name === 'blockquote' || tag.name === 'div')) {
        flush();
        walk(tag.children);
      } else loose.push(n);
    }
    flush();
  };
  walk(el.children);
  return {
    lines,
    list,
    colspan: Number(el.attribs.colspan ?? 1) || 1,
    rowspan: Number(el.attribs.rowspan ?? 1) || 1,
    text: lines.map((l) => l.text).join(' '),
  };
}

function tableRows(table: Element): Cell[][] {
  const rows: Cell[][] = [];
  const walk = (nodes: ChildNode[]) => {
    for (const n of nodes) {
      if (n.type !== 'tag') continue;
      const el = n as Element;
      if (el.name === 'tr') rows.push(el.children.filter((c): c is Element => c.type === 'tag' && (c.name === 'td' || c.name === 'th')).map(cellOf));
      else if (el.name === 'thead' || el.name === 'tbody' || el.name === 'tfoot') walk(el.children);
    }
  };
  walk(table.children);
  return rows;
}

/** The table a row belongs to. */
function nearestTable(n: Element): Element | undefined {
  let p = n.parent as Element | null;
  while (p && p.name !== 'table') p = p.parent as Element | null;
  return p ?? undefined;
}

/** Short quotation of a text for a note: «the first words…». */
export function quoteShort(s: string): string {
  return s.length > 60 ? `«${s.slice(0, 57).trimEnd()}…»` : `«${s}»`;
}

/**
 * Footnotes and endnotes, which mammoth writes as a reference "[2]" and a list at the end with a
 * link back "↑": each note's text put where its reference is, as "(nota: …)", and the list taken
 * away; a note says where each went. A note nothing refers to stays (as text to place, without "↑").
 */
function inlineNotes(dom: ReturnType<typeof parseDocument>, notes: ImportNote[]): void {
  const isNote = (el: Element) => el.name === 'li' && /^(?:footnote|endnote)-\d+$/.test(el.attribs.id ?? '');
  const items = DomUtils.findAll(isNote, dom.children);
  for (const back of DomUtils.findAll((el) => el.name === 'a' && /^#(?:footnote|endnote)-ref-\d+$/.test(el.attribs.href ?? ''), dom.children)) DomUtils.removeElement(back);
  const texts = new Map<string, string>();
  for (const li of items) if (!texts.has(li.attribs.id!)) texts.set(li.attribs.id!, clean(DomUtils.textContent(li)).trim());
  const used = new Set<string>();
  const refs = DomUtils.findAll((el) => el.name === 'a' && /^#(?:footnote|endnote)-\d+$/.test(el.attribs.href ?? ''), dom.children);
  refs.forEach((a, k) => {
    const id = a.attribs.href!.slice(1);
    const t = texts.get(id);
    const target = a.parent && (a.parent as Element).name === 'sup' && (a.parent as Element).children.length === 1 ? (a.parent as Element) : a;
    let holder = target.parent as Element | null;
    while (holder && !/^(p|h[1-6]|li|td|th)$/.test(holder.name)) holder = holder.parent as Element | null;
    const before = holder ? clean(DomUtils.textContent(holder)).replace(DomUtils.textContent(target), '').trim() : '';
    // The reference's own text "[2]" becomes the note's: the element stays, inline() reads its text.
    const leaves = DomUtils.filter((n) => n.type === 'text', [target]) as unknown as { data: string }[];
    leaves.forEach((leaf, i) => (leaf.data = i === 0 && t ? ` (nota: ${t})` : ''));
    used.add(id);
    const kind = id.startsWith('endnote') ? 'nota di chiusura' : 'nota a piè di pagina';
    notes.push({
      where: `${kind} ${k + 1}`,
      severity: 'info',
      message: t ? `il testo della nota (${quoteShort(t)}) è stato messo tra parentesi, «(nota: …)», dopo ${quoteShort(before)}` : `la nota dopo ${quoteShort(before)} è vuota: tolto il rimando`,
    });
  });
  const lists = new Set<Element>();
  for (const li of items) {
    if (used.has(li.attribs.id!)) {
      if (li.parent) lists.add(li.parent as Element);
      DomUtils.removeElement(li);
    }
  }
  for (const l of lists) if (!l.children.some((c) => c.type === 'tag')) DomUtils.removeElement(l);
}

/** The document's blocks in order. Empty paragraphs are left out (mammoth already drops them). Notes on what was moved go to `notes`. */
export function readBlocks(html: string, notes: ImportNote[] = []): Block[] {
  const dom = parseDocument(html);
  inlineNotes(dom, notes);
  let paragraphs = 0;
  let tables = 0;
  const read = (nodes: ChildNode[]): Block[] => {
    const out: Block[] = [];
    for (const n of nodes) {
      if (n.type !== 'tag') continue;
      const el = n as Element;
      if (!BLOCKS.has(el.name)) {
        out.push(...read(el.children));
        continue;
      }
      if (el.name === 'table') {
        // A table of one cell holding tables only lays them out (a frame around an objective's table): its content is read as blocks.
        const trs = DomUtils.getElementsByTagName('tr', el, true).filter((tr) => nearestTable(tr) === el);
        const only = trs.length === 1 ? trs[0]!.children.filter((c): c is Element => c.type === 'tag' && (c.name === 'td' || c.name === 'th')) : [];
        if (only.length === 1 && only[0]!.children.some((c) => c.type === 'tag' && (c as Element).name === 'table')) {
          out.push(...read(only[0]!.children));
          continue;
        }
        tables++;
        out.push({ kind: 'table', rows: tableRows(el), number: tables, where: `tabella ${tables}` });
      } else if (el.name === 'ul' || el.name === 'ol') {
        const items = listItems(el);
        const first = paragraphs + 1;
        paragraphs += flatItems(items).length;
        out.push({ kind: 'list', items, ordered: el.name === 'ol', where: `paragrafo ${first}${items[0] ? ` ${quoteShort(items[0].text)}` : ''}` });
      } else if (el.name === 'blockquote') {
        const blocks = read(el.children);
        if (blocks.length) out.push({ kind: 'quote', blocks, where: blocks[0]!.where });
      } else {
        const l = line(el);
        if (!l.text) continue;
        paragraphs++;
        const where = `paragrafo ${paragraphs} ${quoteShort(l.text)}`;
        if (el.name === 'p') {
          const bold = DomUtils.getElementsByTagName('strong', el).map((s) => DomUtils.textContent(s)).join('').trim() === clean(DomUtils.textContent(el)).trim();
          out.push({ kind: 'paragraph', line: l, where, bold });
        } else out.push({ kind: 'heading', level: Number(el.name[1]), line: l, where });
      }
    }
    return out;
  };
  return read(dom.children);
}

/** A list's items as Markdown lines ("- item", nested by two spaces). */
export function listMarkdown(items: ListItem[], depth = 0): string[] {
  return items.flatMap((i) => [`${'  '.repeat(depth)}- ${i.md}`, ...listMarkdown(i.children, depth + 1)]);
}

/** Blocks of prose as the plan's Markdown: paragraphs and lists apart by a blank line, quotations with "> ". */
export function blocksMarkdown(blocks: Block[]): string {
  const parts: string[] = [];
  for (const b of blocks) {
    if (b.kind === 'paragraph' || b.kind === 'heading') parts.push(b.line.md);
    else if (b.kind === 'list') parts.push(listMarkdown(b.items).join('\n'));
    else if (b.kind === 'quote') parts.push(blocksMarkdown(b.blocks).split('\n').map((l) => (l ? `> ${l}` : '>')).join('\n'));
    else if (b.kind === 'table') parts.push(b.rows.map((r) => r.map((c) => c.text).join(' – ')).join('\n\n'));
  }
  return parts.join('\n\n');
}
