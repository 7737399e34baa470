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
