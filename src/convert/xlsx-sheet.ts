/**
 * Reading a sheet of a workbook the staff filled in: columns found by their header (so a column
 * moved or added by hand does not matter), each cell read by its column's kind into plan data or
 * into a located Italian problem ("Obiettivi!F12: peso: serve un numero, trovato «trenta»"),
 * every problem kept so that all are reported at once.
 */
import type ExcelJS from 'exceljs';
import type { Diagnostic } from '../plan/diagnostics.js';
import { type Column, NO, YES, dateOfCell, parseDate, parseTermine } from './xlsx-layout.js';

export class Problems {
  readonly list: Diagnostic[] = [];
  /** The plan's year, when known: the examples of a date or deadline are written in it. */
  anno?: number;
  constructor(readonly file: string) {}
  add(cell: string, message: string, code = 'xlsx.valore'): void {
    this.list.push({ severity: 'errore', code, file: this.file, cell, line: 0, col: 0, path: '', message });
  }
}

/** One row of a sheet: its cells by column key. */
export interface SheetRow {
  number: number;
  /** The cell's address ("Obiettivi!F12") of a column, or of the row's first cell when the sheet lacks that column. */
  at(key: string): string;
  /** The cell's value read by its column's kind; undefined when empty or unreadable (the problem recorded). */
  get(key: string): unknown;
  /** The cell's text as typed, trimmed ("" when empty). */
  text(key: string): string;
}

const quote = (s: string) => `"${s.length > 60 ? `${s.slice(0, 57)}…` : s}"`;

/** What a cell holds as a plain value: texts of rich text joined, a formula's result, a link's text. */
function plain(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return undefined;
  if (v instanceof Date || typeof v !== 'object') return typeof v === 'string' ? v.replace(/\r\n?/g, '\n') : v;
  if ('richText' in v) return v.richText.map((r) => r.text).join('').replace(/\r\n?/g, '\n');
  if ('formula' in v || 'sharedFormula' in v) return plain((v as { result?: ExcelJS.CellValue }).result ?? null);
  if ('hyperlink' in v) return plain((v as { text: ExcelJS.CellValue }).text);
  if ('error' in v) return { error: String((v as { error: unknown }).error) };
  return undefined;
}

/** A spreadsheet's day number (days since 30 December 1899) as a date. */
function serialDate(n: number): string | undefined {
  if (!Number.isInteger(n) || n < 1 || n > 2958465) return undefined;
  return new Date(Date.UTC(1899, 11, 30) + n * 86400000).toISOString().slice(0, 10);
}

const asText = (v: unknown): string => (v instanceof Date ? dateOfCell(v) : typeof v === 'boolean' ? (v ? YES : NO) : String(v));

/** Reads a sheet by its header row; rows with every known cell empty are skipped. */
export function readSheet(ws: ExcelJS.Worksheet, columns: Column[], problems: Problems): SheetRow[] {
  const name = ws.name;
  const byHeader = new Map(columns.map((c) => [norm(c.header), c]));
  const index = new Map<string, number>();
  ws.getRow(1).eachCell({ includeEmpty: false }, (cell, col) => {
    const c = byHeader.get(norm(String(plain(cell.value) ?? '')));
    if (c && !index.has(c.key)) index.set(c.key, col);
  });
  const kinds = new Map(columns.map((c) => [c.key, c]));
  const rows: SheetRow[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const raw = (key: string) => {
      const col = index.get(key);
      if (col === undefined) return undefined;
      const v = plain(row.getCell(col).value);
      return typeof v === 'string' && v.trim() === '' ? undefined : v;
    };
    if (![...index.keys()].some((k) => raw(k) !== undefined)) continue;
    const at = (key: string) => `${name}!${row.getCell(index.get(key) ?? 1).address}`;
    rows.push({
      number: r,
      at,
      text: (key) => {
        const v = raw(key);
        return v === undefined ? '' : asText(v).trim();
      },
      get: (key) => {
        const v = raw(key);
        if (v === undefined) return undefined;
        const col = kinds.get(key)!;
        const fail = (what: string) => {
          problems.add(at(key), `${col.header}: ${what}, trovato ${quote(asText(v))}`);
          return undefined;
        };
        if (typeof v === 'object' && !(v instanceof Date)) return fail('la cella contiene un errore di formula');
        return readValue(col, v, fail, problems.anno);
      },
    });
  }
  return rows;
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
      return d ?? fail(`serve una data come 30/06/${anno}`);
    }
    case 'termine': {
      if (v instanceof Date) return { entro: dateOfCell(v) };
      if (typeof v === 'number' && Number.isInteger(v) && v >= 2000 && v <= 2100) return { anno: v };
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
