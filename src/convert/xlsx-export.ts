/**
 * `piao export`: a plan as a workbook the staff fill in (sheets "Obiettivi", "Fasi e indicatori",
 * "Persone", "Settori e servizi"), or the year-end results workbook (`--consuntivo`: the plan's
 * facts read-only, the results to write). Recalls are rows as they are written, never expanded.
 * The plan file itself travels in a very hidden sheet, so that `piao import` can apply the
 * sheets onto it and keep every comment and everything the sheets do not show. Same data → same
 * bytes: the dates are the plan's, the package is zipped again in a fixed order.
 */
import ExcelJS from 'exceljs';
import { LineCounter, parseDocument } from 'yaml';
import { type Diagnostic, formatPath, InputError } from '../plan/diagnostics.js';
import { parsePlan } from '../plan/load.js';
import { rawObjectivesOf, asArray, asObject, type RawObject, type PlacedObjective } from '../plan/walk.js';
import { documentDate } from '../render/document-meta.js';
import { unzipPackage, zipPackage } from '../writers/docx-package.js';
import { readPlanData } from './plan-yaml.js';
import {
  type Column, FORMAT, NO, NO_TARGET, OBIETTIVI_COLUMNS, PERSONE_COLUMNS, PLAIN_KEYS, RISULTATI_COLUMNS, RISULTATI_VOCI_COLUMNS, SEGRETARIO, SETTORI_COLUMNS, SHEETS,
  UNITA, VOCI, VOCI_COLUMNS, WEIGHT_KINDS, YES, cellDate, italianDate, termineText,
} from './xlsx-layout.js';

export type WorkbookKind = 'piano' | 'consuntivo';

export interface ExportOptions {
  kind: WorkbookKind;
  /** Results workbook: only the objectives this person answers for. */
  responsabile?: string;
}

type Row = Record<string, unknown>;

/** Rows of empty cells left ready (with their drop-down lists) under the data. */
const SPARE_ROWS = 100;
const HEADER_FILL = 'FFD9E2F3';
const READ_ONLY_FILL = 'FFEDEDED';
/** Cells of a hidden sheet hold at most 32767 characters. */
const CHUNK = 30000;

/** The rows' codes ("O1", "O2"…) and the path of the objective each stands for. */
export interface Placed {
  rif: string;
  placed: PlacedObjective<RawObject, RawObject, RawObject, RawObject>;
}

/** Every objective of the raw plan with its row code, in document order. */
export function placedObjectives(raw: unknown): Placed[] {
  return rawObjectivesOf(raw).map((placed, i) => ({ rif: `O${i + 1}`, placed }));
}

/** The person an objective's results are asked of. */
function responsabileOf(p: Placed['placed'], raw: RawObject): string | undefined {
  const own = p.obiettivo.responsabile;
  if (typeof own === 'string') return own;
  if (p.group.segretario) return asObject(raw.segretario).persona as string | undefined;
  return (p.group.centro?.responsabile as string | null | undefined) ?? undefined;
}

/** Writes the workbook of a plan file's text (valid: the caller loaded it). Returns the bytes and how many objectives it holds. */
export async function exportWorkbook(source: string, file: string, options: ExportOptions): Promise<{ data: Buffer; objectives: number }> {
  const plan = parsePlan(source, file);
  const raw = readPlanData(source);
  refuseLongTexts(source, raw, file);
  const date = documentDate(plan);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'piao';
  wb.lastModifiedBy = 'piao';
  wb.created = date;
  wb.modified = date;

  const all = placedObjectives(raw);
  let chosen = all;
  if (options.kind === 'consuntivo' && options.responsabile) chosen = all.filter((p) => responsabileOf(p.placed, raw) === options.responsabile);

  if (options.kind === 'piano') writePlanSheets(wb, raw, all);
  else writeResultSheets(wb, raw, chosen);

  const hidden = wb.addWorksheet(SHEETS.sorgente, { state: 'veryHidden' });
  hidden.addRow(['formato', FORMAT]);
  hidden.addRow(['tipo', options.kind]);
  const b64 = Buffer.from(source, 'utf8').toString('base64');
  for (let i = 0; i < b64.length; i += CHUNK) hidden.addRow(['yaml', b64.slice(i, i + CHUNK)]);
  for (const p of all) hidden.addRow(['riga', p.rif, formatPath(p.placed.path)]);

  yearInNotes(wb, plan.piano.anno);
  escapeTexts(wb);
  const written = new Uint8Array(await wb.xlsx.writeBuffer());
  const files = unzipPackage(written);
  const sheets = Object.keys(files).filter((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name));
  return { data: zipPackage(files, date, Object.fromEntries(sheets.map((name) => [name, withoutOverlaps]))), objectives: chosen.length };
}

