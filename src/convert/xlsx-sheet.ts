/**
 * Reading a sheet of a workbook the staff filled in: columns found by their header (so a column
 * moved or added by hand does not matter), each cell read by its column's kind into plan data or
 * into a located Italian problem ("Obiettivi!F12: peso: serve un numero, trovato «trenta»"),
 * every problem kept so that all are reported at once.
 */
import type ExcelJS from 'exceljs';
import type { Diagnostic } from '../plan/diagnostics.js';
import { type Column, NO, YES, dateOfCell, italianDate, looksLikeDate, parseDate, parseTermine } from './xlsx-layout.js';

export class Problems {
  readonly list: Diagnostic[] = [];
  /** The plan's year, when known: the examples of a date or deadline are written in it. */
  anno?: number;
  /**
   * A problem with the workbook's shape (a sheet, a header row or a column missing, cells merged):
   * the plan cannot be put together from it, so it is not validated either.
   */
  broken = false;
  constructor(readonly file: string) {}
  add(cell: string, message: string, code = 'xlsx.valore'): void {
    this.list.push({ severity: 'errore', code, file: this.file, cell, line: 0, col: 0, path: '', message });
  }
  /** A problem with the workbook's shape (see `broken`). */
  shape(cell: string, message: string, code = 'xlsx.forma'): void {
    this.broken = true;
    this.add(cell, message, code);
  }
}

/** One row of a sheet: its cells by column key. */
export interface SheetRow {
  number: number;
  /** The cell's address ("Obiettivi!F12") of a column, or of the row's first cell when the sheet lacks that column. */
  at(key: string): string;
  /** Whether the sheet has this column (a workbook made by hand may leave some out). */
  has(key: string): boolean;
  /** The cell's value read by its column's kind; undefined when empty or unreadable (the problem recorded). */
  get(key: string): unknown;
  /** The cell's text as typed, trimmed ("" when empty). */
  text(key: string): string;
}

/** At most this many rows are read from a sheet (a Comune's plan has a few hundred). */
export const MAX_ROWS = 20000;

/** Columns whose cell holds a percentage: "80%" typed in Excel or Calc is kept as 0.8 shown with a percent format. */
const PERCENT_KEYS = new Set(['peso', 'peso_valore', 'raggiungimento']);

const quote = (s: string) => `"${s.length > 60 ? `${s.slice(0, 57)}…` : s}"`;

/** A formula's error result (#N/A, #DIV/0!…) as the cell shows it. */
interface CellError {
  error: string;
}
const isError = (v: unknown): v is CellError => typeof v === 'object' && v !== null && !(v instanceof Date) && 'error' in v;

/** What a cell holds as a plain value: texts of rich text joined, a formula's result, a link's text. */
function plain(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return undefined;
  if (v instanceof Date || typeof v !== 'object') return typeof v === 'string' ? v.replace(/\r\n?/g, '\n') : v;
  if ('richText' in v) return v.richText.map((r) => r.text).join('').replace(/\r\n?/g, '\n');
  if ('formula' in v || 'sharedFormula' in v) return plain((v as { result?: ExcelJS.CellValue }).result ?? null);
  if ('hyperlink' in v) return plain((v as { text: ExcelJS.CellValue }).text);
  if ('error' in v) return { error: String((v as { error: unknown }).error) } satisfies CellError;
  return undefined;
}

/** A spreadsheet's day number (days since 30 December 1899) as a date. */
function serialDate(n: number): string | undefined {
  if (!Number.isInteger(n) || n < 1 || n > 2958465) return undefined;
  return new Date(Date.UTC(1899, 11, 30) + n * 86400000).toISOString().slice(0, 10);
}

/** A date cell in a text column ("31/12/2025" typed, turned into a date by Excel or Calc): the date as it was typed. */
const asText = (v: unknown): string =>
  v instanceof Date ? italianDate(dateOfCell(v)) : typeof v === 'boolean' ? (v ? YES : NO) : isError(v) ? v.error : String(v);

/**
 * Reads a sheet by its header row; rows with every known cell empty are skipped. A header row
 * that names none of the columns, or lacks one of `required` (a column deleted or its header
 * retyped), is a problem of the workbook's shape: read as it is, every row would lose that value.
 */
