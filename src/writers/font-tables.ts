/**
 * The theme's fonts as the PDF writer hands them to pdfmake: without the OpenType layout tables
 * (GPOS, GSUB, GDEF). fontkit then measures and places each word from the glyphs' advance widths,
 * instead of shaping it (pair kerning, ligatures): shaping was about 40% of the time of a PDF
 * (measured with --cpu-prof on the built-in example). The embedded font program is unchanged
 * (pdfkit's subset never carries these tables); text is set as Word sets it by default, without
 * kerning or ligatures, which also keeps "fi" and "fl" two letters for copy and search.
 * A file that is not a plain TrueType/OpenType font (a collection, WOFF) is returned untouched.
 */
import { isFontFile } from '../io/font-files.js';

const DROP = new Set(['GPOS', 'GSUB', 'GDEF']);

export function withoutLayoutTables(font: Buffer): Buffer {
  if (!isFontFile(font)) return font;
  const count = font.readUInt16BE(4);
  if (font.length < 12 + 16 * count) return font;
  const tables: { record: Buffer; data: Buffer }[] = [];
  for (let i = 0; i < count; i++) {
    const at = 12 + 16 * i;
    const tag = font.toString('latin1', at, at + 4);
    const offset = font.readUInt32BE(at + 8);
    const length = font.readUInt32BE(at + 12);
    if (offset + length > font.length) return font;
    if (!DROP.has(tag)) tables.push({ record: font.subarray(at, at + 16), data: font.subarray(offset, offset + length) });
  }
  if (tables.length === count) return font;

  const n = tables.length;
  const pow2 = 2 ** Math.floor(Math.log2(n));
  const header = Buffer.alloc(12 + 16 * n);
  header.writeUInt32BE(font.readUInt32BE(0), 0);
  header.writeUInt16BE(n, 4);
  header.writeUInt16BE(pow2 * 16, 6); // searchRange
  header.writeUInt16BE(Math.log2(pow2), 8); // entrySelector
  header.writeUInt16BE(n * 16 - pow2 * 16, 10); // rangeShift
  const parts: Buffer[] = [header];
  let offset = header.length;
  tables.forEach(({ record, data }, i) => {
    const at = 12 + 16 * i;
    record.copy(header, at, 0, 8); // tag and checksum: the table's bytes are the same
    header.writeUInt32BE(offset, at + 8);
    header.writeUInt32BE(data.length, at + 12);
    const padded = (data.length + 3) & ~3; // tables start on 4-byte boundaries
    parts.push(data, Buffer.alloc(padded - data.length));
    offset += padded;
  });
  return Buffer.concat(parts);
}
