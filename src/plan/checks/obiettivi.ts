/**
 * A section 2.2 assigns objectives: a plan without any (a Word document whose tables were not
 * recognised, a spreadsheet left empty) cannot be approved, and would otherwise build a document
 * with settori and no objective, with nothing saying so.
 */
import { defineRule } from './rule.js';

export const senzaObiettivi = defineRule({
  name: 'il piano ha degli obiettivi',
  codes: { 'piano.senza-obiettivi': 'errore' },
  piano({ objectives }, report) {
    if (objectives.length > 0) return;
    report('piano.senza-obiettivi', [], 'il piano non ha nessun obiettivo: la sottosezione 2.2 assegna gli obiettivi di performance ai responsabili e non si può approvare senza',
      { key: 'centri', hint: 'aggiungi gli obiettivi di ogni settore (sotto "obiettivi:" del settore o dei suoi servizi); se il piano viene da "piao import", rileggi gli avvisi dell\'importazione sulle tabelle non riconosciute' });
  },
});
