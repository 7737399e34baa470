/** No two objectives of one numbering print the same "Obiettivo n.": an explicit `numero` repeated, or meeting the automatic ones. */
import { repeatedNumbers } from '../walk.js';
import { defineRule } from './rule.js';

export const numerazione = defineRule({
  name: 'ogni obiettivo ha un numero diverso nella sua numerazione',
  codes: { 'numerazione.doppia': 'avviso' },
  piano({ plan, objectives, title }, report) {
    const repeated = new Set(repeatedNumbers(plan).map((r) => r.o));
    for (const p of objectives) {
      if (!repeated.has(p.o)) continue;
      const path = p.o.numero !== undefined ? [...p.path, 'numero'] : p.path;
      report('numerazione.doppia', path, `l'obiettivo ${title(p)} ha lo stesso numero di un obiettivo precedente della stessa numerazione (documento.numerazione: ${plan.documento.numerazione}): cambia "numero" o la numerazione`);
    }
  },
});
