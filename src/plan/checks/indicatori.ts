/** Every objective has at least one indicator of result, or is measured by weighted phases. */
import { measuredByPhases } from '../measure.js';
import { defineRule } from './rule.js';

export const indicatoriMancanti = defineRule({
  name: 'ogni obiettivo ha indicatori di risultato',
  codes: { 'indicatori.mancanti': 'avviso' },
  obiettivo(p, { title }, report) {
    if (p.o.indicatori.length === 0 && !measuredByPhases(p.o)) {
      report('indicatori.mancanti', p.path, `l'obiettivo ${title(p)} non ha indicatori di risultato`, { key: 'titolo', hint: 'aggiungi almeno un indicatore in "indicatori", oppure un peso a ogni fase se l\'obiettivo si misura per fasi' });
    }
  },
});
