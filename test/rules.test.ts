/**
 * The domain rules at their boundaries, from the user's side: a plan written in YAML, checked
 * with `piao check --json`, judged by the exit code and the diagnostics.
 *
 * - Art. 4-bis c.2 D.L. 13/2023: the payment-times objective weighs at least the threshold
 *   (30% by default) of the responsabile's result allowance: 29% fails, 30% and 31% pass.
 * - Weight sums: a responsabile's result weights, and the Segretario's against
 *   `indennita_totale`, are summed and rounded to the thousandth, then compared exactly. So the
 *   only tolerance is that rounding: 99.999 and 100.001 fail, 99.9996 (rounds to 100) passes,
 *   99.9994 (rounds to 99.999) fails, and floating-point noise (1 + 7.06 + 1.94) is absorbed.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES, runChecks } from '../src/plan/checks.js';
import { loadPlan } from '../src/plan/load.js';
import { CHECK_CODES } from '../src/plan/schema.js';
import { cli } from './helpers/cli.js';

const BASE = readFileSync(join(import.meta.dirname, 'fixtures/invalid/_valido.yaml'), 'utf8');

interface JsonDiag { severity: string; code: string; line: number; path: string; message: string; value?: string }
interface JsonResult { valido: boolean; diagnostica: JsonDiag[]; pesi: { risultato: { persona: string; totale: number; atteso: number | null }[] } }

function write(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'piao-rules-')), 'piano.yaml');
  writeFileSync(file, text);
  return file;
}

async function check(text: string): Promise<{ code: number; json: JsonResult; text: string }> {
  const { code, out } = await cli(['check', write(text), '--json']);
  return { code, json: JSON.parse(out) as JsonResult, text };
}

const replaceOnce = (text: string, from: string, to: string): string => {
  expect(text.split(from), `«${from}» once in the plan`).toHaveLength(2);
  return text.replace(from, to);
};

/** The base plan (one responsabile who pays invoices), with the weights of its two objectives. */
const responsabile = (pagamenti: number, strade: number, extra = '') =>
  replaceOnce(replaceOnce(BASE, 'peso: { risultato: 40 }', `peso: { risultato: ${pagamenti} }`), 'peso: { risultato: 60 }', `peso: { risultato: ${strade} }`) + extra;

/** The base plan with a Segretario whose objectives weigh `pesi`, against `totale`. */
const segretario = (pesi: number[], totale = 10) =>
  replaceOnce(BASE, 'persone:\n', 'persone:\n  neri:\n    nome: Laura\n    cognome: Neri\n') +
  [
    'segretario:',
    '  persona: neri',
    '  funzioni: Funzioni del Segretario Comunale ai sensi dell\'art. 97 D.Lgs. 267/2000.',
    `  indennita_totale: ${totale}`,
    '  obiettivi:',
    ...pesi.flatMap((p, i) => [
      `    - titolo: Obiettivo del Segretario ${i + 1}`,
      '      descrizione: Attività di coordinamento',
      '      indicatori: [Atti adottati]',
      '      target: Approvazione entro il 30 giugno',
      '      termine: { entro: "2024-06-30" }',
      `      peso: { risultato: ${p} }`,
    ]),
    '',
  ].join('\n');

const codes = (json: JsonResult, prefix: string) => json.diagnostica.filter((d) => d.code.startsWith(prefix));
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

