/**
 * Byte-identical DOCX: docx writes the clock's time into docProps/core.xml and the zip entries.
 * This rewrites both from the document's own date, in a fixed entry order, so the same data
 * gives the same bytes whatever the clock or time zone.
 */
import { unzipSync, zipSync, type Zippable } from 'fflate';

export function normalizeZip(raw: Uint8Array, date: Date, patches: Record<string, (xml: string) => string> = {}): Buffer {
  const entries = unzipSync(raw);
  for (const [name, patch] of Object.entries(patches)) {
    const entry = entries[name];
    if (entry) entries[name] = new TextEncoder().encode(patch(new TextDecoder().decode(entry)));
  }
  const iso = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const core = entries['docProps/core.xml'];
  if (core) {
    const xml = new TextDecoder().decode(core).replace(
      /(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g,
      (_m, open: string, _k: string, close: string) => `${open}${iso}${close}`,
    );
    entries['docProps/core.xml'] = new TextEncoder().encode(xml);
  }
  // DOS zip times are local time: build the fixed time from the date's UTC fields read as local ones.
  // (Zip dates start in 1980.)
  const mtime = new Date(Math.max(1980, date.getUTCFullYear()), date.getUTCMonth(), date.getUTCDate(), 12, 0, 0);
  const names = Object.keys(entries).sort((a, b) => order(a) - order(b) || (a < b ? -1 : a > b ? 1 : 0));
  const out: Zippable = {};
  for (const name of names) out[name] = [entries[name]!, { mtime, level: 6 }];
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
