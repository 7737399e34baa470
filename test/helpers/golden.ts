/**
 * Golden files: small, reviewable expected outputs under test/golden/. `expectGolden` compares
 * a text with its file; with UPDATE_GOLDEN=1 (`npm run golden`) it writes the file instead, and
 * the diff is then reviewed before committing. A missing file fails (never silently created).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { expect } from 'vitest';

export const GOLDEN_DIR = join(import.meta.dirname, '../golden');
export const UPDATE_GOLDEN = process.env.UPDATE_GOLDEN === '1';

/** Checks `actual` against test/golden/<name> (e.g. "html/headings.html"), or writes it with UPDATE_GOLDEN=1. */
export function expectGolden(name: string, actual: string): void {
  const file = join(GOLDEN_DIR, name);
  const shown = relative(process.cwd(), file);
  if (UPDATE_GOLDEN) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) throw new Error(`${shown} is missing: run \`npm run golden\`, then review it`);
  expect(actual, `${shown} changed: review the difference, then run \`npm run golden\``).toBe(readFileSync(file, 'utf8'));
}

/**
 * JSON for a golden file: two-space indent; arrays of scalars (margins, widths) on one line, and
 * so are small objects of single-line values (a list item, a run of text). Functions (pdfmake's
 * header, footer and table layout callbacks) are shown as what they return for `args`, so what
 * they draw is compared too instead of being dropped by JSON.stringify.
 */
export function goldenJson(value: unknown, args: unknown[] = []): string {
  const text = JSON.stringify(
    value,
    (_key, v: unknown) => {
      if (typeof v !== 'function') return v;
      const label = `ƒ(${args.map((a) => JSON.stringify(a)).join(', ')})`;
      try {
        return { [label]: (v as (...a: unknown[]) => unknown)(...args) };
      } catch {
        return `${label}: throws`;
      }
    },
    2,
  );
  // Innermost brackets first, then braces: items that are each on one line are joined.
  const join = (open: string, close: string, max: number) => (whole: string, inner: string) => {
    const items = inner.split(/,\n\s*/);
    const line = open === '{' ? `{ ${items.join(', ')} }` : `[${items.join(', ')}]`;
    return items.some((i) => i.includes('\n')) || line.length > max ? whole : line;
  };
  const arrays = text.replace(/\[\n\s*([^[\]{}]*?)\n\s*\]/g, join('[', ']', Infinity));
  return `${arrays.replace(/\{\n\s*([^{}]*?)\n\s*\}/g, join('{', '}', 100))}\n`;
}
