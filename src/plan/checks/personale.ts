/** The staff involved in an objective belong to its settore (its personale assegnato or its head). */
import { closest } from '../suggest.js';
import { defineRule } from './rule.js';

export const personaleFuoriSettore = defineRule({
  name: 'il personale coinvolto fa parte del settore',
  codes: { 'personale.fuori-settore': 'avviso' },
  obiettivo(p, { plan, name, title }, report) {
    const centro = p.centro;
    if (!centro) return;
    const members = new Set([...centro.personale, ...(centro.responsabile ? [centro.responsabile] : [])]);
    p.o.personale.forEach((id, i) => {
      if (members.has(id) || !plan.persone[id]) return;
      const near = closest(name(id), [...members].map(name));
      report('personale.fuori-settore', [...p.path, 'personale', i],
        `${name(id)} è nel personale coinvolto dell'obiettivo ${title(p)} ma non nel personale assegnato di «${centro.nome}»`,
        { value: id, hint: near ? `forse intendevi «${near}»?` : `aggiungila al personale assegnato del settore, se ne fa parte` });
    });
  },
});
