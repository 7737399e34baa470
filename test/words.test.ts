/**
 * The plan's own words: names in the order the plan writes them (for the plan, and for one
 * settore), a person's title inside a sentence ("La dott.ssa…"), the weight rows' labels (with
 * the year), and the centri table's two-row header — in DOCX, PDF and HTML, through the CLI.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { cli } from './helpers/cli.js';
import { docxText, htmlText, normalize, pdfText } from './helpers/extract.js';
import { parseDocumentHtml } from '../src/render/tree.js';

const PLAN = {
  ente: { nome: 'Comune di Valdoro', provincia: 'Cremona' },
  piano: { anno: 2025 },
  persone: {
    verdi: { titolo: 'Dott.ssa', nome: 'Laura', cognome: 'Verdi' },
    neri: { titolo: 'Dott.', nome: 'Paolo', cognome: 'Neri' },
    rossi: { titolo: 'Geom.', nome: 'Mario', cognome: 'Rossi' },
    gialli: { nome: 'Anna', cognome: 'Gialli' },
    blu: { nome: 'Carlo', cognome: 'Blu' },
  },
  documento: {
    ordine_nomi: { personale: 'cognome_nome' },
    etichette: { peso_risultato: '% indennità di risultato {anno}', peso_risultato_segretario: '% indennità di risultato attribuita', peso_ccdi: 'Quota CCDI {anno}' },
  },
  centri: [
    {
      id: 'tecnico', nome: 'Settore Tecnico', responsabile: 'rossi', personale: ['gialli'],
      servizi: [{
        nome: 'Servizio strade',
        gruppi: [{ obiettivi: [
          { titolo: 'Buche chiuse', descrizione: 'Chiusura delle buche.', target: 'Tutte', termine: { anno: 2025 }, peso: { risultato: 100 }, personale: ['gialli'] },
          { titolo: 'Verde', descrizione: 'Sfalci.', target: 'Sei sfalci', termine: { anno: 2025 }, peso: { ccdi: 40 }, personale: ['gialli'] },
        ] }],
      }],
    },
    {
      id: 'finanziario', nome: 'Settore Finanziario', responsabile: 'neri', personale: ['blu'],
      ordine_nomi: { responsabili: 'cognome_nome', personale: 'nome_cognome' },
      servizi: [{
        nome: 'Servizio tributi',
        gruppi: [{ obiettivi: [
          { titolo: 'Accertamenti', descrizione: 'Accertamenti IMU.', target: 'Cento', termine: { anno: 2025 }, peso: { risultato: 100 }, personale: ['blu'] },
        ] }],
      }],
    },
  ],
  segretario: {
    persona: 'verdi', funzioni: 'Funzioni.', convenzione: ['Valdoro', 'Montebello'], quota_attivita: 40, indennita_totale: 10,
    obiettivi: [{ titolo: 'Controlli', descrizione: 'Controlli interni.', target: 'Tutti', termine: { anno: 2025 }, peso: { risultato: 10 } }],
  },
};

async function texts(plan: object): Promise<{ docx: string; pdf: string; html: string; rawHtml: string; docxXml: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'piao-words-'));
  writeFileSync(join(dir, 'piano.yaml'), stringify(plan));
  const r = await cli(['build', join(dir, 'piano.yaml'), '--out', join(dir, 'out')]);
  expect(r.code, r.err).toBe(0);
  const docx = readFileSync(join(dir, 'out/piano.docx'));
  const rawHtml = readFileSync(join(dir, 'out/piano.html'), 'utf8');
  return {
    docx: normalize(docxText(docx)),
    pdf: normalize((await pdfText(readFileSync(join(dir, 'out/piano.pdf')))).text),
    html: normalize(htmlText(rawHtml)),
    rawHtml,
    docxXml: strFromU8(unzipSync(docx)['word/document.xml']!),
  };
}

describe("the plan's own words", () => {
  let t: Awaited<ReturnType<typeof texts>>;
  beforeAll(async () => {
    t = await texts(PLAN);
  });

  for (const format of ['docx', 'pdf', 'html'] as const) {
    it(`${format}: names in the plan's order, and in a settore's own`, () => {
      const s = t[format];
      // Plan: responsabili name first, staff surname first.
      expect(s).toContain('Responsabile: Geom. Mario Rossi');
      expect(s).toContain('Personale coinvolto Gialli Anna');
      expect(s).not.toContain('Anna Gialli');
      // The finanziario settore: its responsabile surname first, its staff name first.
      expect(s).toContain('Responsabile: Dott. Neri Paolo');
      expect(s).toContain('Personale coinvolto Carlo Blu');
      // The centri table follows the plan's order.
      expect(s).toContain('2 Settore Finanziario Dott. Paolo Neri');
    });

    it(`${format}: a title inside a sentence has its article and lower case`, () => {
      expect(t[format]).toContain('La dott.ssa Laura Verdi svolge il ruolo di Segretario Comunale');
    });

    it(`${format}: each weight row has the plan's label, with the year`, () => {
      const s = t[format];
      expect(s).toContain('% indennità di risultato attribuita 10%'); // the Segretario's
      expect(s).toContain('% indennità di risultato 2025 100%'); // the responsabili's
      expect(s).toContain('Quota CCDI 2025 40%');
      expect(s).not.toContain('{anno}');
    });

    it(`${format}: the centri table has a two-row header`, () => {
      expect(t[format]).toContain('Centro di Responsabilità Responsabile N. Denominazione 1 Settore Tecnico');
    });
  }

  it('the header cells span rows and columns in HTML and DOCX', () => {
    expect(t.rawHtml).toMatch(/<th scope="col" colspan="2"[^>]*>Centro di Responsabilità<\/th><th scope="col" rowspan="2"[^>]*>Responsabile<\/th>/);
    expect(t.docxXml).toContain('<w:vMerge w:val="restart"/>');
    expect(t.docxXml).toMatch(/<w:vMerge\/>/);
  });
});

describe('titles inside a sentence', () => {
  const sentence = async (persona: Record<string, string>) => {
    return (await texts({ ...PLAN, persone: { ...PLAN.persone, verdi: persona } })).html;
  };

  it('masculine titles take "il", titles that do not tell the gender stay as written, the plan may say its own', async () => {
    expect(await sentence({ titolo: 'Dott.', nome: 'Luca', cognome: 'Verdi' })).toContain('Il dott. Luca Verdi svolge');
    expect(await sentence({ titolo: 'Avv.', nome: 'Luca', cognome: 'Verdi' })).toContain('Avv. Luca Verdi svolge');
    expect(await sentence({ titolo: 'Avv.', titolo_nel_testo: "l'avv.", nome: 'Luca', cognome: 'Verdi' })).toContain("L'avv. Luca Verdi svolge");
    expect(await sentence({ nome: 'Luca', cognome: 'Verdi' })).toContain('Luca Verdi svolge');
  });
});

describe("the ente's article", () => {
  it('sentences name the ente with its own article and preposition', async () => {
    const t = await texts({ ...PLAN, ente: { nome: 'Università degli Studi di Valdoro', articolo: "l'", provincia: 'Genova' } });
    for (const s of [t.docx, t.pdf, t.html]) {
      expect(s).toContain("Nell'ambito della struttura organizzativa dell'Università degli Studi di Valdoro sono state individuate");
      expect(s).toContain("Presso l'Università degli Studi di Valdoro presta il 40% della sua attività");
    }
  });
});

describe('an ente without a province (a university)', () => {
  it('builds, with a letterhead without the province line', async () => {
    const t = await texts({ ...PLAN, ente: { nome: 'Università degli Studi di Valdoro', articolo: "l'" }, documento: { ...PLAN.documento, intestazione: true } });
    expect(t.html).toContain("Università degli Studi di Valdoro Allegato alla deliberazione");
    expect(t.rawHtml).not.toContain('Provincia di');
  });
});

describe('rowspan in the HTML subset', () => {
  it('fills the covered places, so every row has every column', () => {
    const tree = parseDocumentHtml('<html><body><table><thead><tr><th colspan="2">A</th><th rowspan="2">B</th></tr><tr><th>C</th><th>D</th></tr></thead><tr><td>1</td><td>2</td><td>3</td></tr></table></body></html>');
    const table = tree.body[0] as Extract<(typeof tree.body)[number], { type: 'table' }>;
    expect(table.rows.map((r) => r.cells.map((c) => (c.covered ? '·' : `${c.colspan}${c.rowspan ?? ''}`)))).toEqual([['2', '12'], ['1', '1', '·'], ['1', '1', '1']]);
  });

  it('refuses a span past the end of the table or out of its header', () => {
    expect(() => parseDocumentHtml('<html><body><table><tr><td rowspan="3">A</td></tr><tr><td>B</td></tr></table></body></html>')).toThrow(/rowspan/);
    expect(() => parseDocumentHtml('<html><body><table><thead><tr><th rowspan="2">A</th></tr></thead><tr><td>B</td></tr></table></body></html>')).toThrow(/rowspan/);
  });
});

describe('the approving act\'s date after "del"', () => {
  it('is "dell\'11" and "dell\'8", "del" otherwise, in the letterhead and the schede', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-del-'));
    const plan = { ...PLAN, piano: { anno: 2025, approvazione: { numero: 5, data: '2025-02-11' } }, documento: { ...PLAN.documento, intestazione: true } };
    writeFileSync(join(dir, 'piano.yaml'), stringify(plan));
    const r = await cli(['build', join(dir, 'piano.yaml'), '--out', join(dir, 'out'), '--split', '--format', 'html']);
    expect(r.code, r.err).toBe(0);
    expect(normalize(htmlText(readFileSync(join(dir, 'out/piano.html'), 'utf8')))).toContain("Allegato alla deliberazione di Giunta Comunale n. 5 dell'11 febbraio 2025");
    expect(normalize(htmlText(readFileSync(join(dir, 'out/schede/piano-scheda-rossi.html'), 'utf8')))).toContain("n. 5 dell'11 febbraio 2025.");
    const eighth = { ...plan, piano: { anno: 2025, approvazione: { numero: 5, data: '2025-03-08' } } };
    writeFileSync(join(dir, 'piano.yaml'), stringify(eighth));
    await cli(['build', join(dir, 'piano.yaml'), '--out', join(dir, 'out2'), '--format', 'html']);
    expect(readFileSync(join(dir, 'out2/piano.html'), 'utf8')).toContain("n. 5 dell'8 marzo 2025");
  });
});
