/**
 * Phases and numbers as written, from the user's side (issue 11, point 9): a plan whose objectives
 * are measured by phases (weights, start and end dates), checked with `piao check --json` and built
 * with `piao build`.
 *
 * - The phases of an objective weigh 100 in all: their weights are summed and rounded to the
 *   thousandth like every other weight, then compared exactly (99.99 and 100.01 fail, 100 and
 *   99.9996 pass); some phases weighted and others not is pointed out.
 * - A phase starts on or before its end, within the objective's deadline and within the plan's
 *   three years.
 * - A phase with only a start or only an end keeps its date in every format.
 * - A number keeps the decimals it was written with: coefficient 1.0 is "1,0", a weight 40.50 is
 *   "40,50%" (YAML reads 1.0 as the number 1).
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatNumber } from '../src/render/format.js';
import { cli } from './helpers/cli.js';
import { docxText, htmlText, normalize, pdfText } from './helpers/extract.js';

const BASE = readFileSync(join(import.meta.dirname, 'fixtures/invalid/_valido.yaml'), 'utf8');
const VARIANTI = readFileSync(join(import.meta.dirname, 'fixtures/varianti.yaml'), 'utf8');

interface JsonDiag { severity: string; code: string; line: number; col: number; path: string; message: string; value?: string; hint?: string }
interface JsonResult { valido: boolean; diagnostica: JsonDiag[] }

function write(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'piao-fasi-')), 'piano.yaml');
  writeFileSync(file, text);
  return file;
}

async function check(text: string): Promise<{ code: number; json: JsonResult }> {
  const { code, out } = await cli(['check', write(text), '--json']);
  return { code, json: JSON.parse(out) as JsonResult };
}

const replaceOnce = (text: string, from: string, to: string): string => {
  expect(text.split(from), `«${from}» once in the plan`).toHaveLength(2);
  return text.replace(from, to);
};

/** Line and column (1-based) of the first occurrence of `needle`, plus `shift` characters. */
const placeOf = (text: string, needle: string, shift = 0) => {
  const at = text.indexOf(needle);
  expect(at, `«${needle}» in the plan`).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, at + shift);
  return { line: before.split('\n').length, col: before.length - before.lastIndexOf('\n') };
};

const phaseCodes = (json: JsonResult) => json.diagnostica.filter((d) => d.code.startsWith('fasi.'));

/** The base plan, its road-maintenance objective (deadline 30 June 2024) measured by phases. */
const withPhases = (phases: string[]) =>
  replaceOnce(BASE, '                personale: [bianchi]\n', ['                personale: [bianchi]', '                fasi:', ...phases.map((p) => `                  - ${p}`), ''].join('\n'));

