/**
 * Charts as the document tree carries them: a list of simple shapes (rectangles, lines, texts) in
 * points, computed by a view (never written by a template), that every writer draws in its own way
 * (HTML and PDF as SVG: writers/chart-svg.ts; DOCX as DrawingML shapes: writers/docx-chart.ts). One
 * geometry, so the three formats show the same picture; plain numbers, so the same bytes every run.
 *
 * `ganttChart` draws a phase timeline (cronoprogramma): the plan's months across, one bar per phase
 * from its start to its end coloured by its state at a date, a vertical line at that date, a legend.
 */

export type Shape =
  | { kind: 'rect'; x: number; y: number; w: number; h: number; fill: string; stroke?: string }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string; width: number; dash?: boolean }
  | { kind: 'text'; x: number; y: number; text: string; size: number; anchor: 'start' | 'middle' | 'end'; fill: string; bold?: boolean };

export interface Chart {
  /** Size in points (writers narrow it to the page, keeping proportions). */
  width: number;
  height: number;
  shapes: Shape[];
  /** What the chart shows, in words: alternative text for those who cannot see it. */
  alt: string;
}

export type PhaseState = 'completata' | 'in tempo' | 'in ritardo' | 'non iniziata';

/** The colour of each state; the legend words them, the text beside the chart says them again. */
export const STATE_COLOURS: Record<PhaseState, string> = {
  completata: '#2E7D32',
  'in tempo': '#1565C0',
  'in ritardo': '#C62828',
  'non iniziata': '#9E9E9E',
};

export interface GanttRow {
  label: string;
  /** ISO dates; a row without both has no bar. */
  inizio?: string;
  fine?: string;
  state: PhaseState;
}

const MESI = ['gen', 'feb', 'mar', 'apr', 'mag', 'giu', 'lug', 'ago', 'set', 'ott', 'nov', 'dic'];

const WIDTH = 480;
const LABEL_W = 150;
const TOP = 30;
const ROW_H = 18;
const BAR_H = 10;
const LEGEND_H = 30;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Months from the start, counted from `from` (year, month 1-12), with the day as a fraction; `end`: the day's end. */
function monthPos(iso: string, from: { y: number; m: number }, end: boolean): number {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  return (y - from.y) * 12 + (m - from.m) + (d - (end ? 0 : 1)) / daysIn(y, m);
}

/**
 * The timeline of one objective's phases at `date` (ISO). Months: the plan's year (`year`), widened to
 * whole months covering every dated phase; `dateLabel` is how the date line is labelled ("30/06/2024").
 */
export function ganttChart(rows: GanttRow[], year: number, date: string, dateLabel: string, alt: string): Chart {
  const dated = rows.filter((r) => r.inizio && r.fine);
  let from = { y: year, m: 1 };
  let to = { y: year, m: 12 };
  for (const r of dated) {
    const a = { y: Number(r.inizio!.slice(0, 4)), m: Number(r.inizio!.slice(5, 7)) };
    const b = { y: Number(r.fine!.slice(0, 4)), m: Number(r.fine!.slice(5, 7)) };
    if (a.y * 12 + a.m < from.y * 12 + from.m) from = a;
    if (b.y * 12 + b.m > to.y * 12 + to.m) to = b;
  }
  const months = (to.y - from.y) * 12 + (to.m - from.m) + 1;
  const plotW = WIDTH - LABEL_W - 6;
  const mw = plotW / months;
  const x = (pos: number) => LABEL_W + Math.max(0, Math.min(months, pos)) * mw;
  const plotH = rows.length * ROW_H;
  const height = TOP + plotH + 8 + LEGEND_H;
  const shapes: Shape[] = [];

  // Month columns, alternately shaded, with their names (and the year where it changes).
  const multiYear = from.y !== to.y;
  for (let i = 0; i < months; i++) {
    const y = from.y + Math.floor((from.m - 1 + i) / 12);
    const m = (from.m - 1 + i) % 12;
    if (i % 2 === 1) shapes.push({ kind: 'rect', x: LABEL_W + i * mw, y: TOP, w: mw, h: plotH, fill: '#F2F2F2' });
    const name = multiYear && (m === 0 || i === 0) ? `${MESI[m]} ${String(y).slice(2)}` : MESI[m]!;
    shapes.push({ kind: 'text', x: LABEL_W + (i + 0.5) * mw, y: TOP - 4, text: name, size: months > 18 ? 5.5 : 7, anchor: 'middle', fill: '#333333' });
  }
  shapes.push({ kind: 'line', x1: LABEL_W, y1: TOP, x2: LABEL_W + plotW, y2: TOP, stroke: '#999999', width: 0.5 });
  shapes.push({ kind: 'line', x1: LABEL_W, y1: TOP + plotH, x2: LABEL_W + plotW, y2: TOP + plotH, stroke: '#999999', width: 0.5 });

  rows.forEach((r, k) => {
    const top = TOP + k * ROW_H;
    shapes.push({ kind: 'text', x: LABEL_W - 4, y: top + ROW_H / 2 + 2.5, text: r.label, size: 7, anchor: 'end', fill: '#000000' });
    if (r.inizio && r.fine) {
      const x1 = x(monthPos(r.inizio, from, false));
      const x2 = Math.max(x(monthPos(r.fine, from, true)), x1 + 1.5);
      shapes.push({ kind: 'rect', x: x1, y: top + (ROW_H - BAR_H) / 2, w: x2 - x1, h: BAR_H, fill: STATE_COLOURS[r.state] });
    } else {
      shapes.push({ kind: 'text', x: LABEL_W + 4, y: top + ROW_H / 2 + 2.5, text: `senza date – ${r.state}`, size: 6.5, anchor: 'start', fill: '#555555' });
    }
  });

  // The date line, labelled above the months.
  const dx = x(monthPos(date, from, true));
  shapes.push({ kind: 'line', x1: dx, y1: TOP - 2, x2: dx, y2: TOP + plotH + 2, stroke: '#000000', width: 1.2, dash: true });
  shapes.push({ kind: 'text', x: dx, y: TOP - 14, text: `al ${dateLabel}`, size: 7, anchor: dx > WIDTH - 40 ? 'end' : dx < LABEL_W + 40 ? 'start' : 'middle', fill: '#000000', bold: true });

  // Legend: one swatch per state, then the date line.
  const ly = TOP + plotH + 8 + 10;
  let lx = LABEL_W;
  for (const s of Object.keys(STATE_COLOURS) as PhaseState[]) {
    shapes.push({ kind: 'rect', x: lx, y: ly - 7, w: 10, h: 8, fill: STATE_COLOURS[s] });
    shapes.push({ kind: 'text', x: lx + 13, y: ly, text: s, size: 7, anchor: 'start', fill: '#000000' });
    lx += 13 + s.length * 3.8 + 12;
  }
  shapes.push({ kind: 'line', x1: lx + 5, y1: ly - 8, x2: lx + 5, y2: ly + 1, stroke: '#000000', width: 1.2, dash: true });
  shapes.push({ kind: 'text', x: lx + 10, y: ly, text: 'data del monitoraggio', size: 7, anchor: 'start', fill: '#000000' });

  return { width: WIDTH, height, shapes, alt };
}
