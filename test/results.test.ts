/**
 * The year-end computation (issue 15), against values worked out by hand: each objective's
 * achievement from phases, indicators or by hand (the Nucleo's prevailing), each responsabile's
 * score, band, share and amount with the art. 4-bis and prerequisite gates, each employee's CCDI
 * share. The example with results: test/fixtures/risultati/casalmorano-consuntivo.yaml.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../src/plan/load.js';
import type { Indicatore, Obiettivo } from '../src/plan/schema.js';
import { indicatorAchievement, numberIn, objectiveAchievement } from '../src/results/achievement.js';
import { computeResults } from '../src/results/scores.js';
import { ROOT } from './helpers/cli.js';

const FIXTURE = readFileSync(join(ROOT, 'test/fixtures/risultati/casalmorano-consuntivo.yaml'), 'utf8');
const BASE = readFileSync(join(ROOT, 'test/fixtures/invalid/_valido.yaml'), 'utf8');

const objective = (o: Partial<Obiettivo>): Obiettivo => ({ titolo: 'T', descrizione: 'D', fasi: [], indicatori: [], termine: { anno: 2024 }, personale: [], ...o }) as Obiettivo;
const indicator = (i: Partial<Exclude<Indicatore, string>>): Indicatore => ({ nome: 'I', ...i }) as Indicatore;

describe('an indicator\'s achievement', () => {
  it.each([
    ['higher is better, below target', { target: [80], consuntivo: { valore: 60 } }, 75],
    ['higher is better, above target', { target: [80], consuntivo: { valore: 95 } }, 100],
    ['lower is better, above target', { polarita: 'decrescente' as const, target: [10], consuntivo: { valore: 12.5 } }, 80],
    ['lower is better, met', { polarita: 'decrescente' as const, target: [10], consuntivo: { valore: 9 } }, 100],
    ['lower is better, target 0 missed', { polarita: 'decrescente' as const, target: [0], consuntivo: { valore: 3 } }, 0],
    ['lower is better, target 0 met', { polarita: 'decrescente' as const, target: [0], consuntivo: { valore: -4 } }, 100],
    ['a percentage written as text', { target: ['90%'], consuntivo: { valore: '45%' } }, 50],
    ['Italian thousands and decimals', { target: ['1.200'], consuntivo: { valore: '900,0' } }, 75],
    ['a deadline met', { target: ['2024-06-30'], consuntivo: { valore: '2024-06-28' } }, 100],
    ['a deadline missed', { target: ['2024-06-30'], consuntivo: { valore: '2024-07-01' } }, 0],
    ['yes/no met', { target: ['sì'], consuntivo: { valore: true } }, 100],
    ['yes/no missed', { target: ['adottato'], consuntivo: { valore: 'no' } }, 0],
    ['given by hand', { target: ['qualità percepita'], consuntivo: { valore: 'buona', raggiungimento: 90 } }, 90],
  ])('%s', (_name, i, expected) => {
    expect(indicatorAchievement(indicator(i))).toBeCloseTo(expected, 9);
  });

  it('is unknown when the value cannot be compared with the target', () => {
    expect(indicatorAchievement(indicator({ target: ['qualità percepita'], consuntivo: { valore: 'buona' } }))).toBeUndefined();
    expect(indicatorAchievement(indicator({ consuntivo: { valore: 5 } }))).toBeUndefined();
    expect(numberIn('tre')).toBeUndefined();
    expect(numberIn('-4 giorni')).toBe(-4);
  });
});

describe('an objective\'s achievement', () => {
  it('by weighted phases, as Comuni compute it: 70 / 20 / 10 reached 100 / 100 / 0 give 90%', () => {
    const o = objective({
      fasi: [
        { descrizione: 'A', peso: 70, consuntivo: { raggiungimento: 100 } },
        { descrizione: 'B', peso: 20, consuntivo: { completata_il: '2024-05-01' }, fine: '2024-06-30' },
        { descrizione: 'C', peso: 10, consuntivo: { completata_il: '2024-08-01' }, fine: '2024-06-30' },
      ],
    });
    expect(objectiveAchievement(o)).toEqual({ ente: 90, finale: 90, come: 'fasi', calcolabile: true });
  });

  it('by its indicators\' weights, else equally', () => {
    const weighted = objective({ indicatori: [indicator({ peso: 75, target: [100], consuntivo: { valore: 100 } }), indicator({ peso: 25, target: [100], consuntivo: { valore: 20 } })] });
    expect(objectiveAchievement(weighted).finale).toBeCloseTo(80, 9);
    const equal = objective({ indicatori: [indicator({ target: [100], consuntivo: { valore: 100 } }), indicator({ target: [100], consuntivo: { valore: 20 } })] });
    expect(objectiveAchievement(equal).finale).toBeCloseTo(60, 9);
  });

  it('by hand, the Nucleo\'s prevailing; not assessable left apart; missing when nothing says', () => {
    expect(objectiveAchievement(objective({ consuntivo: { raggiungimento: 70, nucleo: { raggiungimento: 60 } } }))).toEqual({ ente: 70, nucleo: 60, finale: 60, come: 'manuale', calcolabile: false });
    expect(objectiveAchievement(objective({ consuntivo: { non_valutabile: 'Alluvione di maggio' } }))).toEqual({ come: 'non valutabile', calcolabile: false, motivo: 'Alluvione di maggio' });
    expect(objectiveAchievement(objective({ indicatori: ['Testo'] }))).toEqual({ come: 'mancante', calcolabile: false });
  });
});

describe('the example with its results', () => {
  const r = computeResults(parsePlan(FIXTURE, 'casalmorano-consuntivo.yaml'));
  const byId = (id: string) => r.obiettivi.find((x) => x.p.o.id === id)!.a;
  const person = (id: string, segretario = false) => r.responsabili.find((x) => x.id === id && x.segretario === segretario)!;
  const staff = (id: string) => r.personale.find((x) => x.id === id)!;

  it('computes each objective as worked out by hand', () => {
    expect(byId('tec-peg')).toMatchObject({ finale: 80, come: 'fasi' }); // 40×100 + 30×100 + 20×50 + 10×0
    expect(byId('fin-tempi-pagamento')).toMatchObject({ finale: 100, come: 'indicatori' }); // ITP −3,2 ≤ 0
    expect(byId('tec-tempi-pagamento')).toMatchObject({ finale: 0, come: 'indicatori' }); // ITP 12,4 > 0
    expect(byId('seg-collocamento')).toMatchObject({ ente: 75, finale: 75, come: 'manuale', calcolabile: true }); // late: 0 by the date, 75 by the Giunta
    expect(byId('tec-automezzi')).toMatchObject({ ente: 100, nucleo: 80, finale: 80 });
  });

  it('pays the responsabile who met the payment times by the band of the other objectives', () => {
    const c = person('coti_zelati');
    expect(c.punteggio).toBeCloseTo(88, 9); // (30×100 + 60×80 + 10×100) / 100
    expect(c.punteggioFascia).toBe(82.86); // 5800 / 70 on PEG and PA digitale, as printed
    expect(c.fascia).toEqual({ da: 80, quota: 100 });
    expect(c.tempiPagamento).toEqual({ quota: 30, raggiunto: true });
    expect(c.quota).toBeCloseTo(100, 9);
    expect(c.premio).toBeCloseTo(4000, 9);
  });

  it('withholds the payment-times share (30%) of the responsabile who missed it, and only that', () => {
    const m = person('massari');
    expect(m.punteggio).toBeCloseTo(58, 9); // (30×0 + 60×80 + 10×100) / 100
    expect(m.punteggioFascia).toBe(82.86);
    expect(m.fascia).toEqual({ da: 80, quota: 100 });
    expect(m.tempiPagamento).toEqual({ quota: 30, raggiunto: false });
    expect(m.quota).toBeCloseTo(70, 9); // 100% of the other 70%, nothing of the 30%
    expect(m.premio).toBeCloseTo(2450, 9); // 3500 × 70%
  });

  it('scores the Segretario on her own objectives, with the override', () => {
    const s = person('pagani', true);
    expect(s.punteggio).toBeCloseTo(90, 9); // (4×100 + 4×75 + 2×100) / 10
    expect(s.quota).toBe(100);
    expect(s.premio).toBe(2000);
    expect(r.responsabili.filter((x) => x.id === 'pagani' && !x.segretario)).toEqual([]); // her settore weighs on the CCDI only
  });

  it('gives each employee their CCDI share of the fund', () => {
    expect(staff('milanese')).toMatchObject({ pesoTotale: 34, quota: 32, premio: 3200 }); // 8×75% + 8 + 8 + 10
    expect(staff('moreni')).toMatchObject({ pesoTotale: 10, quota: 10, premio: 1000 }); // two blank weights count 0
    expect(staff('stefanoni')).toMatchObject({ pesoTotale: 29, quota: 27, premio: 2700 }); // 5×60% + 9 + 10 + 5
    expect(staff('stelluti')).toMatchObject({ pesoTotale: 13, quota: 13, premio: 1300 });
    expect(staff('falavigna')).toMatchObject({ pesoTotale: 13, quota: 12, premio: 1200 }); // 8 + 5×80% (the Nucleo's)
  });
});

describe('the gates and the bands', () => {
  const plan = (extra: string, results: { tp: number; roads: number }) =>
    parsePlan(`${BASE.replace('                peso: { risultato: 40 }', `                peso: { risultato: 40 }\n                consuntivo: { raggiungimento: ${results.tp} }`)
      .replace('                peso: { risultato: 60 }', `                peso: { risultato: 60 }\n                consuntivo: { raggiungimento: ${results.roads} }`)}${extra}`, 'piano.yaml');
  const BANDS = '\nvalutazione:\n  fasce: [{ da: 0, quota: 0 }, { da: 60, quota: 75 }, { da: 80, quota: 100 }]\n  importi: { risultato: { rossi: 1000 } }\n';

  it('puts a score in the band it reaches (60 ≤ score < 80 → 75%)', () => {
    const r = computeResults(plan(BANDS, { tp: 100, roads: 70 })).responsabili[0]!;
    expect(r.punteggioFascia).toBe(70);
    expect(r.fascia).toEqual({ da: 60, quota: 75 });
    expect(r.quota).toBeCloseTo(75 * 0.6 + 40, 9); // 75% of the 60% + the 40% of payment times
    expect(r.premio).toBeCloseTo(850, 9);
  });

  it('pays nothing below the first paying band, and nothing at all after a missed prerequisite', () => {
    expect(computeResults(plan(BANDS, { tp: 0, roads: 50 })).responsabili[0]!.quota).toBe(0);
    const withPrerequisite = plan(BANDS, { tp: 100, roads: 100 }).centri[0]!;
    withPrerequisite.servizi[0]!.gruppi[0]!.obiettivi.push({ ...withPrerequisite.servizi[0]!.gruppi[0]!.obiettivi[1]!, titolo: 'Codice di comportamento', peso: undefined, prerequisito: true, personale: ['bianchi'], consuntivo: { raggiungimento: 0 } });
    const p = plan(BANDS, { tp: 100, roads: 100 });
    p.centri[0] = withPrerequisite;
    const r = computeResults(p);
    expect(r.responsabili[0]).toMatchObject({ quota: 0, premio: 0, esclusione: 'obiettivo prerequisito non raggiunto: «Codice di comportamento»' });
  });
});

describe('the checks of a plan with results', () => {
  const codes = async (text: string) => {
    const { runChecks } = await import('../src/plan/checks.js');
    const plan = parsePlan(text, 'piano.yaml');
    return runChecks({ plan, file: 'piano.yaml', source: text, locate: () => ({ line: 1, col: 1 }) }).diagnostics
      .filter((d) => d.code.startsWith('consuntivo.') || d.code.startsWith('valutazione.'))
      .map((d) => `${d.code} ${d.path}`);
  };

  it('find nothing missing in the example with its results', async () => {
    expect(await codes(FIXTURE)).toEqual([]);
  });

  it('ask for a missing result, a reason for a hand-given one, an explained shortfall, a comparable value', async () => {
    // The first objective loses its result; the Segretario's override its reason; IMU its explanation; an ITP value becomes words.
    const text = FIXTURE
      .replace(/(- id: amm-sito\n[\s\S]*?)\n +consuntivo:\n +raggiungimento: 100\n +evidenze: \[[^\]]*\]/, '$1')
      .replace(/\n +motivazione: L'assunzione[^\n]*/, '')
      .replace(/\n +scostamento: Emessi 180[^\n]*/, '')
      .replace('consuntivo: { valore: 12.4, data: "2025-01-31" }', 'consuntivo: { valore: "molti giorni" }');
    expect(text).not.toBe(FIXTURE);
    const found = await codes(text);
    expect(found).toEqual(expect.arrayContaining([
      'consuntivo.mancante centri[0].servizi[0].gruppi[0].obiettivi[0]',
      'consuntivo.scostamento centri[1].servizi[1].gruppi[0].obiettivi[0].consuntivo',
      'consuntivo.valore centri[2].servizi[1].gruppi[0].obiettivi[0].indicatori[0].consuntivo.valore',
      'consuntivo.motivazione segretario.obiettivi[1].consuntivo.raggiungimento',
    ]));
  });

  it('say that a measured value of an indicator without a target compares with nothing, and ask for the percentage', async () => {
    // The first ITP indicator loses its target: its measured value −3,2 has nothing to be compared with.
    const text = FIXTURE.replace('                    target: [0]\n                    fonte: Piattaforma dei crediti commerciali (PCC)\n', '                    fonte: Piattaforma dei crediti commerciali (PCC)\n');
    expect(text).not.toBe(FIXTURE);
    const { runChecks } = await import('../src/plan/checks.js');
    const found = runChecks({ plan: parsePlan(text, 'piano.yaml'), file: 'piano.yaml', source: text, locate: () => ({ line: 1, col: 1 }) }).diagnostics
      .filter((d) => d.code === 'consuntivo.valore');
    expect(found.map((d) => [d.path, d.severity])).toEqual([['centri[1].servizi[0].gruppi[0].obiettivi[0].indicatori[0].consuntivo.valore', 'avviso']]);
    expect(found[0]!.message).toContain('non ha un target numerico');
    expect(found[0]!.message).toContain('indica il raggiungimento');
    // With the percentage given by hand, nothing to say.
    expect(await codes(text.replace('consuntivo: { valore: -3.2, data: "2025-01-31" }', 'consuntivo: { valore: -3.2, raggiungimento: 100 }'))).not.toContain('consuntivo.valore centri[1].servizi[0].gruppi[0].obiettivi[0].indicatori[0].consuntivo.valore');
  });

  it('want the bands to start from 0 and amounts for responsabili only', async () => {
    const text = FIXTURE.replace('    - { da: 0, quota: 0 }\n', '').replace('{ coti_zelati: 4000, massari: 3500 }', '{ coti_zelati: 4000, massari: 3500, moreni: 100 }');
    expect(await codes(text)).toEqual(['valutazione.fasce valutazione.fasce', 'valutazione.importo valutazione.importi.risultato.moreni']);
  });
});

