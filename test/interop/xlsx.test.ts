/**
 * The workbook of `piao export` in LibreOffice Calc, as the staff use it: opened and saved again
 * (the plan comes back byte for byte), cells edited in Calc itself through Python-UNO
 * (xlsx-edit.py) and saved (the edits come back in the plan), and printed to PDF (every sheet
 * the staff fill, with its headers).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readPlanData } from '../../src/convert/plan-yaml.js';
import { parsePlan } from '../../src/plan/load.js';
import { cli } from '../helpers/cli.js';
import { EXAMPLE, INTEROP, tool } from '../helpers/interop.js';

const OUT = join(INTEROP, 'xlsx');
const profile = (name: string) => pathToFileURL(join(INTEROP, `.libreoffice-profile-${name}`)).href;

async function exportTo(name: string, ...flags: string[]): Promise<string> {
  const out = join(OUT, name);
  const r = await cli(['export', EXAMPLE, ...flags, '-o', out, '--force']);
  expect(r.code, r.err).toBe(0);
  return out;
}

async function importOf(xlsx: string): Promise<string> {
  const out = `${xlsx}.yaml`;
  const r = await cli(['import', xlsx, '-o', out, '--force']);
  expect(r.code, r.err).toBe(0);
  return readFileSync(out, 'utf8');
}

describe('the workbook in LibreOffice Calc', () => {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(join(OUT, 'salvato'), { recursive: true });

  it('saved again by Calc, it gives back the plan byte for byte', async () => {
    const xlsx = await exportTo('piano.xlsx');
    const r = tool('soffice', ['--headless', '--norestore', `-env:UserInstallation=${profile('xlsx')}`, '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', join(OUT, 'salvato'), xlsx], 'libreoffice-calc-nogui');
    expect(r.status, r.stderr).toBe(0);
    const saved = join(OUT, 'salvato', 'piano.xlsx');
    expect(readFileSync(saved).equals(readFileSync(xlsx))).toBe(false); // Calc wrote its own file
    expect(await importOf(saved)).toBe(readFileSync(EXAMPLE, 'utf8'));
  });

  it('texts holding "_x0041_"-like sequences survive a save in Calc', async () => {
    const plan = readFileSync(EXAMPLE, 'utf8').replace('titolo: Gestione autonoma del sito istituzionale del Comune', 'titolo: Titolo_x000D_ con _x0041_ e _x005f_ escape');
    const yaml = join(OUT, 'escape.yaml');
    writeFileSync(yaml, plan);
    const xlsx = join(OUT, 'escape.xlsx');
    expect((await cli(['export', yaml, '-o', xlsx, '--force'])).code).toBe(0);
    const r = tool('soffice', ['--headless', '--norestore', `-env:UserInstallation=${profile('xlsx')}`, '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', join(OUT, 'salvato'), xlsx], 'libreoffice-calc-nogui');
    expect(r.status, r.stderr).toBe(0);
    expect(await importOf(join(OUT, 'salvato', 'escape.xlsx'))).toBe(plan);
  });

  it('cells edited in Calc come back in the plan', async () => {
    const xlsx = await exportTo('modificato.xlsx');
    const edited = join(OUT, 'modificato-calc.xlsx');
    // Obiettivi!I2: the title of the Segretario's first objective; Q4: the weight of the third (2 → 3); a phase's end as a date.
    const r = tool('/usr/bin/python3', [join(import.meta.dirname, 'xlsx-edit.py'), xlsx, edited, profile('xlsx-uno'),
      'Obiettivi!I2=Redazione del PIAO 2024-2026', 'Obiettivi!Q4=3', 'Persone!C2=Sonia Maria'], 'python3-uno', 300_000);
    expect(r.status, r.stderr).toBe(0);
    const yaml = await importOf(edited);
    const plan = parsePlan(yaml, 'x.yaml');
    expect(plan.segretario!.obiettivi[0]!.titolo).toBe('Redazione del PIAO 2024-2026');
    expect(plan.segretario!.obiettivi[2]!.peso).toEqual({ risultato: 3 });
    expect(plan.persone.pagani!.nome).toBe('Sonia Maria');
    // Everything else as it was.
    const before = readPlanData(readFileSync(EXAMPLE, 'utf8'));
    const after = readPlanData(yaml);
    expect(after.centri).toEqual(before.centri);
    expect(yaml.split('\n').length).toBe(readFileSync(EXAMPLE, 'utf8').split('\n').length);
  });

  it('the results workbook, filled in Calc, comes back in "consuntivo"', async () => {
    const xlsx = await exportTo('risultati.xlsx', '--consuntivo');
    const edited = join(OUT, 'risultati-calc.xlsx');
    const r = tool('/usr/bin/python3', [join(import.meta.dirname, 'xlsx-edit.py'), xlsx, edited, profile('xlsx-uno'),
      'Risultati obiettivi!H2=100', 'Risultati obiettivi!K2=Deliberazione di Giunta n. 12/2024'], 'python3-uno', 300_000);
    expect(r.status, r.stderr).toBe(0);
    const plan = parsePlan(await importOf(edited), 'x.yaml');
    expect(plan.segretario!.obiettivi[0]!.consuntivo).toEqual({ raggiungimento: 100, evidenze: ['Deliberazione di Giunta n. 12/2024'] });
  });

  it('prints each sheet the staff fill, with its headers', async () => {
    const xlsx = await exportTo('stampa.xlsx');
    const r = tool('soffice', ['--headless', '--norestore', `-env:UserInstallation=${profile('xlsx')}`, '--convert-to', 'pdf', '--outdir', OUT, xlsx], 'libreoffice-calc-nogui');
    expect(r.status, r.stderr).toBe(0);
    const text = tool('pdftotext', ['-layout', join(OUT, 'stampa.pdf'), '-'], 'poppler-utils').stdout;
    for (const s of ['Settore', 'Titolo', 'Redazione del PIAO', 'Descrizione / nome', 'Cognome', 'Funzioni']) expect(text).toContain(s);
  });

  it('saved by Calc as .ods, it is imported through LibreOffice: the same plan, byte for byte', async () => {
    const xlsx = await exportTo('ods.xlsx');
    const r = tool('soffice', ['--headless', '--norestore', `-env:UserInstallation=${profile('xlsx')}`, '--convert-to', 'ods', '--outdir', join(OUT, 'salvato'), xlsx], 'libreoffice-calc-nogui');
    expect(r.status, r.stderr).toBe(0);
    expect(await importOf(join(OUT, 'salvato', 'ods.ods'))).toBe(readFileSync(EXAMPLE, 'utf8'));
  });

  it('the results workbook saved as .ods comes back in "consuntivo", and says to run relazione next', async () => {
    const xlsx = await exportTo('risultati-ods.xlsx', '--consuntivo');
    const edited = join(OUT, 'risultati-ods-calc.xlsx');
    const e = tool('/usr/bin/python3', [join(import.meta.dirname, 'xlsx-edit.py'), xlsx, edited, profile('xlsx-uno'), 'Risultati obiettivi!H2=100'], 'python3-uno', 300_000);
    expect(e.status, e.stderr).toBe(0);
    const r = tool('soffice', ['--headless', '--norestore', `-env:UserInstallation=${profile('xlsx')}`, '--convert-to', 'ods', '--outdir', join(OUT, 'salvato'), edited], 'libreoffice-calc-nogui');
    expect(r.status, r.stderr).toBe(0);
    const out = join(OUT, 'risultati-ods.yaml');
    const i = await cli(['import', join(OUT, 'salvato', 'risultati-ods-calc.ods'), '-o', out, '--force']);
    expect(i.code, i.err).toBe(0);
    expect(i.out).toContain(`&& piao relazione ${out}`);
    expect(parsePlan(readFileSync(out, 'utf8'), 'x.yaml').segretario!.obiettivi[0]!.consuntivo).toEqual({ raggiungimento: 100 });
  });

  it('prints sensibly: landscape, the header row on every page, the narrow sheets one page wide', async () => {
    const xlsx = await exportTo('pagine.xlsx');
    const r = tool('soffice', ['--headless', '--norestore', `-env:UserInstallation=${profile('xlsx')}`, '--convert-to', 'pdf', '--outdir', OUT, xlsx], 'libreoffice-calc-nogui');
    expect(r.status, r.stderr).toBe(0);
    const info = tool('pdfinfo', ['-f', '1', '-l', '200', join(OUT, 'pagine.pdf')], 'poppler-utils').stdout;
    const sizes = [...info.matchAll(/Page +\d+ size: +([\d.]+) x ([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(sizes.length).toBeGreaterThan(1);
    for (const [w, h] of sizes) expect(w).toBeGreaterThan(h!);
    // Every page of the objectives starts with its header row.
    const pages = tool('pdftotext', ['-layout', join(OUT, 'pagine.pdf'), '-'], 'poppler-utils').stdout.split('\f').filter((p) => p.trim());
    const objectivePages = pages.filter((p) => /Redazione del PIAO|Settore Amministrativo/.test(p) && /Titolo/.test(p));
    expect(objectivePages.length).toBeGreaterThan(1);
    expect(pages.filter((p) => !/Riga|Id|Settore|Cognome|Codice/.test(p.split('\n').find((l) => l.trim()) ?? ''))).toEqual([]);
    // The column bands of the same objectives follow one another (across, then down), each page named at its foot.
    const first = (p: string) => (p.split('\n').find((l) => l.trim()) ?? '').replace(/\s+/g, ' ').trim();
    expect(first(pages[0]!)).toMatch(/^Riga Settore Servizio/);
    expect(first(pages[1]!)).toMatch(/^Riga Identificativo Titolo/);
    expect(pages[0]).toMatch(/Obiettivi – pagina 1 di \d+/);
  });
});

