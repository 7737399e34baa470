/**
 * Font files of a theme: where a `carattere.file` (or `carattere.fileRiserva`) entry points (a path from the theme's folder,
 * or `npm:package/file` inside an installed package) and whether a file is a font: used by the
 * theme (which reads them) and by the PDF writer (which hands them to pdfmake).
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { inflateSync } from 'node:zlib';

const require = createRequire(import.meta.url);

/** The file a font entry of the theme names; throws when an `npm:` package file is not installed. */
export function fontPath(spec: string, themeDir: string): string {
  return spec.startsWith('npm:') ? require.resolve(spec.slice(4)) : resolve(themeDir, spec);
}

/** The first four bytes (sfnt version) of a TrueType or OpenType font file. */
const SFNT_VERSIONS = new Set([0x00010000, 0x74727565 /* 'true' */, 0x4f54544f /* 'OTTO' */]);

/** A plain TrueType or OpenType font file (not a collection, not WOFF). */
export function isFontFile(data: Buffer): boolean {
  return data.length >= 12 && SFNT_VERSIONS.has(data.readUInt32BE(0));
}

/** A WOFF (1.0) font file: pdfkit reads and embeds it like a TrueType file. WOFF2 is not read reliably, so it is not one. */
export function isWoffFile(data: Buffer): boolean {
  return data.length >= 44 && data.readUInt32BE(0) === 0x774f4646 /* 'wOFF' */;
}

/**
 * A WOFF (1.0) font as the plain TrueType/OpenType file it wraps (WOFF is that file with each
 * table zlib-compressed): fontkit then reads its tables without inflating them in JavaScript at
 * each use, which made the fallback family's text several times slower to lay out and embed.
 * Any other file is returned as it is.
 */
export function sfntOf(data: Buffer): Buffer {
  if (!isWoffFile(data)) return data;
  const count = data.readUInt16BE(12);
  const tables: { tag: Buffer; checksum: number; data: Buffer }[] = [];
  for (let i = 0; i < count; i++) {
    const at = 44 + 20 * i;
    const offset = data.readUInt32BE(at + 4);
    const compressed = data.readUInt32BE(at + 8);
    const length = data.readUInt32BE(at + 12);
    const raw = data.subarray(offset, offset + compressed);
    tables.push({ tag: data.subarray(at, at + 4), checksum: data.readUInt32BE(at + 16), data: compressed < length ? inflateSync(raw) : raw });
  }
  const pow2 = 2 ** Math.floor(Math.log2(count));
  const header = Buffer.alloc(12 + 16 * count);
  header.writeUInt32BE(data.readUInt32BE(4), 0); // the wrapped font's sfnt version
  header.writeUInt16BE(count, 4);
  header.writeUInt16BE(pow2 * 16, 6);
  header.writeUInt16BE(Math.log2(pow2), 8);
  header.writeUInt16BE(count * 16 - pow2 * 16, 10);
  const parts: Buffer[] = [header];
  let offset = header.length;
  tables.forEach((t, i) => {
    const at = 12 + 16 * i;
    t.tag.copy(header, at);
    header.writeUInt32BE(t.checksum, at + 4);
    header.writeUInt32BE(offset, at + 8);
    header.writeUInt32BE(t.data.length, at + 12);
    const padded = (t.data.length + 3) & ~3;
    parts.push(t.data, Buffer.alloc(padded - t.data.length));
    offset += padded;
  });
  return Buffer.concat(parts);
}