describe('an objective that cannot be assessed', () => {
  it('is left out of its responsabile\'s score: the other weights count in proportion', () => {
    const text = FIXTURE.replace(/(- id: tec-peg\n[\s\S]*?)\n( +)consuntivo:\n +scostamento: La gestione delle spese[^\n]*/, '$1\n$2consuntivo:\n$2  non_valutabile: Lavori della scuola sospesi per ordinanza della Provincia');
    expect(text).not.toBe(FIXTURE);
    const r = computeResults(parsePlan(text, 'piano.yaml'));
    expect(r.obiettivi.find((x) => x.p.o.id === 'tec-peg')!.a).toEqual({ come: 'non valutabile', calcolabile: true, motivo: 'Lavori della scuola sospesi per ordinanza della Provincia' });
    const m = r.responsabili.find((x) => x.id === 'massari')!;
    expect(m.punteggio).toBeCloseTo(25, 9); // (30×0 + 10×100) / 40
    expect(m.tempiPagamento).toEqual({ quota: 75, raggiunto: false }); // 30 of the 40 that count
    expect(m.quota).toBeCloseTo(25, 9); // 100% of the other 25%
    expect(m.premio).toBeCloseTo(875, 9);
  });
});

describe('the new user\'s year end (issue 15 trial)', () => {
  const checkCodes = async (text: string) => {
    const { runChecks } = await import('../src/plan/checks.js');
    const plan = parsePlan(text, 'piano.yaml');
    return runChecks({ plan, file: 'piano.yaml', source: text, locate: () => ({ line: 1, col: 1 }) }).diagnostics.map((d) => `${d.code} ${d.message}`);
  };
  // Two employees each weighted 60% of the fund on one objective, fully met: 120% earned.
  const overFund = BASE.replace('                peso: { risultato: 60 }\n                personale: [bianchi]', '                peso: { risultato: 60 }\n                personale: [bianchi]\n                consuntivo: { raggiungimento: 100 }')
    .replace('                peso: { risultato: 40 }', '                peso: { risultato: 40 }\n                consuntivo: { raggiungimento: 100 }')
    .replace('  bianchi:\n', '  verdi:\n    nome: Luca\n    cognome: Verdi\n  bianchi:\n')
    .replace('    personale: [bianchi]\n', '    personale: [bianchi, verdi]\n')
    + `              - titolo: Archivio
                descrizione: Riordino dell'archivio
                indicatori: [Faldoni riordinati]
                target: 100% dei faldoni
                termine: { anno: 2024 }
                peso: { ccdi: 60 }
                personale: [bianchi, verdi]
                consuntivo: { raggiungimento: 100 }
              - titolo: Protocollo
                descrizione: Protocollo informatico
                indicatori: [Documenti protocollati]
                target: 100% dei documenti
                termine: { anno: 2024 }
                peso: { ccdi: 60 }
                personale: [verdi]
                consuntivo: { raggiungimento: 50 }
                rilevante_valutazione: false
valutazione:
  importi: { fondo_ccdi: 1000, risultato: { rossi: 500, bianchi: 300 } }
`;

  it('cuts the CCDI amounts in proportion when the shares earned exceed the fund, and check says so', async () => {
    const r = computeResults(parsePlan(overFund, 'piano.yaml'));
    // Bianchi 60, Verdi 60 (the objective not relevant to the evaluation left out): 120% earned.
    expect(r.personale.map((s) => [s.id, s.quota])).toEqual([['bianchi', 60], ['verdi', 60]]);
    expect(r.riduzioneCcdi).toEqual({ quote: 120, fattore: 100 / 120 });
    expect(r.personale.map((s) => s.premio)).toEqual([500, 500]);
    const codes = await checkCodes(overFund);
    expect(codes.some((c) => c.startsWith('valutazione.quote-ccdi') && c.includes('sommano al 120%'))).toBe(true);
    // Bianchi heads no objective weighted on the result allowance: the amount written for her is said unused.
    expect(codes.some((c) => c.startsWith('valutazione.importo') && c.includes('«bianchi»'))).toBe(true);
  });

  it('asks for year-end results only once the plan has them (a phase completed in July is monitoring)', async () => {
    const july = BASE.replace('                indicatori: [Segnalazioni evase]', '                indicatori: [Segnalazioni evase]\n                fasi: [{ descrizione: Sopralluoghi, consuntivo: { completata_il: "2024-05-10" } }]');
    expect((await checkCodes(july)).filter((c) => c.startsWith('consuntivo.'))).toEqual([]);
    const missing = (await checkCodes(overFund.replace("                consuntivo: { raggiungimento: 50 }\n", ''))).filter((c) => c.startsWith('consuntivo.mancante'));
    expect(missing).toEqual(['consuntivo.mancante manca il risultato dell\'obiettivo «Protocollo» (Settore Tecnico, Servizio lavori pubblici, Obiettivo n. 4)']);
  });
});

