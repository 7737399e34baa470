/**
 * Where a large PDF is laid out in two parts: at a page break of the document (the default
 * templates start each settore on a new page), the one that halves the work best. Each part then
 * starts on a new page of its own, as it would after the page break; pdf.ts numbers the pages
 * across the parts and joins them. With two processes (pdf-process.ts) the two parts are laid out
 * at the same time; with one, one after the other. The parts depend on the tree alone, never on
 * the machine, so the PDF has the same bytes wherever it is made.
 *
 * Light on purpose (no pdfmake): the CLI process splits the tree before sending the parts.
 */
import type { Block, DocTree, Inline } from '../tree.js';

/**
 * Below this weight (see `weight`: about 600 objectives) a document is laid out whole: there, two
 * processes cost about what they save, each starting with pdfmake's code not yet optimised by V8
 * and both competing with V8's own background threads on two cores. Measured, PDF only, 2 cores:
 * 300 objectives (weight ~0.5 M) 2.20 s in two processes, 2.14 s in one; 1000 (~1.6 M) 4.3 s
 * against 5.2-5.4 s; 3000 (~4.9 M) 10.0 s against 13-14.5 s.
 */
export const SPLIT_FROM = 1_000_000;

/** One part, or two: the 2-core machine the targets are set for (one per core). */
export function pdfParts(tree: DocTree): DocTree[] {
  const sections: Block[][] = [[]];
  for (const b of tree.body) {
    if (b.type === 'pagebreak') sections.push([]);
    else sections[sections.length - 1]!.push(b);
  }
  const weights = sections.map((s) => s.reduce((n, b) => n + weight(b), 0));
  const total = weights.reduce((a, b) => a + b, 0);
  if (total < SPLIT_FROM) return [tree];
  // The break after section i - 1 that comes nearest to half the work, with content on both sides.
  let cut = -1;
  let best = Infinity;
  let before = 0;
  for (let i = 1; i < sections.length; i++) {
    before += weights[i - 1]!;
    const after = total - before;
    if (before === 0 || after === 0) continue;
    const off = Math.abs(before - after);
    if (off < best) [best, cut] = [off, i];
  }
  if (cut < 0) return [tree];
  const joined = (parts: Block[][]) => parts.flatMap((s, i) => (i === 0 ? s : [{ type: 'pagebreak' } as Block, ...s]));
  return [
    { ...tree, body: joined(sections.slice(0, cut)) },
    { ...tree, body: joined(sections.slice(cut)) },
  ];
}

/** Where each part's pages fall in the whole document, from the parts' page counts: its first page's number, and the total. */
export function pageNumbering(counts: readonly number[]): { first: number; total: number }[] {
  const total = counts.reduce((a, b) => a + b, 0);
  let first = 1;
  return counts.map((n) => {
    const at = { first, total };
    first += n;
    return at;
  });
}

/** Roughly what a block costs pdfmake to lay out: its characters, and a little per cell and block. */
function weight(b: Block): number {
  switch (b.type) {
    case 'heading':
    case 'paragraph':
      return 10 + inlineWeight(b.content);
    case 'list':
      return 10 + b.items.reduce((n, it) => n + 10 + it.reduce((m, x) => m + weight(x), 0), 0);
    case 'quote':
    case 'div':
      return 10 + b.content.reduce((n, x) => n + weight(x), 0);
    case 'table':
      return 10 + b.rows.reduce((n, r) => n + r.cells.reduce((m, c) => m + 40 + c.content.reduce((k, x) => k + weight(x), 0), 0), 0);
    case 'pagebreak':
      return 0;
  }
}

function inlineWeight(items: Inline[]): number {
  let n = 0;
  for (const i of items) if (i.type === 'text') n += i.text.length;
  return n;
}
