/**
 * `piao import PIANO.docx` against the hostile test of issue 16 (notes/hostile-report-16.md): what it
 * writes either passes `piao check` or says what to fix, nothing in the document is dropped in
 * silence, a small hostile file never costs minutes or gigabytes. The documents are written here with
 * the `docx` library (fixtures/import-docx/spec-docx.ts), the bombs with fflate.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cli } from './helpers/cli.js';
import { objective, specDocx, type Spec } from './fixtures/import-docx/spec-docx.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'piao-import-hostile-'));

type Obj = Record<string, any>;

/** The document imported and checked: the plan's text and data, the import's and the check's output. */
async function importSpec(spec: Spec | Buffer, name = 'piano.docx') {
  const dir = tmp();
  const docx = join(dir, name);
  writeFileSync(docx, Buffer.isBuffer(spec) ? spec : await specDocx(spec));
  const yaml = join(dir, 'piano.yaml');
  const imported = await cli(['import', docx, '-o', yaml]);
  expect(imported.code, imported.err).toBe(0);
  const checked = await cli(['check', yaml]);
  const text = readFileSync(yaml, 'utf8');
  return { imported, checked, text, data: parse(text) as Obj };
}

const firstObjective = (data: Obj): Obj => data.centri[0].obiettivi[0];