describe('the hostile trial of the year end', () => {
  it('decides bands and gates on the percentages as printed (two decimals), not on binary fractions', () => {
    const o = (peso: number) => objective({ peso: { risultato: peso }, consuntivo: { raggiungimento: 80 } });
    const weights = [62.8, 33.1, 1.9, 2.2];
    const raw = weights.reduce((acc, w) => acc + w * 80, 0) / weights.reduce((a, b) => a + b, 0);
    expect(raw).toBeLessThan(80); // 79,999…: the arithmetic of binary fractions
    const prerequisite = objectiveAchievement(objective({ fasi: [{ descrizione: 'A', peso: 18.4, consuntivo: { raggiungimento: 100 } }, { descrizione: 'B', peso: 81.6, consuntivo: { raggiungimento: 100 } }] }));
    expect(prerequisite.finale).toBe(100);
    const card = (t: string, w: number) => `              - titolo: ${t}\n                descrizione: ${t}\n                indicatori: [${t}]\n                target: 100%\n                termine: { anno: 2024 }\n                peso: { risultato: ${w} }\n                consuntivo: { raggiungimento: 80 }\n`;
    const text = BASE.replace(/          - obiettivi:\n[\s\S]*$/, `          - obiettivi:\n${weights.map((w, i) => card(`Obiettivo ${i + 1}`, w)).join('')}`)
      .replace('    paga_fatture: true\n', '') + 'valutazione:\n  fasce: [{ da: 0, quota: 0 }, { da: 60, quota: 75 }, { da: 80, quota: 100 }]\n';
    const r = computeResults(parsePlan(text, 'piano.yaml')).responsabili[0]!;
    expect(r.punteggio).toBe(80);
    expect(r.fascia).toEqual({ da: 80, quota: 100 });
    expect(o(1).peso).toEqual({ risultato: 1 });
  });

  it('reads the payment-times indicator as lower-is-better when it does not say, and yes/no only against yes/no', () => {
    const itp = indicator({ target: [0], consuntivo: { valore: 12.4 } });
    expect(indicatorAchievement(itp)).toBe(100); // higher is better by default…
    expect(indicatorAchievement(itp, true)).toBe(0); // …but not for the art. 4-bis objective
    expect(objectiveAchievement(objective({ tempi_pagamento: true, indicatori: [itp] })).finale).toBe(0);
    expect(indicatorAchievement(indicator({ target: [50], consuntivo: { valore: true } }))).toBeUndefined();
    expect(indicatorAchievement(indicator({ target: ['2024-06-30'], consuntivo: { valore: false } }))).toBeUndefined();
  });

  it('pays each payment-times objective\'s share when that one is met, and amounts to the cent', () => {
    const text = BASE.replace('                peso: { risultato: 40 }', '                peso: { risultato: 20 }\n                consuntivo: { raggiungimento: 100 }')
      .replace('                peso: { risultato: 60 }\n                personale: [bianchi]', '                peso: { risultato: 20 }\n                tempi_pagamento: true\n                personale: [bianchi]\n                consuntivo: { raggiungimento: 0 }')
      + `              - titolo: Strade
                descrizione: Strade
                indicatori: [Buche chiuse]
                target: 100% delle buche
                termine: { anno: 2024 }
                peso: { risultato: 60 }
                consuntivo: { raggiungimento: 100 }
valutazione:
  fasce: [{ da: 0, quota: 0 }, { da: 80, quota: 100 }]
  importi: { risultato: { rossi: 1000.01 } }
`;
    const r = computeResults(parsePlan(text, 'piano.yaml')).responsabili[0]!;
    expect(r.tempiPagamento).toEqual({ quota: 40, raggiunto: false });
    expect(r.quota).toBe(80); // 100% of the 60% + the 20% of the met payment-times objective
    expect(r.premio).toBe(800.01); // 1000,01 × 80%, to the cent
  });
});