/**
 * exceljs joins a column's equal drop-down lists into ranges, visiting the cells in the text order
 * of their addresses ("B10" before "B2"): it writes B10:B124 and then B2:B124 over it. Excel
 * refuses overlapping validations (it "repairs" the file): keep only the range that holds the other.
 */
export function withoutOverlaps(xml: string): string {
  const re = /<dataValidation [^>]*?sqref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"[^>]*>[\s\S]*?<\/dataValidation>/g;
  const all = [...xml.matchAll(re)].map((m) => ({
    text: m[0], same: m[0].replace(/sqref="[^"]*"/, ''), col: m[1]!, col2: m[3] ?? m[1]!, top: Number(m[2]), bottom: Number(m[4] ?? m[2]),
  }));
  const inside = all.filter((a) => all.some((b) => b !== a && b.same === a.same && b.col === a.col && b.col2 === a.col2 && b.top <= a.top && b.bottom >= a.bottom && (b.top < a.top || b.bottom > a.bottom)));
  if (inside.length === 0) return xml;
  let out = xml;
  for (const a of inside) out = out.replace(a.text, '');
  return out.replace(/<dataValidations count="\d+">/, `<dataValidations count="${all.length - inside.length}">`);
}

/** The most characters a cell holds in Excel (and in Calc, which cuts the rest when it saves). */
export const MAX_CELL_TEXT = 32767;

/**
 * A text longer than a cell holds would come back cut after a save in Excel or Calc: refused,
 * each at its line of the plan file, with what to do.
 */
function refuseLongTexts(source: string, raw: unknown, file: string): void {
  const found: Diagnostic[] = [];
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter });
  const walk = (v: unknown, path: (string | number)[]): void => {
    if (typeof v === 'string' && v.length > MAX_CELL_TEXT) {
      const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
      const pos = node?.range ? lineCounter.linePos(node.range[0]) : { line: 1, col: 1 };
      found.push({
        severity: 'errore', code: 'export.testo-lungo', file, line: pos.line, col: pos.col, path: formatPath(path),
        message: `il testo è lungo ${v.length.toLocaleString('it-IT')} caratteri: una cella di Excel o Calc ne tiene al massimo ${MAX_CELL_TEXT.toLocaleString('it-IT')} (il resto andrebbe perso al primo salvataggio); accorcialo, o dividilo (ad esempio una parte nella descrizione e una in un altro campo)`,
      });
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(raw, []);
  if (found.length > 0) throw new InputError(found);
}

/**
 * In a workbook's XML, "_x0041_" stands for the character 0x41 ("A"): a text that holds such a
 * sequence itself is written with its "_" as "_x005F_", as Excel does, so that it comes back as written.
 */
export function escapeXstring(text: string): string {
  return text.replace(/_(?=x[0-9A-Fa-f]{4}_)/g, '_x005F_');
}

/** The columns' notes give their examples in the plan's own year ("entro il 30/06/{anno}"). */
function yearInNotes(wb: ExcelJS.Workbook, anno: number): void {
  wb.eachSheet((ws) => ws.getRow(1).eachCell((cell) => {
    if (typeof cell.note === 'string' && cell.note.includes('{anno}')) cell.note = cell.note.replaceAll('{anno}', String(anno));
  }));
}

function escapeTexts(wb: ExcelJS.Workbook): void {
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => {
    if (typeof cell.value === 'string' && cell.value.includes('_x')) cell.value = escapeXstring(cell.value);
  })));
}

/* ---------- the plan workbook ---------- */

