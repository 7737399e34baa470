/**
 * The spreadsheet round trip (issue 16): `piao export --xlsx` / `--consuntivo` and `piao import`
 * of the workbook, from the user's side: the CLI in-process, the workbook edited as the staff would
 * (with exceljs), the plan file that comes back.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readPlanData } from '../src/convert/plan-yaml.js';
import { parsePlan } from '../src/plan/load.js';
import { cli, EXAMPLE, ROOT } from './helpers/cli.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'piao-xlsx-'));
const ENTI = readdirSync(join(ROOT, 'test/fixtures/enti')).map((f) => join(ROOT, 'test/fixtures/enti', f));
const RESULTS = ['casalmorano-consuntivo.yaml', 'roccafiorita-consuntivo.yaml'].map((f) => join(ROOT, 'test/fixtures/risultati', f));
const WITH_RECALLS = join(ROOT, 'test/fixtures/enti/piccolo-comune.yaml');

async function exportTo(plan: string, dir: string, ...flags: string[]): Promise<string> {
  const out = join(dir, `${flags.includes('--consuntivo') ? 'risultati' : 'piano'}.xlsx`);
  const r = await cli(['export', plan, ...flags, '-o', out]);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return out;
}

async function importTo(xlsx: string, dir: string, name = 'importato.yaml', ...flags: string[]) {
  const out = join(dir, name);
  const r = await cli(['import', xlsx, '-o', out, ...flags]);
  return { ...r, out, yaml: existsSync(out) ? readFileSync(out, 'utf8') : undefined };
}

/** Opens the workbook, lets `fn` change it as a person would, saves it. */
async function edit(file: string, fn: (wb: ExcelJS.Workbook) => void): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  fn(wb);
  await wb.xlsx.writeFile(file);
}

/** The cell of a sheet's row under the header `header`. */
function cell(wb: ExcelJS.Workbook, sheet: string, row: number, header: string): ExcelJS.Cell {
  const ws = wb.getWorksheet(sheet)!;
  let col = 0;
  ws.getRow(1).eachCell((c, n) => {
    if (c.value === header) col = n;
  });
  expect(col, `${sheet}: no column "${header}"`).toBeGreaterThan(0);
  return ws.getCell(row, col);
}

/** The row of "Obiettivi" (or another sheet) whose first cell holds this row code. */
function rowOf(wb: ExcelJS.Workbook, sheet: string, rif: string): number {
  let found = 0;
  wb.getWorksheet(sheet)!.eachRow((r, n) => {
    if (r.getCell(1).value === rif && !found) found = n;
  });
  expect(found, `${sheet}: no row ${rif}`).toBeGreaterThan(0);
  return found;
}

