/**
 * The workbook round trip against what a hostile tester did to it (hostile report 16): a workbook
 * comes back whole, or the import refuses with every problem at its `file:Foglio!A1`, exit 1 and
 * nothing written — never a plan silently missing fields, rows or results.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPlanData } from '../src/convert/plan-yaml.js';
import { rawObjectivesOf } from '../src/plan/walk.js';
import { cli, EXAMPLE, ROOT } from './helpers/cli.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'piao-xlsx-h-'));
let PLAN_XLSX = '';
let RESULTS_XLSX = '';

beforeAll(async () => {
  const dir = tmp();
  PLAN_XLSX = join(dir, 'piano.xlsx');
  RESULTS_XLSX = join(dir, 'risultati.xlsx');
  expect((await cli(['export', EXAMPLE, '-o', PLAN_XLSX])).code).toBe(0);
  expect((await cli(['export', EXAMPLE, '--consuntivo', '-o', RESULTS_XLSX])).code).toBe(0);
});

/** A copy of a workbook changed by `fn` as a person (or a program) would. */
async function edited(from: string, fn: (wb: ExcelJS.Workbook) => void | Promise<void>): Promise<string> {
  const file = join(tmp(), 'foglio.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(from);
  await fn(wb);
  await wb.xlsx.writeFile(file);
  return file;
}

async function importOf(xlsx: string, ...flags: string[]) {
  const out = join(tmp(), 'importato.yaml');
  const r = await cli(['import', xlsx, '-o', out, ...flags]);
  return { ...r, yaml: existsSync(out) ? readFileSync(out, 'utf8') : undefined };
}

/** Refused: exit 1, nothing written, each of `places` named as `file:place: errore:`. */
function refused(r: Awaited<ReturnType<typeof importOf>>, ...places: string[]) {
  expect(r.code, r.err).toBe(1);
  expect(r.yaml).toBeUndefined();
  expect(r.err).not.toContain('imprevisto');
  for (const p of places) expect(r.err).toContain(`.xlsx:${p}: errore:`);
}

function column(ws: ExcelJS.Worksheet, header: string): number {
  let col = 0;
  ws.getRow(1).eachCell((c, n) => {
    if (c.value === header) col = n;
  });
  expect(col, `no column "${header}"`).toBeGreaterThan(0);
  return col;
}

const sheet = (wb: ExcelJS.Workbook, name: string) => wb.getWorksheet(name)!;

/** Replaces the hidden sheet's rows by `rows`. */
function hidden(wb: ExcelJS.Workbook, change: (rows: string[][]) => string[][]): void {
  const ws = sheet(wb, 'piao');
  const rows: string[][] = [];
  ws.eachRow((r) => rows.push([1, 2, 3].map((i) => String(r.getCell(i).value ?? ''))));
  const next = change(rows);
  ws.spliceRows(1, rows.length);
  next.forEach((r, i) => (ws.getRow(i + 1).values = r));
}

const BOMB = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefghij'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghij'[i]}`).join(', ')}]`)].join('\n') + '\n';

