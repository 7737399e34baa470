/**
 * `piao check` on the example and on variations of it: the seed's real problems are found and
 * nothing false is reported; each rule fires, at the right place, and can be configured.
 */
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMeasurable } from '../src/plan/checks.js';
import { parsePlan } from '../src/plan/load.js';
import { cli } from './helpers/cli.js';

const EXAMPLE = join(import.meta.dirname, '../data/casalmorano-2024.yaml');
const SOURCE = readFileSync(EXAMPLE, 'utf8');

interface JsonDiag { severity: string; code: string; line: number; col: number; path: string; message: string; value?: string; hint?: string }
interface JsonResult { valido: boolean; conteggi: { errori: number; avvisi: number }; diagnostica: JsonDiag[]; completezza?: { settori: { settore: string; punteggio: number }[]; righe: unknown[] }; pesi?: { risultato: { persona: string; totale: number }[]; ccdi: { persona: string; totale: number }[] } }

/** Writes a variation of the example and checks it with --json. */
async function checkVariant(edit: (s: string) => string, extra: string[] = []): Promise<{ code: number; json: JsonResult; text: string }> {
  const text = edit(SOURCE);
  expect(text, 'the edit must change the example').not.toBe(SOURCE);
  const dir = mkdtempSync(join(tmpdir(), 'piao-check-'));
  const file = join(dir, 'piano.yaml');
  writeFileSync(file, text);
  const r = await cli(['check', file, '--json', ...extra]);
  return { code: r.code, json: JSON.parse(r.out) as JsonResult, text };
}

const lineOf = (text: string, needle: string, nth = 0): number => {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  expect(at, needle).toBeGreaterThanOrEqual(0);
  return text.slice(0, at).split('\n').length;
};

