/**
 * Diagnostics: every problem found in the user's files, with its place (file:line:col),
 * the path in the data and a sentence in Italian. Problems are collected, never thrown,
 * so that the user sees all of them at once.
 */
export type Severity = 'errore' | 'avviso';

export interface Diagnostic {
  severity: Severity;
  /** Stable machine-readable code, e.g. "schema.chiave-sconosciuta". */
  code: string;
  file: string;
  line: number;
  col: number;
  /** Path in the data, e.g. "centri[1].servizi[0].gruppi[0].obiettivi[2].termine". */
  path: string;
  message: string;
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

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.path ? ` (in ${d.path})` : '';
  return `${d.file}:${d.line}:${d.col}: ${d.severity}: ${d.message}${where} [${d.code}]`;
}

export function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col;
}
