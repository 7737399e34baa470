/**
 * The published PDF as archival PDF/A-2b: XMP identification (part 2, conformance B), an sRGB
 * output intent, every font embedded, no syntax errors for qpdf, title shown and language set.
 * Checked on the example's and on a large plan's (700 objectives).
 */
import { describe, expect, it } from 'vitest';
import { LARGE_PDF, PDF, TITLE, tool } from '../helpers/interop.js';

type Obj = Record<string, unknown>;

/** The PDF's objects as qpdf's JSON (version 2): "obj:N 0 R" -> { value } or { stream: { dict } }. */
function qpdfObjects(file: string): { trailer: Obj; get(ref: unknown): Obj } {
  const r = tool('qpdf', ['--json=2', '--json-key=qpdf', file], 'qpdf');
  expect(r.status, r.stderr).toBe(0);
  const json = JSON.parse(r.stdout) as { qpdf: [Obj, Record<string, { value?: Obj; stream?: { dict: Obj } }>] };
  const objects = json.qpdf[1];
  const get = (ref: unknown): Obj => {
    if (ref && typeof ref === 'object') return ref as Obj;
    const o = objects[`obj:${String(ref)}`];
    if (!o) throw new Error(`oggetto ${String(ref)} mancante`);
    return (o.value ?? o.stream?.dict) as Obj;
  };
  return { trailer: objects.trailer!.value!, get };
}

describe.each([
  { name: 'the published PDF', pdf: PDF, title: TITLE },
  { name: 'a large published PDF', pdf: LARGE_PDF, title: undefined },
])('$name', ({ pdf, title }) => {
  it('declares PDF/A-2b in its XMP metadata', () => {
    const r = tool('pdfinfo', ['-meta', pdf], 'poppler-utils');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/pdfaid:part(?:>|=['"])2/);
    expect(r.stdout).toMatch(/pdfaid:conformance(?:>|=['"])B/);
  });

  it('has the title, PDF 1.7, and shows the title instead of the file name', () => {
    const r = tool('pdfinfo', [pdf], 'poppler-utils');
    expect(r.stdout).toMatch(new RegExp(`^Title:\\s+${title ?? '.* – PIAO 2024-2026 – Sottosezione 2.2 Performance'}$`, 'm'));
    expect(r.stdout).toMatch(/^PDF version:\s+1\.7$/m);
    const { trailer, get } = qpdfObjects(pdf);
    const root = get(trailer['/Root']);
    expect(get(root['/ViewerPreferences'])['/DisplayDocTitle']).toBe(true);
  });

  it('sets the document language', () => {
    const { trailer, get } = qpdfObjects(pdf);
    expect(get(trailer['/Root'])['/Lang']).toBe('u:it-IT');
  });

  it('has an sRGB output intent for PDF/A', () => {
    const { trailer, get } = qpdfObjects(pdf);
    const intents = get(trailer['/Root'])['/OutputIntents'];
    expect(Array.isArray(intents)).toBe(true);
    const intent = get((intents as unknown[])[0]);
    expect(intent['/S']).toBe('/GTS_PDFA1');
    expect(String(intent['/OutputConditionIdentifier'] ?? intent['/Info'])).toMatch(/sRGB/);
    const profile = get(intent['/DestOutputProfile']);
    expect(profile['/N']).toBe(3);
  });

  it('embeds every font', () => {
    const r = tool('pdffonts', [pdf], 'poppler-utils');
    expect(r.status, r.stderr).toBe(0);
    const rows = r.stdout.split('\n').slice(2).filter((l) => l.trim());
    expect(rows.length).toBeGreaterThanOrEqual(3);
    // Columns: name type encoding emb sub uni object ID; "emb" is the 4th field from the end.
    for (const row of rows) expect(row.trim().split(/\s+/).at(-5), row).toBe('yes');
    // No two font subsets with one name.
    const names = rows.map((row) => row.trim().split(/\s+/)[0]);
    expect(new Set(names).size).toBe(names.length);
  });

  it('passes qpdf --check with no errors or warnings', () => {
    const r = tool('qpdf', ['--check', pdf], 'qpdf');
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toContain('No syntax or stream encoding errors found');
    expect(r.stderr).toBe('');
  });
});
