/**
 * Direttiva del Ministro per la PA of 14 January 2025: promoting the training of staff is a
 * performance objective of every dirigente — of each responsabile in Comuni without dirigenti —
 * at least 40 hours per employee per year, from 2025. A responsabile of a settore with staff
 * whose objectives include none on training gets a warning (plans from 2025 on). An objective is
 * on training when it says so (`formazione: true`) or its title speaks of "formazione".
 */
import type { Obiettivo } from '../schema.js';
import { defineRule } from './rule.js';

const FIRST_YEAR = 2025;

export function isTraining(o: Obiettivo): boolean {
  return o.formazione ?? /formazion/i.test(o.titolo);
}

export const formazione = defineRule({
  name: 'ogni responsabile ha un obiettivo sulla formazione del personale (dal 2025)',
  codes: { 'formazione.mancante': 'avviso' },
  piano({ plan, objectives, name }, report) {
    if (plan.piano.anno < FIRST_YEAR) return;
    plan.centri.forEach((c, ci) => {
      if (!c.responsabile || c.personale.length === 0) return;
      const own = objectives.filter((p) => !p.segretario && p.responsabile === c.responsabile);
      if (own.some((p) => isTraining(p.o))) return;
      report('formazione.mancante', ['centri', ci, 'responsabile'],
        `${name(c.responsabile)} (${c.nome}) non ha un obiettivo sulla formazione del personale: la Direttiva del Ministro per la PA del 14 gennaio 2025 lo chiede a ogni responsabile, con almeno 40 ore di formazione per dipendente all'anno`,
        { value: c.responsabile, hint: 'aggiungi un obiettivo sulla formazione del personale del settore (oppure segna con "formazione: true" quello che lo è)' });
    });
  },
});
