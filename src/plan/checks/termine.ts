/**
 * Deadlines fall in the plan's year, and not before its approval. A period (`dal`/`al`) may span
 * the plan's three years: that is how a multi-year objective is written.
 */
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
      const y = Number(d.slice(0, 4));
      if (key === 'entro' ? y !== year : y < year || y > year + 2) {
        const where = key === 'entro' ? `dall'anno ${year} del piano (per un obiettivo pluriennale indica un periodo con "dal" e "al")` : `dal triennio ${year}-${year + 2} del piano`;
        report('termine.fuori-anno', [...p.path, 'termine', key], `il termine dell'obiettivo ${title(p)} cade fuori ${where}`, { value: d });
      } else if (approval && d < approval && key !== 'dal') {
        report('termine.prima-approvazione', [...p.path, 'termine', key], `il termine dell'obiettivo ${title(p)} è precedente all'approvazione del piano (${approval})`, { value: d });
      }
    }
    if (t.anno !== undefined && t.anno !== year) {
      report('termine.fuori-anno', [...p.path, 'termine', 'anno'], `il termine dell'obiettivo ${title(p)} è l'anno ${t.anno}, non l'anno ${year} del piano`, { value: String(t.anno) });
    }
  },
});
