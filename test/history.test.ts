/**
 * The document knows its history (issue 14): an amended plan (`piano.variazioni`) is built as a
 * *testo coordinato*: under the title, the sentence naming the deliberations that approved its
 * variazioni and the table of revisions (row 0: the first approval); the letterhead names the last
 * act, to which the document is annexed; the document's date is that act's. A plan without
 * variazioni shows none of it (its goldens are unchanged: test/golden.test.ts).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';
import { docxText, docxXml, htmlText, normalize, pdfText } from './helpers/extract.js';
import { loadPlan } from '../src/plan/load.js';
import { buildView } from '../src/render/view.js';
import { letterheadView } from '../src/render/letterhead.js';
import { documentDate } from '../src/render/document-meta.js';

const FIXTURES = join(import.meta.dirname, 'fixtures/variazioni');
const REV0 = join(FIXTURES, 'casalmorano-rev0.yaml');
const REV1 = join(FIXTURES, 'casalmorano-rev1.yaml');
const FORMATS = ['docx', 'pdf', 'html'] as const;

const SENTENCE = 'Testo coordinato con le variazioni approvate con deliberazione di Giunta Comunale n. 45 del 20 giugno 2024';

async function texts(plan: string): Promise<{ docx: string; pdf: string; html: string; core: string }> {
  const out = mkdtempSync(join(tmpdir(), 'piao-storia-'));
  const r = await cli(['build', plan, '--out', out]);
  expect(r.code, r.err).toBe(0);
  const base = plan.replace(/^.*\//, '').replace(/\.yaml$/, '');
  const docx = readFileSync(join(out, `${base}.docx`));
  return {
    docx: normalize(docxText(docx)),
    pdf: normalize((await pdfText(readFileSync(join(out, `${base}.pdf`)))).text),
    html: normalize(htmlText(readFileSync(join(out, `${base}.html`), 'utf8'))),
    core: docxXml(docx, 'docProps/core.xml'),
  };
}

/** The rev. 1 fixture with its `variazioni:` replaced by `list` (YAML lines, indented as under `piano:`). */
function amended(list: string[], extra = ''): string {
  const source = readFileSync(REV1, 'utf8');
  const start = source.indexOf('  variazioni:\n');
  const end = source.indexOf('\n\n', start);
  const dir = mkdtempSync(join(tmpdir(), 'piao-storia-'));
  const file = join(dir, 'piano.yaml');
  writeFileSync(file, `${source.slice(0, start)}${['  variazioni:', ...list].join('\n')}${extra}${source.slice(end)}`.replace('  revisione: 1\n', `  revisione: ${list.filter((l) => l.startsWith('    - ')).length}\n`));
  return file;
}

describe('an amended plan (rev. 1 of the example)', () => {
  let rev1: Awaited<ReturnType<typeof texts>>;
  let rev0: Awaited<ReturnType<typeof texts>>;
  beforeAll(async () => {
    rev1 = await texts(REV1);
    rev0 = await texts(REV0);
  });

  for (const format of FORMATS) {
    it(`${format}: says it is the testo coordinato and lists the revisions, after the title and before the introduction`, () => {
      const t = rev1[format];
      const title = t.indexOf('2.2 Performance');
      const sentence = t.indexOf(SENTENCE);
      expect(sentence).toBeGreaterThan(title);
      expect(t.indexOf('Tale ambito programmatico')).toBeGreaterThan(sentence);
      expect(t).toContain('Revisione Deliberazione Data Motivazione');
      expect(t).toContain('0 Giunta Comunale n. 12 30 gennaio 2024 Approvazione del piano');
      expect(t).toContain(normalize("1 Giunta Comunale n. 45 20 giugno 2024 Dal 1° gennaio 2024 il Reddito di cittadinanza è sostituito dall'Assegno di inclusione"));
    });

    it(`${format}: the letterhead names the last act, the one the testo coordinato is annexed to`, () => {
      expect(rev1[format]).toContain('Allegato alla deliberazione di Giunta Comunale n. 45 del 20 giugno 2024');
      expect(rev1[format]).not.toContain('n. 12 del 30 gennaio 2024');
      expect(rev0[format]).toContain('Allegato alla deliberazione di Giunta Comunale n. 12 del 30 gennaio 2024');
    });

    it(`${format}: a plan without variazioni shows no history`, () => {
      expect(rev0[format]).not.toContain('Testo coordinato');
      expect(rev0[format]).not.toContain('Revisione Deliberazione');
    });
  }

  it("the document's date is the last act's", () => {
    expect(rev1.core).toContain('2024-06-20T');
    expect(rev0.core).toContain('2024-01-30T');
  });
});

