/**
 * The results workbook against hostile report 16b: results land on the phase or indicator the
 * row names (never on another one because the plan changed), a blank cell never deletes a result
 * the plan has, dates typed in text columns stay dates as written, conflicting cells are refused,
 * and what `piao check` would refuse is said at once.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readPlanData } from '../src/convert/plan-yaml.js';
import { rawObjectivesOf } from '../src/plan/walk.js';
import { cli, EXAMPLE, ROOT } from './helpers/cli.js';

const F = join(ROOT, 'test/fixtures/xlsx-16b');
const tmp = () => mkdtempSync(join(tmpdir(), 'piao-xlsx-r-'));

async function importOf(xlsx: string, ...flags: string[]) {
  const out = join(tmp(), 'importato.yaml');
  const r = await cli(['import', xlsx, '-o', out, ...flags]);
  return { ...r, out, yaml: existsSync(out) ? readFileSync(out, 'utf8') : undefined };
}

/** The phases (or indicators) of the plan's only objective, by name: their `consuntivo`. */
function results(yaml: string, list: 'fasi' | 'indicatori' = 'fasi'): Record<string, unknown> {
  const o = rawObjectivesOf(readPlanData(yaml))[0]!.obiettivo as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const x of (o[list] as unknown[]) ?? []) {
    if (typeof x === 'string') out[x] = undefined;
    else {
      const r = x as Record<string, unknown>;
      out[String(r.descrizione ?? r.nome)] = JSON.parse(JSON.stringify(r.consuntivo ?? null));
    }
  }
  return out;
}

