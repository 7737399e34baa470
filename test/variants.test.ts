/**
 * The model stretches to how other entities write the section, and the default templates show
 * what is filled in: detailed phases and indicators, coefficients, prerequisites, links.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { formatTermine, formatNumber, formatPeso } from '../src/render/format.js';
import { docxText, htmlText, normalize, pdfText } from './helpers/extract.js';

describe('a plan written the way other entities write it', async () => {
  const out = mkdtempSync(join(tmpdir(), 'piao-var-'));
  await build({ input: join(import.meta.dirname, 'fixtures/varianti.yaml'), outDir: out });
  const texts = {
    html: normalize(htmlText(readFileSync(join(out, 'varianti.html'), 'utf8'))),
    docx: normalize(docxText(readFileSync(join(out, 'varianti.docx')))),
    pdf: normalize((await pdfText(readFileSync(join(out, 'varianti.pdf')))).text),
  };

  for (const [format, text] of Object.entries(texts)) {
    it(`${format}: shows detailed phases, indicators, coefficients and the optional rows`, () => {
      expect(text).toContain('Analisi dei flussi (dal 1º febbraio 2025 al 31 marzo 2025) – peso 40% Output: Rapporto di analisi');
      expect(text).toContain('Revisione delle procedure (entro il 30 settembre 2025) – peso 60%');
      expect(text).toContain("Formula: Somma dei giorni di ritardo ponderati per l'importo / importo totale");
      expect(text).toContain('Polarità: decrescente (più basso è meglio)');
      expect(text).toContain('Baseline: 4,5');
      expect(text).toContain('Target 2025-2027: 0 / -2 / -3');
      expect(text).toContain('Termine Dal 1º gennaio 2025 al 31 dicembre 2025');
      expect(text).toContain("Termine Entro 2 mesi dall'approvazione del rendiconto (salvo proroghe)");
      expect(text).toContain('Coefficiente di peso 1,4');
      expect(text).toContain("Stakeholder Fornitori dell'ente");
      expect(text).toContain('Valore pubblico Sostegno al tessuto economico locale');
      expect(text).toContain('Fonte dei dati Piattaforma dei crediti commerciali (PCC)');
      expect(text).toContain('Codice DUP 1.3.2');
      expect(text).toContain('Obiettivo prerequisito Sì: se non è raggiunto, esclude la premialità');
    });
  }
});

describe('Italian formatting', () => {
  it.each([
    [{ entro: '2024-01-30' }, 'Entro il 30 gennaio 2024'],
    [{ entro: '2024-03-01' }, 'Entro il 1º marzo 2024'],
    [{ anno: 2024 }, "Tutto l'anno 2024"],
    [{ giorni: 90, evento: 'approvazione_piao' as const }, "Entro 90 giorni dall'approvazione del PIAO"],
    [{ giorni: 1, evento: 'assunzione' as const }, "Entro 1 giorno dall'assunzione"],
    [{ entro: '2024-08-15', nota: '32 giorni prima della scadenza della prima rata' }, 'Entro il 15 agosto 2024 (32 giorni prima della scadenza della prima rata)'],
  ])('termine %j', (t, expected) => {
    expect(formatTermine(t)).toBe(expected);
  });

  it('numbers and weights', () => {
    expect(formatNumber(32.5)).toBe('32,5');
    expect(formatNumber(1234567.891)).toBe('1.234.567,89');
    expect(formatNumber(-2)).toBe('-2');
    expect(formatPeso({ risultato: 30 })).toBe('30%');
    expect(formatPeso({ ccdi: null })).toBe('');
    expect(formatPeso({ coefficiente: 1.2 })).toBe('1,2');
  });
});
