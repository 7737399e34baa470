/**
 * A chart of the document tree (render/chart.ts) as SVG: drawn inline by the HTML writer and by
 * pdfmake (its `svg` node). Written from the chart's shapes only, never from a template, so no
 * markup from outside reaches the document; numbers with two decimals, so the same bytes every run.
 */
import type { Chart } from '../render/chart.js';

const n = (v: number) => String(Math.round(v * 100) / 100);

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * `width`: the width drawn, in the unit the writer wants (points for the PDF; CSS pixels, scaled by
 * the viewBox, for HTML). `accessible`: role and label for screen readers (HTML).
 */
export function chartSvg(chart: Chart, width = chart.width, accessible = false): string {
  const height = (width * chart.height) / chart.width;
  const a11y = accessible ? ` role="img" aria-label="${esc(chart.alt)}"` : '';
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${n(width)}" height="${n(height)}" viewBox="0 0 ${n(chart.width)} ${n(chart.height)}"${a11y}>`];
  if (accessible) parts.push(`<title>${esc(chart.alt)}</title>`);
  for (const s of chart.shapes) {
    switch (s.kind) {
      case 'rect':
        parts.push(`<rect x="${n(s.x)}" y="${n(s.y)}" width="${n(s.w)}" height="${n(s.h)}" fill="${s.fill}"${s.stroke ? ` stroke="${s.stroke}"` : ''}/>`);
        break;
      case 'line':
        parts.push(`<line x1="${n(s.x1)}" y1="${n(s.y1)}" x2="${n(s.x2)}" y2="${n(s.y2)}" stroke="${s.stroke}" stroke-width="${n(s.width)}"${s.dash ? ' stroke-dasharray="3 2"' : ''}/>`);
        break;
      case 'text':
        parts.push(`<text x="${n(s.x)}" y="${n(s.y)}" font-size="${n(s.size)}" text-anchor="${s.anchor}" fill="${s.fill}"${s.bold ? ' font-weight="bold"' : ''}>${esc(s.text)}</text>`);
        break;
    }
  }
  parts.push('</svg>');
  return parts.join('');
}