describe('A11/A12: a label repeated in one objective\'s table keeps every value', () => {
  it('two deadlines, two weights, two resources, two responsabili, two yes/no rows', async () => {
    const { imported, checked, data, text } = await importSpec({
      settori: [
        {
          nome: 'Settore Tributi',
          resp: 'Dott. Mario Rossi',
          obiettivi: [
            objective('Uno', [
              ['Target (valore atteso)', '100%'],
              ['Termine', 'Entro il 30/06/2025'],
              ['Termine', 'Entro il 31/10/2025'],
              ['% indennità di risultato attribuita', '100%'],
              ['% indennità di risultato attribuita', '40%'],
              ['Risorse', 'Euro 10.000'],
              ['Risorse', 'Due operatori'],
              ['Responsabile', 'Dott. Mario Rossi'],
              ['Responsabile', 'Geom. Luca Verdi'],
              ['Rilevante ai fini della valutazione', 'Sì'],
              ['Rilevante ai fini della valutazione', 'No'],
            ]),
          ],
        },
      ],
    });
    expect(checked.code, checked.out).toBe(0);
    const o = firstObjective(data);
    const all = JSON.stringify(o);
    for (const v of ['2025-10-31', '30/06/2025', '100', '40%', 'Euro 10.000', 'Due operatori', 'Luca Verdi']) expect(all).toContain(v);
    expect(o.termine).toEqual({ entro: '2025-10-31' });
    expect(o.peso).toEqual({ risultato: 100 });
    expect(o.rilevante_valutazione).toBe(true);
    expect(o.altri_campi).toEqual(
      expect.arrayContaining([
        { etichetta: 'Termine', valore: 'Entro il 30/06/2025' },
        { etichetta: '% indennità di risultato attribuita', valore: '40%' },
        { etichetta: 'Responsabile', valore: 'Geom. Luca Verdi' },
        { etichetta: 'Rilevante ai fini della valutazione', valore: 'No' },
      ]),
    );
    expect(o.risorse).toBe('Euro 10.000; Due operatori');
    for (const label of ['Termine', '% indennità di risultato attribuita', 'Risorse', 'Responsabile', 'Rilevante ai fini della valutazione']) {
      expect(imported.err).toMatch(new RegExp(`tabella 2, riga \\d+: avviso: .*«${label}»`));
    }
    expect(text).toMatch(/# .*ripetut/);
  });

  it('"Target 2025/2026/2027" become the indicator\'s targets per year; an intermediate deadline and a second kind of weight are kept', async () => {
    const { imported, checked, data } = await importSpec({
      settori: [
        {
          nome: 'Settore Tributi',
          resp: 'Dott. Mario Rossi',
          obiettivi: [
            objective('Uno', [
              ['Target 2025', '80%'],
              ['Target 2026', '90%'],
              ['Target 2027', '100%'],
              ['Termine intermedio', 'Entro il 30/06/2025'],
              ['Termine finale', 'Entro il 31/12/2025'],
              ['% indennità di risultato 2025', '100%'],
              ['% somma destinata alla performance organizzativa da CCDI 2025', '20%'],
              ['Personale coinvolto', 'Ferri Paolo'],
            ]),
          ],
        },
      ],
    });
    expect(checked.code, checked.out).toBe(0);
    const o = firstObjective(data);
    expect(o.indicatori).toEqual([{ nome: 'Pratiche evase', target: ['80%', '90%', '100%'] }]);
    expect(o.target).toBeUndefined();
    expect(o.termine).toEqual({ entro: '2025-12-31' });
    expect(o.peso).toEqual({ risultato: 100 });
    expect(o.altri_campi).toEqual([
      { etichetta: 'Termine intermedio', valore: 'Entro il 30/06/2025' },
      { etichetta: '% somma destinata alla performance organizzativa da CCDI 2025', valore: '20%' },
    ]);
    expect(imported.err).toMatch(/avviso: .*«Termine intermedio»/);
    expect(imported.err).toMatch(/avviso: .*un solo peso/);
    expect(imported.err).toMatch(/Target 2025.*Target 2027.*target per anno/);
  });

  it('targets per year with no single indicator are joined with their labels', async () => {
    const { checked, data, imported } = await importSpec({
      settori: [{ nome: 'Settore Tributi', resp: 'Dott. Mario Rossi', obiettivi: [objective('Uno', [['Indicatori di risultato', ['Altro indicatore']], ['Target 2025', '80%'], ['Target 2026', '90%'], ['Termine', '31/12/2025'], ['Peso', '100%']])] }],
    });
    expect(checked.code, checked.out).toBe(0);
    expect(firstObjective(data).target).toBe('Target 2025: 80%; Target 2026: 90%');
    expect(imported.err).toMatch(/avviso: .*«Target 2026» ripetuta/);
  });
});

describe('what check would refuse is said by the import', () => {
  it('weights of a responsabile that do not add up to 100: a note and a comment at the weight', async () => {
    const { checked, imported, text } = await importSpec({ settori: [{ nome: 'Settore Tributi', resp: 'Dott. Mario Rossi', obiettivi: [objective('Uno', [['Termine', '31/12/2025'], ['Peso', '60%']])] }] });
    expect(checked.code).toBe(1);
    expect(imported.err).toMatch(/piano scritto, centri\[0\]\.obiettivi\[0\]\.peso: avviso: «piao check» lo rifiuterà: i pesi .* sommano a 60%/);
    expect(text).toMatch(/# Da correggere prima di «piao check»: i pesi .* sommano a 60%.*\n\s+peso:/);
  });
});

describe('a table only for layout', () => {
  it('an objective\'s table inside a one-cell table is read as the objective', async () => {
    const { checked, data } = await importSpec({ settori: [{ nome: 'Settore Tributi', resp: 'Dott. Mario Rossi', obiettivi: [[[{ table: objective('Uno', [['Termine', '31/12/2025'], ['Peso', '100%']]) }]]] }] });
    expect(checked.code, checked.err).toBe(0);
    expect(firstObjective(data).titolo).toBe('Uno');
  });
});

describe('A13: people', () => {
  it('Mario and Maria Rossi, Ferri Paolo and Ferri Paola are four people, two names of one list two people; a one-letter merge is a point to check', async () => {
    const { checked, data, imported } = await importSpec({
      settori: [
        { nome: 'Settore Tributi', resp: 'Dott. Mario Rossi', extra: ['Personale assegnato: Rossi Maria, Ferri Paolo, Ferri Paola, Milanese Fabiola, Ferro Luca, Ferri Luca'], obiettivi: [objective('Uno', [['Termine', '31/12/2025'], ['Peso', '100%'], ['Personale coinvolto', 'Rossi Maria, Ferri Paola, Milanesi Fabiola']])] },
        { nome: 'Settore Tecnico', resp: 'Dott.ssa Maria Rossi', obiettivi: [objective('Due', [['Termine', '31/12/2025'], ['Peso', '100%']])] },
      ],
    });
    expect(checked.code, checked.out).toBe(0);
    const names = Object.values(data.persone as Obj).map((p) => `${p.nome} ${p.cognome}`).sort();
    // Ferro Luca and Ferri Luca are in one list: two people, whatever the letters.
    expect(names).toEqual(['Fabiola Milanese', 'Luca Ferri', 'Luca Ferro', 'Maria Rossi', 'Mario Rossi', 'Paola Ferri', 'Paolo Ferri']);
    expect(data.centri[0].personale).toHaveLength(6);
    expect(data.centri[0].responsabile).not.toBe(data.centri[1].responsabile);
    expect(imported.err).toMatch(/avviso: nomi uniti nella persona «milanese».*«Milanesi Fabiola»/);
    expect(imported.out).toMatch(/punti da controllare/);
  });

  it('10,000 names in one staff line take a few seconds, not minutes (C3)', async () => {
    const surnames = ['Rossi', 'Bianchi', 'Verdi', 'Neri', 'Galli', 'Conti', 'Ferri', 'Costa', 'Greco', 'Bruno'];
    const names: string[] = [];
    for (let k = 0; k < 10_000; k++) names.push(`${surnames[k % 10]}${String.fromCharCode(97 + ((k / 10) % 26 | 0))}${String.fromCharCode(97 + ((k / 260) % 26 | 0))} Mario`);
    const started = Date.now();
    await importSpec({ settori: [{ nome: 'Settore Tributi', resp: 'Dott. Mario Rossi', extra: [`Personale assegnato: ${names.join(', ')}`], obiettivi: [objective('Uno', [['Termine', '31/12/2025'], ['Peso', '100%']])] }] });
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 60_000);
});

describe('A14/D1: settori', () => {
  it('two settori with the same name stay apart, ids are valid and unique, the plan passes check', async () => {
    const o = (t: string) => objective(t, [['Termine', '31/12/2025'], ['Peso', '100%']]);
    const { checked, data, imported, text } = await importSpec({
      settori: [
        { nome: 'Settore Tributi', resp: 'Dott. Mario Rossi', obiettivi: [o('Uno')] },
        { nome: 'Tributi 2', resp: 'Dott.ssa Anna Bianchi', obiettivi: [o('Due')] },
        { nome: 'Area Tributi', resp: 'Geom. Luca Verdi', obiettivi: [o('Tre')] },
        { nome: 'Settore Tributi', resp: 'Geom. Anna Neri', obiettivi: [o('Quattro')] },
        { nome: 'Settore 1', resp: 'Dott. Carlo Galli', obiettivi: [o('Cinque')] },
        { nome: 'Area 2', resp: 'Dott. Piero Conti', obiettivi: [o('Sei')] },
      ],
    });
    expect(checked.code, checked.out).toBe(0);
    const titles = (data.centri as Obj[]).map((c) => (c.obiettivi ?? []).map((x: Obj) => x.titolo));
    expect(titles).toEqual([['Uno'], ['Due'], ['Tre'], ['Quattro'], ['Cinque'], ['Sei']]);
    const ids = (data.centri as Obj[]).map((c) => c.id);
    expect(new Set(ids).size).toBe(6);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9_]*$/);
    expect(ids[4]).toBe('settore_1');
    expect(ids[5]).toBe('area_2');
    expect(imported.err).toMatch(/avviso: .*«Settore Tributi» .*due volte/);
    expect(text).toMatch(/# Stesso nome del settore 1 .*\n\s+nome: Settore Tributi/);
  });
});

describe('A15, D2, E10, E11: what a cell holds', () => {
  it('a nested table keeps its cells apart; refused characters are removed with a note; an impossible date is named; a footnote goes into its value', async () => {
    const { checked, data, imported, text } = await importSpec({
      pre: ['PIAO 2025-2027', 'Testo con \u202eTESTO e campanello \u0007 qui'],
      footnotes: { 1: 'Secondo il regolamento del 2024' },
      settori: [
        {
          nome: 'Settore Tributi',
          resp: 'Dott. Mario Rossi',
          obiettivi: [
            [
              ['Obiettivo n. 1', 'Uno'],
              ['Descrizione sintetica del contenuto', { footnote: 1, text: 'Descrizione con nota' }],
              ['Indicatori di risultato', ['Pratiche evase']],
              ['Termine', 'Entro il 31/02/2025'],
              ['Peso', '100%'],
              ['Note', { table: [['a', 'b'], ['c', 'd']] }],
            ],
          ],
        },
      ],
    });
    expect(checked.code, checked.out).toBe(0);
    const o = firstObjective(data);
    expect(o.altri_campi).toEqual([{ etichetta: 'Note', valore: 'a – b; c – d' }]);
    expect(data.introduzione).toContain('Testo con TESTO e campanello qui');
    expect(imported.err).toMatch(/paragrafo \d+ .*avviso: .*U\+202E.*tolto/);
    expect(imported.err).toMatch(/avviso: .*31\/02\/2025.*questa data non esiste/);
    expect(o.descrizione).toBe('Descrizione con nota (nota: Secondo il regolamento del 2024)');
    expect(text).not.toMatch(/\[1\]|↑/);
    expect(imported.err).toMatch(/nota a piè di pagina 1.*Descrizione/);
  });
});

/** A small DOCX whose word/document.xml holds `size` bytes of `unit` inside the body. */
async function bomb(unit: string, size: number): Promise<Buffer> {
  const files = unzipSync(await specDocx({ settori: [{ nome: 'Settore Tributi', resp: 'Dott. Mario Rossi' }] }));
  const doc = new TextDecoder().decode(files['word/document.xml']);
  const at = doc.indexOf('<w:body>') + 8;
  const mid = unit.repeat(Math.floor(size / unit.length));
  files['word/document.xml'] = strToU8(doc.slice(0, at) + mid + doc.slice(at));
  return Buffer.from(zipSync(files, { level: 9 }));
}

describe('C2: zip bombs', () => {
  it('60 MB of spaces in a small file is refused at once, with a clear message', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'b.docx'), await bomb(' ', 60 * 1024 * 1024));
    const started = Date.now();
    const r = await cli(['import', join(dir, 'b.docx'), '-o', join(dir, 'b.yaml')]);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/word\/document\.xml» è di 60 MB \(al massimo 50 MB/);
  }, 30_000);

  it('too many paragraphs are refused, not read for a minute', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'p.docx'), await bomb('<w:p><w:r><w:t>x</w:t></w:r></w:p>', 8 * 1024 * 1024));
    const started = Date.now();
    const r = await cli(['import', join(dir, 'p.docx'), '-o', join(dir, 'p.yaml')]);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/paragrafi/);
  }, 30_000);

  it('prints at most 200 notes, then how many more', async () => {
    const paras = Array.from({ length: 400 }, (_, k) => `Testo sparso numero ${k}`);
    const { imported } = await importSpec({ settori: [{ nome: 'Settore Tributi', resp: 'Dott. Mario Rossi', extra: paras, obiettivi: [objective('Uno', [['Termine', '31/12/2025'], ['Peso', '100%']])] }] });
    const lines = imported.err.trim().split('\n');
    expect(lines.length).toBeLessThanOrEqual(201);
    expect(lines.at(-1)).toMatch(/e altre \d+ note/);
  });
});

describe('D3: a .doc or .odt that is not one is refused before LibreOffice', () => {
  it('text named .doc, random bytes after an OLE header, a text named .odt', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'txt.doc'), 'Questo è solo testo, non un documento Word.\n');
    writeFileSync(join(dir, 'enc.doc'), Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(4000, 0x5c)]));
    writeFileSync(join(dir, 'txt.odt'), 'solo testo');
    writeFileSync(join(dir, 'zip.odt'), Buffer.from(zipSync({ mimetype: strToU8('text/plain') })));
    for (const [f, re] of [
      ['txt.doc', /non è un documento Word 97/],
      ['enc.doc', /non è un documento Word 97/],
      ['txt.odt', /non è un documento OpenDocument/],
      ['zip.odt', /non è un documento OpenDocument/],
    ] as const) {
      const r = await cli(['import', join(dir, f), '-o', join(dir, `${f}.yaml`)]);
      expect(r.code, f).toBe(1);
      expect(r.err, f).toMatch(re);
    }
  });
});