describe('piao export --xlsx, then piao import', () => {
  for (const plan of [EXAMPLE, ...ENTI, ...RESULTS]) {
    it(`gives back ${plan.slice(ROOT.length + 1)} byte for byte`, async () => {
      const dir = tmp();
      const xlsx = await exportTo(plan, dir, '--xlsx');
      const r = await importTo(xlsx, dir);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.yaml).toBe(readFileSync(plan, 'utf8'));
    });
  }

  it('writes the same bytes twice, with the plan\'s date in the properties', async () => {
    const a = await exportTo(EXAMPLE, tmp());
    await new Promise((r) => setTimeout(r, 1100));
    const b = await exportTo(EXAMPLE, tmp());
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    const core = strFromU8(unzipSync(readFileSync(a))['docProps/core.xml']!);
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2024-01-01T12:00:00Z</dcterms:created>');
    for (const c of [await exportTo(EXAMPLE, tmp(), '--consuntivo'), await exportTo(EXAMPLE, tmp(), '--consuntivo')]) expect(readFileSync(c).length).toBeGreaterThan(0);
    const [c1, c2] = [await exportTo(EXAMPLE, tmp(), '--consuntivo'), await exportTo(EXAMPLE, tmp(), '--consuntivo')];
    expect(readFileSync(c1!).equals(readFileSync(c2!))).toBe(true);
  });

  it('lays the workbook out for the staff: Italian headers with notes, frozen header, drop-down lists, recalls as rows', async () => {
    const xlsx = await exportTo(WITH_RECALLS, tmp());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.worksheets.map((w) => `${w.name}:${w.state}`)).toEqual([
      'Obiettivi:visible', 'Fasi e indicatori:visible', 'Persone:visible', 'Settori e servizi:visible', 'Elenchi:hidden', 'piao:veryHidden',
    ]);
    const ws = wb.getWorksheet('Obiettivi')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const headers = (ws.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(expect.arrayContaining(['Settore', 'Servizio', 'Titolo', 'Responsabile', 'Termine', 'Tipo di peso', 'Peso', 'Personale', 'Tempi di pagamento', 'Richiama']));
    expect(String(cell(wb, 'Obiettivi', 1, 'Peso').note)).toContain('un numero');
    expect(cell(wb, 'Obiettivi', 2, 'Tipo di peso').dataValidation).toMatchObject({ type: 'list', formulae: [expect.stringContaining('Elenchi!')] });
    expect(cell(wb, 'Obiettivi', 2, 'Settore').dataValidation).toMatchObject({ type: 'list' });
    // A person added in "Persone" can be chosen at once; a settore not yet in the list is warned about, not refused.
    expect(cell(wb, 'Obiettivi', 2, 'Responsabile').dataValidation).toMatchObject({ type: 'list', formulae: [expect.stringMatching(/^Persone!\$A\$2:\$A\$\d+$/)] });
    expect(cell(wb, 'Obiettivi', 2, 'Settore').dataValidation).toMatchObject({ errorStyle: 'warning' });
    expect(cell(wb, 'Obiettivi', 2, 'Tipo di peso').dataValidation).toMatchObject({ errorStyle: 'stop' });
    expect(ws.getColumn(9).width).toBeGreaterThan(20);
    // The recalls are rows naming what they recall, with only what they change: not expanded.
    const source = readFileSync(WITH_RECALLS, 'utf8');
    const recalls: string[] = [];
    ws.eachRow((r, n) => {
      const v = cell(wb, 'Obiettivi', n, 'Richiama').value;
      if (n > 1 && v) {
        recalls.push(String(v));
        expect(cell(wb, 'Obiettivi', n, 'Titolo').value).toBeNull();
      }
    });
    expect(recalls.length).toBe(source.match(/richiama: /g)!.length);
    // No two drop-down lists over the same cell (Excel would "repair" the file).
    for (const file of [xlsx, await exportTo(WITH_RECALLS, tmp(), '--consuntivo')]) {
      const parts = unzipSync(readFileSync(file));
      for (const [name, data] of Object.entries(parts).filter(([n]) => n.startsWith('xl/worksheets/sheet'))) {
        const ranges = [...strFromU8(data).matchAll(/<dataValidation [^>]*sqref="([A-Z]+)(\d+):?[A-Z]*(\d*)"/g)].map((m) => ({ col: m[1], top: Number(m[2]), bottom: Number(m[3] || m[2]) }));
        for (const a of ranges) for (const b of ranges) if (a !== b && a.col === b.col) expect(a.bottom < b.top || b.bottom < a.top, `${name}: ${JSON.stringify([a, b])}`).toBe(true);
      }
    }
    // A deadline reads as a person writes it.
    expect(cell(wb, 'Obiettivi', 2, 'Termine').value).toMatch(/^(entro il \d\d\/\d\d\/\d{4}|anno \d{4}|dal .* al .*|\d+ (giorni|mesi) .*)$/);
  });

  it('brings back edited cells, rows added, deleted and moved, and a new person, keeping the file\'s comments', async () => {
    const dir = tmp();
    const xlsx = await exportTo(EXAMPLE, dir);
    const source = readFileSync(EXAMPLE, 'utf8');
    await edit(xlsx, (wb) => {
      cell(wb, 'Obiettivi', rowOf(wb, 'Obiettivi', 'O4'), 'Titolo').value = 'Sito istituzionale gestito in autonomia';
      cell(wb, 'Obiettivi', rowOf(wb, 'Obiettivi', 'O6'), 'Peso').value = 12;
      // O8 moves from the Servizio Demografico to the Servizio Segreteria.
      cell(wb, 'Obiettivi', rowOf(wb, 'Obiettivi', 'O8'), 'Servizio').value = 'Servizio Segreteria e Affari Generali';
      const ws = wb.getWorksheet('Obiettivi')!;
      const n = ws.rowCount + 1;
      const put = (header: string, v: ExcelJS.CellValue) => (cell(wb, 'Obiettivi', n, header).value = v);
      put('Riga', 'N1');
      put('Settore', 'Settore Amministrativo');
      put('Servizio', 'Servizio Demografico');
      put('Titolo', 'Digitalizzazione delle liste elettorali');
      put('Descrizione', 'Scansione e indicizzazione delle liste sezionali.');
      put('Termine', 'entro il 30/11/2024');
      put('Tipo di peso', 'ccdi');
      put('Peso', 4);
      put('Personale', 'milanese, rossi');
      const wv = wb.getWorksheet('Fasi e indicatori')!;
      const m = wv.rowCount + 1;
      cell(wb, 'Fasi e indicatori', m, 'Riga dell\'obiettivo').value = 'N1';
      cell(wb, 'Fasi e indicatori', m, 'Voce').value = 'fase';
      cell(wb, 'Fasi e indicatori', m, 'Descrizione / nome').value = 'Scansione delle liste';
      cell(wb, 'Fasi e indicatori', m, 'Fine').value = new Date(Date.UTC(2024, 8, 30));
      const wp = wb.getWorksheet('Persone')!;
      const p = wp.rowCount + 1;
      cell(wb, 'Persone', p, 'Identificativo').value = 'rossi';
      cell(wb, 'Persone', p, 'Nome').value = 'Mario';
      cell(wb, 'Persone', p, 'Cognome').value = 'Rossi';
      // O5 deleted.
      ws.spliceRows(rowOf(wb, 'Obiettivi', 'O5'), 1);
    });
    const r = await importTo(xlsx, dir);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('persona nuova nel registro: rossi');
    const yaml = r.yaml!;
    const plan = parsePlan(yaml, 'importato.yaml');
    const [segreteria, demografico] = plan.centri[0]!.servizi;
    expect(segreteria!.gruppi[0]!.obiettivi.map((o) => o.titolo)).toEqual([
      'Sito istituzionale gestito in autonomia',
      // O5 ("Formazione") deleted; O8 moved here, at the end of the group.
      'Reddito di cittadinanza: Prosecuzione dell\'attività di verifica inerente la posizione anagrafica dei richiedenti',
    ]);
    const added = demografico!.gruppi[0]!.obiettivi.at(-1)!;
    expect(added).toMatchObject({ titolo: 'Digitalizzazione delle liste elettorali', termine: { entro: '2024-11-30' }, peso: { ccdi: 4 }, personale: ['milanese', 'rossi'], fasi: [{ descrizione: 'Scansione delle liste', fine: '2024-09-30' }] });
    expect(demografico!.gruppi[0]!.obiettivi[0]!.peso).toEqual({ ccdi: 12 });
    expect(plan.persone.rossi).toEqual({ nome: 'Mario', cognome: 'Rossi' });
    // What did not change is the file as written: its header, its introduction, its comments.
    const lines = source.split('\n');
    const intro = lines.findIndex((l) => l.startsWith('introduzione:'));
    expect(yaml.split('\n').slice(0, intro - 3)).toEqual(lines.slice(0, intro - 3));
    expect(yaml).toContain(lines.slice(intro - 3, intro + 50).join('\n'));
    expect(yaml).toContain('- milanese # nel piano originale: "Milanesi Fabiola Ester"');
    expect(yaml).toContain('responsabile: ~ # nessun responsabile indicato nel piano ("-")');
    expect(yaml).toContain('  milanese:\n    # Nel "Personale coinvolto" del piano originale è scritto "Milanesi Fabiola Ester": è la stessa persona.');
  });

  it('reports every unreadable cell with its sheet and cell, all at once, and writes nothing', async () => {
    const dir = tmp();
    const xlsx = await exportTo(EXAMPLE, dir);
    let peso = '';
    let termine = '';
    await edit(xlsx, (wb) => {
      const c = cell(wb, 'Obiettivi', rowOf(wb, 'Obiettivi', 'O6'), 'Peso');
      c.value = 'trenta';
      peso = c.address;
      const t = cell(wb, 'Obiettivi', rowOf(wb, 'Obiettivi', 'O7'), 'Termine');
      t.value = 'prima possibile';
      termine = t.address;
      cell(wb, 'Fasi e indicatori', 2, 'Fine').value = '31 giugno';
    });
    const r = await importTo(xlsx, dir);
    expect(r.code).toBe(1);
    expect(r.yaml).toBeUndefined();
    expect(r.err).toContain(`${xlsx}:Obiettivi!${peso}: errore: Peso: serve un numero, trovato "trenta"`);
    expect(r.err).toContain(`${xlsx}:Obiettivi!${termine}: errore: Termine: non riconosciuto`);
    expect(r.err).toContain(`${xlsx}:Fasi e indicatori!F2: errore: Fine: serve una data come 30/06/2024, trovato "31 giugno"`);
    expect(r.err).not.toContain('    at ');
  });

  it('reports the plan\'s own problems at the cells they came from, not at lines of a YAML file', async () => {
    const dir = tmp();
    const xlsx = await exportTo(EXAMPLE, dir);
    const at: Record<string, string> = {};
    await edit(xlsx, (wb) => {
      const resp = cell(wb, 'Obiettivi', rowOf(wb, 'Obiettivi', 'O4'), 'Responsabile');
      resp.value = 'bianchi';
      at.resp = resp.address;
      const descr = cell(wb, 'Obiettivi', rowOf(wb, 'Obiettivi', 'O6'), 'Descrizione');
      descr.value = null;
      at.descr = descr.address;
      const peso = cell(wb, 'Obiettivi', rowOf(wb, 'Obiettivi', 'O7'), 'Peso');
      peso.value = 130;
      at.peso = peso.address;
    });
    const r = await importTo(xlsx, dir);
    expect(r.code).toBe(1);
    expect(r.yaml).toBeUndefined();
    expect(r.err).toMatch(new RegExp(`:Obiettivi!${at.resp}: errore: .*bianchi`));
    expect(r.err).toMatch(new RegExp(`:Obiettivi!${at.descr}: errore: `));
    expect(r.err).toContain(`:Obiettivi!${at.peso}: errore: il peso non può superare 100`);
    expect(r.err).not.toMatch(/\.yaml:\d+:\d+/);
  });

  it('a full name typed instead of the id gets one error at its cell, with the person it means', async () => {
    const dir = tmp();
    const xlsx = await exportTo(EXAMPLE, dir);
    const at: Record<string, string> = {};
    await edit(xlsx, (wb) => {
      const staff = cell(wb, 'Obiettivi', rowOf(wb, 'Obiettivi', 'O6'), 'Personale');
      staff.value = 'Milanese Fabiola Ester';
      at.staff = staff.address;
      const resp = cell(wb, 'Obiettivi', rowOf(wb, 'Obiettivi', 'O4'), 'Responsabile');
      resp.value = 'Vanda Massari';
      at.resp = resp.address;
    });
    const r = await importTo(xlsx, dir);
    expect(r.code).toBe(1);
    const lines = r.err.split('\n');
    expect(lines.filter((l) => l.includes(`:Obiettivi!${at.staff}:`))).toEqual([expect.stringContaining('«Milanese Fabiola Ester» non è nel registro delle persone: forse intendevi «milanese»?')]);
    expect(lines.filter((l) => l.includes(`:Obiettivi!${at.resp}:`))).toEqual([expect.stringContaining('forse intendevi «massari»?')]);
    expect(r.err).not.toContain('aggiungila nel foglio');
  });

  it('gives the examples of a deadline or a date it cannot read in the plan\'s own year', async () => {
    const dir = tmp();
    const xlsx = await exportTo(join(ROOT, 'test/fixtures/enti/comune-coefficienti.yaml'), dir);
    const at: Record<string, string> = {};
    await edit(xlsx, (wb) => {
      const t = cell(wb, 'Obiettivi', 2, 'Termine');
      t.value = 'fine novembre';
      at.termine = t.address;
    });
    const r = await importTo(xlsx, dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`:Obiettivi!${at.termine}: errore: Termine: non riconosciuto: scrivi "entro il 30/06/2025", "anno 2025", "dal 01/03/2025 al 30/09/2025"`);
    expect(r.err).not.toContain('2024');
  });

  it('reads a workbook without its plan file (made by hand): the plan written anew, what to complete listed', async () => {
    const dir = tmp();
    const xlsx = await exportTo(EXAMPLE, dir);
    await edit(xlsx, (wb) => wb.removeWorksheet(wb.getWorksheet('piao')!.id));
    const r = await importTo(xlsx, dir);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('non porta con sé il file del piano');
    expect(r.err).toContain('da completare nel file YAML');
    const data = readPlanData(r.yaml!);
    const original = readPlanData(readFileSync(EXAMPLE, 'utf8'));
    expect(data.persone).toEqual(original.persone);
    // The sheets hold every field of the settori but the order of names in their part of the document.
    for (const c of original.centri as Record<string, unknown>[]) delete c.ordine_nomi;
    expect(data.centri).toEqual(original.centri);
  });
});

