/** The PDF writer's fonts without OpenType layout tables: every other table byte for byte. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { withoutLayoutTables } from '../src/writers/font-tables.js';

const require = createRequire(import.meta.url);
const FONT = readFileSync(require.resolve('@expo-google-fonts/titillium-web/400Regular/TitilliumWeb_400Regular.ttf'));

function tables(font: Buffer): Map<string, { offset: number; data: Buffer }> {
  const out = new Map<string, { offset: number; data: Buffer }>();
  for (let i = 0; i < font.readUInt16BE(4); i++) {
    const at = 12 + 16 * i;
    const offset = font.readUInt32BE(at + 8);
    out.set(font.toString('latin1', at, at + 4), { offset, data: font.subarray(offset, offset + font.readUInt32BE(at + 12)) });
  }
  return out;
}

describe('withoutLayoutTables', () => {
  it('drops GPOS, GSUB and GDEF and keeps every other table unchanged, 4-byte aligned', () => {
    const before = tables(FONT);
    expect([...before.keys()]).toEqual(expect.arrayContaining(['GPOS', 'GSUB', 'GDEF', 'glyf', 'cmap', 'hmtx']));
    const out = withoutLayoutTables(FONT);
    const after = tables(out);
    expect([...after.keys()]).toEqual([...before.keys()].filter((t) => !['GPOS', 'GSUB', 'GDEF'].includes(t)));
    for (const [tag, t] of after) {
      expect(t.data.equals(before.get(tag)!.data), tag).toBe(true);
      expect(t.offset % 4, tag).toBe(0);
    }
    const n = after.size;
    expect(out.readUInt16BE(6)).toBe(2 ** Math.floor(Math.log2(n)) * 16);
    expect(out.length).toBeLessThan(FONT.length);
  });

  it('returns anything that is not a plain font file untouched', () => {
    const woff = Buffer.from('wOFF0000000000000000');
    expect(withoutLayoutTables(woff)).toBe(woff);
    const cut = FONT.subarray(0, 40);
    expect(withoutLayoutTables(cut)).toBe(cut);
  });
});
