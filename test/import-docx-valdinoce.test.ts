/**
 * `piao import` on a Segretario's own Word document (new-user report 16: the Comune di Valdinoce,
 * PIAO 2025-2027, made in LibreOffice from test/fixtures/import-docx/valdinoce-2025.html), and the
 * shapes around it that the report found wrong:
 * - objective tables headed "OBIETTIVO OPERATIVO N. 1" and the like are read; a table that is not
 *   says why; a document whose objective-like tables are all unread fails (exit 1, nothing written);
 *   a document without objective tables says loudly that the plan has none;
 * - the year from the title ("… ORGANIZZAZIONE 2025-2027", "PIAO 2025/2027"), never from a side
 *   sentence of the introduction; always a note saying which year and from what;
 * - a plain "Peso %" for responsabili read as `risultato`, with a note and a comment saying why;
 * - the Segretario written "Segretario Generale: Dott. …" on one line; a part that cannot be placed
 *   names each of its tables;
 * - names written both ways decided by the given names, else still flagged;
 * - numbering across servizi as `documento.numerazione`, not fixed numbers;
 * - "Funzioni:" paragraphs, staff with commas in brackets, a two-line letterhead, a heading before
 *   the centri table, month-end and semester deadlines.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { cli } from './helpers/cli.js';
import { readBlocks } from '../src/convert/word/read.js';
import { assemble } from '../src/convert/word/assemble.js';
import { headerLabel } from '../src/convert/word/labels.js';
import { parseTermine } from '../src/convert/word/termine.js';
import { People } from '../src/convert/word/people.js';

const FIXTURES = join(import.meta.dirname, 'fixtures/import-docx');
const tmp = () => mkdtempSync(join(tmpdir(), 'piao-import-valdinoce-'));

/* eslint-disable @typescript-eslint/no-explicit-any */
describe('the Segretario\'s own document (Comune di Valdinoce)', () => {
  let imported: { code: number; out: string; err: string };
  let text: string;
  let plan: any;
  let checked: { code: number; out: string; err: string };
  beforeAll(async () => {
    const yaml = join(tmp(), 'piano.yaml');
    imported = await cli(['import', join(FIXTURES, 'valdinoce-2025.docx'), '-o', yaml]);
    text = readFileSync(yaml, 'utf8');
    plan = parse(text);
    checked = await cli(['check', yaml]);
  });

  it('reads all 12 objective tables headed "OBIETTIVO OPERATIVO N. …", and the plan passes check', () => {
    expect(imported.code, imported.err).toBe(0);
    expect(imported.err).not.toMatch(/tabella non riconosciuta/);
    expect(plan.segretario.obiettivi).toHaveLength(2);
    const [amm, econ, tec] = plan.centri;
    expect(amm.servizi.map((s: any) => s.gruppi.map((g: any) => g.obiettivi.length))).toEqual([[2], [2]]);
    expect(econ.obiettivi).toHaveLength(3);
    expect(tec.servizi.map((s: any) => s.gruppi.map((g: any) => g.obiettivi.length))).toEqual([[2], [1]]);
    expect(checked.code, checked.out + checked.err).toBe(0);
    expect(checked.out).toMatch(/Totale: 0 errori/);
  });

  it('takes the year from the title, and says so', () => {
    expect(plan.piano.anno).toBe(2025);
    expect(imported.err).toMatch(/documento: info: anno del piano 2025, dal titolo «PIANO INTEGRATO DI ATTIVITÀ E ORGANIZZAZIONE 2025-2027»/);
  });

  it('reads "Peso %" as the responsabili\'s result pay, says why in a note and a comment', () => {
    const weights = [...plan.segretario.obiettivi, ...plan.centri.flatMap((c: any) => [...(c.obiettivi ?? []), ...(c.servizi ?? []).flatMap((s: any) => s.gruppi.flatMap((g: any) => g.obiettivi))])].map((o: any) => o.peso);
    expect(weights).toEqual([50, 50, 25, 20, 25, 30, 40, 35, 25, 30, 40, 30].map((risultato) => ({ risultato })));
    expect(imported.err).toMatch(/avviso: «Peso %» letto come % dell'indennità di risultato \(peso: risultato\).*retribuzione di risultato/);
    expect(text).toMatch(/# «Peso %»: letto come % dell'indennità di risultato.*\n(?:\s+#.*\n)*\s+peso:/);
    expect(plan.documento.etichette).toEqual({ peso_risultato: 'Peso %' });
  });

  it('reads the Segretario written "Segretario Generale: Dott. …" on one line, the role in normal case', () => {
    expect(plan.segretario).toMatchObject({ persona: 'bellandi', ruolo: 'Segretario Generale' });
    expect(plan.persone.bellandi).toEqual({ titolo: 'Dott.', nome: 'Marco', cognome: 'Bellandi' });
    expect(plan.segretario.funzioni).toMatch(/^Il Segretario Generale svolge compiti di collaborazione/);
    expect(imported.err).not.toMatch(/parte del Segretario tralasciata/);
  });

  it('tells name from surname by the given names, for a person written both ways', () => {
    expect(plan.persone.martelli).toEqual({ nome: 'Gino', cognome: 'Martelli', qualifica: 'Operaio' });
    expect(plan.persone.rossi).toMatchObject({ nome: 'Anna', cognome: 'Rossi' });
  });

  it('does not give a settore its own order of names for one "Responsabile: Ing. Moretti Stefano"', () => {
    expect(plan.centri[2].ordine_nomi?.responsabili).toBeUndefined();
  });

  it('keeps the numbering across servizi as documento.numerazione, with no fixed numbers', () => {
    expect(plan.documento.numerazione).toBe('settore');
    expect(text).not.toMatch(/^\s+numero:/m);
  });

  it('reads functions, staff with commas in brackets, the two-line letterhead, and leaves the centri heading out', () => {
    expect(plan.ente).toEqual({ nome: 'Comune di Valdinoce', provincia: 'Arezzo' });
    expect(plan.centri[0].servizi[0].funzioni).toEqual(['Anagrafe, stato civile, elettorale, leva', 'Segreteria generale e supporto agli organi', 'Protocollo e archivio']);
    expect(plan.centri[0].servizi[1].funzioni).toEqual(['Assistenza sociale', 'Contributi economici', 'Trasporto e mensa scolastica', "Rapporti con l'Unione dei Comuni per i servizi socio-sanitari"]);
    expect(plan.centri[2].servizi[0].funzioni).toHaveLength(2);
    expect(plan.persone.galli).toEqual({ nome: 'Sara', cognome: 'Galli', qualifica: 'Istruttore – assistente sociale, part-time 18 ore' });
    expect(plan.persone.fabbri).toEqual({ nome: 'Elena', cognome: 'Fabbri', qualifica: 'Istruttore amministrativo – tributi' });
    expect(plan.centri[0].personale).toEqual(['rossi', 'bianchi', 'neri', 'galli']);
    expect(plan.centri[1].personale).toEqual(['conti', 'fabbri']);
    expect(plan.introduzione).not.toMatch(/Centri di responsabilità/);
    expect(imported.err).not.toMatch(/Funzioni:.*testo non collocato|non sembra un nome di persona/);
  });

  it('reads month-end, semester and school-year deadlines', () => {
    const amm = plan.centri[0].servizi;
    expect(amm[0].gruppi[0].obiettivi[1].termine).toEqual({ entro: '2025-06-30' });
    expect(amm[1].gruppi[0].obiettivi[1].termine).toEqual({ entro: '2025-09-15', nota: "Entro l'inizio dell'anno scolastico" });
    expect(plan.segretario.obiettivi[1].termine).toEqual({ dal: '2025-07-01', al: '2025-12-31' });
    expect(plan.centri[2].servizi[0].gruppi[0].obiettivi[1].termine).toEqual({ entro: '2025-11-30' });
    expect(imported.err).not.toMatch(/termine «.*» non riconosciuto/);
  });
});

describe('deadlines as Comuni write them', () => {
  const cases: [string, object][] = [
    ['entro il mese di giugno 2025', { entro: '2025-06-30' }],
    ['entro fine giugno', { entro: '2025-06-30' }],
    ['Entro la fine di febbraio 2025', { entro: '2025-02-28' }],
    ['primo semestre', { dal: '2025-01-01', al: '2025-06-30' }],
    ['Secondo semestre 2025', { dal: '2025-07-01', al: '2025-12-31' }],
    ["Entro l'inizio dell'anno scolastico (15 settembre 2025)", { entro: '2025-09-15', nota: "Entro l'inizio dell'anno scolastico" }],
  ];
  for (const [t, termine] of cases) it(`«${t}»`, () => expect(parseTermine(t, 2025)).toEqual({ termine, unsure: false }));
});

describe('objective tables headed in other words', () => {
  const cases: [string, number | undefined][] = [
    ['OBIETTIVO OPERATIVO N. 1', 1],
    ['Obiettivo strategico n. 2', 2],
    ['Obiettivo di performance n. 3', 3],
    ['Obiettivo individuale n. 4', 4],
    ['Obiettivo gestionale', undefined],
    ['Scheda obiettivo n. 5', 5],
    ['Obiettivo specifico n° 6', 6],
  ];
  for (const [label, numero] of cases) it(`«${label}»`, () => expect(headerLabel(label)).toEqual({ numero, comune: false }));
});

/** A small document: HTML as mammoth writes it, read and assembled as an imported DOCX is. */
function assembled(html: string) {
  return assemble(readBlocks(html));
}
const objective = (head: string, scadenza: string, peso = 'Peso | 40') =>
  `<table><tr><td>${head}</td><td>Titolo ${head}</td></tr><tr><td>Descrizione</td><td>Testo</td></tr><tr><td>Scadenza</td><td>${scadenza}</td></tr>${peso.split('|').length === 2 ? `<tr><td>${peso.split('|')[0]!.trim()}</td><td>${peso.split('|')[1]!.trim()}</td></tr>` : ''}</table>`;
const centri = '<table><tr><td>Settore</td><td>Responsabile</td></tr><tr><td>Area Tecnica</td><td>Ing. Paolo Verdi</td></tr></table>';

describe('the plan\'s year', () => {
  it('from "PIAO 2025/2027" in the title, with an info note', () => {
    const a = assembled(`<h1>PIAO 2025/2027</h1><h2>2.2 Performance</h2><p>Approvato con delibera del 02/03/2023 sulla performance organizzativa 2023.</p>${centri}<h2>Area Tecnica</h2>${objective('Obiettivo n. 1', '31/12/2025')}`);
    expect((a.data.piano as any).anno).toBe(2025);
    expect(a.notes).toContainEqual(expect.objectContaining({ where: 'documento', severity: 'info', message: expect.stringMatching(/anno del piano 2025, dal titolo «PIAO 2025\/2027»/) }));
  });

  it('never from a side sentence of the introduction: the deadlines first, with an avviso and a comment', () => {
    const a = assembled(`<h2>2.2 Performance</h2><p>Valutazione della performance organizzativa secondo il sistema approvato il 02/03/2022.</p>${centri}<h2>Area Tecnica</h2>${objective('Obiettivo n. 1', '31/12/2025')}${objective('Obiettivo n. 2', '30/06/2025')}`);
    expect((a.data.piano as any).anno).toBe(2025);
    expect(a.notes).toContainEqual(expect.objectContaining({ where: 'documento', severity: 'avviso', message: expect.stringMatching(/anno del piano 2025 dedotto dai termini degli obiettivi.*controlla "piano\.anno"/) }));
    expect(a.comments['piano.anno']).toMatch(/Anno dedotto dai termini degli obiettivi/);
  });

  it('a triennio in a heading ("Sottosezione 2.2 – Performance 2025-2027") is the title\'s, not the title', () => {
    const a = assembled(`<h2>Sottosezione 2.2 – Performance 2025-2027</h2><p>Testo del 2023.</p>${centri}<h2>Area Tecnica</h2>${objective('Obiettivo n. 1', '31/12/2023')}`);
    expect(a.data.piano).toEqual({ anno: 2025, sezione: '2.2', titolo: 'Performance' });
  });
});

describe('the weight of a plain "Peso"', () => {
  it('is CCDI when the document says the weights are on the CCDI share, and the note says so', () => {
    const a = assembled(`<h2>2.2 Performance 2025-2027</h2><p>I pesi degli obiettivi sono riferiti alla quota del fondo per la produttività (CCDI).</p>${centri}<h2>Area Tecnica</h2>${objective('Obiettivo n. 1', '31/12/2025')}`);
    const o = ((a.data.centri as any)[0].obiettivi)[0];
    expect(o.peso).toEqual({ ccdi: 40 });
    expect(a.notes).toContainEqual(expect.objectContaining({ severity: 'avviso', message: expect.stringMatching(/«Peso» letto come % della somma CCDI \(peso: ccdi\).*produttività/) }));
  });
});

describe('the Segretario\'s part', () => {
  for (const line of ['Segretario Comunale: Dott.ssa Anna Verdi', 'Responsabile: Dott.ssa Anna Verdi']) {
    it(`«${line}» under the Segretario's heading`, () => {
      const a = assembled(`<h2>2.2 Performance 2025-2027</h2>${centri}<h2>SEGRETARIO COMUNALE</h2><p>${line}</p><p>Funzioni del Segretario.</p>${objective('Obiettivo n. 1', '31/12/2025')}<h2>Area Tecnica</h2>${objective('Obiettivo n. 1', '31/12/2025')}`);
      expect(a.data.segretario).toMatchObject({ persona: 'verdi_anna', funzioni: 'Funzioni del Segretario.' });
      expect((a.data.segretario as any).obiettivi).toHaveLength(1);
      expect((a.data.segretario as any).ruolo).toBeUndefined();
    });
  }

  it('when it cannot be placed, each of its tables has its own note', () => {
    const a = assembled(`<h2>2.2 Performance 2025-2027</h2>${centri}<h2>SEGRETARIO GENERALE</h2><p>Il Segretario svolge le funzioni di legge.</p>${objective('Obiettivo n. 1', '31/12/2025')}${objective('Obiettivo n. 2', '31/12/2025')}<h2>Area Tecnica</h2>${objective('Obiettivo n. 1', '31/12/2025')}`);
    expect(a.data.segretario).toBeUndefined();
    for (const t of ['tabella 2', 'tabella 3']) expect(a.notes).toContainEqual(expect.objectContaining({ where: t, severity: 'avviso', message: expect.stringMatching(/obiettivo del Segretario «Titolo Obiettivo n\. \d» non importato/) }));
  });
});

describe('numbering', () => {
  it('a real jump is kept as a fixed number, the rest follows the numbering', () => {
    const a = assembled(`<h2>2.2 Performance 2025-2027</h2>${centri}<h2>Area Tecnica</h2><h3>Servizio A</h3>${objective('Obiettivo n. 1', '31/12/2025')}${objective('Obiettivo n. 2', '31/12/2025')}<h3>Servizio B</h3>${objective('Obiettivo n. 3', '31/12/2025')}${objective('Obiettivo n. 7', '31/12/2025')}`);
    expect((a.data.documento as any).numerazione).toBe('settore');
    const numeri = (a.data.centri as any)[0].servizi.flatMap((s: any) => s.gruppi[0].obiettivi.map((o: any) => o.numero));
    expect(numeri).toEqual([undefined, undefined, undefined, 7]);
  });
});

describe('names written both ways', () => {
  it('"Gino Martelli" and "Martelli Gino": the given name decides, not the order met first', () => {
    const people = new People();
    people.mention('Gino Martelli (Operaio)', 'paragrafo 1', 'personale', 0, true);
    people.mention('Martelli Gino', 'tabella 1, riga 2', 'personale', 0, false);
    expect(people.resolve().persone).toEqual({ martelli: { nome: 'Gino', cognome: 'Martelli', qualifica: 'Operaio' } });
  });

  it('stay flagged for review when no word is a known given name', () => {
    const people = new People();
    people.mention('Brando Ostili', 'paragrafo 1', 'personale', 0, true);
    people.mention('Ostili Brando', 'tabella 1, riga 2', 'personale', 0, false);
    const r = people.resolve();
    expect(r.notes).toContainEqual(expect.objectContaining({ severity: 'avviso', message: expect.stringMatching(/non è chiaro quale sia il nome e quale il cognome.*controlla/) }));
  });
});

/** A DOCX written with the `docx` library: paragraphs and two-column tables. */
async function docxOf(parts: (string | [string, string][])[]): Promise<Buffer> {
  const cell = (t: string) => new TableCell({ children: [new Paragraph({ children: [new TextRun(t)] })] });
  const children = parts.map((p) =>
    typeof p === 'string'
      ? new Paragraph(p.startsWith('# ') ? { text: p.slice(2), heading: HeadingLevel.HEADING_2 } : { text: p })
      : new Table({ rows: p.map(([l, v]) => new TableRow({ children: [cell(l), cell(v)] })) }),
  );
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

describe('a document whose objectives are not read', () => {
  it('fails (exit 1, nothing written) when its tables look like objectives but none is read, and says why for each', async () => {
    const dir = tmp();
    const docx = join(dir, 'progetti.docx');
    writeFileSync(docx, await docxOf([
      '# 2.2 Performance 2025-2027',
      [['Settore', 'Responsabile'], ['Area Tecnica', 'Ing. Paolo Verdi']],
      '# Area Tecnica',
      [['Progetto A', 'Nuova illuminazione'], ['Descrizione', 'Lampade LED'], ['Scadenza', '31/12/2025']],
      [['Progetto B', 'Nuovo parcheggio'], ['Descrizione', 'Area di sosta'], ['Scadenza', '30/06/2025']],
    ]));
    const r = await cli(['import', docx, '-o', join(dir, 'piano.yaml')]);
    expect(r.code).toBe(1);
    expect(existsSync(join(dir, 'piano.yaml'))).toBe(false);
    expect(r.err).toMatch(/progetti\.docx:tabella 2: errore: .*nessun obiettivo letto.*la prima riga «Progetto A» non è un'intestazione di obiettivo \(attesa: «Obiettivo n\. 1»/);
    expect(r.err).toMatch(/progetti\.docx:tabella 3: errore: /);
  });

  it('writes the plan with a loud avviso when the document has no objective tables at all', async () => {
    const dir = tmp();
    const docx = join(dir, 'solo-struttura.docx');
    writeFileSync(docx, await docxOf(['# 2.2 Performance 2025-2027', [['Settore', 'Responsabile'], ['Area Tecnica', 'Ing. Paolo Verdi']], '# Area Tecnica', 'Responsabile: Ing. Paolo Verdi']));
    const r = await cli(['import', docx, '-o', join(dir, 'piano.yaml')]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/documento: avviso: il piano importato non ha obiettivi/);
  });

  it('a table not recognised says why in its note', () => {
    const a = assembled(`<h2>2.2 Performance 2025-2027</h2>${centri}<h2>Area Tecnica</h2>${objective('Obiettivo n. 1', '31/12/2025')}<table><tr><td>Progetto C</td><td>x</td></tr><tr><td>Descrizione</td><td>y</td></tr></table>`);
    expect(a.notes).toContainEqual(expect.objectContaining({ where: 'tabella 3', message: expect.stringMatching(/tabella non riconosciuta: la prima riga «Progetto C» non è un'intestazione di obiettivo/) }));
  });
});
