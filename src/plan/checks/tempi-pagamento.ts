/**
 * Art. 4-bis c.2 D.L. 13/2023 (L. 41/2023): whoever pays commercial invoices has an annual
 * objective on payment times worth at least 30% (`controlli.soglia_tempi_pagamento`) of his or
 * her retribuzione di risultato. On by default; `controlli.tempi_pagamento: false` turns it off.
 * Only a weight on the indennità di risultato (`peso.risultato`) counts: a coefficient or a CCDI
 * share is not a share of that allowance, and is reported as such, never taken as "rispettato".
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
  /** Those of them weighted on something else than the indennità di risultato (CCDI, coefficient): they do not count. */
  altri: Placed[];
  /** The sum of their weights on the indennità di risultato, in %. */
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
    const onResult = obiettivi.filter((p) => pesoTipo(p.o.peso) === 'risultato');
    const altri = obiettivi.filter((p) => p.o.peso && pesoTipo(p.o.peso) !== 'risultato' && pesoTipo(p.o.peso) !== undefined);
    const peso = sum(onResult.map((p) => p.o.peso?.risultato ?? 0));
    return [{ centro, indice, ...(responsabile && { responsabile }), obiettivi, altri, peso, soglia, rispettato: onResult.length > 0 && peso >= soglia }];
  });
}

/** What an objective weighs on, when not on the indennità di risultato: "sulla somma CCDI", "con un coefficiente". */
export function otherWeight(p: Placed): string {
  return pesoTipo(p.o.peso) === 'ccdi' ? 'sulla somma CCDI' : 'con un coefficiente';
}

export const tempiPagamento = defineRule({
  name: 'obiettivo sui tempi di pagamento (art. 4-bis c.2 D.L. 13/2023)',
  codes: {
    'tempi-pagamento.senza-responsabile': 'errore',
    'tempi-pagamento.mancante': 'errore',
    'tempi-pagamento.peso': 'errore',
    'tempi-pagamento.tipo-peso': 'errore',
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
      } else if (t.peso < t.soglia && t.altri.length > 0 && !t.obiettivi.some((p) => pesoTipo(p.o.peso) === 'risultato')) {
        const p = t.altri[0]!;
        const kind = pesoTipo(p.o.peso)!;
        report('tempi-pagamento.tipo-peso', [...p.path, 'peso'],
          `l'obiettivo sui tempi di pagamento di ${name(t.responsabile)} pesa ${otherWeight(p)}, non sulla sua indennità di risultato: l'art. 4-bis c.2 D.L. 13/2023 chiede che pesi almeno il ${formatPercent(t.soglia)} dell'indennità di risultato`,
          { value: `${kind}: ${p.o.peso?.[kind] ?? '~'}`, hint: `scrivi il peso come "peso: { risultato: … }" se è una quota dell'indennità di risultato del responsabile; ${kind === 'ccdi' ? 'la somma CCDI è del personale' : 'un coefficiente non è una quota dell\'indennità'}` });
      } else if (t.peso < t.soglia) {
        report('tempi-pagamento.peso', [...t.obiettivi[0]!.path, 'peso'],
          `l'obiettivo sui tempi di pagamento di ${name(t.responsabile)} pesa ${formatPercent(t.peso)} dell'indennità di risultato: l'art. 4-bis c.2 D.L. 13/2023 chiede almeno il ${formatPercent(t.soglia)}`,
          { value: formatPercent(t.peso) });
      }
    }
  },
});
