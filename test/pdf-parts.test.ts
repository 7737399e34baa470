/**
 * A large PDF is laid out in two parts at a page break (writers/pdf-parts.ts), in two processes
 * when the CLI runs them: the parts, their page numbers, and a whole PDF with the same bytes
 * whether one process or two made it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Block, DocTree } from '../src/tree.js';
import { SPLIT_FROM, pageNumbering, pdfParts } from '../src/writers/pdf-parts.js';
import { pdfText } from './helpers/extract.js';
// @ts-expect-error: the bench's generator is plain JavaScript
import { generateYaml } from '../bench/generate.mjs';

const ROOT = join(import.meta.dirname, '..');

/** A settore-like section: a heading and `n` one-row tables of `chars` characters. */
function section(title: string, n: number, chars: number): Block[] {
  const table: Block = { type: 'table', rows: [{ cells: [{ header: false, colspan: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x'.repeat(chars) }] }] }] }] };
  return [{ type: 'heading', level: 2, content: [{ type: 'text', text: title }] }, ...Array.from({ length: n }, () => table)];
}

function tree(...sections: Block[][]): DocTree {
  return { header: [], footer: [], body: sections.flatMap((s, i) => (i === 0 ? s : [{ type: 'pagebreak' } as Block, ...s])) };
}

describe('pdfParts', () => {
  const big = Math.ceil(SPLIT_FROM / 1000); // tables of 1000 characters that weigh SPLIT_FROM together

  it('keeps a small document whole, page breaks or not', () => {
    const t = tree(section('A', 10, 1000), section('B', 10, 1000));
    expect(pdfParts(t)).toEqual([t]);
  });

  it('keeps a large document without page breaks whole', () => {
    const t = tree(section('A', 2 * big, 1000));
    expect(pdfParts(t)).toEqual([t]);
  });

  it('cuts a large document at the page break nearest to half its weight, losing nothing', () => {
    const t = tree(section('A', big / 2, 1000), section('B', big / 4, 1000), section('C', big / 2, 1000), section('D', big / 4, 1000));
    const parts = pdfParts(t);
    expect(parts).toHaveLength(2);
    expect(parts[0]!.body.filter((b) => b.type === 'heading').map((b) => (b as { content: { text: string }[] }).content[0]!.text)).toEqual(['A', 'B']);
    // The page break between the parts is where the second starts; the others stay.
    expect([...parts[0]!.body, { type: 'pagebreak' }, ...parts[1]!.body]).toEqual(t.body);
    expect(parts[1]!.body[0]!.type).toBe('heading');
    expect(parts[0]!.header).toBe(t.header);
    expect(parts[1]!.footer).toBe(t.footer);
  });

  it('never makes an empty part of a leading or trailing page break', () => {
    const t: DocTree = { header: [], footer: [], body: [{ type: 'pagebreak' }, ...section('A', 2 * big, 1000), { type: 'pagebreak' }] };
    expect(pdfParts(t)).toEqual([t]);
  });

  it('numbers the pages across the parts', () => {
    expect(pageNumbering([9, 8])).toEqual([
      { first: 1, total: 17 },
      { first: 10, total: 17 },
    ]);
    expect(pageNumbering([3])).toEqual([{ first: 1, total: 3 }]);
  });
});

describe('a large plan built by the CLI', () => {
  it('has its PDF laid out in two processes, numbered across both parts, with the same bytes as in one process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-grande-'));
    const plan = join(dir, 'grande.yaml');
    writeFileSync(plan, generateYaml({ objectives: 700 }));
    const build = (out: string, env: Record<string, string>) => {
      const r = spawnSync(process.execPath, [join(ROOT, 'dist/bin.js'), 'build', plan, '--out', join(dir, out), '-f', 'pdf'], { env: { ...process.env, PIAO_TRACE: '1', ...env }, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return r.stderr;
    };
    expect(build('due', {})).toMatch(/processo del PDF 2 avviato[^]*PDF impaginato in 2 parti/);
    expect(build('uno', { PIAO_WORKERS: '0' })).not.toContain('processo del PDF');
    const two = readFileSync(join(dir, 'due/grande.pdf'));
    const one = readFileSync(join(dir, 'uno/grande.pdf'));
    expect(two.equals(one)).toBe(true);

    const { pages } = await pdfText(two);
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: new Uint8Array(two), verbosity: 0 }).promise;
    // Every footer says its own page of the whole document.
    for (let i = 1; i <= pages; i++) {
      const text = (await (await doc.getPage(i)).getTextContent()).items.map((it) => ('str' in it ? it.str : '')).join('');
      expect(text, `pagina ${i}`).toContain(`Pagina ${i} di ${pages}`);
    }
  }, 60_000);
});
