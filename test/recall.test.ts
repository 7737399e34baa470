/**
 * A group objective shared by several settori, written once and recalled (`richiama: id`) with
 * what changes in each settore: each recall becomes a full objective of its settore, and the
 * problems of what it inherits are reported once, at the objective written in full.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../src/plan/load.js';
import { InputError } from '../src/plan/diagnostics.js';
import { jsonSchema } from '../src/plan/json-schema.js';
import { cli, ROOT } from './helpers/cli.js';
import { htmlText } from './helpers/extract.js';
import { buildView } from '../src/render/view.js';
import { csvRows, openDataJson } from '../src/publish/opendata.js';

const BASE = readFileSync(join(ROOT, 'test/fixtures/invalid/_valido.yaml'), 'utf8');

/** The minimal plan with a second settore whose objectives are `objectives` (YAML, indented as list items). */
function withSecondSettore(objectives: string, firstId = 'id: strade'): string {
  return BASE.replace('              - titolo: Manutenzione delle strade', `              - ${firstId}\n                titolo: Manutenzione delle strade`) + `  - id: cultura
    nome: Settore Cultura
    responsabile: bianchi
    servizi:
      - nome: Biblioteca
        gruppi:
          - obiettivi:
${objectives}`;
}

function problems(text: string): { line: number; message: string; code: string }[] {
  try {
    parsePlan(text, 'piano.yaml');
  } catch (e) {
    if (e instanceof InputError) return e.diagnostics.map((d) => ({ line: d.line, message: d.message, code: d.code }));
    throw e;
  }
  return [];
}

describe('a recalled objective', () => {
  it('is a full copy of the one it names, with its own fields over it, without its id and number', () => {
    const plan = parsePlan(withSecondSettore(`              - richiama: strade
                numero: 4
                peso: { risultato: 100 }
                personale: []
`), 'piano.yaml');
    const original = plan.centri[0]!.servizi[0]!.gruppi[0]!.obiettivi[1]!;
    const copy = plan.centri[1]!.servizi[0]!.gruppi[0]!.obiettivi[0]!;
    expect(original.id).toBe('strade');
    expect(copy).toMatchObject({ titolo: original.titolo, descrizione: original.descrizione, target: original.target, termine: original.termine, numero: 4, peso: { risultato: 100 }, personale: [] });
    expect(copy.id).toBeUndefined();
    expect(original.personale).toEqual(['bianchi']);
    expect(original.peso).toEqual({ risultato: 60 });
  });

  it('is shown in full in each settore that recalls it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-recall-'));
    writeFileSync(join(dir, 'piano.yaml'), withSecondSettore(`              - richiama: strade
                peso: { risultato: 100 }
                personale: []
`));
    const r = await cli(['build', join(dir, 'piano.yaml'), '--out', dir, '--format', 'html']);
    expect(r.code, r.err).toBe(0);
    const text = htmlText(readFileSync(join(dir, 'piano.html'), 'utf8'));
    expect(text.split('Manutenzione ordinaria delle strade comunali').length - 1).toBe(2);
    expect(text.indexOf('Settore Cultura')).toBeLessThan(text.lastIndexOf('Manutenzione ordinaria delle strade comunali'));
  });

  it('names an objective written in full: an unknown id, or another recall, is an error at its line', () => {
    const unknown = problems(withSecondSettore(`              - richiama: strad
                peso: { risultato: 100 }
`));
    expect(unknown).toEqual([expect.objectContaining({ code: 'richiamo.obiettivo', line: 46, message: 'nessun obiettivo scritto per intero ha l\'identificativo «strad»' })]);
    const chained = problems(withSecondSettore(`              - richiama: strade
                id: strade-cultura
                peso: { risultato: 50 }
              - richiama: strade-cultura
                peso: { risultato: 50 }
`));
    expect(chained).toEqual([expect.objectContaining({ code: 'richiamo.obiettivo', line: 49, message: expect.stringContaining('è a sua volta un richiamo') })]);
  });

  it('reports a problem of what it inherits once, at the original; its own problems at the recall', () => {
    const text = withSecondSettore(`              - richiama: strade
                pesso: { risultato: 100 }
`).replace('termine: { entro: "2024-06-30" }', 'termine: { entro: "2024-02-30" }');
    const found = problems(text);
    expect(found.filter((p) => p.code === 'data.inesistente').map((p) => p.line)).toEqual([36]);
    expect(found).toContainEqual(expect.objectContaining({ code: 'schema.chiave-sconosciuta', line: 47, message: 'chiave sconosciuta «pesso»' }));
  });

  it('is allowed by the JSON Schema wherever an objective is', () => {
    const schema = JSON.parse(jsonSchema()) as { properties: { centri: { items: { properties: { obiettivi: { items: { anyOf: { title: string; required?: string[] }[] } } } } } } };
    const item = schema.properties.centri.items.properties.obiettivi.items;
    expect(item.anyOf.map((s) => s.title)).toEqual(['Obiettivo', 'Richiamo di un obiettivo']);
    expect(item.anyOf[1]!.required).toEqual(['richiama']);
  });
});

