/**
 * The checks of an amended plan (`piano.variazioni`): revisions numbered 1, 2, … and the plan at
 * the last one, acts in date order, an id on every objective so revisions can follow it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runChecks } from '../src/plan/checks.js';
import { parsePlan } from '../src/plan/load.js';
import { ROOT } from './helpers/cli.js';

const REV1 = readFileSync(join(ROOT, 'test/fixtures/variazioni/casalmorano-rev1.yaml'), 'utf8');

function codes(text: string): { code: string; severity: string; path: string }[] {
  const plan = parsePlan(text, 'piano.yaml');
  return runChecks({ plan, file: 'piano.yaml', source: text, locate: () => ({ line: 1, col: 1 }) }).diagnostics
    .filter((d) => d.code.startsWith('variazioni.'))
    .map((d) => ({ code: d.code, severity: d.severity, path: d.path }));
}

describe('the checks of an amended plan', () => {
  it('find nothing to say of the example\'s amendment, where every objective has an id', () => {
    expect(codes(REV1)).toEqual([]);
  });

  it('want the revisions numbered in order and the plan at the last one', () => {
    expect(codes(REV1.replace('    - revisione: 1\n', '    - revisione: 2\n'))).toEqual([
      { code: 'variazioni.revisione', severity: 'avviso', path: 'piano.variazioni[0].revisione' },
    ]);
    expect(codes(REV1.replace('  revisione: 1\n', '  revisione: 2\n'))).toEqual([
      { code: 'variazioni.revisione', severity: 'avviso', path: 'piano.revisione' },
    ]);
  });

  it('want a plan at a revision to list its variazioni', () => {
    const noList = REV1.replace(/  variazioni:\n(?: {4}.*\n)+/, '');
    expect(noList).not.toContain('variazioni:');
    expect(codes(noList)).toEqual([{ code: 'variazioni.revisione', severity: 'avviso', path: 'piano.revisione' }]);
  });

  it('want each act after the one before it', () => {
    expect(codes(REV1.replace('numero: 45, data: "2024-06-20"', 'numero: 45, data: "2024-01-10"'))).toEqual([
      { code: 'variazioni.date', severity: 'avviso', path: 'piano.variazioni[0].approvazione.data' },
    ]);
  });

  it('tell which objectives of an amended plan have no id', () => {
    const found = codes(REV1.replace('              - id: dem-ansc\n                titolo:', '              - titolo:'));
    expect(found).toEqual([{ code: 'variazioni.senza-id', severity: 'info', path: 'centri[0].servizi[1].gruppi[0].obiettivi[0]' }]);
  });
});
