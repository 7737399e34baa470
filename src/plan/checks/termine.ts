/** Deadlines fall in the plan's year, and not before its approval. */
import { defineRule } from './rule.js';

export const termine = defineRule({
  name: 'il termine cade nell\'anno del piano e non prima della sua approvazione',
  codes: { 'termine.fuori-anno': 'avviso', 'termine.prima-approvazione': 'avviso' },
  obiettivo(p, { plan, title }, report) {
    const t = p.o.termine;
    const year = plan.piano.anno;
    const approval = plan.piano.approvazione?.data;
    for (const key of ['entro', 'dal', 'al'] as const) {
      const d = t[key];
      if (!d) continue;
      if (Number(d.slice(0, 4)) !== year) {
        report('termine.fuori-anno', [...p.path, 'termine', key], `il termine dell'obiettivo ${title(p)} cade fuori dall'anno ${year} del piano`, { value: d });
      } else if (approval && d < approval && key !== 'dal') {
        report('termine.prima-approvazione', [...p.path, 'termine', key], `il termine dell'obiettivo ${title(p)} è precedente all'approvazione del piano (${approval})`, { value: d });
      }
    }
    if (t.anno !== undefined && t.anno !== year) {
      report('termine.fuori-anno', [...p.path, 'termine', 'anno'], `il termine dell'obiettivo ${title(p)} è l'anno ${t.anno}, non l'anno ${year} del piano`, { value: String(t.anno) });
    }
  },
});