describe('phases are checked', () => {
  // One plan with every mistake: weights 20 + 70 + 20, a start after its end, an end after the
  // objective's deadline; another objective (deadline after an event) with a phase outside the
  // three years and phases weighted and not.
  const plan =
    withPhases([
      '{ descrizione: Ricognizione, peso: 20, inizio: "2024-01-15", fine: "2024-02-28" }',
      '{ descrizione: Progettazione, peso: 70, inizio: "2024-04-30", fine: "2024-03-01" }',
      '{ descrizione: Esecuzione dei lavori, peso: 20, inizio: "2024-05-02", fine: "2024-09-30" }',
    ]) +
    [
      '              - titolo: Archivio digitale',
      '                descrizione: Digitalizzazione dell\'archivio storico',
      '                indicatori: [Pratiche digitalizzate]',
      '                target: 500 pratiche',
      '                termine: { mesi: 6, evento: approvazione_piao }',
      '                peso: { ccdi: 5 }',
      '                personale: [bianchi]',
      '                fasi:',
      '                  - { descrizione: Avvio, peso: 50, inizio: "2023-12-01" }',
      '                  - { descrizione: Consolidamento, inizio: "2025-01-10" }',
      '                  - { descrizione: Chiusura, peso: 50, fine: "2027-01-31" }',
      '',
    ].join('\n');

  it('check --json: each mistake with its code, severity and place; the plan is refused', async () => {
    const { code, json } = await check(plan);
    expect(code).toBe(1);
    const found = phaseCodes(json).map((d) => ({ code: d.code, severity: d.severity, line: d.line, col: d.col, path: d.path, value: d.value }));
    const obj = 'centri[0].servizi[0].gruppi[0].obiettivi';
    expect(found).toEqual([
      // The sum, at the first phase's weight.
      { code: 'fasi.somma-pesi', severity: 'errore', ...placeOf(plan, 'peso: 20, inizio: "2024-01-15"', 6), path: `${obj}[1].fasi[0].peso`, value: '110%' },
      { code: 'fasi.date-invertite', severity: 'errore', ...placeOf(plan, '"2024-03-01" }'), path: `${obj}[1].fasi[1].fine`, value: '2024-03-01' },
      { code: 'fasi.fuori-termine', severity: 'avviso', ...placeOf(plan, '"2024-09-30"'), path: `${obj}[1].fasi[2].fine`, value: '2024-09-30' },
      { code: 'fasi.fuori-triennio', severity: 'avviso', ...placeOf(plan, '"2023-12-01"'), path: `${obj}[2].fasi[0].inizio`, value: '2023-12-01' },
      { code: 'fasi.peso-mancante', severity: 'avviso', ...placeOf(plan, '{ descrizione: Consolidamento'), path: `${obj}[2].fasi[1]`, value: undefined },
      { code: 'fasi.fuori-triennio', severity: 'avviso', ...placeOf(plan, '"2027-01-31"'), path: `${obj}[2].fasi[2].fine`, value: '2027-01-31' },
    ]);
    const messages = phaseCodes(json).map((d) => d.message);
    expect(messages[0]).toBe('i pesi delle fasi dell\'obiettivo «Manutenzione delle strade» (Settore Tecnico, Servizio lavori pubblici, Obiettivo n. 2) sommano a 110%, non a 100% (fase 1 20%, fase 2 70%, fase 3 20%)');
    expect(messages[1]).toContain('la fase 2 «Progettazione»');
    expect(messages[1]).toContain('finisce il 1º marzo 2024, prima di iniziare (30 aprile 2024)');
    expect(messages[2]).toContain('finisce il 30 settembre 2024, dopo il termine dell\'obiettivo (Entro il 30 giugno 2024)');
    expect(messages[3]).toContain('inizia il 1º dicembre 2023, fuori dal triennio 2024-2026 del piano');
    expect(messages[4]).toContain('la fase 2 «Consolidamento»');
    expect(messages[5]).toContain('finisce il 31 gennaio 2027, fuori dal triennio 2024-2026 del piano');
  });

  it('the severities can be changed in controlli.livelli: lowered, the plan passes', async () => {
    const { code, json } = await check(`${plan}controlli:\n  livelli:\n    fasi.somma-pesi: avviso\n    fasi.date-invertite: avviso\n    fasi.fuori-triennio: "no"\n`);
    expect(code).toBe(0);
    expect(phaseCodes(json).map((d) => [d.code, d.severity])).toEqual([
      ['fasi.somma-pesi', 'avviso'], ['fasi.date-invertite', 'avviso'], ['fasi.fuori-termine', 'avviso'], ['fasi.peso-mancante', 'avviso'],
    ]);
  });

  it('an unknown phase code in controlli.livelli is refused, with the close one suggested', async () => {
    const { code, json } = await check(`${BASE}controlli:\n  livelli:\n    fasi.somma-pesii: avviso\n`);
    expect(code).toBe(1);
    expect(json.diagnostica.map((d) => [d.code, d.hint])).toEqual([['schema.chiave-sconosciuta', 'forse intendevi «fasi.somma-pesi»?']]);
  });

  it('a phase within a period deadline: starting before its "dal" is outside it too', async () => {
    const text = replaceOnce(
      withPhases([
        '{ descrizione: Avvio, inizio: "2024-02-01", fine: "2024-03-31" }',
        '{ descrizione: Verifica, inizio: "2024-02-15", fine: "2024-02-20" }',
        '{ descrizione: Chiusura, inizio: "2024-04-01", fine: "2024-06-30" }',
      ]),
      'termine: { entro: "2024-06-30" }', 'termine: { dal: "2024-02-15", al: "2024-06-30" }',
    );
    const { code, json } = await check(text);
    expect(code).toBe(0);
    expect(phaseCodes(json).map((d) => [d.code, d.line, d.value])).toEqual([['fasi.fuori-termine', placeOf(text, '"2024-02-01"').line, '2024-02-01']]);
    expect(phaseCodes(json)[0]!.message).toContain('inizia il 1º febbraio 2024, prima dell\'inizio del periodo dell\'obiettivo (Dal 15 febbraio 2024 al 30 giugno 2024)');
  });

  it('a whole-year deadline: a phase ending in the next year is outside it', async () => {
    const text = replaceOnce(withPhases(['{ descrizione: Chiusura, fine: "2025-01-31" }']), 'termine: { entro: "2024-06-30" }', 'termine: { anno: 2024 }');
    const { json } = await check(text);
    expect(phaseCodes(json).map((d) => [d.code, d.value])).toEqual([['fasi.fuori-termine', '2025-01-31']]);
  });

  it('phases on the last day of the deadline and of the three years, and plain-text phases, pass', async () => {
    const inDeadline = withPhases(['{ descrizione: Avvio, peso: 30, inizio: "2024-01-01", fine: "2024-06-30" }', '{ descrizione: Chiusura, peso: 70, inizio: "2024-06-30", fine: "2024-06-30" }']);
    expect(phaseCodes((await check(inDeadline)).json)).toEqual([]);
    const lastDay = replaceOnce(withPhases(['{ descrizione: Chiusura, inizio: "2024-01-01", fine: "2026-12-31" }', 'Verifica finale']), 'termine: { entro: "2024-06-30" }', 'termine: { giorni: 90, evento: approvazione_piao }');
    expect(phaseCodes((await check(lastDay)).json)).toEqual([]);
    const afterLastDay = lastDay.replace('"2026-12-31"', '"2027-01-01"');
    expect(phaseCodes((await check(afterLastDay)).json).map((d) => d.code)).toEqual(['fasi.fuori-triennio']);
  });
});