async function edited(from: string, fn: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const file = join(tmp(), 'foglio.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(from);
  fn(wb);
  await wb.xlsx.writeFile(file);
  return file;
}

describe('N1: with --piano, results go to the phase the row names', () => {
  const analisi = { raggiungimento: 100, completata_il: '2025-03-01' };
  const scansione = { raggiungimento: 10 };

  it('phases swapped in the plan: each result stays with its phase', async () => {
    const r = await importOf(join(F, 'risultati-compilati.xlsx'), '--piano', join(F, 'small-fasi-invertite.yaml'));
    expect(r.code, r.err).toBe(0);
    expect(results(r.yaml!)).toEqual({ Scansione: scansione, Analisi: analisi });
  });

  it('a phase inserted first: it gets nothing, the others keep theirs', async () => {
    const r = await importOf(join(F, 'risultati-compilati.xlsx'), '--piano', join(F, 'small-fase-inserita.yaml'));
    expect(r.code, r.err).toBe(0);
    expect(results(r.yaml!)).toEqual({ 'Collaudo del nuovo gestionale': undefined, Analisi: analisi, Scansione: scansione });
  });

  it('a phase renamed in the plan: an error at the row\'s cell, nothing written', async () => {
    const plan = join(tmp(), 'p.yaml');
    writeFileSync(plan, readFileSync(join(F, 'small.yaml'), 'utf8').replace('- Scansione', '- Scansione dei fascicoli'));
    const r = await importOf(join(F, 'risultati-compilati.xlsx'), '--piano', plan);
    expect(r.code).toBe(1);
    expect(r.yaml).toBeUndefined();
    expect(r.err).toMatch(/risultati-compilati\.xlsx:Risultati fasi e indicatori!D3: errore: .*Scansione.*esporta di nuovo/);
  });
});

describe('N2: a blank result cell does not delete a result the plan has', () => {
  it('a blank sheet imported into a plan with results keeps them', async () => {
    const first = await importOf(join(F, 'risultati-compilati.xlsx'));
    expect(first.code, first.err).toBe(0);
    const second = await importOf(join(F, 'risultati-vuoto.xlsx'), '--piano', first.out);
    expect(second.code, second.err).toBe(0);
    expect(second.yaml).toBe(first.yaml);
  });

  it('two offices filling their own rows of the same full sheet: both results stay', async () => {
    const dir = tmp();
    const full = join(dir, 'r.xlsx');
    expect((await cli(['export', EXAMPLE, '--consuntivo', '-o', full])).code).toBe(0);
    const fill = (row: number, text: string) => edited(full, (wb) => {
      const ws = wb.getWorksheet('Risultati obiettivi')!;
      ws.getCell(`H${row}`).value = 90;
      ws.getCell(`I${row}`).value = text;
    });
    const a = await importOf(await fill(2, 'compilato dal settore A'));
    expect(a.code, a.err).toBe(0);
    const b = await importOf(await fill(5, 'compilato dal settore B'), '--piano', a.out);
    expect(b.code, b.err).toBe(0);
    expect(b.yaml).toContain('compilato dal settore A');
    expect(b.yaml).toContain('compilato dal settore B');
  });
});

describe('N3: a date in a text column stays a date as written', () => {
  it('Target and Motivazione as date cells: GG/MM/AAAA; Valore misurato: the ISO date', async () => {
    const dir = tmp();
    const plan = join(dir, 'p.xlsx');
    expect((await cli(['export', EXAMPLE, '-o', plan])).code).toBe(0);
    const date = (ws: ExcelJS.Worksheet, cell: string) => {
      ws.getCell(cell).value = new Date(Date.UTC(2025, 11, 31));
      // Its own style: exceljs shares a style between the cells read with it.
      ws.getCell(cell).style = { ...ws.getCell(cell).style, numFmt: 'dd/mm/yyyy' };
    };
    const p = await importOf(await edited(plan, (wb) => date(wb.getWorksheet('Obiettivi')!, 'M2')));
    expect(p.code, p.err).toBe(0);
    expect(p.yaml).toMatch(/target: ["']?31\/12\/2025/);

    const res = join(dir, 'r.xlsx');
    expect((await cli(['export', join(F, 'small.yaml'), '--consuntivo', '-o', res])).code).toBe(0);
    const r = await importOf(await edited(res, (wb) => {
      date(wb.getWorksheet('Risultati obiettivi')!, 'I2');
      wb.getWorksheet('Risultati obiettivi')!.getCell('H2').value = 80;
      date(wb.getWorksheet('Risultati fasi e indicatori')!, 'H4');
      wb.getWorksheet('Risultati fasi e indicatori')!.getCell('F4').value = 50;
    }));
    expect(r.code, r.err).toBe(0);
    expect(r.yaml).toMatch(/motivazione: ["']?31\/12\/2025/);
    expect(results(r.yaml!, 'indicatori')['Fascicoli scansionati']).toEqual({ raggiungimento: 50, valore: '2025-12-31' });
  });

  it('E2: a number in Termine that is neither a year nor a date says so', async () => {
    const dir = tmp();
    const plan = join(dir, 'p.xlsx');
    expect((await cli(['export', EXAMPLE, '-o', plan])).code).toBe(0);
    const r = await importOf(await edited(plan, (wb) => {
      wb.getWorksheet('Obiettivi')!.getCell('N3').value = 45500;
      wb.getWorksheet('Obiettivi')!.getCell('N4').value = 2150;
    }));
    expect(r.code).toBe(1);
    expect(r.err).not.toContain('N3');
    expect(r.err).toContain('foglio.xlsx:Obiettivi!N4: errore:');
    expect(r.err).not.toContain('al massimo 2100');
    expect(r.err).toMatch(/N4: errore: .*anno.*data/);
  });
});

describe('N4: raggiungimento and "non valutabile" in one row', () => {
  it('is an error at both cells', async () => {
    const r = await importOf(join(F, 'non-valutabile-e-raggiungimento.xlsx'));
    expect(r.code).toBe(1);
    expect(r.yaml).toBeUndefined();
    expect(r.err).toMatch(/Risultati obiettivi!H2: errore: .*non entrambi/);
    expect(r.err).toMatch(/Risultati obiettivi!L2: errore: .*non entrambi/);
  });
});

describe('N5: what piao check would refuse is said at the import', () => {
  it('tempi di pagamento weighed on ccdi: a note at the cell, and check refuses the same', async () => {
    const r = await importOf(join(F, 'tp-ccdi.xlsx'));
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/tp-ccdi\.xlsx: Obiettivi!P11: avviso: «piao check» lo rifiuterà: /);
    expect((await cli(['check', r.out])).code).not.toBe(0);
  });
});

describe('N8: messages', () => {
  it('a results sheet without its hidden sheet, with --piano: a located error, exit 1', async () => {
    const r = await importOf(join(F, 'risultati-senza-foglio-nascosto.xlsx'), '--piano', join(F, 'small.yaml'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('risultati-senza-foglio-nascosto.xlsx:Risultati obiettivi!A1: errore:');
  });

  it('a bad "Tipo di peso": one error, at its cell', async () => {
    const r = await importOf(join(F, 'tipo-peso-x.xlsx'));
    expect(r.code).toBe(1);
    expect(r.err.match(/: errore:/g)?.length, r.err).toBe(1);
    expect(r.err).toContain('tipo-peso-x.xlsx:Obiettivi!P2: errore:');
  });
});
