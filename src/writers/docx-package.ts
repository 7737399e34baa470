/**
 * Byte-identical DOCX: docx writes the clock's time into docProps/core.xml and the zip entries.
 * We unzip the package docx made and zip its files again ourselves, once, with the document's own
 * date in core.xml and every entry, in a fixed entry order, applying our changes to its parts on the way.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';

/** A package's files by path, as `unzipSync` gives them. */
export type PackageFiles = Record<string, Uint8Array>;

/** The files of a zipped package. */
export function unzipPackage(zip: Uint8Array): PackageFiles {
  return unzipSync(zip);
}

/** Zips `files`, each text part named in `patches` changed by its function (the part must be there). */
export function zipPackage(files: PackageFiles, date: Date, patches: Record<string, (xml: string) => string> = {}): Buffer {
  const iso = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const datePatch = (xml: string) =>
    xml.replace(/(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g, (_m, open: string, _k: string, close: string) => `${open}${iso}${close}`);
  // DOS zip times are local time, and start in 1980: build the fixed time from the date's UTC fields read as local ones.
  const mtime = new Date(Math.max(1980, date.getUTCFullYear()), date.getUTCMonth(), date.getUTCDate(), 12, 0, 0);
  for (const name of Object.keys(patches)) if (!files[name]) throw new Error(`the DOCX package has no ${name}`);
  const names = Object.keys(files).sort((a, b) => order(a) - order(b) || (a < b ? -1 : a > b ? 1 : 0));
  const out: Zippable = {};
  for (const name of names) {
    let data = files[name]!;
    const patch = patches[name];
    if (name === 'docProps/core.xml' || patch) {
      let xml = strFromU8(data);
      if (name === 'docProps/core.xml') xml = datePatch(xml);
      if (patch) xml = patch(xml);
      data = strToU8(xml);
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
