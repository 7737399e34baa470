/** Joining alike, adjacent words of a PDF line before pdfmake draws it. */
import { describe, expect, it } from 'vitest';
import { joinRuns } from '../src/writers/pdf-runs.js';

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

  it('returns the same line when nothing joins', () => {
    const l = line(['Solo', 20]);
    expect(joinRuns(l)).toBe(l);
  });
});
