/**
 * `piao import PIANO.docx`: Word documents laid out like the official annex read back into a plan.
 * - our own DOCX of the example, imported, builds documents with the same text as the example's;
 * - a DOCX of the seed made without our writer (HTML → LibreOffice, committed as a fixture:
 *   test/interop/import-docx.test.ts makes it again and checks it is current) passes `check` and
 *   its documents carry every line of the seed;
 * - a Comune of another shape (labels in other case and order, merged cells, missing rows, an
 *   unknown row, a deadline nobody can parse), written with the `docx` library;
 * - the command: exit codes, notes, nothing written on error, no overwriting without --force.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { strToU8, zipSync } from 'fflate';
import { build } from '../src/build.js';
import { parseTermine } from '../src/convert/word/termine.js';
import { bin, cli, EXAMPLE } from './helpers/cli.js';
import { docxText, firstDifference, htmlText, normalize } from './helpers/extract.js';
import { missingInOrder, seedNeedles } from './helpers/seed.js';
import { altroComuneDocx } from './fixtures/import-docx/altro-comune.js';

const FIXTURES = join(import.meta.dirname, 'fixtures/import-docx');
const tmp = () => mkdtempSync(join(tmpdir(), 'piao-import-docx-'));

/** The text of the DOCX and HTML `build` writes from a plan. */
async function texts(plan: string): Promise<{ docx: string; html: string }> {
  const out = tmp();
  await build({ input: plan, outDir: out, formats: ['docx', 'html'] });
  const base = plan.replace(/^.*\//, '').replace(/\.yaml$/, '');
  return {
    docx: normalize(docxText(readFileSync(join(out, `${base}.docx`)))),
    html: normalize(htmlText(readFileSync(join(out, `${base}.html`), 'utf8'))),
  };
}

/** `piao import`, then `piao check` on what it wrote: the plan's path, the import's output and the check's. */
async function importAndCheck(docx: string) {
  const yaml = join(tmp(), 'piano.yaml');
  const imported = await cli(['import', docx, '-o', yaml]);
  expect(imported.code, imported.err).toBe(0);
  const checked = await cli(['check', yaml]);
  return { yaml, imported, checked, text: readFileSync(yaml, 'utf8') };
}

describe('round trip: the example\'s own DOCX', () => {
  let example: { docx: string; html: string };
  let docx: string;
  beforeAll(async () => {
    const out = tmp();
    await build({ input: EXAMPLE, outDir: out, formats: ['docx', 'html'] });
    docx = join(out, 'casalmorano-2024.docx');
    example = {
      docx: normalize(docxText(readFileSync(docx))),
      html: normalize(htmlText(readFileSync(join(out, 'casalmorano-2024.html'), 'utf8'))),
    };
  });

  it('imports into a plan that passes check and builds documents with the same text', async () => {
    const { yaml, checked, text } = await importAndCheck(docx);
    expect(checked.code, checked.out + checked.err).toBe(0);
    expect(checked.out).toMatch(/Totale: 0 errori/);
    expect(text).toMatch(/^# Piano importato dal documento «casalmorano-2024\.docx»/m);
    const again = await texts(yaml);
    // Compared whole, after collapsing whitespace only (each paragraph's line break is not text).
    expect(firstDifference(again.docx, example.docx)).toBeUndefined();
    expect(firstDifference(again.html, example.html)).toBeUndefined();
  });

  it('recognises the example\'s structure: people once, weights by kind, orders of names, deadlines', async () => {
    const { text } = await importAndCheck(docx);
    const plan = parse(text);
    expect(Object.keys(plan.persone)).toEqual(['pagani', 'coti_zelati', 'massari', 'milanese', 'moreni', 'stefanoni', 'stelluti', 'falavigna']);
    expect(plan.persone.coti_zelati).toEqual({ titolo: 'Dott.', nome: 'Gianmario', cognome: 'Coti Zelati' });
    expect(plan.documento.ordine_nomi).toEqual({ responsabili: 'nome_cognome', personale: 'cognome_nome' });
    expect(plan.centri.map((c: { ordine_nomi?: unknown }) => c.ordine_nomi)).toEqual([undefined, { responsabili: 'cognome_nome' }, { personale: 'nome_cognome' }, undefined]);
    expect(plan.documento.etichette).toEqual({ peso_risultato: '% indennità di risultato {anno}', peso_risultato_segretario: '% indennità di risultato attribuita' });
    const obiettivi = plan.centri[0].servizi[0].gruppi[0].obiettivi;
    expect(obiettivi[0].peso).toEqual({ ccdi: null });
    expect(plan.centri[0].servizi[1].gruppi[1]).toMatchObject({ titolo: 'Obiettivo comune', obiettivi: [{ comune: true, personale: ['milanese', 'moreni'] }] });
    expect(plan.segretario.obiettivi.map((o: { termine: unknown }) => o.termine)).toEqual([{ entro: '2024-01-30' }, { giorni: 90, evento: 'approvazione_piao' }, { entro: '2024-12-31' }]);
    expect(plan.centri[1].servizi[1].gruppi[0].obiettivi[2].termine).toEqual({ entro: '2024-08-15', nota: '32 giorni prima della scadenza della prima rata' });
    expect(plan.centri.map((c: { paga_fatture?: boolean }) => c.paga_fatture)).toEqual([undefined, true, true, undefined]);
  });
});

describe('the seed, as a Word document made without piao', () => {
  const seed = join(FIXTURES, 'casalmorano-seme.docx');

  it('imports into a plan that passes check with no errors', async () => {
    const { checked } = await importAndCheck(seed);
    expect(checked.code, checked.out + checked.err).toBe(0);
    expect(checked.out).toMatch(/Totale: 0 errori/);
  });

  it('its documents carry every line of the seed, in order', async () => {
    const { yaml } = await importAndCheck(seed);
    const t = await texts(yaml);
    for (const format of ['docx', 'html'] as const) {
      expect(missingInOrder(t[format], seedNeedles()).map((m) => `seed:${m.line}: ${m.text}`), format).toEqual([]);
    }
  });

  it('merges the names written two ways, and lists each merge as a note and a comment', async () => {
    const { imported, text } = await importAndCheck(seed);
    expect(imported.err).toMatch(/tabella \d+, riga \d+: avviso: nomi uniti nella persona «milanese» \(Milanese Fabiola Ester\): scritta anche «Milanesi Fabiola Ester»/);
    expect(imported.err).toMatch(/info: nomi uniti nella persona «coti_zelati» .*«Dott\. Gianmario Coti Zelati»/);
    expect(text).toMatch(/# Nel documento scritto anche «Milanesi Fabiola Ester»: unito perché differisce di una lettera; controlla che sia la stessa persona\.\n {2}milanese:/);
    const plan = parse(text);
    expect(plan.persone.milanese).toEqual({ nome: 'Fabiola Ester', cognome: 'Milanese' });
    expect(Object.keys(plan.persone)).toHaveLength(8);
    // The seed's own deadline forms, read into dates.
    const termini = plan.centri[0].servizi[1].gruppi[0].obiettivi.map((o: { termine: unknown }) => o.termine);
    expect(termini[0]).toEqual({ entro: '2024-06-30' });
    expect(plan.segretario.obiettivi[2].termine).toEqual({ entro: '2024-12-31' });
  });
});

describe('a plan of another shape', () => {
  let run: Awaited<ReturnType<typeof importAndCheck>>;
  let plan: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  beforeAll(async () => {
    const docx = join(tmp(), 'valfiore.docx');
    writeFileSync(docx, await altroComuneDocx());
    run = await importAndCheck(docx);
    plan = parse(run.text);
  });

  it('passes check with no errors', () => {
    expect(run.checked.code, run.checked.out + run.checked.err).toBe(0);
    expect(run.checked.out).toMatch(/Totale: 0 errori/);
  });

  it('reads labels in any case and order, merged cells, weights as coefficients', () => {
    expect(plan.ente.nome).toBe('Comune di Valfiore');
    expect(plan.piano).toEqual({ anno: 2025, sezione: '2.2', titolo: 'Performance' });
    const [a, b, c] = plan.centri[0].servizi[0].gruppi[0].obiettivi;
    expect(a).toMatchObject({
      titolo: "Digitalizzazione dell'archivio",
      fasi: ['Scansione dei fascicoli', 'Indicizzazione'],
      indicatori: ['Fascicoli digitalizzati'],
      target: '100% dei fascicoli 2020-2024',
      termine: { entro: '2025-06-30' },
      peso: { coefficiente: 1 },
      personale: ['rossi', 'neri'],
      stakeholder: 'Cittadini e uffici comunali',
      altri_campi: [{ etichetta: 'Note del Nucleo di Valutazione', valore: 'Obiettivo confermato dal 2024' }],
    });
    expect(run.text).toMatch(/coefficiente: 1\.0\n/);
    expect(b.peso).toEqual({ coefficiente: 1.2 });
    expect(c.peso).toEqual({ coefficiente: null });
    // Staff written as a sentence, not names: kept in a row of its own, with a note.
    expect(c.personale).toBeUndefined();
    expect(c.altri_campi).toEqual([{ etichetta: 'Personale coinvolto', valore: "Tutto il personale dell'ufficio" }]);
    expect(run.imported.err).toMatch(/tabella 4, riga 4: avviso: «Tutto il personale dell'ufficio» non sembra un elenco di persone/);
    expect(plan.centri[1].servizi[0].gruppi[0].obiettivi[0]).toMatchObject({ termine: { dal: '2025-03-01', al: '2025-10-31' }, peso: { risultato: 100 }, fasi: ['Progettazione', 'Affidamento dei lavori', 'Esecuzione'] });
  });

  it('keeps a deadline it cannot read as a note, and says so where it was', () => {
    expect(plan.centri[0].servizi[0].gruppi[0].obiettivi[1].termine).toEqual({ anno: 2025, nota: 'A conclusione della gara 2025' });
    expect(run.imported.err).toMatch(/valfiore\.docx: tabella 3, riga 3: avviso: termine «A conclusione della gara 2025» non riconosciuto/);
    expect(run.text).toMatch(/# Termine da controllare: nel documento «A conclusione della gara 2025»\.\n\s+termine:/);
  });

  it('reports what is missing or could not be placed, with where it was', () => {
    expect(run.imported.err).toMatch(/tabella 4: avviso: «Aggiornamento del sito istituzionale»: manca la riga del peso/);
    expect(run.imported.err).toMatch(/paragrafo \d+ «Documento firmato digitalmente ai sensi del D\.Lgs\. 82\/2005»: avviso: testo non collocato/);
    // The title has no year: the one chosen is said, with where it came from.
    expect(run.imported.err).toMatch(/documento: avviso: anno del piano 2025 dedotto dalle etichette dei pesi degli obiettivi/);
    expect(run.imported.out).toMatch(/5 punti da controllare/);
  });

  it('merges people written surname first and last, with and without title', () => {
    expect(plan.persone).toEqual({
      bianchi: { titolo: 'Rag.', nome: 'Laura', cognome: 'Bianchi' },
      verdi: { titolo: 'Ing.', nome: 'Paolo', cognome: 'Verdi' },
      rossi: { nome: 'Mario', cognome: 'Rossi', qualifica: 'Istruttore amministrativo' },
      neri: { nome: 'Giulia', cognome: 'Neri' },
      bruni: { nome: 'Carlo', cognome: 'Bruni' },
    });
    expect(run.imported.err).toMatch(/info: nomi uniti nella persona «rossi» .*«Mario Rossi».*«Dott\. Mario Rossi»/);
  });

  it('builds documents with the text of every row', async () => {
    const t = await texts(run.yaml);
    for (const s of ['Note del Nucleo di Valutazione Obiettivo confermato dal 2024', 'Tutto l\'anno 2025 (A conclusione della gara 2025)', 'Dal 1º marzo 2025 al 31 ottobre 2025', 'Stakeholder Cittadini e uffici comunali', 'Peso 1,0']) {
      expect(t.docx).toContain(s);
    }
  });
});

describe('deadlines', () => {
  const cases: [string, object, boolean?, string?][] = [
    ['30/06/2024', { entro: '2024-06-30' }],
    ['30.06.2024', { entro: '2024-06-30' }],
    ['Entro il 30 giugno 2024', { entro: '2024-06-30' }],
    ['entro il 31.12.2024', { entro: '2024-12-31' }],
    ['31 dicembre', { entro: '2024-12-31' }],
    ["Tutto l'anno 2024", { anno: 2024 }],
    ['anno 2024', { anno: 2024 }],
    ['Dal 1° marzo 2024 al 30/06/2024', { dal: '2024-03-01', al: '2024-06-30' }],
    ["entro 90 giorni dall'approvazione del PIAO", { giorni: 90, evento: 'approvazione_piao' }],
    ["6 mesi dall'assunzione", { mesi: 6, evento: 'assunzione' }],
    ['15.08.2024 (32 giorni prima della scadenza della prima rata)', { entro: '2024-08-15', nota: '32 giorni prima della scadenza della prima rata' }],
    ['31/02/2024', { anno: 2024, nota: '31/02/2024' }, true, '«31/02/2024»: questa data non esiste'],
    ['Secondo semestre', { dal: '2024-07-01', al: '2024-12-31' }],
    ['Alla conclusione della gara', { anno: 2024, nota: 'Alla conclusione della gara' }, true],
  ];
  for (const [text, termine, unsure = false, why] of cases) {
    it(`«${text}»`, () => expect(parseTermine(text, 2024)).toEqual({ termine, unsure, ...(why ? { why } : {}) }));
  }
});

describe('piao import (the command)', () => {
  it('refuses a file that is not a DOCX, in Italian, without writing anything', async () => {
    const dir = tmp();
    const fake = join(dir, 'piano.docx');
    writeFileSync(fake, 'Questo è un file di testo rinominato.\n');
    const r = await cli(['import', fake, '-o', join(dir, 'piano.yaml')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/piano\.docx:1:1: errore: il file non è un documento Word \.docx/);
    expect(r.err).not.toMatch(/at .*\.ts|Error:/);
    expect(existsSync(join(dir, 'piano.yaml'))).toBe(false);
  });

  it('refuses a broken zip the same way', async () => {
    const dir = tmp();
    const broken = join(dir, 'rotto.docx');
    writeFileSync(broken, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 7)]));
    const r = await cli(['import', broken, '-o', join(dir, 'rotto.yaml')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/errore: il file non è un documento Word leggibile/);
    expect(existsSync(join(dir, 'rotto.yaml'))).toBe(false);
  });

  it('never overwrites a file without --force', async () => {
    const dir = tmp();
    const docx = join(dir, 'valfiore.docx');
    writeFileSync(docx, await altroComuneDocx());
    const out = join(dir, 'piano.yaml');
    writeFileSync(out, 'mio: file\n');
    const r = await cli(['import', docx, '-o', out]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/il file esiste già/);
    expect(readFileSync(out, 'utf8')).toBe('mio: file\n');
    expect((await cli(['import', docx, '-o', out, '--force'])).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^# Piano importato dal documento «valfiore\.docx»/m);
  });

  it('writes the same bytes every time, with no date', async () => {
    const dir = tmp();
    const docx = join(dir, 'valfiore.docx');
    writeFileSync(docx, await altroComuneDocx());
    await cli(['import', docx, '-o', join(dir, 'a.yaml')]);
    await cli(['import', docx, '-o', join(dir, 'b.yaml')]);
    const a = readFileSync(join(dir, 'a.yaml'), 'utf8');
    expect(a).toBe(readFileSync(join(dir, 'b.yaml'), 'utf8'));
    expect(a).not.toMatch(/20\d\d-\d\d-\d\dT|importato il/i);
  });

  it('without LibreOffice, a .odt gets a clear message and nothing is written', async () => {
    const dir = tmp();
    const odt = join(dir, 'piano.odt');
    writeFileSync(odt, zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.text') }, { level: 0 }));
    const path = process.env.PATH;
    process.env.PATH = dir;
    try {
      const r = await cli(['import', odt, '-o', join(dir, 'piano.yaml')]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/piano\.odt:1:1: errore: per leggere un documento \.odt serve LibreOffice \(il comando «soffice»\), che non è installato/);
      expect(existsSync(join(dir, 'piano.yaml'))).toBe(false);
    } finally {
      process.env.PATH = path;
    }
  });

  it('as a process (the built dist/bin.js): notes on stderr, next step on stdout, exit 1 on a bad file', () => {
    const dir = tmp();
    const ok = bin(['import', join(FIXTURES, 'casalmorano-seme.docx'), '-o', join(dir, 'seme.yaml')]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stderr).toMatch(/casalmorano-seme\.docx: tabella \d+, riga \d+: avviso: nomi uniti nella persona «milanese»/);
    // The seed's title has no year: the one read from its weights' labels is the one point to check.
    expect(ok.stderr).toMatch(/casalmorano-seme\.docx: documento: avviso: anno del piano 2024 dedotto dalle etichette dei pesi/);
    expect(ok.stdout).toMatch(/^scritto .*seme\.yaml \(2 punti da controllare, elencati sopra\)\nOra: piao check .*seme\.yaml && piao build .*seme\.yaml\n$/);
    writeFileSync(join(dir, 'testo.docx'), 'non sono un documento');
    const bad = bin(['import', join(dir, 'testo.docx'), '-o', join(dir, 'testo.yaml')]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/testo\.docx:1:1: errore: il file non è un documento Word \.docx/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'testo.yaml'))).toBe(false);
  });
});
