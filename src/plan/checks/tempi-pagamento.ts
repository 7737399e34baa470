/**
 * Art. 4-bis c.2 D.L. 13/2023 (L. 41/2023): whoever pays commercial invoices has an annual
 * objective on payment times worth at least 30% (`controlli.soglia_tempi_pagamento`) of his or
 * her retribuzione di risultato. On by default; `controlli.tempi_pagamento: false` turns it off.
 * `paymentTimes` is the finding per centro, shared by the rule and the annex of `--report`.
 */
import { formatPercent, pesoTipo } from '../../render/format.js';
import type { Piano } from '../schema.js';
import type { Centro } from '../walk.js';
import { defineRule, type Placed } from './rule.js';
import { sum } from './weights.js';

/** One centro that pays commercial invoices, with its responsabile's payment-times objectives. */
export interface PaymentTimes {
  centro: Centro;
  /** Index of the centro in `centri`. */
  indice: number;
  /** Absent: the centro has no responsabile. */
  responsabile?: string;
  /** The responsabile's own objectives of the centro marked `tempi_pagamento`. */
  obiettivi: Placed[];
  /** Their share of the responsabile's result, in % (see `share`). */
  peso: number;
  soglia: number;
  rispettato: boolean;
}

/** The centri that pay invoices, in order (none when the rule is turned off). */
export function paymentTimes(plan: Piano, objectives: readonly Placed[]): PaymentTimes[] {
  if (!plan.controlli.tempi_pagamento) return [];
  const soglia = plan.controlli.soglia_tempi_pagamento;
  return plan.centri.flatMap((centro, indice): PaymentTimes[] => {
    if (!centro.paga_fatture) return [];
    const responsabile = centro.responsabile ?? undefined;
    const obiettivi = responsabile ? objectives.filter((p) => p.centro === centro && p.responsabile === responsabile && p.o.tempi_pagamento) : [];
    const peso = sum(obiettivi.map((p) => share(p, objectives)));
    return [{ centro, indice, ...(responsabile && { responsabile }), obiettivi, peso, soglia, rispettato: obiettivi.length > 0 && peso >= soglia }];
  });
}

/**
 * An objective's share of its responsabile's result, in %: a weight on the indennità di risultato
 * is that share already; a coefficient or a CCDI share counts against the sum of that kind over the
 * responsabile's own objectives (1,4 of coefficients summing to 4,2 is a third).
 */
function share(p: Placed, objectives: readonly Placed[]): number {
  const kind = pesoTipo(p.o.peso);
  const value = kind ? (p.o.peso?.[kind] ?? 0) : 0;
  if (kind === undefined || kind === 'risultato') return value;
  const total = sum(objectives.filter((x) => !x.segretario && x.responsabile === p.responsabile && pesoTipo(x.o.peso) === kind).map((x) => x.o.peso?.[kind] ?? 0));
  return total > 0 ? (value / total) * 100 : 0;
}

export const tempiPagamento = defineRule({
  name: 'obiettivo sui tempi di pagamento (art. 4-bis c.2 D.L. 13/2023)',
  codes: {
    'tempi-pagamento.senza-responsabile': 'errore',
    'tempi-pagamento.mancante': 'errore',
    'tempi-pagamento.peso': 'errore',
  },
  piano({ plan, objectives, name }, report) {
    for (const t of paymentTimes(plan, objectives)) {
      const base: PropertyKey[] = ['centri', t.indice];
      if (!t.responsabile) {
        report('tempi-pagamento.senza-responsabile', base, `il centro «${t.centro.nome}» paga fatture commerciali ma non ha un responsabile a cui assegnare l'obiettivo sui tempi di pagamento`, { key: 'paga_fatture' });
      } else if (t.obiettivi.length === 0) {
        report('tempi-pagamento.mancante', base,
          `${name(t.responsabile)} paga fatture commerciali ma non ha un obiettivo sui tempi di pagamento (art. 4-bis c.2 D.L. 13/2023)`,
          { key: 'paga_fatture', hint: `aggiungi un obiettivo con "tempi_pagamento: true" e peso di almeno ${formatPercent(t.soglia)} dell'indennità di risultato, oppure disattiva la regola con "controlli: { tempi_pagamento: false }"` });
      } else if (t.peso < t.soglia) {
        report('tempi-pagamento.peso', [...t.obiettivi[0]!.path, 'peso'],
          `l'obiettivo sui tempi di pagamento di ${name(t.responsabile)} pesa ${formatPercent(t.peso)} dell'indennità di risultato: l'art. 4-bis c.2 D.L. 13/2023 chiede almeno il ${formatPercent(t.soglia)}`,
          { value: formatPercent(t.peso) });
      }
    }
  },
});
