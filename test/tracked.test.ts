/**
 * `piao build NUOVO --confronta VECCHIO`: the section's DOCX with the changes as Word tracked revisions.
 * Accepting them all (on word/document.xml, test/helpers/tracked.ts) gives, paragraph by paragraph and
 * cell by cell, the DOCX built from the new plan alone; rejecting them all, the one built from the old plan.
 * Shown on the example's amendment (rev. 0 → rev. 1), on a plan against itself and on synthetic changes.
 * The PDF and HTML of that run are the new version's, byte for byte. (LibreOffice accepting and rejecting
 * them: test/interop/tracked.test.ts.)
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';
import { docxXml } from './helpers/extract.js';
import { acceptAll, paragraphs, rejectAll, REV0, REV1, revisionCount, VARIANTS, writeVariant } from './helpers/tracked.js';


function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'piao-tracked-'));
}

/** Builds a plan (against an old one) and returns the files written, by extension. */
async function build(plan: string, args: string[] = []): Promise<Record<string, Buffer>> {
  const out = tmp();
  const r = await cli(['build', plan, '--out', out, ...args]);
  expect(r.code, r.err).toBe(0);
  const base = join(out, basename(plan, '.yaml'));
  const files: Record<string, Buffer> = {};
  for (const ext of ['docx', 'pdf', 'html']) {
    try {
      files[ext] = readFileSync(`${base}.${ext}`);
    } catch {
      // Not asked for.
    }
  }
  return files;
}

const DOCX = ['--format', 'docx'];
const built = new Map<string, Promise<string>>();
/** The document.xml of a plan's DOCX (against an old one); each built once. */
const body = (plan: string, against?: string): Promise<string> => {
  const key = `${plan}\u0000${against ?? ''}`;
  if (!built.has(key)) built.set(key, build(plan, [...DOCX, ...(against ? ['--confronta', against] : [])]).then((f) => docxXml(f.docx!)));
  return built.get(key)!;
};

/** The tracked document of `now` against `old`, checked: accept all = `now` alone, reject all = `old` alone. */
async function expectTracked(old: string, now: string): Promise<string> {
  const tracked = await body(now, old);
  const accepted = acceptAll(tracked);
  const rejected = rejectAll(tracked);
  expect(revisionCount(accepted)).toBe(0);
  expect(revisionCount(rejected)).toBe(0);
  expect(paragraphs(accepted)).toEqual(paragraphs(await body(now)));
  expect(paragraphs(rejected)).toEqual(paragraphs(await body(old)));
  return tracked;
}

const variant = (name: keyof typeof VARIANTS) => writeVariant(name, tmp());

