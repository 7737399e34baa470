/**
 * A plan a new user wrote from the README (test/fixtures/valbrenta/piano.yaml: a Segretario
 * Generale who also heads a settore, numbering across the plan, an "n. 0" prerequisite, a card just
 * shorter than a page after another one): what went wrong for them does not come back.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';
import { htmlText, normalize, pdfPageTexts } from './helpers/extract.js';

const PLAN = join(import.meta.dirname, 'fixtures/valbrenta/piano.yaml');
let out: string;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'piao-valbrenta-'));
  const r = await cli(['build', PLAN, '--out', out, '--split']);
  expect(r.code, r.err).toBe(0);
});

describe("a new user's plan", () => {
  it('a card shorter than a page is never split: it starts on the next page instead', async () => {
    const pages = await pdfPageTexts(readFileSync(join(out, 'piano.pdf')), 34, 34);
    const card = pages.map((t, i) => ({ i, t: normalize(t) })).filter((p) => p.t.includes('Digitalizzazione dei servizi al cittadino tramite PagoPA e App IO'));
    expect(card).toHaveLength(1);
    expect(card[0]!.t).toContain('Tipo di obiettivo Performance organizzativa – di sviluppo');
    expect(card[0]!.t).toContain('Personale coinvolto Battistella Giulia');
  });

  it("the scheda of a Segretario who heads a settore totals each allowance apart (not 110%)", () => {
    const t = normalize(htmlText(readFileSync(join(out, 'schede/piano-scheda-ferraresi.html'), 'utf8')));
    expect(t).toContain('Obiettivi come Segretario Generale (indennità di risultato)');
    expect(t).toContain('Obiettivi come responsabile (indennità di risultato)');
    expect(t).toMatch(/Totale dell'indennità di risultato attribuita con questi obiettivi: 10%/);
    expect(t).toMatch(/Totale dell'indennità di risultato attribuita con questi obiettivi: 100%/);
    expect(t).not.toContain('110%');
  });
});

describe('regenerating into the same folder', () => {
  it('names the documents of an earlier build that this one did not write again, and deletes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-stale-'));
    const first = await cli(['build', PLAN, '--out', dir, '--split', '--report', '--format', 'html']);
    expect(first.code, first.err).toBe(0);
    expect(first.err).not.toContain('non ha riscritto');
    const again = await cli(['build', PLAN, '--out', dir, '--format', 'html']);
    expect(again.code).toBe(0);
    expect(again.err).toContain('di una generazione precedente di questo piano che questa non ha riscritto');
    expect(again.err).toContain('piano-controlli.html');
    expect(again.err).toMatch(/settori[/\\]piano-affari_generali\.html/);
    expect(again.err).toMatch(/schede[/\\]piano-scheda-ferraresi\.html/);
    expect(again.err).not.toMatch(/^ {2}\S*piano\.html$/m); // the section itself was written again
    expect(readFileSync(join(dir, 'piano-controlli.html'), 'utf8')).toContain('Controlli sul piano');
  });
});