describe('art. 4-bis c.2 D.L. 13/2023: the payment-times objective weighs at least 30%', () => {
  it('29% is an error, at the objective’s weight', async () => {
    const { code, json, text } = await check(responsabile(29, 71));
    expect(code).toBe(1);
    const found = codes(json, 'tempi-pagamento');
    expect(found.map((d) => [d.code, d.severity, d.value])).toEqual([['tempi-pagamento.peso', 'errore', '29%']]);
    expect(found[0]!.line).toBe(lineOf(text, 'peso: { risultato: 29 }'));
    expect(found[0]!.path).toBe('centri[0].servizi[0].gruppi[0].obiettivi[0].peso');
    expect(found[0]!.message).toContain('almeno il 30%');
  });

  it.each([[30, 70], [31, 69]])('payment-times objective at %d (the other at %d): passes', async (pagamenti, strade) => {
    const { code, json } = await check(responsabile(pagamenti, strade));
    expect(json.diagnostica.filter((d) => d.severity === 'errore')).toEqual([]);
    expect(code).toBe(0);
  });

  it('just under the threshold is still an error (29.99%)', async () => {
    const { code, json } = await check(responsabile(29.99, 70.01));
    expect(code).toBe(1);
    expect(codes(json, 'tempi-pagamento').map((d) => d.code)).toEqual(['tempi-pagamento.peso']);
  });

  it('several payment-times objectives are summed like every other weight (0.02 + 29.24 + 0.74 is 30%)', async () => {
    const more = (titolo: string, peso: number) =>
      `              - titolo: ${titolo}\n                tempi_pagamento: true\n                descrizione: Riduzione dei tempi di pagamento\n                indicatori: [Giorni medi di pagamento]\n                target: ITP inferiore a 0\n                termine: { anno: 2024 }\n                peso: { risultato: ${peso} }\n`;
    const text = replaceOnce(responsabile(0.02, 70), '              - titolo: Manutenzione delle strade\n', `${more('Fatture in 20 giorni', 29.24)}${more('Fatture in 10 giorni', 0.74)}              - titolo: Manutenzione delle strade\n`);
    const { code, json } = await check(text);
    expect(codes(json, 'tempi-pagamento')).toEqual([]);
    expect(code).toBe(0);
  });

  it('a threshold set in the plan moves the boundary (40%: 39% fails, 40% passes)', async () => {
    const soglia = '\ncontrolli:\n  soglia_tempi_pagamento: 40\n';
    expect((await check(responsabile(39, 61, soglia))).code).toBe(1);
    const ok = await check(responsabile(40, 60, soglia));
    expect(ok.code).toBe(0);
    expect(codes(ok.json, 'tempi-pagamento')).toEqual([]);
  });

  it('its severity can be lowered: 29% is then a warning and the check passes', async () => {
    const { code, json } = await check(responsabile(29, 71, '\ncontrolli:\n  livelli:\n    tempi-pagamento.peso: avviso\n'));
    expect(code).toBe(0);
    expect(codes(json, 'tempi-pagamento').map((d) => d.severity)).toEqual(['avviso']);
  });
});

describe('a responsabile’s result weights sum to 100', () => {
  // Totals are printed with two decimals: below a hundredth the message cannot show the difference
  // (null: the value shown is not checked).
  it.each([
    [59.99, '99,99%'],
    [60.01, '100,01%'],
    [59.999, null],
    [60.001, null],
    // 40 + 59.9994 = 99.9994, which rounds to 99.999.
    [59.9994, null],
  ])('40 + %d is an error', async (strade, shown) => {
    const { code, json, text } = await check(responsabile(40, strade));
    expect(code).toBe(1);
    const found = codes(json, 'pesi.somma');
    expect(found.map((d) => [d.code, d.severity])).toEqual([['pesi.somma-risultato', 'errore']]);
    if (shown) expect(found[0]!.value).toBe(shown);
    // At the responsabile's first weighted objective.
    expect(found[0]!.line).toBe(lineOf(text, 'peso: { risultato: 40 }'));
  });

  it.each([60, 59.9996])('40 + %d passes (the total, rounded to the thousandth, is 100)', async (strade) => {
    const { code, json } = await check(responsabile(40, strade));
    expect(codes(json, 'pesi.somma')).toEqual([]);
    expect(code).toBe(0);
    expect(json.pesi.risultato.map((r) => [r.totale, r.atteso])).toEqual([[100, 100]]);
  });

  it('a wrong total with many objectives lists the first twelve weights and says how many more', async () => {
    const more = Array.from({ length: 30 }, (_, i) =>
      `              - titolo: Obiettivo numero ${i}\n                descrizione: Attività ${i}\n                indicatori: [Atti]\n                target: 100% entro il 30 giugno\n                termine: { entro: "2024-06-30" }\n                peso: { risultato: 2 }\n`).join('');
    const { json } = await check(replaceOnce(BASE, '              - titolo: Manutenzione delle strade\n', `${more}              - titolo: Manutenzione delle strade\n`));
    const [d] = codes(json, 'pesi.somma-risultato');
    expect(d!.message).toMatch(/sommano a 160%, non a 100% \(Obiettivo n\. 1 40%, .*Obiettivo n\. 12 2% e altri 20\)$/);
  });
});