describe('piao export --consuntivo, then piao import', () => {
  it('writes the results into the "consuntivo" fields, the rest of the file unchanged', async () => {
    const dir = tmp();
    const xlsx = await exportTo(EXAMPLE, dir, '--consuntivo');
    await edit(xlsx, (wb) => {
      const row = rowOf(wb, 'Risultati obiettivi', 'O6');
      cell(wb, 'Risultati obiettivi', row, 'Raggiungimento %').value = 75;
      cell(wb, 'Risultati obiettivi', row, 'Scostamento').value = 'Integrazione completata a settembre.';
      cell(wb, 'Risultati obiettivi', row, 'Evidenze').value = 'Attestazione ANSC\nDeterminazione n. 50';
      const ph = rowOf(wb, 'Risultati fasi e indicatori', 'O6');
      cell(wb, 'Risultati fasi e indicatori', ph, 'Completata il').value = new Date(Date.UTC(2024, 8, 30));
      let ind = 0;
      wb.getWorksheet('Risultati fasi e indicatori')!.eachRow((r, n) => {
        if (r.getCell(1).value === 'O6' && r.getCell(2).value === 'indicatore') ind = n;
      });
      cell(wb, 'Risultati fasi e indicatori', ind, 'Valore misurato').value = '98,5';
      cell(wb, 'Risultati fasi e indicatori', ind, 'Data della rilevazione').value = '31/12/2024';
    });
    const r = await importTo(xlsx, dir, 'con-risultati.yaml');
    expect(r.code, r.err).toBe(0);
    const plan = parsePlan(r.yaml!, 'x.yaml');
    const o = plan.centri[0]!.servizi[1]!.gruppi[0]!.obiettivi[0]!;
    expect(o.consuntivo).toEqual({ raggiungimento: 75, scostamento: 'Integrazione completata a settembre.', evidenze: ['Attestazione ANSC', 'Determinazione n. 50'] });
    expect(o.fasi[0]).toEqual({ descrizione: 'Avvio della procedura di integrazione in ANSC', consuntivo: { completata_il: '2024-09-30' } });
    expect(JSON.parse(JSON.stringify(o.indicatori[0]))).toEqual({ nome: 'Completamento dell\'integrazione degli atti di stato civile in ANSC', consuntivo: { valore: 98.5, data: '2024-12-31' } });
    const source = readFileSync(EXAMPLE, 'utf8').split('\n');
    const out = r.yaml!.split('\n');
    expect(out.slice(0, 165)).toEqual(source.slice(0, 165));
    expect(out.slice(-300)).toEqual(source.slice(-300));
  });

  it('with --responsabile holds only that person\'s objectives, with the plan\'s facts locked', async () => {
    const dir = tmp();
    const r = await cli(['export', EXAMPLE, '--consuntivo', '--responsabile', 'massari', '-o', join(dir, 'm.xlsx')]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('(5 obiettivi)');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'm.xlsx'));
    const ws = wb.getWorksheet('Risultati obiettivi')!;
    const people = new Set<unknown>();
    ws.eachRow((row, n) => n > 1 && people.add(cell(wb, 'Risultati obiettivi', n, 'Responsabile').value));
    expect([...people]).toEqual(['massari']);
    expect(cell(wb, 'Risultati obiettivi', 2, 'Obiettivo').protection?.locked).not.toBe(false);
    expect(cell(wb, 'Risultati obiettivi', 2, 'Raggiungimento %').protection).toMatchObject({ locked: false });
  });

  it('reports a wrong result at its cell', async () => {
    const dir = tmp();
    const xlsx = await exportTo(EXAMPLE, dir, '--consuntivo');
    const at: string[] = [];
    await edit(xlsx, (wb) => {
      const a = cell(wb, 'Risultati obiettivi', rowOf(wb, 'Risultati obiettivi', 'O4'), 'Raggiungimento %');
      a.value = 'cento';
      const b = cell(wb, 'Risultati obiettivi', rowOf(wb, 'Risultati obiettivi', 'O5'), 'Raggiungimento %');
      b.value = 150;
      const c = cell(wb, 'Risultati fasi e indicatori', rowOf(wb, 'Risultati fasi e indicatori', 'O4'), 'Valore misurato');
      c.value = 5;
      at.push(a.address, b.address, c.address);
    });
    let r = await importTo(xlsx, dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`:Risultati obiettivi!${at[0]}: errore: Raggiungimento %: serve un numero, trovato "cento"`);
    expect(r.err).toContain(`:Risultati fasi e indicatori!${at[2]}: errore: il valore misurato e la data della rilevazione sono per gli indicatori`);
    await edit(xlsx, (wb) => {
      wb.getWorksheet('Risultati obiettivi')!.getCell(at[0]!).value = 100;
      wb.getWorksheet('Risultati fasi e indicatori')!.getCell(at[2]!).value = null;
    });
    r = await importTo(xlsx, dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`:Risultati obiettivi!${at[1]}: errore: il raggiungimento va da 0 a 100`);
  });

  it('greys the measured value of an indicator without a target, notes it at the cell when written anyway, and says to run relazione next', async () => {
    const dir = tmp();
    const xlsx = await exportTo(EXAMPLE, dir, '--consuntivo');
    let at = '';
    await edit(xlsx, (wb) => {
      let ind = 0;
      wb.getWorksheet('Risultati fasi e indicatori')!.eachRow((r, n) => {
        if (r.getCell(1).value === 'O6' && r.getCell(2).value === 'indicatore') ind = n;
      });
      const sheet = 'Risultati fasi e indicatori';
      // The indicator has no target: nothing to compare a measured value with.
      expect(cell(wb, sheet, ind, 'Previsto').value).toBe('nessun target: indica il Raggiungimento %');
      const valore = cell(wb, sheet, ind, 'Valore misurato');
      expect(valore.protection?.locked).not.toBe(false);
      expect(JSON.stringify(valore.fill)).toContain('solid');
      expect(cell(wb, sheet, ind, 'Raggiungimento %').protection).toMatchObject({ locked: false });
      // Written anyway (the sheet's protection has no password).
      valore.value = 26;
      at = valore.address;
    });
    const yaml = join(dir, 'con-valore.yaml');
    const r = await cli(['import', xlsx, '-o', yaml]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain(`: Risultati fasi e indicatori!${at}: avviso: questo indicatore non ha un target numerico: indica il Raggiungimento %`);
    expect(r.out).toContain(`Ora: piao check ${yaml} && piao relazione ${yaml}`);
  });

  it('with --piano puts two responsabili\'s workbooks into one plan', async () => {
    const dir = tmp();
    const one = join(dir, 'pagani.xlsx');
    const two = join(dir, 'massari.xlsx');
    expect((await cli(['export', EXAMPLE, '--consuntivo', '--responsabile', 'pagani', '-o', one])).code).toBe(0);
    expect((await cli(['export', EXAMPLE, '--consuntivo', '--responsabile', 'massari', '-o', two])).code).toBe(0);
    for (const f of [one, two]) await edit(f, (wb) => (cell(wb, 'Risultati obiettivi', 2, 'Raggiungimento %').value = 90));
    const first = await importTo(one, dir, 'p1.yaml');
    expect(first.code, first.err).toBe(0);
    const second = await importTo(two, dir, 'p2.yaml', '--piano', first.out);
    expect(second.code, second.err).toBe(0);
    expect(second.yaml!.match(/raggiungimento: 90/g)).toHaveLength(2);
    const same = await cli(['import', two, '--piano', first.out, '-o', first.out, '--force']);
    expect(same.code).toBe(2);
    expect(same.err).toContain('non viene sovrascritto');
  });
});

