/**
 * The document tree: the one structure every writer consumes (DOCX, PDF, HTML).
 * Templates emit a restricted HTML subset; `parseDocumentHtml` turns it into this tree and
 * refuses anything outside the subset, so the three outputs cannot drift apart.
 */
import { Parser } from 'htmlparser2';
import type { ImageFile } from '../io/image.js';
import type { Chart } from './chart.js';
import { describeChar, forbiddenChar } from '../plan/characters.js';

/**
 * `mark`: words removed (`del`) or inserted (`ins`) that a change report shows (struck through, underlined).
 * `href`: a link (relative), for the index page of `piao publish` only, which builds its tree in code;
 * templates cannot make one (the subset has no <a>), and only the HTML writer draws it.
 */
export type Inline = (
  | { type: 'text'; text: string; bold?: boolean; italic?: boolean; cls?: string; mark?: 'del' | 'ins'; href?: string }
  | { type: 'break' }
  | { type: 'field'; field: 'page' | 'pages' }
) & Revised;

/**
 * A tracked revision (`piao build --confronta`, amend/tracked.ts): on an inline, text inserted or deleted;
 * on a paragraph-like block (and a table, for the paragraph after it), its paragraph mark; on a row, the row.
 * Only the DOCX writer shows them (as Word revisions); a tree without them is the plain document.
 */
export type Revision = 'ins' | 'del';
export interface Revised {
  rev?: Revision;
}

export interface Cell {
  header: boolean;
  colspan: number;
  /** Rows this cell spans downwards (more than 1); the rows below hold a `covered` cell in its place. */
  rowspan?: number;
  /** The place of a cell above that spans into this row: no content, drawn merged with it. */
  covered?: true;
  cls?: string;
  content: Block[];
}

/** A table row; `head`: in the table's `<thead>`, repeated at the top of each page the table runs onto. */
export interface Row extends Revised {
  cells: Cell[];
  head?: boolean;
}

export type Block = (
  /**
   * `level`: the template's (h1-h4), which gives the heading its look (the theme's `titoli`); `outline`: its
   * level in the document's outline (Word's Heading N, the PDF's bookmarks), 1-6, set by `setOutline`
   * (without it, `level`). `id`: a stable anchor computed from the heading's text, unique in the document
   * (see `headingIds`).
   */
  | { type: 'heading'; level: 1 | 2 | 3 | 4; outline?: number; cls?: string; id?: string; content: Inline[] }
  | { type: 'paragraph'; cls?: string; content: Inline[] }
  /**
   * `continues`: the first item goes on with the last item of the list before it (no bullet or
   * number of its own); only the PDF writer makes such lists, when it cuts an item taller than
   * half a page (writers/fit.ts).
   */
  | { type: 'list'; ordered: boolean; start?: number; cls?: string; items: Block[][]; continues?: boolean }
  | { type: 'quote'; cls?: string; content: Block[] }
  | { type: 'table'; cls?: string; caption?: Inline[]; captionCls?: string; rows: Row[] }
  | { type: 'div'; cls?: string; content: Block[] }
  /**
   * An image the build read from a file the data names (`<img src="…" alt="…">`, `src` being the
   * name written in the data): writers draw `image`, `alt` is its text for those who cannot see it.
   */
  | { type: 'image'; src: string; alt: string; cls?: string; image: ImageFile }
  /**
   * A chart a view computed (render/chart.ts; `<img src="…" alt="…">` naming one of the charts the view
   * handed to `parseDocumentHtml`): shapes, never markup, so a template cannot bring SVG or any other
   * drawing into a document. `alt` (the template's) is its text for those who cannot see it.
   */
  | { type: 'chart'; src: string; alt: string; cls?: string; chart: Chart }
  | { type: 'pagebreak' }
) & Revised;

export interface DocTree {
  title?: string;
  header: Inline[];
  footer: Inline[];
  body: Block[];
}

/** Tags and the attributes each accepts. Everything else is refused. */
export const ALLOWED: Record<string, readonly string[]> = {
  html: ['lang'], head: [], title: [], body: ['class'], header: ['class'], footer: ['class'], main: ['class'], section: ['class'],
  h1: ['class'], h2: ['class'], h3: ['class'], h4: ['class'], p: ['class'], div: ['class'],
  ul: ['class'], ol: ['class', 'start'], li: ['class'], blockquote: ['class'],
  table: ['class'], caption: ['class'], thead: [], tbody: [], tr: ['class'], th: ['class', 'colspan', 'rowspan', 'scope'], td: ['class', 'colspan', 'rowspan'],
  strong: ['class'], b: [], em: ['class'], i: [], span: ['class'], br: [], hr: ['class'], img: ['src', 'alt', 'class'], del: [], ins: [],
};