function writePlanSheets(wb: ExcelJS.Workbook, raw: RawObject, placed: Placed[]): void {
  const centri = asArray(raw.centri).map(asObject);
  const persone = asObject(raw.persone);
  const settori = [...(raw.segretario ? [SEGRETARIO] : []), ...centri.map((c) => String(c.nome ?? ''))];
  const servizi = [...new Set(centri.flatMap((c) => asArray(c.servizi).map((s) => String(asObject(s).nome ?? ''))))];

  const listColumns: [string, string[]][] = [
    ['settori', settori], ['persone', Object.keys(persone)], ['pesi', [...WEIGHT_KINDS]], ['siNo', [YES, NO]], ['servizi', servizi],
    ['voci', Object.values(VOCI)], ['unita', Object.values(UNITA)], ['polarita', ['crescente', 'decrescente']],
  ];
  const ranges: Record<string, string> = {};
  listColumns.forEach(([name, values], i) => {
    const letter = String.fromCharCode(65 + i);
    ranges[name] = `${SHEETS.elenchi}!$${letter}$2:$${letter}$${Math.max(2, values.length + 1)}`;
  });
  const flag = ranges.siNo!;
  // People are chosen from the sheet "Persone" itself, so that one added there can be chosen at once.
  ranges.persone = `${SHEETS.persone}!$A$2:$A$${Object.keys(persone).length + 1 + SPARE_ROWS}`;

  const obiettivi = placed.map(({ rif, placed: p }) => objectiveRow(rif, p));
  addSheet(wb, SHEETS.obiettivi, OBIETTIVI_COLUMNS, obiettivi, {
    settore: ranges.settori!, servizio: ranges.servizi!, responsabile: ranges.persone!, peso_tipo: ranges.pesi!,
    comune: flag, tempi_pagamento: flag, formazione: flag, prerequisito: flag, rilevante_valutazione: flag,
  });

  const voci = placed.flatMap(({ rif, placed: p }) => itemRows(rif, p.obiettivo));
  addSheet(wb, SHEETS.voci, VOCI_COLUMNS, voci, { voce: ranges.voci!, polarita: ranges.polarita! });

  const people = Object.entries(persone).map(([id, v]) => ({ ...pick(asObject(v), PERSONE_COLUMNS), id }));
  addSheet(wb, SHEETS.persone, PERSONE_COLUMNS, people, {});

  const units = centri.flatMap((c) => [
    { unita: UNITA.settore, id: c.id, nome: c.nome, responsabile: c.responsabile ?? undefined, personale: c.personale, paga_fatture: c.paga_fatture, intestazione: c.intestazione },
    ...asArray(c.servizi).map(asObject).map((s) => ({ unita: UNITA.servizio, nome: s.nome, funzioni: s.funzioni })),
  ]);
  const ws = addSheet(wb, SHEETS.settori, SETTORI_COLUMNS, units, { unita: ranges.unita!, responsabile: ranges.persone!, paga_fatture: flag });
  // A settore's row in bold, its servizi under it.
  units.forEach((u, i) => {
    if (u.unita === UNITA.settore) ws.getRow(i + 2).font = { bold: true };
  });

  // The drop-down lists' values, on a hidden sheet after the others.
  const lists = wb.addWorksheet(SHEETS.elenchi, { state: 'hidden' });
  listColumns.forEach(([name, values], i) => {
    lists.getColumn(i + 1).values = [name, ...values];
  });
}

function pick(o: RawObject, columns: Column[]): Row {
  return Object.fromEntries(columns.filter((col) => o[col.key] !== undefined).map((col) => [col.key, o[col.key]]));
}

function placeOf(p: Placed['placed']): Row {
  const gi = p.group.gruppo ? Number(p.group.path[5]) + 1 : undefined;
  return {
    settore: p.group.segretario ? SEGRETARIO : p.group.centro?.nome,
    servizio: p.group.servizio?.nome,
    gruppo: gi,
    titolo_gruppo: p.group.gruppo?.titolo,
  };
}

function objectiveRow(rif: string, p: Placed['placed']): Row {
  const o = p.obiettivo;
  const row: Row = { rif, ...placeOf(p) };
  for (const key of PLAIN_KEYS) if (o[key] !== undefined) row[key] = o[key];
  const t = o.termine;
  if (t && typeof t === 'object') {
    row.termine = termineText(t as RawObject);
    row.termine_nota = (t as RawObject).nota;
  }
  const peso = asObject(o.peso);
  const kind = WEIGHT_KINDS.find((k) => k in peso);
  if (kind) {
    row.peso_tipo = kind;
    row.peso_valore = peso[kind] ?? undefined;
  }
  if (typeof o.risorse === 'string') row.risorse = o.risorse;
  else if (o.risorse && typeof o.risorse === 'object') {
    const r = o.risorse as RawObject;
    Object.assign(row, { risorse_umane: r.umane, risorse_strumentali: r.strumentali, risorse_finanziarie: r.finanziarie });
  }
  return row;
}

