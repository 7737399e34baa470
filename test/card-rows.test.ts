/**
 * The rows other Comuni put on an objective's card: its kind, links (strategic objective, DUP
 * mission and programme, PNRR measure), resources split by kind, "rilevante ai fini della
 * valutazione", and the plan's own extra rows in order — in DOCX, PDF, HTML and the open data.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { cli } from './helpers/cli.js';
import { docxText, htmlText, normalize, pdfText } from './helpers/extract.js';

const PLAN = {
  ente: { nome: 'Comune di Valdoro', provincia: 'Cremona' },
  piano: { anno: 2025 },
  persone: { rossi: { nome: 'Mario', cognome: 'Rossi' } },
  controlli: { tempi_pagamento: false, totale_risultato: null },
  centri: [{
    id: 'tecnico', nome: 'Settore Tecnico', responsabile: 'rossi',
    servizi: [{ nome: 'Servizio strade', gruppi: [{ obiettivi: [{
      titolo: 'Illuminazione a led', descrizione: 'Sostituzione dei lampioni.', indicatori: ['Lampioni sostituiti'], target: '100%',
      termine: { anno: 2025 }, peso: { ccdi: 10 },
      tipo: 'Performance organizzativa – annuale', obiettivo_strategico: 'Città più sicura', missione_programma: 'Missione 10 – Programma 05', pnrr: 'M2C4 I2.2',
      risorse: { umane: 'Due elettricisti (1,5 FTE)', finanziarie: 'Capitolo 2810: 40.000 euro' },
      altri_campi: [{ etichetta: 'Area di rischio', valore: 'Bassa' }, { etichetta: 'Collegamento al PTPCT', valore: 'Misura 4.2' }],
      rilevante_valutazione: false,
    }] }] }],
  }],
};

let dir: string;
const texts = { docx: '', pdf: '', html: '' };
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'piao-card-'));
  writeFileSync(join(dir, 'piano.yaml'), stringify(PLAN));
  const r = await cli(['build', join(dir, 'piano.yaml'), '--out', join(dir, 'out')]);
  expect(r.code, r.err).toBe(0);
  texts.docx = normalize(docxText(readFileSync(join(dir, 'out/piano.docx'))));
  texts.pdf = normalize((await pdfText(readFileSync(join(dir, 'out/piano.pdf')))).text);
  texts.html = normalize(htmlText(readFileSync(join(dir, 'out/piano.html'), 'utf8')));
});

describe("an objective's other rows", () => {
  for (const format of ['docx', 'pdf', 'html'] as const) {
    it(`${format}: shows each with its own label, the extra rows in the plan's order`, () => {
      const t = texts[format];
      expect(t).toContain('Tipo di obiettivo Performance organizzativa – annuale Descrizione sintetica del contenuto');
      expect(t).toContain('Obiettivo strategico Città più sicura Missione e programma (DUP) Missione 10 – Programma 05 Misura PNRR M2C4 I2.2');
      expect(t).toContain('Risorse umane Due elettricisti (1,5 FTE) Risorse finanziarie Capitolo 2810: 40.000 euro');
      expect(t).toContain('Area di rischio Bassa Collegamento al PTPCT Misura 4.2');
      expect(t).toContain('Rilevante ai fini della valutazione No');
      expect(t).not.toContain('Codice DUP');
      expect(t).not.toContain('Risorse strumentali');
    });
  }

  it('are in the open data', async () => {
    const out = join(dir, 'pub');
    const r = await cli(['publish', join(dir, 'piano.yaml'), '--out', out]);
    expect(r.code, r.err).toBe(0);
    type Json = { ente: { settori: { servizi: { obiettivi: Record<string, unknown>[] }[] }[] } };
    const json = JSON.parse(readFileSync(join(out, 'revisione-0', 'obiettivi.json'), 'utf8')) as Json;
    expect(json.ente.settori[0]!.servizi[0]!.obiettivi[0]).toMatchObject({
      tipo_obiettivo: 'Performance organizzativa – annuale', obiettivo_strategico: 'Città più sicura', missione_programma: 'Missione 10 – Programma 05', pnrr: 'M2C4 I2.2',
      risorse: null, risorse_umane: 'Due elettricisti (1,5 FTE)', risorse_strumentali: null, risorse_finanziarie: 'Capitolo 2810: 40.000 euro',
      rilevante_valutazione: false,
      altri_campi: [{ etichetta: 'Area di rischio', valore: 'Bassa' }, { etichetta: 'Collegamento al PTPCT', valore: 'Misura 4.2' }],
    });
    const csv = readFileSync(join(out, 'revisione-0', 'obiettivi.csv'), 'utf8');
    for (const v of ['Performance organizzativa – annuale', 'Città più sicura', 'Missione 10 – Programma 05', 'M2C4 I2.2', '"Area di rischio: Bassa\nCollegamento al PTPCT: Misura 4.2"']) expect(csv).toContain(v);
  });
});

describe('rows the card leaves out', () => {
  it('no empty "Fasi" or "Indicatori" row, no "Target non indicato" when the indicators carry targets', async () => {
    const d = mkdtempSync(join(tmpdir(), 'piao-card2-'));
    const plan = structuredClone(PLAN);
    const o = plan.centri[0]!.servizi[0]!.gruppi[0]!.obiettivi[0]! as Record<string, unknown>;
    delete o.target;
    o.indicatori = [{ nome: 'Lampioni sostituiti', target: [100, 200, 300] }];
    writeFileSync(join(d, 'piano.yaml'), stringify(plan));
    const r = await cli(['build', join(d, 'piano.yaml'), '--out', d, '--format', 'html']);
    expect(r.code, r.err).toBe(0);
    const t = normalize(htmlText(readFileSync(join(d, 'piano.html'), 'utf8')));
    expect(t).toContain('Target 2025-2027: 100 / 200 / 300');
    expect(t).not.toContain('Target (valore atteso)');
    expect(t).not.toContain('Fasi');
    o.indicatori = [];
    o.fasi = ['Progetto'];
    writeFileSync(join(d, 'piano.yaml'), stringify(plan));
    await cli(['build', join(d, 'piano.yaml'), '--out', d, '--format', 'html']);
    const u = normalize(htmlText(readFileSync(join(d, 'piano.html'), 'utf8')));
    expect(u).toContain('Fasi Progetto');
    expect(u).not.toContain('Indicatori di risultato');
    expect(u).toContain('Target (valore atteso) non indicato');
  });
});

describe('a deadline after the approval of the PIAO', () => {
  it('becomes a date in the open data when the approval is known', async () => {
    const d = mkdtempSync(join(tmpdir(), 'piao-termine-'));
    const plan = structuredClone(PLAN) as typeof PLAN & { piano: Record<string, unknown> };
    plan.piano = { anno: 2025, approvazione: { numero: 4, data: '2025-01-31' } };
    const o = plan.centri[0]!.servizi[0]!.gruppi[0]!.obiettivi[0]! as Record<string, unknown>;
    o.termine = { giorni: 90, evento: 'approvazione_piao' };
    const second = { ...o, titolo: 'Secondo', termine: { mesi: 1, evento: 'approvazione_piao' } };
    plan.centri[0]!.servizi[0]!.gruppi[0]!.obiettivi.push(second as never);
    writeFileSync(join(d, 'piano.yaml'), stringify(plan));
    const r = await cli(['publish', join(d, 'piano.yaml'), '--out', join(d, 'pub')]);
    expect(r.code, r.err).toBe(0);
    const csv = readFileSync(join(d, 'pub/revisione-0/obiettivi.csv'), 'utf8');
    expect(csv).toContain('2025-05-01'); // 31 January + 90 days
    expect(csv).toContain('2025-02-28'); // 31 January + 1 month: the month's last day
  });
});

describe('an indicator whose baseline and targets are dates', () => {
  it('writes them as Italians do (15/07/2024), in every format', async () => {
    const d = mkdtempSync(join(tmpdir(), 'piao-card-date-'));
    const plan = structuredClone(PLAN);
    plan.centri[0]!.servizi[0]!.gruppi[0]!.obiettivi[0]!.indicatori = [{ nome: 'Data di attivazione', baseline: '2024-07-15', target: ['2025-06-30', '2026-03-31'] }] as never;
    writeFileSync(join(d, 'piano.yaml'), stringify(plan));
    const r = await cli(['build', join(d, 'piano.yaml'), '--out', d]);
    expect(r.code, r.err).toBe(0);
    const all = [normalize(docxText(readFileSync(join(d, 'piano.docx')))), normalize((await pdfText(readFileSync(join(d, 'piano.pdf')))).text), normalize(htmlText(readFileSync(join(d, 'piano.html'), 'utf8')))];
    for (const t of all) {
      expect(t).toContain('15/07/2024');
      expect(t).toContain('30/06/2025 / 31/03/2026');
      expect(t).not.toContain('2024-07-15');
    }
  });
});
