/**
 * D.Lgs. 150/2009 art. 5 c.2: objectives are specific and measurable. A target is measurable
 * when it states a number, a percentage, a date or a yes/no outcome; an objective whose
 * indicators carry their own targets, or that is measured by weighted phases, needs no target of its own. A helpful tool says so
 * politely (warnings), it does not refuse.
 */
import { targetElsewhere } from '../measure.js';
import { defineRule } from './rule.js';

const YES_NO = /^(sì|si|no|s[iì]\/no|raggiunto|non raggiunto|realizzato|completato|approvato|adottato|pubblicato)(?=$|[\s,.;:!])/iu;

/** A state that is reached or not, anywhere in the target: "Strumento in uso", "Regolamento adottato", "sì/no". */
const STATE = /(?<!\p{L})(s[iì]\/no|in uso|in esercizio|operativ[oaie]|attivat[oaie]|adottat[oaie]|approvat[oaie]|pubblicat[oaie]|realizzat[oaie]|completat[oaie]|concluso|conclusa|raggiunt[oaie]|rispettat[oaie]|senza rilievi)(?!\p{L})/iu;

/** A target is measurable when it states a number, a percentage, a date or a yes/no outcome. */
export function isMeasurable(target: string | undefined): boolean {
  if (!target) return false;
  return /\d/.test(target) || YES_NO.test(target.trim()) || STATE.test(target) || /\b(entro il|entro la data)\b/i.test(target);
}

export const target = defineRule({
  name: 'ogni obiettivo ha un target misurabile',
  codes: { 'target.mancante': 'avviso', 'target.non-misurabile': 'avviso' },
  obiettivo(p, { title }, report) {
    // The indicators' targets, or each weighted phase done (its output) by its date, are the expected result.
    if (targetElsewhere(p.o)) return;
    if (p.o.target === undefined || p.o.target.trim() === '') {
      report('target.mancante', p.path, `l'obiettivo ${title(p)} non ha un target (valore atteso)`, { key: 'titolo', hint: 'indica un valore atteso: un numero, una percentuale, una data o un esito sì/no' });
    } else if (!isMeasurable(p.o.target)) {
      report('target.non-misurabile', [...p.path, 'target'],
        `target non misurabile: indica un valore atteso (numero, percentuale o data) per l'obiettivo ${title(p)}`,
        { value: p.o.target, hint: 'ad esempio "100% delle richieste evase entro 30 giorni" o "approvazione entro il 31 marzo"; l\'art. 5 del D.Lgs. 150/2009 chiede obiettivi misurabili' });
    }
  },
});