describe('the sentence and the rows, computed by the view', () => {
  it('several acts: "con deliberazioni … n. 45 del … e n. 60 del …"; an act not yet adopted: blanks, also in the letterhead', () => {
    const file = amended([
      '    - revisione: 1',
      '      approvazione: { numero: 45, data: "2024-06-20" }',
      '      motivazione: Prima variazione.',
      '    - revisione: 2',
      '      approvazione: { numero: 60, data: "2024-09-10" }',
      '      motivazione: Seconda variazione.',
      '    - revisione: 3',
      '      motivazione: Terza variazione, in attesa della deliberazione.',
    ]);
    const { plan } = loadPlan(file);
    const view = buildView(plan);
    expect(view.piano.testo_coordinato).toBe(
      'Testo coordinato con le variazioni approvate con deliberazioni di Giunta Comunale n. 45 del 20 giugno 2024, n. 60 del 10 settembre 2024 e n. ____ del ________',
    );
    expect(view.piano.revisioni).toEqual([
      { numero: 0, deliberazione: 'Giunta Comunale n. 12', data: '30 gennaio 2024', motivazione: 'Approvazione del piano' },
      { numero: 1, deliberazione: 'Giunta Comunale n. 45', data: '20 giugno 2024', motivazione: 'Prima variazione.' },
      { numero: 2, deliberazione: 'Giunta Comunale n. 60', data: '10 settembre 2024', motivazione: 'Seconda variazione.' },
      { numero: 3, deliberazione: 'Giunta Comunale n. ____', data: '________', motivazione: 'Terza variazione, in attesa della deliberazione.' },
    ]);
    expect(letterheadView(plan)!.allegato).toBe('Allegato alla deliberazione di Giunta Comunale n. ____ del ________');
    // Without data_documento, a revision not yet approved is dated by the last act known.
    expect(documentDate(plan).toISOString().slice(0, 10)).toBe('2024-09-10');
  });

  it("acts of different organi each name their own; \"dell'8 …\"", () => {
    const file = amended([
      '    - revisione: 1',
      '      approvazione: { numero: 45, data: "2024-06-20" }',
      '      motivazione: Prima variazione.',
      '    - revisione: 2',
      '      approvazione: { organo: Consiglio Comunale, numero: 3, data: "2024-11-08" }',
      '      motivazione: Seconda variazione.',
    ]);
    const { plan } = loadPlan(file);
    expect(buildView(plan).piano.testo_coordinato).toBe(
      "Testo coordinato con le variazioni approvate con deliberazioni di Giunta Comunale n. 45 del 20 giugno 2024 e di Consiglio Comunale n. 3 dell'8 novembre 2024",
    );
    expect(letterheadView(plan)!.allegato).toBe("Allegato alla deliberazione di Consiglio Comunale n. 3 dell'8 novembre 2024");
    expect(documentDate(plan).toISOString().slice(0, 10)).toBe('2024-11-08');
  });

  it('a plan without variazioni has neither field', () => {
    const piano = buildView(loadPlan(REV0).plan).piano;
    expect(piano.testo_coordinato).toBeUndefined();
    expect(piano.revisioni).toBeUndefined();
  });
});
