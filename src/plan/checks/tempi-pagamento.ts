/**
 * Art. 4-bis c.2 D.L. 13/2023 (L. 41/2023): whoever pays commercial invoices has an annual
 * objective on payment times worth at least 30% (`controlli.soglia_tempi_pagamento`) of his or
 * her retribuzione di risultato. On by default; `controlli.tempi_pagamento: false` turns it off.
 */
import { formatPercent, pesoTipo } from '../../render/format.js';
import { defineRule } from './rule.js';
import { sum } from './weights.js';

export const tempiPagamento = defineRule({
  name: 'obiettivo sui tempi di pagamento (art. 4-bis c.2 D.L. 13/2023)',
  codes: {
    'tempi-pagamento.senza-responsabile': 'errore',
    'tempi-pagamento.mancante': 'errore',
    'tempi-pagamento.peso': 'errore',
  },
  piano({ plan, objectives, name }, report) {
    if (!plan.controlli.tempi_pagamento) return;
    const soglia = plan.controlli.soglia_tempi_pagamento;
    plan.centri.forEach((c, ci) => {
      if (!c.paga_fatture) return;
      const base: PropertyKey[] = ['centri', ci];
      if (!c.responsabile) {
        report('tempi-pagamento.senza-responsabile', base, `il centro «${c.nome}» paga fatture commerciali ma non ha un responsabile a cui assegnare l'obiettivo sui tempi di pagamento`, { key: 'paga_fatture' });
        return;
      }
      const own = objectives.filter((p) => p.centro === c && p.responsabile === c.responsabile && p.o.tempi_pagamento);
      if (own.length === 0) {
        report('tempi-pagamento.mancante', base,
          `${name(c.responsabile)} paga fatture commerciali ma non ha un obiettivo sui tempi di pagamento (art. 4-bis c.2 D.L. 13/2023)`,
          { key: 'paga_fatture', hint: `aggiungi un obiettivo con "tempi_pagamento: true" e peso di almeno ${formatPercent(soglia)} dell'indennità di risultato, oppure disattiva la regola con "controlli: { tempi_pagamento: false }"` });
        return;
      }
      const total = sum(own.map((p) => (pesoTipo(p.o.peso) === 'risultato' ? (p.o.peso?.risultato ?? 0) : 0)));
      if (total < soglia) {
        report('tempi-pagamento.peso', [...own[0]!.path, 'peso'],
          `l'obiettivo sui tempi di pagamento di ${name(c.responsabile)} pesa ${formatPercent(total)} dell'indennità di risultato: l'art. 4-bis c.2 D.L. 13/2023 chiede almeno il ${formatPercent(soglia)}`,
          { value: formatPercent(total) });
      }
    });
  },
});