const INLINE = new Set(['strong', 'b', 'em', 'i', 'span', 'br', 'del', 'ins']);

export interface HtmlProblem {
  line: number;
  col: number;
  message: string;
}

/** Checks that a piece of HTML (a template's source or generated HTML) uses only the subset. */
export function checkSubset(html: string): HtmlProblem[] {
  const problems: HtmlProblem[] = [];
  const lineStarts = lineIndex(html);
  let parser: Parser;
  const check = subsetChecker((message) => problems.push({ ...position(lineStarts, parser.startIndex), message }));
  parser = new Parser(check, PARSER_OPTIONS);
  parser.write(html);
  parser.end();
  return problems;
}

const PARSER_OPTIONS = { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true };

/** Parser callbacks that report every tag, attribute and instruction outside the subset. */
function subsetChecker(report: (message: string) => void) {
  return {
    onopentag(name: string, attribs: Record<string, string>) {
      const allowed = ALLOWED[name];
      if (!allowed) {
        report(`elemento <${name}> non ammesso nei modelli; elementi ammessi: ${Object.keys(ALLOWED).join(', ')}`);
        return;
      }
      for (const a of Object.keys(attribs)) {
        if (!allowed.includes(a)) report(`attributo "${a}" non ammesso su <${name}>` + (allowed.length ? ` (ammessi: ${allowed.join(', ')})` : ''));
      }
      if (name === 'hr' && attribs.class !== 'salto-pagina') report('<hr> è ammesso solo come salto di pagina: <hr class="salto-pagina">');
    },
    onprocessinginstruction(name: string) {
      if (name.toLowerCase() !== '!doctype') report('istruzione non ammessa');
    },
  };
}

interface El {
  name: string;
  attrs: Record<string, string>;
  children: (El | string)[];
  offset: number;
}

/**
 * Parses generated HTML into the document tree; throws TreeError listing every element outside the
 * subset, or every structural problem. An `<img>` shows one of `images` (read by the build from the
 * files the data names), by the name written in the data: no other file can reach a document.
 */
export function parseDocumentHtml(html: string, images: ReadonlyMap<string, ImageFile> = new Map(), charts: ReadonlyMap<string, Chart> = new Map()): DocTree {
  const root: El = { name: '#root', attrs: {}, children: [], offset: 0 };
  const stack: El[] = [root];
  const problems: HtmlProblem[] = [];
  const lineStarts = lineIndex(html);
  const check = subsetChecker((message) => problems.push({ ...position(lineStarts, parser.startIndex), message }));
  const parser = new Parser(
    {
      onprocessinginstruction: check.onprocessinginstruction,
      onopentag(name, attrs) {
        check.onopentag(name, attrs);
        const el: El = { name, attrs, children: [], offset: parser.startIndex };
        stack[stack.length - 1]!.children.push(el);
        stack.push(el);
      },
      ontext(text) {
        // A character no document can hold (a control character a template wrote as "&#x1b;"): the
        // data cannot carry one (load.ts refuses it), so it comes from the template.
        const bad = forbiddenChar(text);
        if (bad) problems.push({ ...position(lineStarts, parser.startIndex), message: `il testo contiene un carattere che nessun documento può contenere (${describeChar(bad.char)})` });
        stack[stack.length - 1]!.children.push(text);
      },
      onclosetag() {
        stack.pop();
      },
    },
    PARSER_OPTIONS,
  );
  parser.write(html);
  parser.end();
  // Outside the subset: nothing more to say about the structure.
  if (problems.length) throw new TreeError(problems);

  const fail: Fail = Object.assign((el: El, message: string) => void problems.push({ ...position(lineStarts, el.offset), message }), { images, charts });
  const tree: DocTree = { header: [], footer: [], body: [] };

  const visit = (el: El, into: Block[]) => {
    for (const child of el.children) {
      if (typeof child === 'string') continue;
      switch (child.name) {
        case 'html': case 'body': case 'main': case 'section':
          visit(child, into);
          break;
        case 'head':
          for (const h of child.children) if (typeof h !== 'string' && h.name === 'title') tree.title = collapse(textOf(h)).trim().normalize('NFC');
          break;
        case 'header':
          tree.header = inlinesOf(child, fail);
          break;
        case 'footer':
          tree.footer = inlinesOf(child, fail);
          break;
        default:
          into.push(...blocksOf({ ...child, name: '#wrap', children: [child] }, fail));
      }
    }
  };
  visit(root, tree.body);
  if (problems.length) throw new TreeError(problems);
  headingIds(tree.body);
  return tree;
}