export function readSheet(ws: ExcelJS.Worksheet, columns: Column[], problems: Problems, required: readonly string[] = []): SheetRow[] {
  const name = ws.name;
  const byHeader = new Map(columns.map((c) => [norm(c.header), c]));
  const kinds = new Map(columns.map((c) => [c.key, c]));
  const index = new Map<string, number>();
  const unknown: string[] = [];
  const twice: string[] = [];
  ws.getRow(1).eachCell({ includeEmpty: false }, (cell, col) => {
    const text = asText(plain(cell.value) ?? '').trim();
    const c = byHeader.get(norm(text));
    if (c && !index.has(c.key)) index.set(c.key, col);
    else if (c) twice.push(`${name}!${cell.address}`);
    else if (text) unknown.push(`${quote(text)} in ${cell.address}`);
  });
  // Two columns with one header: which one holds the values?
  for (const at of twice) problems.shape(at, `questa intestazione c'è già in un'altra colonna: tieni una colonna sola per ogni intestazione`, 'xlsx.colonna');
  if (index.size === 0) {
    problems.shape(`${name}!A1`, `manca la riga di intestazione: la prima riga del foglio "${name}" deve avere i titoli delle colonne ("${columns[0]!.header}", "${columns[1]!.header}", …) come li ha scritti "piao export"`, 'xlsx.intestazione');
    return [];
  }
  const others = unknown.length > 0 ? `; intestazioni non riconosciute: ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ', …' : ''}` : '';
  for (const key of required) {
    if (!index.has(key)) problems.shape(`${name}!A1`, `manca la colonna "${kinds.get(key)!.header}" (tolta, o la sua intestazione è stata cambiata${others}): rimetti la colonna con l'intestazione com'era, altrimenti i suoi valori andrebbero persi`, 'xlsx.colonna');
  }

  const found: ExcelJS.Row[] = [];
  let count = 0;
  // Only the rows the file has (a stray cell at row 1.048.576 is one row, not a million).
  ws.eachRow((row, r) => {
    if (r > 1 && count++ < MAX_ROWS) found.push(row);
  });
  if (count > MAX_ROWS) {
    problems.shape(`${name}!A${found.at(-1)!.number + 1}`, `il foglio ha più di ${MAX_ROWS.toLocaleString('it-IT')} righe compilate: togli le righe che non fanno parte del piano (anche celle isolate in fondo al foglio)`, 'xlsx.righe');
    return [];
  }

  // Merged cells show one value in several rows or columns: which row does it belong to?
  const merges = new Map<string, { top: number; left: number; bottom: number; right: number }>();
  for (const row of found) for (const col of index.values()) {
    const cell = row.getCell(col);
    if (!cell.isMerged) continue;
    const m = cell.master;
    const box = merges.get(m.address) ?? { top: Number(m.row), left: Number(m.col), bottom: Number(m.row), right: Number(m.col) };
    merges.set(m.address, { top: Math.min(box.top, row.number), left: Math.min(box.left, col), bottom: Math.max(box.bottom, row.number), right: Math.max(box.right, col) });
  }
  for (const box of merges.values()) {
    const range = `${ws.getCell(box.top, box.left).address}:${ws.getCell(box.bottom, box.right).address}`;
    if (box.top === box.bottom && box.left === box.right) continue;
    problems.shape(`${name}!${range}`, 'celle unite: ogni cella deve avere il suo valore (separa le celle: in Excel "Unisci e allinea al centro", in Calc Formato → Unisci e separa celle → Separa celle, poi scrivi il valore in ogni riga)', 'xlsx.celle-unite');
  }
  if (merges.size > 0 && problems.broken) return [];

  const rows: SheetRow[] = [];
  for (const row of found) {
    const r = row.number;
    const cellOf = (key: string) => {
      const col = index.get(key);
      return col === undefined ? undefined : row.getCell(col);
    };
    const raw = (key: string) => {
      const cell = cellOf(key);
      if (cell === undefined) return undefined;
      const v = plain(cell.value);
      return typeof v === 'string' && v.trim() === '' ? undefined : v;
    };
    if (![...index.keys()].some((k) => raw(k) !== undefined)) continue;
    const at = (key: string) => `${name}!${row.getCell(index.get(key) ?? 1).address}`;
    rows.push({
      number: r,
      at,
      has: (key) => index.has(key),
      text: (key) => {
        const v = raw(key);
        return v === undefined ? '' : asText(v).trim();
      },
      get: (key) => {
        let v = raw(key);
        if (v === undefined) return undefined;
        const col = kinds.get(key)!;
        const fail = (what: string) => {
          problems.add(at(key), `${col.header}: ${what}, trovato ${quote(asText(v))}`);
          return undefined;
        };
        if (isError(v)) return fail('la cella contiene un errore di formula');
        // "80%" typed in a cell is kept as 0.8 with a percent format: the column means 80.
        const fmt = cellOf(key)!.numFmt;
        if (typeof v === 'number' && PERCENT_KEYS.has(key) && typeof fmt === 'string' && /%/.test(fmt.replace(/"[^"]*"|\\./g, ''))) v = Number((v * 100).toPrecision(12));
        // A day number shown with a date format is that date (exceljs gives most date cells as dates already).
        if (typeof v === 'number' && DATE_AS_TEXT.has(col.kind) && typeof fmt === 'string' && isDateFormat(fmt) && serialDate(v) !== undefined) v = new Date(`${serialDate(v)}T00:00:00Z`);
        return readValue(col, v, fail, problems.anno);
      },
    });
  }
  return rows;
}

/** Kinds of column where a date cell is a date written (not where a number is meant: a number shown as a date stays that number). */
const DATE_AS_TEXT = new Set<Column['kind']>(['text', 'lines', 'ids', 'value', 'termine', 'date']);

/** A number format that shows a date ("dd/mm/yyyy", "[$-410]d mmmm yyyy"), not a number, a percentage or a time. */
function isDateFormat(fmt: string): boolean {
  const f = fmt.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '').toLowerCase();
  return f !== 'general' && /[dy]/.test(f);
}

function norm(s: string): string {
  return s.trim().toLowerCase().replace(/\s+/g, ' ');
}

function readValue(col: Column, v: unknown, fail: (what: string) => undefined, anno = 2024): unknown {
  const s = typeof v === 'string' ? v.trim() : undefined;
  switch (col.kind) {
    case 'text':
      return typeof v === 'string' ? v : asText(v);
    case 'int': {
      const n = typeof v === 'number' ? v : s !== undefined && /^[+-]?\d+$/.test(s) ? Number(s) : NaN;
      return Number.isInteger(n) ? n : fail('serve un numero intero');
    }
    case 'number': {
      const n = typeof v === 'number' ? v : s !== undefined && /^[+-]?(\d+([.,]\d+)?|[.,]\d+)\s*%?$/.test(s) ? Number(s.replace('%', '').replace(',', '.').trim()) : NaN;
      return Number.isFinite(n) ? n : fail('serve un numero');
    }
    case 'flag': {
      if (typeof v === 'boolean') return v;
      const t = (s ?? String(v)).toLowerCase();
      if (['sì', 'si', 's', 'x', 'vero', 'true', '1'].includes(t)) return true;
      if (['no', 'n', 'falso', 'false', '0'].includes(t)) return false;
      return fail(`serve ${YES} o ${NO}`);
    }
    case 'ids':
      return asText(v).split(/[,;\n]/).map((x) => x.trim()).filter(Boolean);
    case 'lines':
      return asText(v).split('\n').map((x) => x.trim()).filter(Boolean);
    case 'date': {
      const d = v instanceof Date ? dateOfCell(v) : typeof v === 'number' ? serialDate(v) : parseDate(s ?? '');
      if (d === undefined && s !== undefined && looksLikeDate(s)) return fail('questa data non esiste');
      return d ?? fail(`serve una data come 30/06/${anno}`);
    }
    case 'termine': {
      if (v instanceof Date) return { entro: dateOfCell(v) };
      if (typeof v === 'number' && Number.isInteger(v) && v >= 2000 && v <= 2100) return { anno: v };
      // A date kept as its day number in a cell not formatted as a date.
      const serial = typeof v === 'number' ? serialDate(v) : undefined;
      if (serial !== undefined && serial >= '2000' && serial < '2101') return { entro: serial };
      if (typeof v === 'number') return fail(`un numero qui è un anno (tra 2000 e 2100) o una data scritta come numero: scrivi "anno ${anno}" oppure "entro il 30/06/${anno}"`);
      const t = parseTermine(asText(v), anno);
      return t.termine ?? fail(t.error!);
    }
    case 'choice': {
      const t = (s ?? String(v)).toLowerCase();
      const hit = col.choices?.find((x) => x.toLowerCase() === t);
      return hit ?? fail(`scegli tra ${col.choices?.map((x) => `"${x}"`).join(', ')}`);
    }
    case 'value':
      return v instanceof Date ? dateOfCell(v) : typeof v === 'number' ? v : typeof v === 'boolean' ? v : String(v);
    case 'pesoTipo':
      return s;
  }
}