describe('the built-in example', () => {
  it('reports the seed’s real problems and no false errors', async () => {
    const r = await cli(['check', EXAMPLE, '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as JsonResult;
    expect(json.valido).toBe(true);
    expect(json.conteggi.errori).toBe(0);
    const codes = json.diagnostica.map((d) => d.code);
    expect(codes.filter((c) => c === 'pesi.vuoto')).toHaveLength(2);
    expect(codes.filter((c) => c === 'target.non-misurabile')).toHaveLength(23);
    // The art. 4-bis rule passes (30% for the two heads who pay invoices); weights sum as they should.
    expect(codes.filter((c) => c.startsWith('tempi-pagamento') || c.startsWith('pesi.somma'))).toEqual([]);
    expect(new Set(codes)).toEqual(new Set(['pesi.vuoto', 'target.non-misurabile']));
    for (const d of json.diagnostica) {
      expect(d.line).toBeGreaterThan(1);
      expect(d.message).toMatch(/[a-zà-ù]/);
    }
    expect(json.completezza!.settori.map((s) => s.settore)).toEqual(['Segretario Comunale', 'Settore Amministrativo', 'Settore Economico – Finanziario', 'Settore Tecnico e Tecnico Manutentivo']);
    expect(json.completezza!.righe).toHaveLength(23);
    expect(json.pesi!.risultato.map((p) => [p.persona, p.totale])).toEqual([
      ['Dott.ssa Sonia Pagani', 10], ['Dott. Gianmario Coti Zelati', 100], ['Geom. Vanda Massari', 100],
    ]);
    expect(json.pesi!.ccdi.find((p) => p.persona === 'Milanese Fabiola Ester')?.totale).toBe(34);
  });

  it('prints a human report grouped by settore, with the source line, a caret and a count', async () => {
    const r = await cli(['check', EXAMPLE]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Controllo di .*casalmorano-2024\.yaml/);
    expect(r.out).toContain('Settore Amministrativo\n  avviso ');
    expect(r.out).toMatch(/\n {4}143 \| {17}peso: \{ ccdi: ~ \}.*\n {8}\| {23}\^{11}\n/);
    expect(r.out).toContain('Completezza rispetto alle nove domande delle linee guida');
    expect(r.out).toContain('Dott. Gianmario Coti Zelati: 30% + 60% + 10% = 100% ✓');
    expect(r.out).toMatch(/Totale: 0 errori, 25 avvisi\.\n$/);
  });

  it('--strict makes warnings fail', async () => {
    const r = await cli(['check', EXAMPLE, '--strict']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Con --strict gli avvisi contano come errori.');
  });
});

describe('art. 4-bis c.2 D.L. 13/2023', () => {
  it('an objective on payment times weighing less than 30% is an error, at its weight', async () => {
    const { code, json, text } = await checkVariant((s) => s.replace('peso: { risultato: 30 }', 'peso: { risultato: 20 }').replace('peso: { risultato: 60 }', 'peso: { risultato: 70 }'));
    expect(code).toBe(1);
    const d = json.diagnostica.find((x) => x.code === 'tempi-pagamento.peso')!;
    expect(d.severity).toBe('errore');
    expect(d.message).toContain('Dott. Gianmario Coti Zelati');
    expect(d.message).toContain('20%');
    expect(d.line).toBe(lineOf(text, 'peso: { risultato: 20 }'));
    expect(json.diagnostica.filter((x) => x.code.startsWith('pesi.somma'))).toEqual([]);
  });

  it('a head who pays invoices without a payment-times objective is an error', async () => {
    const { code, json, text } = await checkVariant((s) => s.replace('tempi_pagamento: true', 'tempi_pagamento: false'));
    expect(code).toBe(1);
    const d = json.diagnostica.find((x) => x.code === 'tempi-pagamento.mancante')!;
    expect(d.message).toContain('Dott. Gianmario Coti Zelati');
    expect(d.line).toBe(lineOf(text, 'paga_fatture: true'));
    expect(d.hint).toContain('tempi_pagamento: false');
  });

  it('can be switched off per plan', async () => {
    const { code, json } = await checkVariant((s) => s.replace('tempi_pagamento: true', 'tempi_pagamento: false') + '\ncontrolli:\n  tempi_pagamento: false\n');
    expect(code).toBe(0);
    expect(json.diagnostica.filter((x) => x.code.startsWith('tempi-pagamento'))).toEqual([]);
  });
});

describe('weights', () => {
  it('a responsabile whose result weights do not sum to 100 is an error', async () => {
    const { code, json } = await checkVariant((s) => s.replace('peso: { risultato: 60 }', 'peso: { risultato: 50 }'));
    expect(code).toBe(1);
    const d = json.diagnostica.find((x) => x.code === 'pesi.somma-risultato')!;
    expect(d.message).toMatch(/Dott\. Gianmario Coti Zelati sommano a 90%, non a 100% \(Obiettivo n\. 1 30%, Obiettivo n\. 2 50%, Obiettivo n\. 3 10%\)/);
  });

  it('the Segretario’s weights sum to the declared total', async () => {
    const { code, json, text } = await checkVariant((s) => s.replace('peso: { risultato: 2 }', 'peso: { risultato: 3 }'));
    expect(code).toBe(1);
    const d = json.diagnostica.find((x) => x.code === 'pesi.somma-segretario')!;
    expect(d.message).toContain('sommano a 11%');
    expect(d.line).toBe(lineOf(text, 'indennita_totale:'));
  });

  it('another expected total can be configured, or the check switched off', async () => {
    const off = await checkVariant((s) => s.replace('peso: { risultato: 60 }', 'peso: { risultato: 50 }') + '\ncontrolli:\n  totale_risultato: ~\n');
    expect(off.json.diagnostica.filter((x) => x.code === 'pesi.somma-risultato')).toEqual([]);
  });
});

describe('warnings', () => {
  it('someone outside the settore’s staff, with a did-you-mean for a near name', async () => {
    const { code, json } = await checkVariant((s) => s.replace(/(personale:\n\s+- )moreni/, '$1stelluti'));
    expect(code).toBe(0);
    const d = json.diagnostica.find((x) => x.code === 'personale.fuori-settore')!;
    expect(d.severity).toBe('avviso');
    expect(d.message).toContain('Antonietta Stelluti');
    expect(d.message).toContain('Settore Amministrativo');
  });

  it('a deadline outside the plan’s year, and one before the approval', async () => {
    const { json } = await checkVariant((s) =>
      s.replace('{ entro: "2024-06-30" }', '{ entro: "2025-06-30" }').replace('  revisione: 0\n', '  revisione: 0\n  approvazione: { numero: 5, data: "2024-02-15" }\n'),
    );
    expect(json.diagnostica.find((x) => x.code === 'termine.fuori-anno')?.value).toBe('2025-06-30');
    // The Segretario's first objective: "Entro il 30 gennaio 2024", before an approval on 15 February.
    expect(json.diagnostica.find((x) => x.code === 'termine.prima-approvazione')?.value).toBe('2024-01-30');
  });

  it('an objective with no indicator', async () => {
    const { json } = await checkVariant((s) => s.replace(/indicatori:\n\s+- Pubblicazione sul sito\n/, 'indicatori: []\n'));
    expect(json.diagnostica.find((x) => x.code === 'indicatori.mancanti')?.message).toContain('Gestione autonoma del sito istituzionale');
  });

  it('the severity of any check can be set per plan, or the check turned off', async () => {
    const quiet = await checkVariant((s) => `${s}\ncontrolli:\n  livelli:\n    target.non-misurabile: "no"\n    pesi.vuoto: info\n`);
    expect(quiet.json.diagnostica.filter((x) => x.code === 'target.non-misurabile')).toEqual([]);
    expect(quiet.json.diagnostica.filter((x) => x.code === 'pesi.vuoto').map((x) => x.severity)).toEqual(['info', 'info']);
    const strict = await checkVariant((s) => `${s}\ncontrolli:\n  livelli:\n    pesi.vuoto: errore\n`);
    expect(strict.code).toBe(1);
  });
});

describe('piao build runs the same checks', () => {
  it('errors stop the build and nothing is written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-check-build-'));
    const file = join(dir, 'piano.yaml');
    writeFileSync(file, SOURCE.replace('peso: { risultato: 60 }', 'peso: { risultato: 50 }'));
    const r = await cli(['build', file, '--out', join(dir, 'out')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('[pesi.somma-risultato]');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('warnings are printed and the documents written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-check-build-'));
    const r = await cli(['build', EXAMPLE, '--out', dir, '--format', 'html']);
    expect(r.code).toBe(0);
    expect(r.err).toContain('23 × target.non-misurabile');
    expect(r.err).toContain('2 × pesi.vuoto');
    expect(existsSync(join(dir, 'casalmorano-2024.html'))).toBe(true);
  });
});

describe('measurable targets', () => {
  it.each([
    ['100% delle pratiche evase', true], ['Riduzione del 10% dei tempi', true], ['Approvazione entro il 31 marzo', true],
    ['Sì', true], ['ITP inferiore a 0 giorni', true],
    ['Strumento in uso', true], ['Regolamento adottato', true], ['sì/no', true], ['Piattaforma operativa', true],
    ['Miglioramento del servizio', false], ['Adozione di buone pratiche', false],
    ['Digitalizzazione', false], ['Efficienza della PA', false], ['Informazione alla cittadinanza', false],
  ])('%s → %s', (target, expected) => {
    expect(isMeasurable(target)).toBe(expected);
  });
});

describe('piao init', () => {
  it('writes a commented plan that passes the checks, and refuses to overwrite it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-init-'));
    const file = join(dir, 'piano.yaml');
    expect((await cli(['init', file, '--ente', 'Comune di Prova', '--anno', '2026'])).code).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./piao.schema.json');
    expect(existsSync(join(dir, 'piao.schema.json'))).toBe(true);
    expect(text).toContain('nome: "Comune di Prova"');
    const check = await cli(['check', file, '--json']);
    expect(check.code).toBe(0);
    expect((JSON.parse(check.out) as JsonResult).conteggi).toMatchObject({ errori: 0, avvisi: 0 });
    // Every objective has an id, so that later revisions of the plan can follow it (issue 14).
    const plan = parsePlan(text, file);
    const objectives = plan.centri.flatMap((c) => [...c.obiettivi, ...c.servizi.flatMap((s) => s.gruppi.flatMap((g) => g.obiettivi))]);
    expect(objectives.length).toBeGreaterThan(0);
    expect(objectives.filter((o) => o.id === undefined).map((o) => o.titolo)).toEqual([]);
    const again = await cli(['init', file]);
    expect(again.code).toBe(1);
    expect(again.err).toContain('il file esiste già');
    expect(readFileSync(file, 'utf8')).toBe(text);
  });
});

