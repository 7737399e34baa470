/**
 * pdfmake draws every word of a line as a text object of its own (font, size, colour, position
 * and glyphs, each time). Before a line is drawn, consecutive words that look the same and sit
 * side by side are joined into one run: pdfkit then places the same glyphs at the same
 * positions (it advances by the same widths pdfmake measured), with a fraction of the drawing
 * work and of the content stream. Words are left alone when anything sets them apart: another
 * font, size or colour, a decoration, background or link, a page reference, or a gap (justified
 * lines spread their words, so they are never joined).
 */
import * as RendererModule from 'pdfmake/js/Renderer.js';

/**
 * The one pdfmake internal this project touches. pdfmake is pinned to an exact version in
 * package.json, and `test/pdf-runs.test.ts` fails when `renderLine` is not the function this
 * patch was written for.
 */
const Renderer = ((m: { default: { default?: unknown } }) => m.default.default ?? m.default)(RendererModule as never) as { prototype: { renderLine: unknown } };

interface Inline {
  text: string;
  x: number;
  width: number;
  font: unknown;
  fontSize: number;
  color?: unknown;
  characterSpacing?: number;
  opacity?: number;
  fontFeatures?: unknown;
  sup?: boolean;
  sub?: boolean;
  decoration?: unknown;
  background?: unknown;
  link?: unknown;
  linkToPage?: unknown;
  linkToDestination?: unknown;
  _pageNodeRef?: unknown;
}

interface Line {
  inlines: Inline[];
}

const SAME = ['font', 'fontSize', 'color', 'characterSpacing', 'opacity', 'fontFeatures', 'sup', 'sub'] as const;

function plain(i: Inline): boolean {
  return !i.decoration && !i.background && i.link == null && !i.linkToPage && !i.linkToDestination && !i._pageNodeRef;
}

function joinable(a: Inline, b: Inline): boolean {
  return plain(a) && plain(b) && SAME.every((k) => a[k] === b[k]) && Math.abs(a.x + a.width - b.x) < 1e-6;
}

/** The line with its runs of alike, adjacent words joined (the same object when nothing joins). */
export function joinRuns<L extends Line>(line: L): L {
  const inlines = line.inlines;
  let joined: Inline[] | undefined;
  // The run being grown: always a copy, so that the line itself is never changed (pdfmake draws
  // a line again when it repeats a table's header rows on the next page).
  let run: Inline | undefined;
  for (let i = 1; i < inlines.length; i++) {
    const prev = joined ? joined[joined.length - 1]! : inlines[i - 1]!;
    const cur = inlines[i]!;
    if (joinable(prev, cur)) {
      joined ??= inlines.slice(0, i);
      if (prev !== run) joined[joined.length - 1] = run = { ...prev };
      run.text += cur.text;
      run.width += cur.width;
    } else if (joined) {
      joined.push(cur);
    }
  }
  if (!joined) return line;
  // The line's own methods (heights) read `inlines`: a child object keeps them.
  return Object.assign(Object.create(line) as L, { inlines: joined });
}

type RenderLine = ((this: unknown, line: Line, x: number, y: number) => void) & { joinsRuns?: boolean; original?: RenderLine };
const renderLine = Renderer.prototype.renderLine as RenderLine;

/** pdfmake's own `renderLine`, before the patch (the test compares it with the version the patch was written for). */
export const pdfmakeRenderLine: RenderLine = renderLine.original ?? renderLine;

/**
 * The text of every line drawn while `drawn` is set (pdf.ts sets it around one document): the
 * PDF writer checks afterwards that every word of the document tree was drawn.
 */
export const drawnText: { lines: string[] | undefined } = { lines: undefined };

if (!renderLine.joinsRuns) {
  const patched = function (this: unknown, line: Line, x: number, y: number) {
    if (drawnText.lines) for (const i of line.inlines) drawnText.lines.push(i.text);
    return renderLine.call(this, joinRuns(line), x, y);
  };
  Renderer.prototype.renderLine = Object.assign(patched, { joinsRuns: true, original: renderLine });
}