/**
 * Gives every heading a stable anchor from its text ("2.2 Performance" -> "2-2-performance"),
 * in document order, with "-2", "-3"… for repeated texts. Anchors use only a-z, 0-9 and "-",
 * so writers can add ids of their own (with "_") that never collide with them.
 */
export function headingIds(blocks: Block[], used = new Set<string>()): void {
  for (const b of blocks) {
    if (b.type === 'heading') {
      const base = slug(inlineText(b.content)) || 'titolo';
      let id = base;
      for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
      used.add(id);
      b.id = id;
    } else if (b.type === 'div' || b.type === 'quote') headingIds(b.content, used);
    else if (b.type === 'list') for (const item of b.items) headingIds(item, used);
    else if (b.type === 'table') for (const r of b.rows) for (const c of r.cells) headingIds(c.content, used);
  }
}

/**
 * Places a document's headings in its outline: the templates' levels shifted so that the top-most
 * heading is at `top` (the whole PIAO has "2.2 Performance" at level 2, under section 2; a document on
 * its own starts at 1), never deeper than 6. Every heading moves by the same step, so each level
 * keeps one look.
 */
export function setOutline(blocks: Block[], top: number): void {
  const headings = allHeadings(blocks);
  if (!headings.length) return;
  const shift = top - headings.reduce((m, h) => Math.min(m, h.level), Infinity);
  for (const h of headings) h.outline = Math.max(1, Math.min(6, h.level + shift));
}

/** Every heading of the blocks, at any depth, in document order. */
export function allHeadings(blocks: Block[]): Extract<Block, { type: 'heading' }>[] {
  const out: Extract<Block, { type: 'heading' }>[] = [];
  const walk = (bs: Block[]) => {
    for (const b of bs) {
      if (b.type === 'heading') out.push(b);
      else if (b.type === 'div' || b.type === 'quote') walk(b.content);
      else if (b.type === 'list') for (const item of b.items) walk(item);
      else if (b.type === 'table') for (const r of b.rows) for (const c of r.cells) walk(c.content);
    }
  };
  walk(blocks);
  return out;
}

/** A heading's level in the document's outline. */
export function outlineOf(h: { level: number; outline?: number }): number {
  return h.outline ?? h.level;
}

/** "Settore Tecnico e Tecnico Manutentivo" -> "settore-tecnico-e-tecnico-manutentivo" (accents dropped). */
export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

export class TreeError extends Error {
  constructor(readonly problems: HtmlProblem[]) {
    super(problems.map((p) => `${p.line}:${p.col}: ${p.message}`).join('\n'));
  }
}

/** Reports a problem at an element; carries the images and charts an `<img>` may show. */
type Fail = ((el: El, message: string) => void) & { images: ReadonlyMap<string, ImageFile>; charts: ReadonlyMap<string, Chart> };

