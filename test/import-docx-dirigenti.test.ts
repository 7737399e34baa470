/**
 * `piao import PIANO.docx` for a Comune with dirigenti (notes/newuser-report-16b.md): "Dirigente"
 * read like "Responsabile", numbering per settore ("Obiettivo 1.1", "OB. 3/1 – Titolo"), a name
 * written twice with two roles, the DUP and "Struttura coinvolta" rows, a deadline's note in brackets.
 * The user's own document is test/fixtures/import-docx/valdimonte-2025.docx.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cli } from './helpers/cli.js';
import { htmlText } from './helpers/extract.js';
import { objective, specDocx, type Spec } from './fixtures/import-docx/spec-docx.js';

type Obj = Record<string, any>;
const FIXTURE = new URL('./fixtures/import-docx/valdimonte-2025.docx', import.meta.url).pathname;

async function importFile(docx: string) {
  const dir = mkdtempSync(join(tmpdir(), 'piao-import-dir-'));
  const yaml = join(dir, 'piano.yaml');
  const imported = await cli(['import', docx, '-o', yaml]);
  expect(imported.code, imported.err).toBe(0);
  const checked = await cli(['check', yaml]);
  const text = readFileSync(yaml, 'utf8');
  return { imported, checked, text, yaml, data: parse(text) as Obj };
}
async function importSpec(spec: Spec) {
  const dir = mkdtempSync(join(tmpdir(), 'piao-import-dir-'));
  const docx = join(dir, 'piano.docx');
  writeFileSync(docx, await specDocx(spec));
  return importFile(docx);
}
const allObjectives = (c: Obj): Obj[] => [...(c.obiettivi ?? []), ...(c.servizi ?? []).flatMap((s: Obj) => (s.gruppi ?? []).flatMap((g: Obj) => g.obiettivi))];

describe('Valdimonte: the dirigenti document of the new user', () => {
  it('reads the "Settore | Dirigente" table and the "Dirigente:" lines: every settore has its dirigente, qualifica Dirigente, check passes', async () => {
    const { imported, checked, data } = await importFile(FIXTURE);
    expect(imported.err).not.toMatch(/non ho trovato la tabella dei centri/);
    expect(imported.err).not.toMatch(/Dirigente: Dott\.ssa Laura Bianchi».*testo non collocato/);
    expect(checked.code, checked.out + checked.err).toBe(0);
    const resp = data.centri.map((c: Obj) => c.responsabile);
    expect(resp.every((r: unknown) => typeof r === 'string')).toBe(true);
    const bianchi = data.persone[data.centri[0].responsabile];
    expect(bianchi).toMatchObject({ cognome: 'Bianchi', qualifica: 'Dirigente' });
    expect(data.persone[data.centri[1].responsabile]).toMatchObject({ cognome: 'Neri', qualifica: 'Dirigente' });
  });

  it('"OB. 3/1 – Titolo": the number read, the prefix out of the title; "1.1" said when printed "n. 1"', async () => {
    const { imported, data } = await importFile(FIXTURE);
    const titles = data.centri.flatMap((c: Obj) => allObjectives(c).map((o) => o.titolo));
    expect(titles.some((t: string) => /OB\.\s*3/.test(t))).toBe(false);
    expect(titles).toContain('Tempestività dei pagamenti ai fornitori dei servizi sociali');
    expect(data.documento.numerazione).toBe('settore');
    expect(allObjectives(data.centri[2]).map((o) => o.numero).filter(Boolean)).toEqual([]);
    expect(imported.err).toMatch(/«Obiettivo 1\.1» stampato «Obiettivo n\. 1»/);
  });

  it('a name written twice with two roles is said', async () => {
    const { imported } = await importFile(FIXTURE);
    expect(imported.err).toMatch(/Ferri.*Educatore|Educatore.*Ferri/);
  });

  it('"Collegamento DUP" and "Struttura coinvolta" have their meaning', async () => {
    const { data } = await importFile(FIXTURE);
    const o = allObjectives(data.centri[0])[0]!;
    expect(o.obiettivo_strategico ?? o.codice_dup).toMatch(/Missione 01 Programma 03/);
    expect(o.contributor).toMatch(/Ufficio Ragioneria/);
    expect(JSON.stringify(o.altri_campi ?? [])).not.toMatch(/Collegamento DUP|Struttura coinvolta/);
    expect(allObjectives(data.centri[0])[1]!.missione_programma).toBe('Missione 01 Programma 04');
  });

  it('a deadline whose note already has brackets is not wrapped again in the document', async () => {
    const { data, yaml } = await importFile(FIXTURE);
    expect(data.segretario.obiettivi[1].termine.nota).toBe('Semestrale (30/06/2025 e 31/12/2025)');
    const out = join(dirname(yaml), 'out');
    expect((await cli(['build', yaml, '--out', out, '--format', 'html'])).code).toBe(0);
    const text = htmlText(readFileSync(join(out, 'piano.html'), 'utf8'));
    expect(text).toContain('Semestrale (30/06/2025 e 31/12/2025)');
    expect(text).not.toContain('(Semestrale (');
  });
});

describe('small documents', () => {
  it('"Dirigente responsabile" and "Titolare di EQ/P.O." head the centri table; a written qualifica stays', async () => {
    for (const head of ['Dirigente responsabile', 'Titolare di EQ/P.O.']) {
      const spec: Spec = { settori: [{ nome: 'Settore Tributi', resp: 'Dott. Mario Rossi (Funzionario)', line: false, obiettivi: [objective('Uno', [['Termine', 'Entro il 30/06/2025'], ['Peso', '100']])] }] };
      const { data } = await importSpec({ ...spec, centriHeader: head });
      expect(data.centri[0].responsabile, head).toBe('rossi');
      expect(data.persone.rossi.qualifica).toBe('Funzionario');
      if (head.startsWith('Dirigente')) {
        const { data: plain } = await importSpec({ settori: [{ ...spec.settori[0]!, resp: 'Dott. Mario Rossi' }], centriHeader: head });
        expect(plain.persone.rossi.qualifica).toBe('Dirigente');
      }
    }
  });

  it('a settore whose "Dirigente:" line is not understood is an avviso naming the line', async () => {
    const { imported, data } = await importSpec({
      settori: [{ nome: 'Settore Tributi', resp: '', extra: ['Dirigente: da nominare con decreto'], obiettivi: [objective('Uno', [['Termine', 'Entro il 30/06/2025']])] }],
    } as Spec);
    expect(data.centri[0].responsabile).toBeNull();
    expect(imported.err).toMatch(/Dirigente: da nominare con decreto.*avviso.*responsabile/);
  });

  it('"Obiettivo DUP: 1.2.1" is a codice_dup, "Uffici coinvolti" a contributor', async () => {
    const { data } = await importSpec({
      settori: [{ nome: 'Settore Tributi', resp: 'Dott. Mario Rossi', obiettivi: [objective('Uno', [['Obiettivo DUP', '1.2.1'], ['Uffici coinvolti', 'Ufficio Tributi'], ['Termine', 'Entro il 30/06/2025']])] }],
    });
    const o = data.centri[0].obiettivi[0];
    expect(o.codice_dup).toBe('1.2.1');
    expect(o.contributor).toBe('Ufficio Tributi');
  });
});