describe('piao import of a .ods workbook', () => {
  it('without LibreOffice says how to save it as .xlsx, and writes nothing', async () => {
    const dir = tmp();
    const ods = join(dir, 'piano.ods');
    writeFileSync(ods, 'PK\u0003\u0004');
    const path = process.env.PATH;
    process.env.PATH = dir;
    try {
      const r = await cli(['import', ods, '-o', join(dir, 'piano.yaml')]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/piano\.ods:1:1: errore: per leggere un foglio di calcolo \.ods serve LibreOffice \(il comando «soffice»\), che non è installato: .*salvalo come \.xlsx/);
      expect(existsSync(join(dir, 'piano.yaml'))).toBe(false);
    } finally {
      process.env.PATH = path;
    }
  });
});

describe('piao export: usage and exit codes', () => {
  it('says what is wrong, with exit code 2 for usage and 1 for the data', async () => {
    const dir = tmp();
    let r = await cli(['export']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('indica il file del piano');
    r = await cli(['export', EXAMPLE, '--xlsx', '--consuntivo']);
    expect(r.code).toBe(2);
    r = await cli(['export', EXAMPLE, '--consuntivo', '--responsabile', 'nessuno', '-o', join(dir, 'x.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('«nessuno» non è nel registro');
    r = await cli(['export', EXAMPLE, '-o', join(dir, 'x.txt')]);
    expect(r.code).toBe(2);
    const out = await exportTo(EXAMPLE, dir);
    r = await cli(['export', EXAMPLE, '-o', out]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('il file esiste già');
    r = await cli(['export', join(ROOT, 'test/fixtures/invalid/yaml-ancora-inesistente.yaml'), '-o', join(dir, 'y.xlsx')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/yaml-ancora-inesistente\.yaml:\d+:\d+: errore/);
    expect(existsSync(join(dir, 'y.xlsx'))).toBe(false);
  });

  it('refuses a file that is not a workbook, with exit code 1', async () => {
    const dir = tmp();
    const fake = join(dir, 'finto.xlsx');
    await import('node:fs').then((fs) => fs.writeFileSync(fake, 'non sono un foglio di calcolo'));
    const r = await importTo(fake, dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('finto.xlsx: errore: non è un foglio di calcolo .xlsx');
  });
});

describe('the columns\' notes', () => {
  it('give the deadline examples in the plan\'s own year', async () => {
    const dir = tmp();
    const xlsx = await exportTo(WITH_RECALLS, dir);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const header = wb.getWorksheet('Obiettivi')!.getRow(1);
    let note = '';
    header.eachCell((c) => {
      if (c.value === 'Termine') note = String(c.note);
    });
    expect(note).toContain('"entro il 30/06/2025", "anno 2025"');
    expect(note).not.toContain('{anno}');
  });
});