/** Block content of a container: block elements, with runs of inline content wrapped in paragraphs. */
function blocksOf(el: El, fail: Fail): Block[] {
  const out: Block[] = [];
  let run: (El | string)[] = [];
  const flush = () => {
    const content = normalizeInlines(run.flatMap((n) => inlineNodes(n, {}, fail)));
    if (content.length) out.push({ type: 'paragraph', content });
    run = [];
  };
  for (const child of el.children) {
    if (typeof child === 'string' || INLINE.has(child.name)) {
      run.push(child);
      continue;
    }
    flush();
    const cls = child.attrs.class;
    switch (child.name) {
      case 'h1': case 'h2': case 'h3': case 'h4':
        out.push({ type: 'heading', level: Number(child.name[1]) as 1 | 2 | 3 | 4, cls, content: inlinesOf(child, fail) });
        break;
      case 'p':
        out.push({ type: 'paragraph', cls, content: inlinesOf(child, fail) });
        break;
      case 'ul': case 'ol': {
        const items: Block[][] = [];
        for (const li of child.children) {
          if (typeof li === 'string') {
            if (li.trim()) fail(child, `testo fuori da <li> dentro <${child.name}>`);
            continue;
          }
          if (li.name !== 'li') fail(li, `<${li.name}> dentro <${child.name}>: un elenco contiene solo <li>`);
          else items.push(blocksOf(li, fail));
        }
        const start = child.attrs.start ? Number(child.attrs.start) : undefined;
        out.push({ type: 'list', ordered: child.name === 'ol', ...(start !== undefined && { start }), cls, items });
        break;
      }
      case 'blockquote':
        out.push({ type: 'quote', cls, content: blocksOf(child, fail) });
        break;
      case 'div':
        out.push({ type: 'div', cls, content: blocksOf(child, fail) });
        break;
      case 'hr':
        out.push({ type: 'pagebreak' });
        break;
      case 'img': {
        const src = child.attrs.src ?? '';
        const alt = collapse(child.attrs.alt ?? '').trim().normalize('NFC');
        const chart = fail.charts.get(src);
        if (chart) {
          if (!alt) fail(child, `<img> senza testo alternativo: scrivi alt="…" (la descrizione del grafico)`);
          else out.push({ type: 'chart', src, alt, ...(cls && { cls }), chart });
          break;
        }
        const image = fail.images.get(src);
        if (!alt) fail(child, `<img> senza testo alternativo: scrivi alt="…" (ad esempio alt="Stemma del Comune di …")`);
        if (!image) {
          const known = [...fail.images.keys()];
          fail(child, `<img src="${src}">: un modello mostra solo le immagini indicate nei dati del piano (lo stemma, ente.stemma)${known.length ? `; qui: ${known.map((k) => `«${k}»`).join(', ')}` : ', e il piano non ne indica'}`);
        }
        if (alt && image) out.push({ type: 'image', src, alt, ...(cls && { cls }), image });
        break;
      }
      case 'table':
        out.push(tableOf(child, fail));
        break;
      default:
        fail(child, `<${child.name}> non può stare qui`);
    }
  }
  flush();
  return out;
}

function tableOf(el: El, fail: Fail): Block {
  const rows: Row[] = [];
  let caption: Inline[] | undefined;
  let captionCls: string | undefined;
  const rowsOf = (container: El, head = false) => {
    for (const c of container.children) {
      if (typeof c === 'string') continue;
      if (c.name === 'thead' || c.name === 'tbody') rowsOf(c, c.name === 'thead');
      else if (c.name === 'caption') {
        caption = inlinesOf(c, fail);
        captionCls = c.attrs.class;
      }
      else if (c.name === 'tr') {
        const cells: Cell[] = [];
        for (const td of c.children) {
          if (typeof td === 'string') continue;
          if (td.name !== 'td' && td.name !== 'th') {
            fail(td, `<${td.name}> dentro <tr>: una riga contiene solo <th> e <td>`);
            continue;
          }
          const colspan = td.attrs.colspan ? Number(td.attrs.colspan) : 1;
          if (!Number.isInteger(colspan) || colspan < 1 || colspan > 63) fail(td, `colspan="${td.attrs.colspan}" non valido (da 1 a 63: Word non ha tabelle più larghe)`);
          const rowspan = td.attrs.rowspan ? Number(td.attrs.rowspan) : 1;
          if (!Number.isInteger(rowspan) || rowspan < 1 || rowspan > 20) fail(td, `rowspan="${td.attrs.rowspan}" non valido (da 1 a 20)`);
          cells.push({ header: td.name === 'th', colspan, ...(rowspan > 1 && { rowspan }), ...(td.attrs.class && { cls: td.attrs.class }), content: blocksOf(td, fail) });
        }
        rows.push({ cells, ...(head && { head: true }) });
        spans.push(c);
      } else fail(c, `<${c.name}> dentro <table>: una tabella contiene righe <tr>`);
    }
  };
  const spans: El[] = [];
  rowsOf(el);
  coverSpans(rows, spans, fail);
  return { type: 'table', ...(el.attrs.class && { cls: el.attrs.class }), ...(caption && { caption }), ...(captionCls && { captionCls }), rows };
}

/**
 * Puts a `covered` cell where a cell above spans into a row (`rowspan`), so that every row holds
 * every column of the grid and writers place cells by counting. A span must stay within its part
 * of the table (<thead> or the body) and within the table.
 */
