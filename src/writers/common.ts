/** Small pieces of layout shared by the writers, so that the three formats agree. */
import type { Block, Cell } from '../render/tree.js';
import type { Theme } from '../render/theme.js';

export const MM_TO_PT = 72 / 25.4;

/** Number of grid columns of a table (the widest row, counting colspans). */
export function columnCount(rows: { cells: Cell[] }[]): number {
  return Math.max(1, ...rows.map((r) => r.cells.reduce((n, c) => n + c.colspan, 0)));
}

/**
 * Column widths in percent. A table whose class has widths in the theme (`tabella.colonne`) gets
 * them; two-column tables (the objective tables) get the theme's label width; wider tables
 * (the centri table) give the first column a narrow share.
 */
export function columnPercents(theme: Theme, rows: { cells: Cell[] }[], cls?: string): number[] {
  const n = columnCount(rows);
  const own = cls?.split(/\s+/).map((c) => theme.tabella.colonne?.[c]).find((w) => w?.length === n);
  if (own) {
    const total = own.reduce((a, b) => a + b, 0);
    return own.map((w) => (w / total) * 100);
  }
  if (n === 1) return [100];
  if (n === 2) return [theme.tabella.larghezzaEtichette, 100 - theme.tabella.larghezzaEtichette];
  const first = Math.min(25, 100 / n);
  const rest = (100 - first) / (n - 1);
  return [first, ...Array(n - 1).fill(rest)];
}

/** A table whose class has widths in the theme, but not as many as its columns: its columns are then not those widths. */
export interface WidthMismatch {
  cls: string;
  columns: number;
  widths: number;
}

/**
 * The tables of `blocks` (in cells, lists and groups too) whose class has widths in the theme that no
 * class of theirs matches in number: a template that added a column without widths for it (the
 * writers then share the width out by their own rule).
 */
export function widthMismatches(blocks: readonly Block[], theme: Theme, out = new Map<string, WidthMismatch>()): WidthMismatch[] {
  for (const b of blocks) {
    if (b.type === 'table') {
      const n = columnCount(b.rows);
      const classes = b.cls?.split(/\s+/).filter((c) => theme.tabella.colonne?.[c]) ?? [];
      if (classes.length && !classes.some((c) => theme.tabella.colonne![c]!.length === n)) {
        const cls = classes[0]!;
        out.set(`${cls}:${n}`, { cls, columns: n, widths: theme.tabella.colonne![cls]!.length });
      }
      for (const r of b.rows) for (const c of r.cells) widthMismatches(c.content, theme, out);
    } else if (b.type === 'div' || b.type === 'quote') widthMismatches(b.content, theme, out);
    else if (b.type === 'list') for (const item of b.items) widthMismatches(item, theme, out);
  }
  return [...out.values()];
}

/** A header cell whose row also has data cells labels that row; otherwise it heads a column. */
export function headerScope(row: { cells: Cell[] }): 'row' | 'col' {
  return row.cells.some((c) => !c.header) ? 'row' : 'col';
}

/** The usable page width in points. */
export function contentWidthPt(theme: Theme): number {
  const m = theme.pagina.margini;
  return (210 - m.sinistra - m.destra) * MM_TO_PT;
}

/** The usable page height in points (A4). */
export function pageHeightPt(theme: Theme): number {
  const m = theme.pagina.margini;
  return (297 - m.sopra - m.sotto) * MM_TO_PT;
}

/** How tall an image is drawn (the coat of arms of the letterhead), in every format. */
export const IMAGE_HEIGHT_MM = 25;

/** An image's size on the page in points: `IMAGE_HEIGHT_MM` tall, as wide as its proportions say, narrowed to `maxWidth`. */
export function imageSizePt(image: { width: number; height: number }, maxWidth: number): { width: number; height: number } {
  const height = IMAGE_HEIGHT_MM * MM_TO_PT;
  const width = (height * image.width) / image.height;
  return width <= maxWidth ? { width, height } : { width: maxWidth, height: (maxWidth * image.height) / image.width };
}
