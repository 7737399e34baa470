/** Every objective has at least one indicator of result, or is measured by weighted phases. */
import type { Obiettivo } from '../schema.js';
import { defineRule } from './rule.js';

/**
 * An objective measured by its phases: every phase has a weight (they sum to 100, checked by
 * `fasi`), so its achievement is the weighted share of phases completed, as large Comuni write it.
 */
export function measuredByPhases(o: Obiettivo): boolean {
  return o.fasi.length > 0 && o.fasi.every((f) => typeof f !== 'string' && f.peso !== undefined);
}

export const indicatoriMancanti = defineRule({
  name: 'ogni obiettivo ha indicatori di risultato',
  codes: { 'indicatori.mancanti': 'avviso' },
  obiettivo(p, { title }, report) {
    if (p.o.indicatori.length === 0 && !measuredByPhases(p.o)) {
      report('indicatori.mancanti', p.path, `l'obiettivo ${title(p)} non ha indicatori di risultato`, { key: 'titolo', hint: 'aggiungi almeno un indicatore in "indicatori", oppure un peso a ogni fase se l\'obiettivo si misura per fasi' });
    }
  },
});
