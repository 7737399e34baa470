/**
 * A plan amended during the year (`piano.variazioni`): its revisions are numbered 1, 2, … in
 * order, the plan says it is the last of them, the deliberations come one after the other, and
 * every objective has an `id`, so that `piao diff` and the tracked changes follow each objective
 * from one revision to the next whatever is renumbered or moved.
 */
import { defineRule } from './rule.js';

export const variazioni = defineRule({
  name: 'le variazioni del piano sono numerate in ordine e ogni obiettivo ha un identificativo',
  codes: { 'variazioni.revisione': 'avviso', 'variazioni.date': 'avviso', 'variazioni.senza-id': 'info' },
  piano({ plan }, report) {
    const { revisione, variazioni: list, approvazione } = plan.piano;
    list.forEach((v, i) => {
      if (v.revisione !== i + 1) {
        report('variazioni.revisione', ['piano', 'variazioni', i, 'revisione'], `la variazione n. ${i + 1} dell'elenco indica la revisione ${v.revisione}: le revisioni si numerano 1, 2, … nell'ordine in cui sono approvate`, { value: String(v.revisione) });
      }
    });
    if (list.length > 0 && revisione !== list.length) {
      report('variazioni.revisione', ['piano', 'revisione'], `il piano è alla revisione ${revisione} ma l'elenco delle variazioni arriva alla revisione ${list.length}`, { value: String(revisione), hint: `scrivi "revisione: ${list.length}"` });
    } else if (list.length === 0 && revisione > 0) {
      report('variazioni.revisione', ['piano', 'revisione'], `il piano è alla revisione ${revisione} ma non elenca le sue variazioni`, {
        value: String(revisione), hint: 'aggiungi in "piano.variazioni" una voce per revisione, con la deliberazione e la motivazione: il documento le riporta come testo coordinato',
      });
    }
    let previous = approvazione?.data;
    list.forEach((v, i) => {
      const d = v.approvazione?.data;
      if (!d) return;
      if (previous && d < previous) {
        report('variazioni.date', ['piano', 'variazioni', i, 'approvazione', 'data'], `la variazione della revisione ${v.revisione} è approvata prima della deliberazione che la precede (${previous})`, { value: d });
      }
      previous = d;
    });
  },
  obiettivo(p, { plan, title }, report) {
    if (plan.piano.variazioni.length === 0 && plan.piano.revisione === 0) return;
    if (p.o.id !== undefined) return;
    report('variazioni.senza-id', p.path, `l'obiettivo ${title(p)} non ha un identificativo: in un piano con variazioni serve a riconoscerlo da una revisione all'altra`, {
      hint: 'aggiungi "id:" (lettere minuscole, cifre, "_" e "-"), lo stesso in tutte le revisioni',
    });
  },
});
