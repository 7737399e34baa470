/**
 * Weights: a responsabile's result-allowance weights sum to the expected total (100 by default,
 * `controlli.totale_risultato`; a convention of each entity's evaluation system), the
 * Segretario's to the declared `indennita_totale`; a weight left blank is pointed out.
 * Totals are those of the weights per person (`weights.ts`): sums rounded to the thousandth,
 * then compared exactly.
 */
import { formatPercent, pesoTipo } from '../../render/format.js';
import { defineRule, type Placed } from './rule.js';
import type { WeightSummary } from './weights.js';

type Person = WeightSummary['risultato'][number];

/** True when a person's total is not the expected one (no expected total: nothing to check). */
const wrongTotal = (r: Person): r is Person & { atteso: number } => r.atteso !== null && !(Math.abs(r.totale - r.atteso) < 1e-9);

/** Weights listed in a message, at most: a person with hundreds of objectives gets a readable line. */
const SHOWN = 12;

/** "Obiettivo n. 1 30%, Obiettivo n. 2 vuoto, …": the weights that make up a wrong total (the first SHOWN, then how many more). */
const detail = (mine: Placed[]) => {
  const shown = mine.slice(0, SHOWN).map((p) => `${p.etichetta} ${p.o.peso?.risultato === null || p.o.peso?.risultato === undefined ? 'vuoto' : formatPercent(p.o.peso?.risultato)}`);
  return mine.length > SHOWN ? `${shown.join(', ')} e altri ${mine.length - SHOWN}` : shown.join(', ');
};

export const sommaSegretario = defineRule({
  name: 'i pesi degli obiettivi del Segretario sommano all\'indennità di risultato attribuita',
  codes: { 'pesi.somma-segretario': 'errore' },
  piano({ pesi, objectives }, report) {
    for (const r of pesi.risultato) {
      if (!r.segretario || !wrongTotal(r)) continue;
      const mine = objectives.filter((p) => p.segretario && pesoTipo(p.o.peso) === 'risultato');
      report('pesi.somma-segretario', ['segretario', 'indennita_totale'],
        `i pesi degli obiettivi del Segretario sommano a ${formatPercent(r.totale)}, ma l'indennità di risultato attribuita dichiarata è ${formatPercent(r.atteso)} (${detail(mine)})`,
        { value: formatPercent(r.totale) });
    }
  },
});

export const sommaRisultato = defineRule({
  name: 'i pesi sull\'indennità di risultato di ogni responsabile sommano al totale atteso',
  codes: { 'pesi.somma-risultato': 'errore' },
  piano({ plan, pesi, objectives }, report) {
    for (const r of pesi.risultato) {
      if (r.segretario || !wrongTotal(r)) continue;
      const mine = objectives.filter((p) => !p.segretario && p.responsabile === r.id && pesoTipo(p.o.peso) === 'risultato');
      report('pesi.somma-risultato', [...mine[0]!.path, 'peso'],
        `i pesi sull'indennità di risultato di ${r.persona} sommano a ${formatPercent(r.totale)}, non a ${formatPercent(r.atteso)} (${detail(mine)})`,
        { value: formatPercent(r.totale), ...(plan.controlli.totale_risultato === 100 && { hint: 'se il vostro sistema di valutazione usa un altro totale, indicalo in "controlli: { totale_risultato: … }"' }) });
    }
  },
});

export const pesoVuoto = defineRule({
  name: 'ogni obiettivo ha un peso (tranne i prerequisiti)',
  codes: { 'pesi.vuoto': 'avviso' },
  obiettivo(p, { title }, report) {
    if (p.o.peso && p.o.peso[pesoTipo(p.o.peso)] === null && !p.o.prerequisito) {
      report('pesi.vuoto', [...p.path, 'peso'], `il peso dell'obiettivo ${title(p)} non è indicato`, { hint: 'indica il peso, oppure segna l\'obiettivo come "prerequisito: true" se non ne ha' });
    }
  },
});