function coverSpans(rows: Row[], trs: El[], fail: Fail): void {
  const pending: { col: number; colspan: number; left: number; head: boolean; header: boolean }[] = [];
  rows.forEach((row, ri) => {
    const out: Cell[] = [];
    let col = 0;
    const fill = () => {
      for (let p = pending.find((x) => x.col === col && x.left > 0); p; p = pending.find((x) => x.col === col && x.left > 0)) {
        if (p.head !== (row.head === true)) fail(trs[ri]!, 'rowspan: una cella non può unirsi a righe oltre la fine di <thead>');
        out.push({ header: p.header, colspan: p.colspan, covered: true, content: [] });
        p.left--;
        col += p.colspan;
      }
    };
    for (const c of row.cells) {
      fill();
      out.push(c);
      if (c.rowspan) pending.push({ col, colspan: c.colspan, left: c.rowspan - 1, head: row.head === true, header: c.header });
      col += c.colspan;
    }
    fill();
    row.cells = out;
  });
  if (pending.some((p) => p.left > 0)) fail(trs[trs.length - 1]!, 'rowspan: una cella si unisce a righe che la tabella non ha');
}

function inlinesOf(el: El, fail: Fail): Inline[] {
  return normalizeInlines(el.children.flatMap((n) => inlineNodes(n, {}, fail)));
}

function inlineNodes(n: El | string, style: { bold?: boolean; italic?: boolean; cls?: string; mark?: 'del' | 'ins' }, fail: Fail): Inline[] {
  if (typeof n === 'string') return [{ type: 'text', text: collapse(n), ...style }];
  switch (n.name) {
    case 'strong': case 'b':
      return n.children.flatMap((c) => inlineNodes(c, { ...style, bold: true }, fail));
    case 'em': case 'i':
      return n.children.flatMap((c) => inlineNodes(c, { ...style, italic: true }, fail));
    case 'br':
      return [{ type: 'break' }];
    case 'del': case 'ins':
      return n.children.flatMap((c) => inlineNodes(c, { ...style, mark: n.name as 'del' | 'ins' }, fail));
    case 'span':
      if (n.attrs.class === 'numero-pagina') return [{ type: 'field', field: 'page' }];
      if (n.attrs.class === 'totale-pagine') return [{ type: 'field', field: 'pages' }];
      return n.children.flatMap((c) => inlineNodes(c, { ...style, ...(n.attrs.class && { cls: n.attrs.class }) }, fail));
    default:
      fail(n, `<${n.name}> non può stare dentro un testo`);
      return [];
  }
}

/**
 * HTML whitespace rules: collapse runs, trim at line starts and ends, merge equal neighbours. Text
 * is then in Unicode NFC, the same in every format: a letter followed by a combining accent
 * ("a" + U+0300) becomes the one accented letter ("à") that fonts have.
 */
function normalizeInlines(items: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const it of items) {
    const prev = out[out.length - 1];
    if (it.type === 'text') {
      let text = it.text;
      const atLineStart = !prev || prev.type === 'break' || (prev.type === 'text' && prev.text.endsWith(' '));
      if (atLineStart) text = text.replace(/^ /, '');
      if (!text) continue;
      if (prev?.type === 'text' && prev.bold === it.bold && prev.italic === it.italic && prev.cls === it.cls && prev.mark === it.mark) prev.text += text;
      else out.push({ ...it, text });
    } else {
      if (it.type === 'break' && prev?.type === 'text') prev.text = prev.text.replace(/ $/, '');
      out.push(it);
    }
  }
  const last = out[out.length - 1];
  if (last?.type === 'text') {
    last.text = last.text.replace(/ $/, '');
    if (!last.text) out.pop();
  }
  for (const it of out) if (it.type === 'text') it.text = it.text.normalize('NFC');
  return out;
}

function collapse(s: string): string {
  return s.replace(/[ \t\n\r\f]+/g, ' ');
}

function textOf(el: El): string {
  return el.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}

function lineIndex(s: string): number[] {
  const starts = [0];
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function position(lineStarts: number[], offset: number): { line: number; col: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, col: offset - lineStarts[lo]! + 1 };
}

/** Plain text of inline content (for metadata, tests and the HTML writer's captions). */
export function inlineText(items: Inline[]): string {
  return items.map((i) => (i.type === 'text' ? i.text : i.type === 'break' ? '\n' : '')).join('');
}
