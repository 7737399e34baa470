/**
 * Byte-identical DOCX: docx would write the clock's time into docProps/core.xml and the zip
 * entries. We take the package's files from docx before it zips them and zip them once
 * ourselves, with the document's own date, in a fixed entry order.
 */
import { zipSync, type Zippable } from 'fflate';

export type PackageFiles = Map<string, string | Uint8Array>;

export function zipPackage(files: PackageFiles, date: Date, patches: Record<string, (xml: string) => string> = {}): Buffer {
  const iso = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const datePatch = (xml: string) =>
    xml.replace(/(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g, (_m, open: string, _k: string, close: string) => `${open}${iso}${close}`);
  // DOS zip times are local time, and start in 1980: build the fixed time from the date's UTC fields read as local ones.
  const mtime = new Date(Math.max(1980, date.getUTCFullYear()), date.getUTCMonth(), date.getUTCDate(), 12, 0, 0);
  const encoder = new TextEncoder();
  const names = [...files.keys()].sort((a, b) => order(a) - order(b) || (a < b ? -1 : a > b ? 1 : 0));
  const out: Zippable = {};
  for (const name of names) {
    let data = files.get(name)!;
    if (typeof data === 'string') {
      if (name === 'docProps/core.xml') data = datePatch(data);
      const patch = patches[name];
      if (patch) data = patch(data);
      data = encoder.encode(data);
    }
    out[name] = [data, { mtime, level: 6 }];
  }
  return Buffer.from(zipSync(out));
}

/** [Content_Types].xml and the relationships first, as Word writes them. */
function order(name: string): number {
  if (name === '[Content_Types].xml') return 0;
  if (name.startsWith('_rels/')) return 1;
  return 2;
}

/** Runs `fn` with Math.random replaced by a seeded generator (docx draws font keys from it). */
export function withFixedRandom<T>(seed: number, fn: () => T): T {
  const original = Math.random;
  let s = seed >>> 0;
  Math.random = () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  try {
    return fn();
  } finally {
    Math.random = original;
  }
}