describe('the Segretario’s weights sum to the declared indennità di risultato', () => {
  it.each([
    [[4, 4, 1.99], '9,99%'],
    [[4, 4, 2.01], '10,01%'],
    [[4, 4, 1.999], null],
    [[4, 4, 2.001], null],
  ])('%j against 10 is an error, at indennita_totale', async (pesi, shown) => {
    const { code, json, text } = await check(segretario(pesi));
    expect(code).toBe(1);
    const found = codes(json, 'pesi.somma');
    expect(found.map((d) => [d.code, d.severity])).toEqual([['pesi.somma-segretario', 'errore']]);
    if (shown) expect(found[0]!.value).toBe(shown);
    expect(found[0]!.line).toBe(lineOf(text, 'indennita_totale:'));
    expect(found[0]!.path).toBe('segretario.indennita_totale');
  });

  // 1 + 7.06 + 1.94 is 9.999999999999998 in floating point: the comparison absorbs it.
  it.each([[[4, 4, 2]], [[1, 7.06, 1.94]]])('%j against 10 passes', async (pesi) => {
    const { code, json } = await check(segretario(pesi));
    expect(codes(json, 'pesi.somma')).toEqual([]);
    expect(code).toBe(0);
  });

  it('the declared total is what counts, not 100', async () => {
    expect((await check(segretario([4, 4, 2], 12))).code).toBe(1);
    expect((await check(segretario([5, 5, 2], 12))).code).toBe(0);
  });
});

describe('the registry of rules', () => {
  it('every check code a plan may configure belongs to exactly one rule', () => {
    const registered = RULES.flatMap((r) => r.codes.map((c) => c.code));
    expect([...registered].sort()).toEqual([...CHECK_CODES].sort());
    for (const r of RULES) expect(r.piano ?? r.obiettivo, r.name).toBeTypeOf('function');
  });

  it('runs on a loaded plan: the base plan has nothing to report', () => {
    const result = runChecks(loadPlan(write(BASE)));
    expect(result.diagnostics).toEqual([]);
    expect(result.pesi.risultato.map((r) => [r.persona, r.totale])).toEqual([['Mario Rossi', 100]]);
  });
});

describe('checks on plans written as other Comuni write them', () => {
  const strade = (from: string, to: string) => replaceOnce(BASE, from, to);
  const codes = (r: { json: JsonResult }) => r.json.diagnostica.map((d) => d.code);

  it('an objective measured by weighted phases needs no indicator', async () => {
    const phases = 'fasi:\n                  - { descrizione: Progetto, peso: 40 }\n                  - { descrizione: Lavori, peso: 60 }\n                indicatori: []\n                target: 100% delle segnalazioni';
    const r = await check(strade('indicatori: [Segnalazioni evase]\n                target: 100% delle segnalazioni', phases));
    expect(r.code).toBe(0);
    expect(codes(r)).not.toContain('indicatori.mancanti');
    // One phase without a weight: the objective is not measured by its phases.
    const half = await check(strade('indicatori: [Segnalazioni evase]\n                target: 100% delle segnalazioni', phases.replace('{ descrizione: Lavori, peso: 60 }', 'Lavori')));
    expect(codes(half)).toContain('indicatori.mancanti');
  });

  it('a multi-year objective is a period within the three years; beyond them, or a single date in another year, is warned', async () => {
    const period = (al: string) => check(strade('termine: { entro: "2024-06-30" }', `termine: { dal: "2024-01-01", al: "${al}" }`));
    expect(codes(await period('2026-12-31'))).not.toContain('termine.fuori-anno');
    expect(codes(await period('2027-01-31'))).toContain('termine.fuori-anno');
    expect(codes(await check(strade('termine: { entro: "2024-06-30" }', 'termine: { entro: "2025-06-30" }')))).toContain('termine.fuori-anno');
  });
});