describe('phase weights sum to 100, summed and rounded like other weights', () => {
  const weighted = (a: number, b: number) =>
    withPhases([`{ descrizione: Progettazione, peso: ${a}, fine: "2024-03-31" }`, `{ descrizione: Esecuzione, peso: ${b}, fine: "2024-06-30" }`]);

  it.each([
    [30, 69.99, '99,99%'],
    [30, 70.01, '100,01%'],
    [30, 69.999, '99,999%'],
    // 30 + 69.9994 = 99.9994, which rounds to 99.999.
    [30, 69.9994, '99,999%'],
  ])('%d + %d is an error, at the first phase’s weight', async (a, b, shown) => {
    const text = weighted(a, b);
    const { code, json } = await check(text);
    expect(code).toBe(1);
    expect(phaseCodes(json).map((d) => [d.code, d.severity, d.line, d.value])).toEqual([['fasi.somma-pesi', 'errore', placeOf(text, `peso: ${a}`).line, shown]]);
  });

  // 0.1 + 0.2 + 99.7 is 100.00000000000001 in floating point: the rounding absorbs it.
  it.each([[[30, 70]], [[30, 69.9996]], [[0.1, 0.2, 99.7]], [[100]]])('%j passes', async (pesi) => {
    const { code, json } = await check(withPhases(pesi.map((p, i) => `{ descrizione: Fase ${i + 1}, peso: ${p} }`)));
    expect(phaseCodes(json)).toEqual([]);
    expect(code).toBe(0);
  });

  it('some phases without a weight: each is pointed out; the sum is checked only if already over 100', async () => {
    const under = withPhases(['{ descrizione: Progettazione, peso: 60 }', 'Esecuzione']);
    expect(phaseCodes((await check(under)).json).map((d) => [d.code, d.line])).toEqual([['fasi.peso-mancante', placeOf(under, 'Esecuzione').line]]);
    const exactly = withPhases(['{ descrizione: Progettazione, peso: 60 }', 'Esecuzione', '{ descrizione: Collaudo, peso: 40 }']);
    expect(phaseCodes((await check(exactly)).json).map((d) => d.code)).toEqual(['fasi.peso-mancante']);
    const over = withPhases(['{ descrizione: Progettazione, peso: 60 }', '{ descrizione: Esecuzione }', '{ descrizione: Collaudo, peso: 50 }']);
    expect(phaseCodes((await check(over)).json).map((d) => d.code)).toEqual(['fasi.somma-pesi', 'fasi.peso-mancante']);
  });

  it('no phase weighted: nothing to check', async () => {
    expect(phaseCodes((await check(withPhases(['Progettazione', '{ descrizione: Esecuzione }']))).json)).toEqual([]);
  });
});

