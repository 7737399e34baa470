/**
 * "Obiettivo n. …" as each Comune numbers: restarting per gruppo (the example), per servizio, per
 * settore, one numbering for the whole plan, or the plan's own numbers (13, 54; 0 for a
 * prerequisite); a number printed twice in one numbering is a warning. Through the CLI.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { cli } from './helpers/cli.js';
import { htmlText, normalize } from './helpers/extract.js';

const obiettivo = (titolo: string, extra: object = {}) => ({ titolo, descrizione: `Descrizione di ${titolo}.`, target: '100%', termine: { anno: 2025 }, peso: { ccdi: 10 }, ...extra });

const plan = (numerazione: string | undefined, first: object[] = [obiettivo('A1'), obiettivo('A2')]) => ({
  ente: { nome: 'Comune di Valdoro', provincia: 'Cremona' },
  piano: { anno: 2025 },
  persone: { rossi: { nome: 'Mario', cognome: 'Rossi' } },
  ...(numerazione && { documento: { numerazione } }),
  controlli: { tempi_pagamento: false, totale_risultato: null },
  centri: [
    {
      id: 'tecnico', nome: 'Settore Tecnico', responsabile: 'rossi',
      servizi: [
        { nome: 'Servizio strade', gruppi: [{ obiettivi: first }, { obiettivi: [obiettivo('B1')] }] },
        { nome: 'Servizio verde', gruppi: [{ obiettivi: [obiettivo('C1')] }] },
      ],
    },
    { id: 'cultura', nome: 'Settore Cultura', responsabile: 'rossi', servizi: [{ nome: 'Biblioteca', gruppi: [{ obiettivi: [obiettivo('D1')] }] }] },
  ],
});

async function labels(p: object): Promise<{ labels: string[]; check: string; code: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'piao-num-'));
  writeFileSync(join(dir, 'piano.yaml'), stringify(p));
  const check = await cli(['check', join(dir, 'piano.yaml')]);
  const r = await cli(['build', join(dir, 'piano.yaml'), '--out', join(dir, 'out'), '--format', 'html']);
  expect(r.code, r.err).toBe(0);
  const text = normalize(htmlText(readFileSync(join(dir, 'out/piano.html'), 'utf8')));
  return { labels: [...text.matchAll(/Obiettivo (n\. \d+|comune) ([A-D]\d)/g)].map((m) => `${m[2]} ${m[1]}`), check: check.out, code: check.code };
}

describe('numbering of objectives', () => {
  it('restarts per gruppo by default, as in the example', async () => {
    expect((await labels(plan(undefined))).labels).toEqual(['A1 n. 1', 'A2 n. 2', 'B1 n. 1', 'C1 n. 1', 'D1 n. 1']);
  });

  it('restarts per servizio, per settore, or runs across the plan', async () => {
    expect((await labels(plan('servizio'))).labels).toEqual(['A1 n. 1', 'A2 n. 2', 'B1 n. 3', 'C1 n. 1', 'D1 n. 1']);
    expect((await labels(plan('settore'))).labels).toEqual(['A1 n. 1', 'A2 n. 2', 'B1 n. 3', 'C1 n. 4', 'D1 n. 1']);
    expect((await labels(plan('piano'))).labels).toEqual(['A1 n. 1', 'A2 n. 2', 'B1 n. 3', 'C1 n. 4', 'D1 n. 5']);
  });

  it("uses the plan's own numbers, and goes on from them", async () => {
    const r = await labels(plan('piano', [obiettivo('A1', { numero: 0 }), obiettivo('A2')]));
    expect(r.labels).toEqual(['A1 n. 0', 'A2 n. 1', 'B1 n. 2', 'C1 n. 3', 'D1 n. 4']);
    const own = await labels(plan('piano', [obiettivo('A1', { numero: 13 }), obiettivo('A2', { numero: 54 })]));
    expect(own.labels).toEqual(['A1 n. 13', 'A2 n. 54', 'B1 n. 55', 'C1 n. 56', 'D1 n. 57']);
    expect(own.check).not.toContain('numerazione.doppia');
  });

  it('a shared objective is "Obiettivo comune", with its own number "Obiettivo comune n. …"', async () => {
    const html = async (first: object[]) => {
      const dir = mkdtempSync(join(tmpdir(), 'piao-num-'));
      writeFileSync(join(dir, 'piano.yaml'), stringify(plan('piano', first)));
      const r = await cli(['build', join(dir, 'piano.yaml'), '--out', dir, '--format', 'html']);
      expect(r.code, r.err).toBe(0);
      return normalize(htmlText(readFileSync(join(dir, 'piano.html'), 'utf8')));
    };
    expect(await html([obiettivo('A1', { comune: true }), obiettivo('A2')])).toMatch(/Obiettivo comune A1 .*Obiettivo n\. 1 A2/);
    expect(await html([obiettivo('A1', { comune: true, numero: 7 }), obiettivo('A2')])).toMatch(/Obiettivo comune n\. 7 A1 .*Obiettivo n\. 8 A2/);
  });

  it('warns when one numbering prints a number twice', async () => {
    const r = await labels(plan('servizio', [obiettivo('A1'), obiettivo('A2', { numero: 1 })]));
    expect(r.labels.slice(0, 2)).toEqual(['A1 n. 1', 'A2 n. 1']);
    expect(r.code).toBe(0);
    expect(r.check).toMatch(/\[numerazione\.doppia\]\n +l'obiettivo «A2»/);
  });
});

describe('a prerequisite "n. 0" in a plan numbered across', () => {
  it('does not make the next objective repeat a number', async () => {
    const r = await labels(plan('piano', [obiettivo('A1'), obiettivo('A2', { numero: 0 }), obiettivo('A3')]));
    expect(r.labels.slice(0, 3)).toEqual(['A1 n. 1', 'A2 n. 0', 'A3 n. 2']);
    expect(r.check).not.toContain('numerazione.doppia');
  });
});
