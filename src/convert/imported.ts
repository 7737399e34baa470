import { InputError, type Diagnostic } from '../plan/diagnostics.js';
import { runChecks } from '../plan/checks.js';
import { loadPlanText } from '../plan/load.js';

/**
 * What an importer gives back (`piao import`): the plan as YAML text, ready to write, and the
 * notes for the person who will review it — what was merged, guessed or left out, each with
 * where it was in the source ("tabella 12, riga 4", "Obiettivi!F12").
 */
export interface ImportNote {
  /** Where in the source: a place a person can find ("paragrafo 37", "tabella 5, riga 3", "Obiettivi!F12"). */
  where: string;
  /** "avviso": something to decide or check; "info": done, but worth knowing (names merged). */
  severity: 'avviso' | 'info';
  message: string;
}

export interface Imported {
  /** The plan file's text (planToYaml, or the workbook's own source updated). */
  yaml: string;
  notes: ImportNote[];
  /** A results workbook: the next step is the year-end report (`piao relazione`), not a build. */
  risultati?: true;
}

/**
 * The errors `piao check` will find in a plan an importer wrote (the schema's or the rules'): said
 * at import, where the person can still look at the source, instead of at the next command.
 */
export function refusedByCheck(yaml: string, name: string): Diagnostic[] {
  try {
    return runChecks(loadPlanText(yaml, name)).diagnostics.filter((d) => d.severity === 'errore');
  } catch (e) {
    if (e instanceof InputError) return e.diagnostics.filter((d) => d.severity === 'errore');
    throw e;
  }
}