describe('a recall numbered like its original', () => {
  const plan = (number: string) => withSecondSettore(`              - richiama: strade
                numero: ${number}
                peso: { risultato: 100 }
                personale: []
`, 'id: strade\n                numero: 2').replace('piano:\n  anno: 2024', 'piano:\n  anno: 2024\ndocumento:\n  numerazione: piano');

  it('is not a repeated number (the same objective has the same number in every settore); another number is', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-recall-'));
    writeFileSync(join(dir, 'same.yaml'), plan('2'));
    writeFileSync(join(dir, 'other.yaml'), plan('1'));
    const same = await cli(['check', join(dir, 'same.yaml'), '--json']);
    expect(same.out).not.toContain('numerazione.doppia');
    const other = await cli(['check', join(dir, 'other.yaml'), '--json']);
    expect(other.out).toContain('numerazione.doppia');
  });
});

describe('a recall in the open data', () => {
  it('names the objective it repeats (JSON and CSV), so the shared objective is one', () => {
    const plan = parsePlan(withSecondSettore(`              - richiama: strade
                peso: { risultato: 100 }
                personale: []
`), 'piano.yaml');
    const view = buildView(plan);
    const json = openDataJson(plan, view);
    const all = json.ente.settori.flatMap((s) => [...s.obiettivi, ...s.servizi.flatMap((sv) => sv.obiettivi)]);
    expect(all.map((o) => [o.codice, o.richiama])).toEqual([['tecnico.1.1.1', null], ['strade', null], ['cultura.1.1.1', 'strade']]);
    expect(csvRows(plan, view).map((r) => r.richiama)).toEqual(['', '', 'strade']);
  });
});

describe('many recalls', () => {
  it('of an objective with an error: the error once, at the original, however many copies', () => {
    const recalls = Array.from({ length: 1000 }, () => '              - richiama: strade\n                peso: { risultato: 0.1 }\n').join('');
    const text = withSecondSettore(recalls).replace('termine: { entro: "2024-06-30" }', 'termine: { entro: "2024-02-30" }');
    expect(problems(text).filter((p) => p.code === 'data.inesistente').map((p) => p.line)).toEqual([36]);
  });

  it('may not repeat more than 4 MB of text: an error at the recall that goes past it, not a plan too large to make', () => {
    const long = 'parola '.repeat(150_000);
    const recalls = Array.from({ length: 40 }, () => '              - richiama: strade\n').join('');
    const text = withSecondSettore(recalls).replace('descrizione: Manutenzione ordinaria delle strade comunali', `descrizione: "${long}"`);
    const found = problems(text).filter((p) => p.code === 'richiamo.troppi');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('più di 4 MB di testo');
  });
});

describe('numbers as they are written', () => {
  it('keep all their decimals (1.125, 33.333, 0.004), in an original and in its recalls', () => {
    const text = withSecondSettore(`              - richiama: strade
                personale: []
`).replace('                indicatori: [Segnalazioni evase]', `                fasi: [{ descrizione: Rilievo, peso: 33.333 }, { descrizione: Progetto, peso: 33.333 }, { descrizione: Lavori, peso: 33.334 }]
                indicatori: [{ nome: Tasso, baseline: 0.125, target: [0.004, 1234.5678, 2.50] }]`).replace('peso: { risultato: 40 }', 'peso: { risultato: 40.125 }');
    const view = buildView(parsePlan(text, 'piano.yaml'));
    const cards = view.settori.flatMap((s) => s.servizi.flatMap((sv) => sv.gruppi.flatMap((g) => g.obiettivi)));
    expect(cards.map((o) => o.peso?.valore)).toEqual(['40,125%', '60%', '60%']);
    for (const o of cards.slice(1)) {
      expect(o.fasi.map((f) => f.peso)).toEqual(['33,333%', '33,333%', '33,334%']);
      expect(o.indicatori[0]).toMatchObject({ baseline: '0,125', target: '0,004 / 1.234,5678 / 2,50' });
    }
  });
});
