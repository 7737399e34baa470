/**
 * What a Comune's own template can show without code: phases as rows of a table (code, start,
 * end, output), indicators with a target column per year, the objective's id, and the helpers
 * for 1-based numbers, codes, Italian numbers and dates — in all three formats; a helper given
 * something it cannot format is an error at the template's line.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { cli } from './helpers/cli.js';
import { docxText, docxXml, htmlText, normalize, pdfText } from './helpers/extract.js';

const PLAN = {
  ente: { nome: 'Comune di Valdoro', provincia: 'Cremona' },
  piano: { anno: 2025 },
  persone: { rossi: { nome: 'Mario', cognome: 'Rossi' } },
  controlli: { tempi_pagamento: false, totale_risultato: null },
  centri: [{
    id: 'tecnico', nome: 'Settore Tecnico', responsabile: 'rossi',
    servizi: [{ nome: 'Servizio strade', gruppi: [{ obiettivi: [{
      id: 'strade-2025', titolo: 'Strade sicure', descrizione: 'Manutenzione.', target: '100%', termine: { entro: '2025-11-30' }, peso: { ccdi: 10 },
      fasi: [
        { descrizione: 'Progetto', peso: 40, inizio: '2025-02-03', fine: '2025-03-14', output: 'Progetto esecutivo' },
        { descrizione: 'Lavori', peso: 60, inizio: '2025-04-01', fine: '2025-10-31' },
      ],
      indicatori: [{ nome: 'Buche chiuse', unita: 'numero', target: [120, 150, 1234.5] }],
    }] }] }],
  }],
};

const OBIETTIVO = `<table class="obiettivo">
<tr><th scope="row" class="etichetta">{{etichetta}}{{#if id}} ({{id}}){{/if}}</th><td>{{titolo}}</td></tr>
<tr><th scope="row" class="etichetta">Termine</th><td>{{#if termine_data}}{{data_formato termine_data "breve"}}{{/if}}</td></tr>
</table>
<table>
<thead><tr><th>N.</th><th>Codice</th><th>Fase</th><th>Peso</th><th>Inizio</th><th>Fine</th><th>Output</th></tr></thead>
<tbody>
{{#each fasi}}<tr><td>{{piu_uno @index}}</td><td>{{codice}}</td><td>{{descrizione}}</td><td>{{#if peso}}{{peso}}{{/if}}</td><td>{{#if inizio}}{{inizio}}{{/if}}</td><td>{{#if fine}}{{fine}}{{/if}}</td><td>{{#if output}}{{output}}{{/if}}</td></tr>
{{/each}}
</tbody>
</table>
<table>
<thead><tr><th>Codice</th><th>Indicatore</th>{{#each indicatori.[0].target_anni}}<th>{{anno}}</th>{{/each}}</tr></thead>
<tbody>
{{#each indicatori}}<tr><td>{{codice_da "I" @index 3}}</td><td>{{nome}}</td>{{#each target_anni}}<td>{{valore}}</td>{{/each}}</tr>
{{/each}}
</tbody>
</table>
<p>Importo: {{cifre 40000.5 2}} euro.</p>
`;

async function buildWith(template: string): Promise<{ code: number; err: string; out: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'piao-helpers-'));
  writeFileSync(join(dir, 'piano.yaml'), stringify(PLAN));
  const tpl = join(dir, 'modelli');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(tpl);
  writeFileSync(join(tpl, 'obiettivo.hbs'), template);
  const r = await cli(['build', join(dir, 'piano.yaml'), '--out', join(dir, 'out'), '--templates', tpl]);
  return { ...r, out: join(dir, 'out') };
}

describe("a Comune's own objective template", () => {
  const texts: Record<string, string> = {};
  beforeAll(async () => {
    const r = await buildWith(OBIETTIVO);
    expect(r.code, r.err).toBe(0);
    texts.docx = normalize(docxText(readFileSync(join(r.out, 'piano.docx'))));
    texts.pdf = normalize((await pdfText(readFileSync(join(r.out, 'piano.pdf')))).text);
    texts.html = normalize(htmlText(readFileSync(join(r.out, 'piano.html'), 'utf8')));
  });

  for (const format of ['docx', 'pdf', 'html'] as const) {
    it(`${format}: phases and indicators as rows, with codes, dates, per-year targets, the id and Italian numbers`, () => {
      const t = texts[format]!;
      expect(t).toContain('Obiettivo n. 1 (strade-2025) Strade sicure Termine 30/11/2025');
      expect(t).toContain('1 F01 Progetto 40% 3 febbraio 2025 14 marzo 2025 Progetto esecutivo 2 F02 Lavori 60% 1º aprile 2025 31 ottobre 2025');
      expect(t).toContain('Codice Indicatore 2025 2026 2027 I001 Buche chiuse 120 150 1.234,5');
      expect(t).toContain('Importo: 40.000,50 euro.');
    });
  }

  it('a helper given what it cannot format is an error naming the template and line', async () => {
    const r = await buildWith('<p>Prima riga</p>\n\n<p>{{data_formato titolo "breve"}}</p>\n');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/obiettivo\.hbs:3:4/);
    expect(r.err).toContain('non è una data AAAA-MM-GG');
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('refuses what no document can hold: an impossible date, a table wider than Word allows, a control character', async () => {
    const date = await buildWith('<p>{{data_formato "2024-02-30" "lunga"}}</p>\n');
    expect(date.code).toBe(1);
    expect(date.err).toContain('«2024-02-30» non è una data AAAA-MM-GG che esiste');
    const wide = await buildWith('<table><tr><td colspan="100">{{titolo}}</td></tr></table>\n');
    expect(wide.code).toBe(1);
    expect(wide.err).toContain('colspan="100" non valido');
    const control = await buildWith('<p>{{titolo}}&#x1b;</p>\n');
    expect(control.code).toBe(1);
    expect(control.err).toContain('U+001B');
  });
});

describe('--modello', () => {
  it('an unknown layout is wrong usage (exit 2), naming the ones there are', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-modello-'));
    writeFileSync(join(dir, 'piano.yaml'), stringify(PLAN));
    const r = await cli(['build', join(dir, 'piano.yaml'), '--out', join(dir, 'out'), '--modello', 'peg']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('modello sconosciuto «peg»: usa uno tra fasi, tabella');
  });

  it('fasi: the phases and the indicators in tables of their own, a target column per year', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-modello-'));
    writeFileSync(join(dir, 'piano.yaml'), stringify(PLAN));
    const r = await cli(['build', join(dir, 'piano.yaml'), '--out', join(dir, 'out'), '--modello', 'fasi', '--format', 'html']);
    expect(r.code, r.err).toBe(0);
    const t = normalize(htmlText(readFileSync(join(dir, 'out/piano.html'), 'utf8')));
    expect(t).toContain('Cod. Fase Peso Inizio Fine Output F01 Progetto 40% 3 febbraio 2025 14 marzo 2025 Progetto esecutivo F02 Lavori 60% 1º aprile 2025 31 ottobre 2025 –');
    expect(t).toContain('Cod. Indicatore Baseline Target 2025 Target 2026 Target 2027 Peso I01 Buche chiuse Unità di misura: numero – 120 150 1.234,5 –');
  });

  it('fasi: in the DOCX the card, its phases and its indicators keep together (Word\'s keep-with-next), as in the PDF', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'piao-modello-'));
    writeFileSync(join(dir, 'piano.yaml'), stringify(PLAN));
    const r = await cli(['build', join(dir, 'piano.yaml'), '--out', join(dir, 'out'), '--modello', 'fasi', '--format', 'docx']);
    expect(r.code, r.err).toBe(0);
    const xml = docxXml(readFileSync(join(dir, 'out/piano.docx')));
    // The objective's three tables, in order, and what lies between them.
    const start = xml.lastIndexOf('<w:tbl>', xml.indexOf('Cod.'));
    const card = xml.lastIndexOf('<w:tbl>', start - 1);
    const end = xml.indexOf('</w:tbl>', xml.indexOf('<w:tbl>', start + 1)) + '</w:tbl>'.length;
    const group = xml.slice(card, end);
    const paragraphs = group.match(/<w:p>.*?<\/w:p>|<w:p\/>/gs) ?? [];
    const last = (xml.slice(card, xml.indexOf('</w:tbl>', card)).match(/<w:tr>.*?<\/w:tr>/gs) ?? []).at(-1)!;
    expect(last).toContain('<w:keepNext/>');
    expect(last).not.toContain('<w:keepNext w:val="false"/>');
    // Every paragraph of the group but those of the indicators' last row keeps with the next.
    const loose = paragraphs.filter((p) => !p.includes('<w:keepNext/>'));
    expect(loose.length).toBeGreaterThan(0);
    expect(group.slice(group.lastIndexOf('<w:tr>'))).toContain(loose.at(-1)!);
  });
});
