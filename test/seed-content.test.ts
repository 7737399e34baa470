/**
 * The built-in example, built into all three formats: every prose line and every value of every
 * objective table of the seed must be found in each output, in the seed's order.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { docxText, firstDifference, htmlText, normalize, pdfText } from './helpers/extract.js';
import { missingInOrder, seedNeedles } from './helpers/seed.js';

const EXAMPLE = join(import.meta.dirname, '../data/casalmorano-2024.yaml');
let out: string;
const texts: Record<'docx' | 'pdf' | 'html', string> = { docx: '', pdf: '', html: '' };

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'piao-seed-'));
  await build({ input: EXAMPLE, outDir: out });
  texts.docx = normalize(docxText(readFileSync(join(out, 'casalmorano-2024.docx'))));
  texts.pdf = normalize((await pdfText(readFileSync(join(out, 'casalmorano-2024.pdf')))).text);
  texts.html = normalize(htmlText(readFileSync(join(out, 'casalmorano-2024.html'), 'utf8')));
});

describe('the seed, in every format', () => {
  const needles = seedNeedles();

  it('has the expected amount of content to look for', () => {
    // 23 objective tables and the prose around them: a sanity check of the seed parser itself.
    expect(needles.filter((n) => /^obiettivo (n\. \d+|comune) /.test(n.text))).toHaveLength(23);
    expect(needles.length).toBeGreaterThan(250);
  });

  for (const format of ['docx', 'pdf', 'html'] as const) {
    it(`${format}: every seed line appears, in order`, () => {
      const missing = missingInOrder(texts[format], needles);
      expect(missing.map((m) => `seed:${m.line}: ${m.text}`)).toEqual([]);
    });
  }

  it('the three formats carry the same text', () => {
    // Case aside: the PDF draws in capitals what the DOCX and HTML show in capitals by style (settore headings).
    const lower = (s: string) => s.toLowerCase();
    expect(firstDifference(lower(texts.pdf), lower(texts.html))).toBeUndefined();
    expect(firstDifference(texts.docx, texts.html)).toBeUndefined();
  });
});
