import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { parse } from 'yaml';
import { planToYaml, readPlanData } from '../src/convert/plan-yaml.js';
import { parsePlan } from '../src/plan/load.js';

const files = ['data/casalmorano-2024.yaml', ...readdirSync('test/fixtures/enti').map((f) => `test/fixtures/enti/${f}`)];

describe('planToYaml', () => {
  for (const file of files) {
    it(`writes ${file} as YAML that reads back as the same data and the same valid plan`, () => {
      const raw = readPlanData(readFileSync(file, 'utf8'));
      const text = planToYaml(raw);
      expect(readPlanData(text)).toEqual(raw);
      expect(parsePlan(text, 'scritto.yaml')).toEqual(parsePlan(readFileSync(file, 'utf8'), 'scritto.yaml'));
      // Written again from what it wrote: the same bytes.
      expect(planToYaml(readPlanData(text))).toBe(text);
    });
  }

  it('puts keys in the model order, comments each part and the paths asked, and keeps long texts readable', () => {
    const text = planToYaml(
      {
        persone: { rossi: { cognome: 'Rossi', nome: 'Mario' } },
        piano: { anno: 2025 },
        ente: { nome: 'Comune di Prova' },
        introduzione: 'Primo paragrafo.\n\nSecondo.\n',
        centri: [{ nome: 'Settore A', id: 'a', responsabile: 'rossi', servizi: [] }, { id: 'b', nome: 'Settore B', responsabile: null }],
      },
      { header: ['Importato da piano.docx'], comments: { 'persone.rossi': 'Scritto anche «Rossi M.»', 'centri[1]': 'Senza responsabile' } },
    );
    expect(text).toMatch(/^# yaml-language-server: \$schema=\.\/piao\.schema\.json\n# Importato da piano\.docx\n\n# L'ente/);
    expect(text.indexOf('ente:')).toBeLessThan(text.indexOf('piano:'));
    expect(text.indexOf('piano:')).toBeLessThan(text.indexOf('persone:'));
    expect(text).toContain('  # Scritto anche «Rossi M.»\n  rossi:\n    nome: Mario\n    cognome: Rossi');
    expect(text).toContain('  - id: a\n    nome: Settore A');
    expect(text).toContain('  # Senza responsabile\n  - id: b');
    expect(text).toContain('introduzione: |\n  Primo paragrafo.\n\n  Secondo.\n');
  });
});