describe('the human report of piao check', () => {
  const base = readFileSync(join(import.meta.dirname, 'fixtures/invalid/_valido.yaml'), 'utf8');

  it('shows a long line around the place of the problem, with the value in view', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-excerpt-'));
    const file = join(dir, 'piano.yaml');
    const long = `              - { titolo: Manutenzione delle strade, descrizione: Manutenzione ordinaria delle strade comunali e dei marciapiedi, termine: { entro: "2024-02-30" }, peso: { risultato: 60 } }`;
    writeFileSync(file, base.replace(/              - titolo: Manutenzione delle strade\n(?: {16}.*\n)+/, `${long}\n`));
    const r = await cli(['check', file]);
    expect(r.code).toBe(1);
    const lines = (r.out + r.err).split('\n');
    const at = lines.findIndex((l) => l.includes('2024-02-30') && l.includes(' | '));
    expect(at, r.out + r.err).toBeGreaterThan(0);
    const caret = lines[at + 1]!;
    expect(lines[at]!.slice(caret.indexOf('^'), caret.lastIndexOf('^') + 1)).toBe('"2024-02-30"');
    expect(lines[at]!.length).toBeLessThan(120);
  });

  it('tells a Segretario\'s two allowances apart when she also heads a settore', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-segr-'));
    const file = join(dir, 'piano.yaml');
    writeFileSync(file, `${base}segretario:\n  persona: rossi\n  funzioni: Funzioni del Segretario.\n  indennita_totale: 10\n  obiettivi:\n    - titolo: PIAO\n      descrizione: Redazione del PIAO\n      target: Approvazione entro il 31 gennaio\n      termine: { entro: "2024-01-31" }\n      peso: { risultato: 10 }\n`);
    const r = await cli(['check', file]);
    expect(r.out).toContain('Mario Rossi (Segretario Comunale): 10% = 10% ✓');
    expect(r.out).toContain('Mario Rossi (come responsabile di settore): 40% + 60% = 100% ✓');
  });
});