describe('piao build --confronta', () => {
  it('rev. 1 against rev. 0: accepting all gives rev. 1, rejecting all gives rev. 0, with revisions of the delibera', async () => {
    const tracked = await expectTracked(REV0, REV1);
    // Every change of the amendment is there as a revision, each with the act approving it.
    const inserted = [...tracked.matchAll(/<w:ins [^>]*>(.*?)<\/w:ins>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '')).join(' | ');
    const deleted = [...tracked.matchAll(/<w:del [^>]*>(.*?)<\/w:del>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '')).join(' | ');
    for (const s of ['settembre', 'e delle scuole del territorio', 'Assegno', '50%', '20%', '3%']) expect(inserted).toContain(s);
    for (const s of ['giugno', 'Reddito', '60%', '10%', '4%', '2%']) expect(deleted).toContain(s);
    const authors = new Set([...tracked.matchAll(/<w:(?:ins|del) w:id="\d+" w:author="([^"]*)" w:date="([^"]*)"/g)].map((m) => `${m[1]} @ ${m[2]}`));
    expect([...authors]).toEqual(['Giunta Comunale – delibera n. 45 @ 2024-06-20T00:00:00Z']);
    // Unique ids, in order.
    const ids = [...tracked.matchAll(/<w:(?:ins|del) w:id="(\d+)"/g)].map((m) => Number(m[1]));
    expect(ids).toEqual(ids.map((_, i) => i + 1));
    // Text that did not change is not marked: the introduction is there once, as it is.
    expect(tracked.match(/Tale ambito programmatico/g)).toHaveLength(1);
  });

  it('a plan against itself has no revision, and the same DOCX as without --confronta', async () => {
    const tracked = await build(REV0, [...DOCX, '--confronta', REV0]);
    expect(revisionCount(docxXml(tracked.docx!))).toBe(0);
    expect(tracked.docx!.equals((await build(REV0, DOCX)).docx!)).toBe(true);
  });

  it('same data, same bytes', async () => {
    const a = await build(REV1, [...DOCX, '--confronta', REV0]);
    const b = await build(REV1, [...DOCX, '--confronta', REV0]);
    expect(a.docx!.equals(b.docx!)).toBe(true);
  });

  it('the PDF and HTML of the run are the new version, as a build without --confronta writes them', async () => {
    const tracked = await build(REV1, ['--confronta', REV0]);
    const clean = await build(REV1);
    expect(tracked.pdf!.equals(clean.pdf!)).toBe(true);
    expect(tracked.html!.equals(clean.html!)).toBe(true);
    expect(tracked.docx!.equals(clean.docx!)).toBe(false);
    expect(revisionCount(docxXml(clean.docx!))).toBe(0);
  });

  it('a table row added (and, rejected, removed)', async () => {
    const now = variant('riga');
    const tracked = await expectTracked(REV0, now);
    expect(tracked).toMatch(/<w:trPr>(<w:cantSplit\/>)?<w:ins w:id/);
  });

  it('a paragraph deleted', async () => {
    const now = variant('paragrafo');
    const tracked = await expectTracked(REV0, now);
    expect(tracked).toMatch(/<w:rPr><w:del w:id="\d+"[^>]*\/><\/w:rPr><\/w:pPr><w:del w:id="\d+"[^>]*><w:r><w:delText xml:space="preserve">Il piano dettagliato/);
  });

  it('a heading changed', async () => {
    const now = variant('titolo');
    const tracked = await expectTracked(REV0, now);
    expect(tracked).toMatch(/<w:pStyle w:val="Heading\d(Maiuscolo)?"\/>(?:(?!<\/w:p>).)*<w:ins [^>]*><w:r>(?:(?!<\/w:p>).)*Ambiente/);
  });

  it('a whole settore added', async () => {
    const now = variant('settore');
    const tracked = await expectTracked(REV0, now);
    expect(tracked).toContain('Settore Cultura e Biblioteca');
  });

  it('an invalid old version: its problems at its file:line:col, exit 1, nothing written', async () => {
    const old = join(tmp(), 'vecchio.yaml');
    writeFileSync(old, readFileSync(REV0, 'utf8').replace('  revisione: 0\n', '  revisione: zero\n'));
    const out = tmp();
    const r = await cli(['build', REV1, '--out', out, '--confronta', old]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`${old.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:16:14: errore`));
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(readdirSync(out)).toEqual([]);
  });

  it('a missing old version is told in Italian', async () => {
    const r = await cli(['build', REV1, '--out', tmp(), '--confronta', join(tmp(), 'manca.yaml')]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/manca\.yaml/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('the help tells --confronta', async () => {
    const r = await cli(['build', '--help']);
    expect(r.out + r.err).toMatch(/--confronta VECCHIO\.yaml/);
  });
});

describe('the author and date of the tracked changes', () => {
  it('are the act of the last variazione; a draft (its act not adopted yet) is undated, not dated with the first approval', async () => {
    const { revisionsOf } = await import('../src/amend/tracked.js');
    const { parsePlan } = await import('../src/plan/load.js');
    const text = readFileSync(REV1, 'utf8');
    expect(revisionsOf(parsePlan(text, 'rev1.yaml'))).toEqual({ author: 'Giunta Comunale – delibera n. 45', date: '2024-06-20T00:00:00Z' });
    const draft = parsePlan(text.replace('      approvazione: { organo: Giunta Comunale, numero: 45, data: "2024-06-20" }\n', ''), 'rev1.yaml');
    expect(revisionsOf(draft)).toEqual({ author: 'Giunta Comunale – variazione n. 1' });
  });
});
