/**
 * Diagnostics: every problem found in the user's files, with its place (file:line:col),
 * the path in the data, the offending value and a sentence in Italian. Problems are
 * collected, never thrown one by one, so that the user sees all of them at once.
 */
export type Severity = 'errore' | 'avviso' | 'info';

export interface Diagnostic {
  severity: Severity;
  /** Stable machine-readable code, e.g. "schema.chiave-sconosciuta". */
  code: string;
  file: string;
  /** In a workbook, the cell instead of line and column: "Obiettivi!F12" (line and col are then 0). */
  cell?: string;
  line: number;
  col: number;
  /** Characters of the offending value on its line (for the caret under it). */
  length?: number;
  /** Path in the data, e.g. "centri[1].servizi[0].gruppi[0].obiettivi[2].termine". */
  path: string;
  message: string;
  /** The offending value, shortened. */
  value?: string;
  /** A suggestion, e.g. "forse intendevi «nome»?". */
  hint?: string;
}

/** Thrown for problems in the user's input (data or templates); the CLI prints them and exits 1. */
export class InputError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'InputError';
  }
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out;
}

/** Where a problem is: "file:line:col", or "file:Foglio!A1" in a workbook. */
export function place(d: Diagnostic): string {
  // A problem of the whole file (not a text file, no place inside it): the file alone.
  return d.cell ? `${d.file}:${d.cell}` : d.line === 0 ? d.file : `${d.file}:${d.line}:${d.col}`;
}

/** One line: "file:line:col: severity: message: hint (in path) [code]", with control characters made visible. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.path ? ` (in ${d.path})` : '';
  const hint = d.hint ? `: ${d.hint}` : '';
  return visible(`${place(d)}: ${d.severity}: ${d.message}${hint}${where} [${d.code}]`);
}

/**
 * Characters a terminal would act on instead of showing (C0 and C1 controls: ESC starts the
 * sequences that clear the screen, colour text or set the window title; DEL; bidirectional
 * overrides that reorder what is shown), and line separators.
 */
const UNSAFE_FOR_TERMINAL = /[\0-\x08\x0B-\x1F\x7F-\x9F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

/**
 * Text from the user's files as it may be printed on a terminal: every control character written
 * as its escape (ESC as "\u001b"), so it is seen and never acted on. Tab and line feed are kept.
 */
export function visible(s: string): string {
  return s.replace(UNSAFE_FOR_TERMINAL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col || a.code.localeCompare(b.code);
}

/** A value as shown in a diagnostic: short, on one line. */
export function shortValue(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  const s = typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
  const line = s.replace(/\s+/g, ' ');
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}