describe('what is written reaches every format', async () => {
  // The variants plan, with a phase that has only a start, one with only an end, weights written
  // with two decimals, and the coefficient written 1.0.
  let text = replaceOnce(VARIANTI, 'peso: 40, inizio: "2025-02-01", fine: "2025-03-31"', 'peso: 40.50, inizio: "2025-02-01"');
  text = replaceOnce(text, '{ descrizione: Revisione delle procedure, peso: 60, fine: "2025-09-30" }', '{ descrizione: Revisione delle procedure, peso: 59.50, inizio: "2025-01-15" }\n                  - { descrizione: Collaudo delle procedure, fine: "2025-06-30" }');
  text = replaceOnce(text, 'coefficiente: 1.4', 'coefficiente: 1.0');
  text = replaceOnce(text, 'peso: { coefficiente: ~ }', 'peso: { coefficiente: 1.20 }');
  const dir = mkdtempSync(join(tmpdir(), 'piao-fasi-build-'));
  const file = join(dir, 'piano.yaml');
  writeFileSync(file, text);
  const out = join(dir, 'out');
  const built = await cli(['build', file, '--out', out]);
  // A failed build fails the tests below (their texts are empty), not the collection of the file.
  const ok = built.code === 0;
  const texts = {
    docx: ok ? normalize(docxText(readFileSync(join(out, 'piano.docx')))) : '',
    pdf: ok ? normalize((await pdfText(readFileSync(join(out, 'piano.pdf')))).text) : '',
    html: ok ? normalize(htmlText(readFileSync(join(out, 'piano.html'), 'utf8'))) : '',
  };

  it('builds (with a warning for the phase without a weight)', () => {
    expect(built.code, built.err).toBe(0);
  });

  for (const [format, shown] of Object.entries(texts)) {
    it(`${format}: a phase with only a start shows "dal …", with only an end "entro il …"`, () => {
      expect(shown).toContain('Analisi dei flussi (dal 1º febbraio 2025) – peso 40,50% Output: Rapporto di analisi');
      expect(shown).toContain('Revisione delle procedure (dal 15 gennaio 2025) – peso 59,50%');
      expect(shown).toContain('Collaudo delle procedure (entro il 30 giugno 2025)');
    });

    it(`${format}: coefficients keep the decimals written: 1.0 is "1,0", 1.20 is "1,20"`, () => {
      expect(shown).toContain('Coefficiente di peso 1,0 ');
      expect(shown).toContain('Coefficiente di peso 1,20 ');
    });
  }

  it('open data: numbers stay numbers in JSON; the CSV phase text is the document\'s', async () => {
    const pub = join(dir, 'pub');
    const r = await cli(['publish', file, '--out', pub]);
    expect(r.code, r.err).toBe(0);
    // The plan's revision's folder (the only one).
    const rev = join(pub, readdirSync(pub).find((n) => n.startsWith('revisione-'))!);
    const json = readFileSync(join(rev, 'obiettivi.json'), 'utf8');
    expect(json).toContain('"valore": 1\n');
    expect(json).toContain('"peso": 40.5,');
    const csv = readFileSync(join(rev, 'obiettivi.csv'), 'utf8');
    expect(csv).toContain('Analisi dei flussi (dal 1º febbraio 2025) – peso 40,50% – output: Rapporto di analisi');
    // The weight column holds the value, as in JSON (a number a spreadsheet reads as such).
    expect(csv).toContain(',coefficiente,1,');
    expect(csv).toContain(',coefficiente,1.2,');
  });
});

describe('a number with the decimals it was written with', () => {
  it.each([
    [1, 1, '1,0'], [1.2, 2, '1,20'], [30.5, 2, '30,50'], [1234.5, 2, '1.234,50'], [33.333, 3, '33,333'], [-0.5, 2, '-0,50'],
    // Without them, as before: at most two decimals.
    [1, undefined, '1'], [33.333, undefined, '33,33'],
  ])('%d written with %s decimals is "%s"', (n, written, shown) => {
    expect(formatNumber(n, written)).toBe(shown);
  });
});
