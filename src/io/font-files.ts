/**
 * Font files of a theme: where a `carattere.file` (or `carattere.fileRiserva`) entry points (a path from the theme's folder,
 * or `npm:package/file` inside an installed package) and whether a file is a font: used by the
 * theme (which reads them) and by the PDF writer (which hands them to pdfmake).
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

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
