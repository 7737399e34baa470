/**
 * A settore without servizi: its objectives written directly under it are shown under its
 * heading (before any servizio), numbered, checked, in the schede, the controls report and the
 * open data — in every format.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { cli } from './helpers/cli.js';
import { docxText, htmlText, normalize, pdfText } from './helpers/extract.js';

const obiettivo = (titolo: string, peso: object) => ({ titolo, descrizione: `Descrizione di ${titolo}.`, indicatori: ['Atti'], target: '100%', termine: { anno: 2025 }, peso });

const PLAN = {
  ente: { nome: 'Comune di Valdoro', provincia: 'Cremona' },
  piano: { anno: 2025 },
  persone: { rossi: { nome: 'Mario', cognome: 'Rossi' }, neri: { nome: 'Anna', cognome: 'Neri' } },
  controlli: { tempi_pagamento: false },
  centri: [
    { id: 'polizia', nome: 'Settore Polizia Locale', responsabile: 'rossi', obiettivi: [obiettivo('Controlli stradali', { risultato: 60 }), obiettivo('Formazione degli agenti', { risultato: 40 })] },
    {
      id: 'tecnico', nome: 'Settore Tecnico', responsabile: 'neri',
      obiettivi: [obiettivo('Sicurezza dei cantieri', { risultato: 50 })],
      servizi: [{ nome: 'Servizio strade', gruppi: [{ obiettivi: [obiettivo('Buche chiuse', { risultato: 50 })] }] }],
    },
  ],
};

let dir: string;
const texts = { docx: '', pdf: '', html: '' };
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'piao-struttura-'));
  writeFileSync(join(dir, 'piano.yaml'), stringify(PLAN));
  const r = await cli(['build', join(dir, 'piano.yaml'), '--out', join(dir, 'out'), '--split', '--report']);
  expect(r.code, r.err).toBe(0);
  texts.docx = normalize(docxText(readFileSync(join(dir, 'out/piano.docx'))));
  texts.pdf = normalize((await pdfText(readFileSync(join(dir, 'out/piano.pdf')))).text);
  texts.html = normalize(htmlText(readFileSync(join(dir, 'out/piano.html'), 'utf8')));
});

describe('a settore without servizi', () => {
  it('passes check with its weights summed', async () => {
    const r = await cli(['check', join(dir, 'piano.yaml'), '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { diagnostica: unknown[]; pesi: { risultato: { persona: string; totale: number }[] } };
    expect(json.diagnostica).toEqual([]);
    expect(json.pesi.risultato.map((p) => [p.persona, p.totale])).toEqual([['Mario Rossi', 100], ['Anna Neri', 100]]);
  });

  for (const format of ['docx', 'pdf', 'html'] as const) {
    it(`${format}: its objectives under its heading, numbered, before its servizi`, () => {
      const t = texts[format];
      expect(t).toMatch(/SETTORE POLIZIA LOCALE Responsabile: Mario Rossi (Responsabile Mario Rossi )?Obiettivo n\. 1 Controlli stradali .* Obiettivo n\. 2 Formazione degli agenti/i);
      expect(t).toMatch(/Settore Tecnico Responsabile: Anna Neri (Responsabile Anna Neri )?Obiettivo n\. 1 Sicurezza dei cantieri .* Servizio strade (Responsabile Anna Neri )?Obiettivo n\. 1 Buche chiuse/i);
    });
  }

  it('in the schede, the controls report and the open data', async () => {
    const scheda = normalize(htmlText(readFileSync(join(dir, 'out/schede/piano-scheda-rossi.html'), 'utf8')));
    expect(scheda).toContain('Controlli stradali');
    expect(scheda).toContain('Formazione degli agenti');
    const report = normalize(htmlText(readFileSync(join(dir, 'out/piano-controlli.html'), 'utf8')));
    expect(report).toContain('Obiettivo n. 1 – Controlli stradali');
    const pub = join(dir, 'pub');
    expect((await cli(['publish', join(dir, 'piano.yaml'), '--out', pub])).code).toBe(0);
    const json = JSON.parse(readFileSync(join(pub, 'revisione-0', 'obiettivi.json'), 'utf8')) as { ente: { settori: { obiettivi: { codice: string; denominazione: string }[]; servizi: { obiettivi: { codice: string }[] }[] }[] } };
    expect(json.ente.settori[0]!.obiettivi.map((o) => [o.codice, o.denominazione])).toEqual([['polizia.1', 'Controlli stradali'], ['polizia.2', 'Formazione degli agenti']]);
    expect(json.ente.settori[1]!.obiettivi.map((o) => o.codice)).toEqual(['tecnico.1']);
    expect(json.ente.settori[1]!.servizi[0]!.obiettivi.map((o) => o.codice)).toEqual(['tecnico.1.1.1']);
    const csv = readFileSync(join(pub, 'revisione-0', 'obiettivi.csv'), 'utf8');
    expect(csv).toContain('Controlli stradali');
  });
});
