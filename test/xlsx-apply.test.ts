/**
 * yaml-apply.ts, what `piao import` of a workbook relies on: new data written into the plan file it
 * came from, only what changed changed; comments, flow style and quoting of the rest kept.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { applyData, type Origins } from '../src/convert/yaml-apply.js';
import { readPlanData } from '../src/convert/plan-yaml.js';

const SOURCE = `# Il piano.
ente:
  nome: Comune di Prova # come nello stemma
persone:
  rossi: { nome: Mario, cognome: Rossi }
centri:
  - id: a
    nome: Settore A
    responsabile: rossi
    obiettivi:
      - titolo: Primo # il primo
        termine: { anno: 2025 }
        peso: { ccdi: 1.0 }
      - titolo: "Secondo: con i due punti"
        termine: { anno: 2025 }
  - id: b
    nome: Settore B
    responsabile: ~
`;

function edit(fn: (data: Record<string, any>, origins: Origins) => void): string {
  const old = readPlanData(SOURCE);
  const neu = readPlanData(SOURCE);
  const origins: Origins = new WeakMap();
  fn(neu, origins);
  return applyData(SOURCE, old, neu, origins);
}

describe('applyData', () => {
  it('gives the file back byte for byte when nothing changed', () => {
    expect(edit(() => {})).toBe(SOURCE);
  });

  it('changes one value and keeps every other line as written', () => {
    const out = edit((d) => (d.centri[0].obiettivi[1].titolo = 'Secondo, rinominato'));
    expect(out).toBe(SOURCE.replace('"Secondo: con i due punti"', 'Secondo, rinominato'));
  });

  it('adds a key in the model\'s order, one-line deadlines and weights as the example writes them', () => {
    const out = edit((d) => {
      d.centri[0].obiettivi[1].descrizione = 'Una descrizione';
      d.centri[0].obiettivi[1].peso = { risultato: 20 };
    });
    expect(out).toContain('      - titolo: "Secondo: con i due punti"\n        descrizione: Una descrizione\n        termine: { anno: 2025 }\n        peso: { risultato: 20 }\n');
    expect(out).toContain('        peso: { ccdi: 1.0 }'); // the other weight's written decimal kept
  });

  it('moves an item to another list with its own comment', () => {
    const out = edit((d, origins) => {
      const [first] = d.centri[0].obiettivi.splice(0, 1);
      origins.set(first, 'centri[0].obiettivi[0]');
      d.centri[0].obiettivi.forEach((o: object, i: number) => origins.set(o, `centri[0].obiettivi[${i + 1}]`));
      d.centri[1].obiettivi = [first];
    });
    expect(parse(out).centri[1].obiettivi[0].titolo).toBe('Primo');
    expect(parse(out).centri[0].obiettivi.map((o: { titolo: string }) => o.titolo)).toEqual(['Secondo: con i due punti']);
    expect(out).toContain('- titolo: Primo # il primo');
    expect(out).toContain('        peso: { ccdi: 1.0 }\n');
    expect(out.startsWith('# Il piano.\nente:\n  nome: Comune di Prova # come nello stemma\n')).toBe(true);
  });

  it('removes a key and its line', () => {
    const out = edit((d) => delete d.centri[0].obiettivi[0].peso);
    expect(out).toBe(SOURCE.replace('        peso: { ccdi: 1.0 }\n', ''));
  });
});