describe('training of staff (Direttiva del Ministro per la PA, 14 January 2025)', () => {
  const codes = (r: { json: JsonResult }) => r.json.diagnostica.map((d) => d.code);
  const year = (y: number, text = BASE) => replaceOnce(text, 'piano:\n  anno: 2024', `piano:\n  anno: ${y}`).replaceAll('2024-06-30', `${y}-06-30`).replaceAll('{ anno: 2024 }', `{ anno: ${y} }`);

  it('from 2025, a responsabile with staff and no training objective is warned', async () => {
    const r = await check(year(2025));
    expect(r.code).toBe(0);
    const d = r.json.diagnostica.find((x) => x.code === 'formazione.mancante');
    expect(d?.severity).toBe('avviso');
    expect(d?.path).toBe('centri[0].responsabile');
    expect(d?.message).toContain('Mario Rossi');
  });

  it('not before 2025, nor with a training objective (by its title or marked), nor when switched off', async () => {
    expect(codes(await check(BASE))).not.toContain('formazione.mancante');
    expect(codes(await check(year(2025, replaceOnce(BASE, 'titolo: Manutenzione delle strade', 'titolo: Formazione del personale sulle strade'))))).not.toContain('formazione.mancante');
    expect(codes(await check(year(2025, replaceOnce(BASE, 'descrizione: Manutenzione ordinaria', 'formazione: true\n                descrizione: Manutenzione ordinaria'))))).not.toContain('formazione.mancante');
    expect(codes(await check(`${year(2025)}\ncontrolli:\n  livelli: { formazione.mancante: "no" }\n`))).not.toContain('formazione.mancante');
  });
});

describe('a prerequisite objective ("n. 0") needs no weight', () => {
  const prerequisite = (extra: string) =>
    replaceOnce(BASE, '          - obiettivi:\n', `          - obiettivi:\n              - titolo: Adempimenti di trasparenza\n                numero: 0\n${extra}                descrizione: Pubblicazioni obbligatorie\n                indicatori: [Pubblicazioni]\n                target: 100% degli atti pubblicati\n                termine: { anno: 2024 }\n`);

  it('a prerequisite without one is valid, unwarned, and its card has no weight row', async () => {
    const text = prerequisite('                prerequisito: true\n');
    const r = await check(text);
    expect(r.code).toBe(0);
    expect(r.json.diagnostica.filter((d) => d.path.startsWith('centri[0].servizi[0].gruppi[0].obiettivi[0]'))).toEqual([]);
    const dir = mkdtempSync(join(tmpdir(), 'piao-prereq-'));
    writeFileSync(join(dir, 'piano.yaml'), text);
    const b = await cli(['build', join(dir, 'piano.yaml'), '--out', dir, '--format', 'html']);
    expect(b.code, b.err).toBe(0);
    const html = readFileSync(join(dir, 'piano.html'), 'utf8');
    const card = html.slice(html.indexOf('Adempimenti di trasparenza</td>'), html.indexOf('Rispetto dei tempi di pagamento</td>'));
    expect(card).toContain('Obiettivo prerequisito');
    expect(card).not.toMatch(/indennità|non indicato/);
    expect(html).toContain('Obiettivo n. 0');
  });

  it('any other objective without a weight is an error at its place', async () => {
    const r = await check(prerequisite(''));
    expect(r.code).toBe(1);
    expect(r.json.diagnostica.find((d) => d.code === 'peso.mancante')).toMatchObject({ severity: 'errore', line: 24 });
  });
});