/** The objective's phases, indicators and other rows, each a row of "Fasi e indicatori". */
function itemRows(rif: string, o: RawObject): Row[] {
  const rows: Row[] = [];
  for (const f of asArray(o.fasi)) {
    if (typeof f === 'string') rows.push({ rif, voce: VOCI.fase, testo: f });
    else {
      const x = asObject(f);
      rows.push({ rif, voce: VOCI.fase, testo: x.descrizione, peso: x.peso, inizio: x.inizio, fine: x.fine, output: x.output });
    }
  }
  for (const ind of asArray(o.indicatori)) {
    if (typeof ind === 'string') rows.push({ rif, voce: VOCI.indicatore, testo: ind });
    else {
      const x = asObject(ind);
      const target = asArray(x.target);
      rows.push({
        rif, voce: VOCI.indicatore, testo: x.nome, peso: x.peso, tipo: x.tipo, dimensione: x.dimensione, formula: x.formula, unita: x.unita,
        polarita: x.polarita, baseline: x.baseline, target_1: target[0], target_2: target[1], target_3: target[2], fonte: x.fonte,
      });
    }
  }
  for (const a of asArray(o.altri_campi)) rows.push({ rif, voce: VOCI.campo, testo: asObject(a).etichetta, valore: asObject(a).valore });
  return rows;
}

/* ---------- the results workbook ---------- */

function writeResultSheets(wb: ExcelJS.Workbook, raw: RawObject, placed: Placed[]): void {
  const rows = placed.map(({ rif, placed: p }) => {
    const o = p.obiettivo;
    const c = asObject(o.consuntivo);
    const original = o.richiama ? placed.find((q) => q.placed.obiettivo.id === o.richiama)?.placed.obiettivo : undefined;
    const fact = (k: string) => o[k] ?? original?.[k];
    const t = fact('termine');
    return {
      rif, settore: placeOf(p).settore, servizio: placeOf(p).servizio, titolo: fact('titolo'), responsabile: responsabileOf(p, raw), target: fact('target'),
      termine: t && typeof t === 'object' ? termineText(t as RawObject) : undefined,
      raggiungimento: c.raggiungimento, motivazione: c.motivazione, scostamento: c.scostamento, evidenze: c.evidenze, non_valutabile: c.non_valutabile,
    };
  });
  addSheet(wb, SHEETS.risultati, RISULTATI_COLUMNS, rows, {}, { protect: true });

  const items = placed.flatMap(({ rif, placed: p }) => {
    const o = p.obiettivo;
    const out: Row[] = [];
    asArray(o.fasi).forEach((f, i) => {
      const x = typeof f === 'string' ? { descrizione: f } : asObject(f);
      const c = asObject(x.consuntivo);
      out.push({ rif, voce: VOCI.fase, n: i + 1, testo: x.descrizione, previsto: typeof x.fine === 'string' ? italianDate(x.fine) : undefined, raggiungimento: c.raggiungimento, completata_il: c.completata_il, nota: c.nota });
    });
    asArray(o.indicatori).forEach((ind, i) => {
      const x = typeof ind === 'string' ? { nome: ind } : asObject(ind);
      const c = asObject(x.consuntivo);
      const t = asArray(x.target)[0];
      out.push({ rif, voce: VOCI.indicatore, n: i + 1, testo: x.nome, previsto: t === undefined ? NO_TARGET : String(t), raggiungimento: c.raggiungimento, valore: c.valore, data: c.data, nota: c.nota });
    });
    return out;
  });
  const ws = addSheet(wb, SHEETS.risultatiVoci, RISULTATI_VOCI_COLUMNS, items, {}, { protect: true });
  // What a row does not take (a phase has no measured value, an indicator no completion day, one
  // without a target nothing to compare a value with): grey and locked.
  items.forEach((item, i) => {
    for (const key of item.voce === VOCI.fase ? ['valore', 'data'] : item.previsto === NO_TARGET ? ['completata_il', 'valore', 'data'] : ['completata_il']) {
      const cell = ws.getCell(i + 2, RISULTATI_VOCI_COLUMNS.findIndex((col) => col.key === key) + 1);
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: READ_ONLY_FILL } };
      cell.protection = { locked: true };
    }
  });
}

/* ---------- writing one sheet ---------- */

/** Lists whose values a person may add elsewhere in the workbook. */
const OPEN_LISTS = new Set(['settore', 'servizio', 'responsabile']);

