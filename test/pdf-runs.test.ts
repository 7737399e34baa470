/** Joining alike, adjacent words of a PDF line before pdfmake draws it. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { joinRuns, pdfmakeRenderLine } from '../src/writers/pdf-runs.js';
import { writePdf } from '../src/writers/pdf.js';
import { loadTemplates } from '../src/render/templates.js';
import { loadTheme } from '../src/render/theme.js';
import type { DocTree } from '../src/render/tree.js';

const font = { name: 'regular' };
const bold = { name: 'bold' };
function line(...words: [string, number, object?, Record<string, unknown>?][]) {
  let x = 0;
  const inlines = words.map(([text, width, f = font, extra = {}]) => {
    const w = { text, x, width, font: f, fontSize: 10, color: '#1A1A1A', characterSpacing: 0, opacity: 1, ...extra };
    x += width;
    return w;
  });
  return { inlines, getHeight() { return this.inlines.length; } };
}

describe('joinRuns', () => {
  it('joins adjacent words with the same look, keeping the first x and the total width', () => {
    const l = line(['Il ', 10], ['sito ', 12], ['è ', 5]);
    const j = joinRuns(l);
    expect(j.inlines).toEqual([expect.objectContaining({ text: 'Il sito è ', x: 0, width: 27 })]);
    expect(l.inlines).toHaveLength(3); // the original line is untouched
    expect(j.getHeight()).toBe(1); // the line's methods see the joined words
  });

  it('keeps apart words in another font, colour or size, with a link, or with a gap between them', () => {
    expect(joinRuns(line(['Obiettivo ', 20, bold], ['n. ', 8], ['1', 4])).inlines.map((i) => i.text)).toEqual(['Obiettivo ', 'n. 1']);
    expect(joinRuns(line(['a ', 5], ['b ', 5, font, { color: '#FF0000' }])).inlines).toHaveLength(2);
    expect(joinRuns(line(['a ', 5], ['b ', 5, font, { fontSize: 12 }])).inlines).toHaveLength(2);
    expect(joinRuns(line(['a ', 5], ['b ', 5, font, { link: 'https://example.org' }])).inlines).toHaveLength(2);
    const justified = line(['a ', 5], ['b ', 5]);
    justified.inlines[1]!.x += 3; // a justified line spreads its words
    expect(joinRuns(justified).inlines).toHaveLength(2);
  });

  it('never changes the line it is given: a line drawn again (a table header repeated on the next page) joins the same way', () => {
    // A join after a word that joined nothing used to grow that word in the line itself: drawn a
    // second time, the line showed the joined text and the words joined to it again.
    const l = line(['a ', 5], ['b ', 5], ['Ω', 5, bold], ['c ', 5], ['d ', 5]);
    const texts = l.inlines.map((i) => i.text);
    const first = joinRuns(l).inlines.map((i) => i.text);
    expect(l.inlines.map((i) => i.text)).toEqual(texts);
    expect(joinRuns(l).inlines.map((i) => i.text)).toEqual(first);
    expect(first).toEqual(['a b ', 'Ω', 'c d ']);
  });

  it('returns the same line when nothing joins', () => {
    const l = line(['Solo', 20]);
    expect(joinRuns(l)).toBe(l);
  });
});

describe('the patch of pdfmake', () => {
  it('was written for the renderLine of the pinned pdfmake: this fails when an upgrade changes it', () => {
    // If this fails after an upgrade of pdfmake: read the new Renderer.renderLine, check that
    // joinRuns still gives it what it expects (inlines with x, width, font…), then update the hash
    // and the exact version in package.json together.
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies.pdfmake, 'pdfmake must be pinned to an exact version').toMatch(/^\d+\.\d+\.\d+$/);
    expect(createRequire(import.meta.url)('pdfmake/package.json').version).toBe(pkg.dependencies.pdfmake);
    expect(createHash('sha256').update(String(pdfmakeRenderLine)).digest('hex')).toBe('b71f57566c6b6c5f91ec87ea7772c610eb02d5ed6515fd81ab67bb33d4df5acc');
  });

  it('is in effect in the PDF writer: a line of plain words is drawn as one text object', async () => {
    const words = Array.from({ length: 40 }, (_, i) => `parola${i}`).join(' ');
    const tree: DocTree = { header: [], footer: [], body: [{ type: 'paragraph', content: [{ type: 'text', text: words }] }] };
    const theme = loadTheme(loadTemplates().themeFile);
    const pdf = await writePdf(tree, theme.theme, theme.fonts(), { title: 't', author: 'a', subject: 's', keywords: 'k', language: 'it-IT', date: new Date(Date.UTC(2024, 0, 1)) });
    // The page's content stream, inflated: one BT…ET text object per run drawn.
    const streams = [...pdf.toString('latin1').matchAll(/stream\r?\n([\s\S]*?)endstream/g)].map((m) => {
      try {
        return inflateSync(Buffer.from(m[1]!, 'latin1')).toString('latin1');
      } catch {
        return '';
      }
    });
    const texts = streams.filter((s) => s.includes('BT')).reduce((n, s) => n + s.split('BT').length - 1, 0);
    expect(texts).toBeGreaterThan(0);
    expect(texts).toBeLessThan(10); // unpatched, pdfmake draws each of the 40 words on its own
  });
});