describe('the shape of the workbook: a sheet, a header row or a column gone is an error, not a wipe', () => {
  it('the header row of "Obiettivi" deleted: refused at Obiettivi!A1', async () => {
    const r = await importOf(await edited(PLAN_XLSX, (wb) => void sheet(wb, 'Obiettivi').spliceRows(1, 1)));
    refused(r, 'Obiettivi!A1');
    expect(r.err).toContain('manca la riga di intestazione');
  });

  it('a column deleted, or its header retyped: refused naming the column (and the header not recognised)', async () => {
    let r = await importOf(await edited(PLAN_XLSX, (wb) => void sheet(wb, 'Obiettivi').spliceColumns(column(sheet(wb, 'Obiettivi'), 'Target'), 1)));
    refused(r, 'Obiettivi!A1');
    expect(r.err).toContain('manca la colonna "Target"');
    r = await importOf(await edited(PLAN_XLSX, (wb) => {
      const ws = sheet(wb, 'Obiettivi');
      ws.getCell(1, column(ws, 'Personale')).value = 'Personale assegnato';
      const fasi = sheet(wb, 'Fasi e indicatori');
      fasi.getCell(1, column(fasi, 'Inizio')).value = 'Data di inizio';
    }));
    refused(r, 'Obiettivi!A1', 'Fasi e indicatori!A1');
    expect(r.err).toMatch(/manca la colonna "Personale" \(.*"Personale assegnato" in R1/);
    expect(r.err).toContain('manca la colonna "Inizio"');
    // A column copied with its header: which copy holds the values?
    r = await importOf(await edited(PLAN_XLSX, (wb) => {
      const ws = sheet(wb, 'Obiettivi');
      ws.getCell('AZ1').value = 'Target';
      ws.getCell('AZ2').value = 'Un altro target';
    }));
    refused(r, 'Obiettivi!AZ1');
    expect(r.err).toContain('questa intestazione c\'è già in un\'altra colonna');
  });

  it('the sheet "Fasi e indicatori" deleted, or the header row of "Persone": refused at the sheet', async () => {
    let r = await importOf(await edited(PLAN_XLSX, (wb) => wb.removeWorksheet(sheet(wb, 'Fasi e indicatori').id)));
    refused(r, 'Fasi e indicatori!A1');
    expect(r.err).toContain('manca il foglio "Fasi e indicatori"');
    r = await importOf(await edited(PLAN_XLSX, (wb) => void sheet(wb, 'Persone').spliceRows(1, 1)));
    refused(r, 'Persone!A1');
  });

  it('results workbook: its header row deleted or a header retyped is refused, not an import without results', async () => {
    let r = await importOf(await edited(RESULTS_XLSX, (wb) => {
      sheet(wb, 'Risultati obiettivi').getCell('H2').value = 80;
      sheet(wb, 'Risultati obiettivi').spliceRows(1, 1);
    }));
    refused(r, 'Risultati obiettivi!A1');
    r = await importOf(await edited(RESULTS_XLSX, (wb) => {
      const ws = sheet(wb, 'Risultati obiettivi');
      ws.getCell('H2').value = 80;
      ws.getCell(1, column(ws, 'Raggiungimento %')).value = 'Raggiungimento (%)';
    }));
    refused(r, 'Risultati obiettivi!A1');
    expect(r.err).toMatch(/manca la colonna "Raggiungimento %" \(.*"Raggiungimento \(%\)" in H1/);
  });

  it('merged cells in the data rows: refused at the merged range, no value copied into another row', async () => {
    const r = await importOf(await edited(PLAN_XLSX, (wb) => sheet(wb, 'Obiettivi').mergeCells('I3:I4')));
    refused(r, 'Obiettivi!I3:I4');
    expect(r.err).toContain('celle unite');
  });
});

describe('row codes', () => {
  it('results: the same "Riga" code in two rows is refused at the second', async () => {
    const r = await importOf(await edited(RESULTS_XLSX, (wb) => {
      const ws = sheet(wb, 'Risultati obiettivi');
      ws.getCell('H2').value = 100;
      ws.getCell('A3').value = ws.getCell('A2').value;
      ws.getCell('H3').value = 20;
    }));
    refused(r, 'Risultati obiettivi!A3');
    expect(r.err).toContain('il codice "O1" è già in un\'altra riga (Risultati obiettivi!A2)');
  });

  it('"Riga" codes cleared: refused at the rows whose title is that of an objective left without its row, phases kept in the file', async () => {
    const r = await importOf(await edited(PLAN_XLSX, (wb) => {
      const ws = sheet(wb, 'Obiettivi');
      ws.eachRow((row, n) => {
        if (n > 1) row.getCell(1).value = null;
      });
    }));
    refused(r, 'Obiettivi!A2', 'Obiettivi!A3');
    expect(r.err).toContain('manca il codice della riga: il titolo è quello dell\'obiettivo "O1"');
    expect(r.err).not.toContain('tolte anche le sue fasi');
  });

  it('one code cleared and the title retyped: the objective\'s phases are not dropped as "removed" but refused', async () => {
    const r = await importOf(await edited(PLAN_XLSX, (wb) => {
      const ws = sheet(wb, 'Obiettivi');
      ws.getCell('A2').value = null;
      ws.getCell(2, column(ws, 'Titolo')).value = 'Un titolo riscritto';
    }));
    refused(r, 'Fasi e indicatori!A2');
    expect(r.err).toContain('rimetti il codice "O1" nella riga del suo obiettivo');
  });
});

describe('cells as Excel and Calc keep them', () => {
  it('"80%" typed in a cell (0.8 with a percent format) is read as 80 in Raggiungimento % and Peso', async () => {
    const pct = (c: ExcelJS.Cell, v: number) => {
      c.value = v;
      c.style = { ...c.style, numFmt: '0%' }; // its own style: exceljs shares one style object between cells
    };
    let r = await importOf(await edited(RESULTS_XLSX, (wb) => pct(sheet(wb, 'Risultati obiettivi').getCell('H2'), 0.8)));
    expect(r.code, r.err).toBe(0);
    expect(r.yaml).toMatch(/consuntivo: \{ raggiungimento: 80 \}|consuntivo:\n\s+raggiungimento: 80\n/);
    r = await importOf(await edited(PLAN_XLSX, (wb) => {
      const ws = sheet(wb, 'Obiettivi');
      pct(ws.getCell(2, column(ws, 'Peso')), 0.07);
    }));
    expect(r.code, r.err).toBe(0);
    const o = rawObjectivesOf(readPlanData(r.yaml!))[0]!.obiettivo;
    expect(Object.values(o.peso as object)).toEqual([7]);
  });

  it('a formula\'s error shows its text, a deadline kept as a day number is that date, an impossible date is said so', async () => {
    let r = await importOf(await edited(PLAN_XLSX, (wb) => {
      const ws = sheet(wb, 'Obiettivi');
      ws.getCell(3, column(ws, 'Titolo')).value = { formula: 'VLOOKUP(1,Z1:Z2,2,0)', result: { error: '#N/A' } } as ExcelJS.CellValue;
      ws.getCell(4, column(ws, 'Termine')).value = 'entro il 31/02/2025';
      const fasi = sheet(wb, 'Fasi e indicatori');
      fasi.getCell(2, column(fasi, 'Inizio')).value = '31/04/2024';
    }));
    refused(r, 'Obiettivi!I3', 'Obiettivi!N4', 'Fasi e indicatori!E2');
    expect(r.err).toContain('errore di formula, trovato "#N/A"');
    expect(r.err).toContain('Termine: questa data non esiste: 31/02/2025');
    expect(r.err).toContain('Inizio: questa data non esiste');
    r = await importOf(await edited(PLAN_XLSX, (wb) => {
      const ws = sheet(wb, 'Obiettivi');
      ws.getCell(2, column(ws, 'Termine')).value = 45500;
    }));
    expect(r.code, r.err).toBe(0);
    expect(rawObjectivesOf(readPlanData(r.yaml!))[0]!.obiettivo.termine).toEqual({ entro: '2024-07-27' });
  });

  it('every problem at once: an unreadable cell and the plan\'s own problems in one run', async () => {
    const r = await importOf(await edited(RESULTS_XLSX, (wb) => {
      const ws = sheet(wb, 'Risultati obiettivi');
      ws.getCell('H2').value = 150;
      ws.getCell('H3').value = -5;
      ws.getCell('H5').value = 'tutto';
    }));
    refused(r, 'Risultati obiettivi!H2', 'Risultati obiettivi!H3', 'Risultati obiettivi!H5');
  });

  it('a stray cell at the last row costs nothing; more than 20.000 rows are refused', async () => {
    const start = Date.now();
    let r = await importOf(await edited(PLAN_XLSX, (wb) => void (sheet(wb, 'Obiettivi').getCell('A1048576').value = 'x')));
    refused(r, 'Obiettivi!B1048576');
    expect(Date.now() - start).toBeLessThan(15000);
    r = await importOf(await edited(PLAN_XLSX, (wb) => {
      const ws = sheet(wb, 'Persone');
      for (let i = 0; i < 20001; i++) ws.getCell(100 + i, 1).value = `p${i}`;
    }));
    refused(r);
    expect(r.err).toMatch(/\.xlsx:Persone!A\d+: errore: il foglio ha più di 20\.000 righe/);
  }, 60000);

  it('a person with the id "constructor" or "__proto__" is not "already used": the id is refused as reserved, at its cell', async () => {
    const r = await importOf(await edited(PLAN_XLSX, (wb) => {
      const ws = sheet(wb, 'Persone');
      ws.addRow(['constructor', '', 'Anna', 'Costruttori']);
      ws.addRow(['__proto__', '', 'Pia', 'Proto']);
    }));
    refused(r, 'Persone!A110', 'Persone!A111');
    expect(r.err).not.toContain('già usato');
    expect(r.err).toContain('identificativo non valido «constructor»');
  });

  it('a value changed in the sheet loses the comment at the end of its line, which spoke of the old value', async () => {
    const r = await importOf(await edited(PLAN_XLSX, (wb) => {
      const ws = sheet(wb, 'Obiettivi');
      ws.eachRow((row) => {
        if (String(row.getCell(column(ws, 'Titolo')).value).startsWith('Gestione autonoma')) row.getCell(column(ws, 'Peso')).value = 30;
      });
    }));
    expect(r.code, r.err).toBe(0);
    expect(r.yaml).toContain('                peso: { ccdi: 30 }\n');
    // The other objective without a weight keeps its comment.
    expect(r.yaml).toContain('peso: { ccdi: ~ } # peso non indicato nel piano originale');
  });
});

describe('the hidden sheet and --piano are plan files: checked first, with their limits', () => {
    it('broken base64 or YAML, an alias bomb, or a row path changed to "__proto__": "damaged", at the hidden sheet', async () => {
    const cases: ((rows: string[][]) => string[][])[] = [
      (rows) => rows.map((r) => (r[0] === 'yaml' ? ['yaml', `${r[1]!.slice(0, 100)}!!`] : r)),
      (rows) => rows.map((r) => (r[0] === 'yaml' ? ['yaml', Buffer.from('ente: [nome: x\n  - : :').toString('base64')] : r)),
      (rows) => [...rows.filter((r) => r[0] !== 'yaml' && r[0] !== 'riga'), ['yaml', Buffer.from(BOMB).toString('base64')]],
      (rows) => rows.map((r) => (r[0] === 'riga' && r[1] === 'O1' ? ['riga', 'O1', '__proto__'] : r)),
    ];
    for (const change of cases) {
      const r = await importOf(await edited(RESULTS_XLSX, (wb) => hidden(wb, change)));
      refused(r);
      expect(r.err).toMatch(/\.xlsx:piao!A\d+: errore: il foglio nascosto "piao"/);
    }
  });

  it('an alias bomb given with --piano is refused at once, as piao check refuses it', async () => {
    const bomb = join(tmp(), 'bomba.yaml');
    writeFileSync(bomb, BOMB);
    const start = Date.now();
    const r = await importOf(RESULTS_XLSX, '--piano', bomb);
    expect(r.code).toBe(1);
    expect(r.err).toContain('[yaml.alias]');
    expect(Date.now() - start).toBeLessThan(10000);
  });

  it('a pipe or a device named .xlsx is refused before reading', async () => {
    const dir = tmp();
    execFileSync('mkfifo', [join(dir, 'tubo.xlsx')]);
    symlinkSync('/dev/zero', join(dir, 'zero.xlsx'));
    for (const f of ['tubo.xlsx', 'zero.xlsx']) {
      const r = await importOf(join(dir, f));
      expect(r.code).toBe(1);
      expect(r.err).toContain(`${f}: errore: non è un file normale`);
    }
  });

  it('a zip that says it unpacks to more than 200 MB is refused before unpacking', async () => {
    const bytes = Buffer.from(readFileSync(PLAN_XLSX));
    const cd = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); // the first entry of the zip's directory
    bytes.writeUInt32LE(300 * 1024 * 1024, cd + 24); // its size once unpacked
    const file = join(tmp(), 'bomba.xlsx');
    writeFileSync(file, bytes);
    const r = await importOf(file);
    expect(r.code).toBe(1);
    expect(r.err).toContain('bomba.xlsx: errore: il foglio di calcolo, decompresso, è troppo grande (300 MB');
  });

  it('a Word document renamed .xlsx is named as one, at the file (no 0:0)', async () => {
    const dir = tmp();
    copyFileSync(join(ROOT, 'test/fixtures/import-docx/valdinoce-2025.docx'), join(dir, 'piano.xlsx'));
    const r = await importOf(join(dir, 'piano.xlsx'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('piano.xlsx: errore: è un documento Word');
  });
});

describe('export: what a cell cannot keep', () => {
  it('a text longer than a cell holds is refused at its line, no workbook written', async () => {
    const dir = tmp();
    const plan = readFileSync(EXAMPLE, 'utf8').replace(/descrizione: Il sito è costantemente[^\n]*/, `descrizione: ${'parola '.repeat(5000)}fine`);
    writeFileSync(join(dir, 'lungo.yaml'), plan);
    const r = await cli(['export', join(dir, 'lungo.yaml'), '-o', join(dir, 'l.xlsx')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/lungo\.yaml:135:\d+: errore: il testo è lungo 35\.004 caratteri: una cella di Excel o Calc ne tiene al massimo 32\.767/);
    expect(existsSync(join(dir, 'l.xlsx'))).toBe(false);
  });

  it('texts holding "_x0041_"-like sequences come back as written', async () => {
    const dir = tmp();
    const plan = readFileSync(EXAMPLE, 'utf8').replace('titolo: Gestione autonoma del sito istituzionale del Comune', 'titolo: Titolo_x000D_ con _x0041_ e _x005f_ escape');
    writeFileSync(join(dir, 'x.yaml'), plan);
    expect((await cli(['export', join(dir, 'x.yaml'), '-o', join(dir, 'x.xlsx')])).code).toBe(0);
    const r = await importOf(join(dir, 'x.xlsx'));
    expect(r.code, r.err).toBe(0);
    expect(r.yaml).toBe(plan);
  });

  it('--responsabile constructor is not in the register (not "no objective")', async () => {
    const r = await cli(['export', EXAMPLE, '--consuntivo', '--responsabile', 'constructor', '-o', join(tmp(), 'r.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('non è nel registro');
  });
});