/** A row is at most this many lines high (the rest is seen in the cell or the formula bar). */
const MAX_LINES = 12;

/** The lines a text takes wrapped in a column of this width (in characters). */
function lines(text: string, width: number): number {
  return text.split('\n').reduce((n, l) => n + Math.max(1, Math.ceil((l.length * 1.1) / Math.max(1, width - 1))), 0);
}

function cellValue(col: Column, v: unknown): ExcelJS.CellValue {
  if (v === undefined || v === null) return null;
  switch (col.kind) {
    case 'flag':
      return v === true ? YES : v === false ? NO : String(v);
    case 'ids':
      return Array.isArray(v) ? v.join(', ') : String(v);
    case 'lines':
      return Array.isArray(v) ? v.join('\n') : String(v);
    case 'date':
      return typeof v === 'string' ? cellDate(v) : String(v);
    case 'value':
      if (typeof v === 'boolean') return v ? YES : NO;
      return typeof v === 'number' ? v : String(v);
    case 'int':
    case 'number':
      return typeof v === 'number' ? v : String(v);
    default:
      return typeof v === 'string' ? v : String(v);
  }
}

function addSheet(wb: ExcelJS.Workbook, name: string, columns: Column[], rows: Row[], lists: Record<string, string>, opts: { protect?: boolean } = {}): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  ws.columns = columns.map((col) => ({ key: col.key, width: col.width }));
  const header = ws.getRow(1);
  columns.forEach((col, i) => {
    const cell = header.getCell(i + 1);
    cell.value = col.header;
    cell.note = col.note;
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    cell.alignment = { wrapText: true, vertical: 'top' };
  });
  header.height = 15 * Math.min(3, Math.max(...columns.map((col) => lines(col.header, col.width))));
  rows.forEach((r, ri) => {
    const row = ws.getRow(ri + 2);
    let height = 1;
    columns.forEach((col, i) => {
      const v = cellValue(col, r[col.key]);
      row.getCell(i + 1).value = v;
      if (typeof v === 'string') height = Math.max(height, lines(v, col.width));
    });
    // Neither Excel nor Calc fits a row's height to wrapped text when opening a file: set it here.
    row.height = 15 * Math.min(MAX_LINES, height);
  });
  const last = rows.length + 1 + (opts.protect ? 0 : SPARE_ROWS);
  columns.forEach((col, i) => {
    const column = ws.getColumn(i + 1);
    for (let r = 2; r <= last; r++) {
      const cell = ws.getCell(r, i + 1);
      cell.alignment = { wrapText: true, vertical: 'top' };
      if (col.kind === 'date') cell.numFmt = 'dd/mm/yyyy';
      if (opts.protect) {
        if (col.readOnly) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: READ_ONLY_FILL } };
        else cell.protection = { locked: false };
      }
      const list = lists[col.key];
      // A settore, servizio or person added by hand in its sheet is not in the list yet: warned about, not refused.
      const open = OPEN_LISTS.has(col.key);
      if (list) cell.dataValidation = {
        type: 'list', allowBlank: true, formulae: [list], showErrorMessage: true, errorStyle: open ? 'warning' : 'stop', errorTitle: col.header,
        error: open ? `Non è nell'elenco (${col.header}): va bene se l'hai appena aggiunto nel suo foglio.` : `Scegli un valore dall'elenco (${col.header}).`,
      };
      else if (col.kind === 'number' && col.key === 'raggiungimento') cell.dataValidation = { type: 'decimal', operator: 'between', allowBlank: true, formulae: [0, 100], showErrorMessage: true, error: 'Un numero da 0 a 100.' };
    }
    void column;
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  // On paper: A4 landscape, the header row on every page; a narrow sheet one page wide; a wide one in
  // column bands, each with the row code, the bands of the same rows one after the other (across,
  // then down); the sheet's name and the page at the foot. (For a paper per responsabile the schede
  // of `piao build --split` are the right tool.)
  ws.pageSetup = {
    paperSize: 9, orientation: 'landscape', printTitlesRow: '1:1', fitToPage: columns.length <= 12, fitToWidth: 1, fitToHeight: 0,
    ...(columns.length > 12 && { printTitlesColumn: 'A:A', pageOrder: 'overThenDown' as const }),
  };
  ws.headerFooter = { oddFooter: '&A – pagina &P di &N' };
  if (opts.protect) void ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true, autoFilter: true, sort: true });
  return ws;
}