describe('art. 4-bis in plans weighted by coefficients or CCDI shares', () => {
  const weighted = (pagamenti: string, strade: string) => replaceOnce(replaceOnce(BASE, 'peso: { risultato: 40 }', `peso: ${pagamenti}`), 'peso: { risultato: 60 }', `peso: ${strade}`);
  const codes = (r: { json: JsonResult }) => r.json.diagnostica.map((d) => d.code);

  it('the report of check lists coefficients per responsabile, and no empty result-allowance section', async () => {
    // Art. 4-bis turned off: a coefficient is not a share of the indennità di risultato (see below).
    const { out } = await cli(['check', write(`${weighted('{ coefficiente: 1.4 }', '{ coefficiente: 1.2 }')}controlli:\n  tempi_pagamento: false\n`)]);
    expect(out).toContain('Pesi per persona\n  Coefficienti di peso\n    Mario Rossi: 1,4 + 1,2 = 2,6');
    expect(out).not.toContain('Indennità di risultato');
  });

  it('counts only a weight on the indennità di risultato: a coefficient or a CCDI share is an error saying so', async () => {
    for (const [pagamenti, strade, kind] of [['{ coefficiente: 1.4 }', '{ coefficiente: 1.0 }', 'coefficiente'], ['{ ccdi: 30 }', '{ ccdi: 70 }', 'somma CCDI']] as const) {
      const r = await check(weighted(pagamenti, strade));
      expect(r.code, pagamenti).toBe(1);
      const found = r.json.diagnostica.filter((d) => d.code === 'tempi-pagamento.tipo-peso');
      expect(found.map((d) => d.severity), pagamenti).toEqual(['errore']);
      expect(found[0]!.message).toContain('non sulla sua indennità di risultato');
      expect(found[0]!.message).toContain(kind);
      expect(found[0]!.path).toBe('centri[0].servizi[0].gruppi[0].obiettivi[0].peso');
    }
  });

  it('a CCDI-weighted payment-times objective for the staff does not matter when the responsabile has one on the result', async () => {
    const staff = '              - titolo: Liquidazione delle fatture\n                tempi_pagamento: true\n                descrizione: Liquidazione entro 10 giorni\n                indicatori: [Giorni]\n                target: 10 giorni\n                termine: { anno: 2024 }\n                peso: { ccdi: 10 }\n                personale: [bianchi]\n';
    const r = await check(replaceOnce(BASE, '              - titolo: Manutenzione delle strade\n', `${staff}              - titolo: Manutenzione delle strade\n`));
    expect(codes(r).filter((c) => c.startsWith('tempi-pagamento'))).toEqual([]);
    expect(r.code).toBe(0);
  });
});

describe('a plan without any objective', () => {
  const empty = [
    'ente:', '  nome: Comune di Prova', '  provincia: Cremona', 'piano:', '  anno: 2024',
    'persone:', '  rossi:', '    nome: Mario', '    cognome: Rossi',
    'centri:', '  - id: tecnico', '    nome: Settore Tecnico', '    responsabile: rossi', '    servizi:', '      - nome: Servizio lavori pubblici', '',
  ].join('\n');

  it('is an error of check, at the centri, saying there is no objective', async () => {
    const { code, json } = await check(empty);
    expect(code).toBe(1);
    const found = codes(json, 'piano.senza-obiettivi');
    expect(found.map((d) => [d.severity, d.line])).toEqual([['errore', lineOf(empty, 'centri:')]]);
    expect(found[0]!.message).toContain('non ha nessun obiettivo');
  });

  it('stops build, which says why', async () => {
    const file = write(empty);
    const r = await cli(['build', file, '--out', join(file, '..', 'out')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('[piano.senza-obiettivi]');
    expect(r.err).toContain('non ha nessun obiettivo');
  });

  it('can be lowered to a warning in controlli.livelli (a draft)', async () => {
    const { code, json } = await check(`${empty}controlli:\n  livelli: { piano.senza-obiettivi: avviso }\n`);
    expect(code).toBe(0);
    expect(codes(json, 'piano.senza-obiettivi').map((d) => d.severity)).toEqual(['avviso']);
  });
});
