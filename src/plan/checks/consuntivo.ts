/**
 * A plan with its year-end results (`consuntivo`): every objective has a result or the reason it
 * cannot be assessed; a percentage given by hand where phases or indicators would compute one says
 * why; every shortfall is explained (the Relazione must); an indicator's value can be compared with
 * its target; the evaluation system's bands start from 0 and its amounts name responsabili.
 */
import { hasResults, indicatorAchievement, objectiveAchievement, targetOf } from '../../results/achievement.js';
import { computeResults } from '../../results/scores.js';
import { defineRule } from './rule.js';

export const consuntivo = defineRule({
  name: 'ogni obiettivo ha il suo risultato, motivato dove serve',
  codes: {
    'consuntivo.mancante': 'avviso', 'consuntivo.motivazione': 'avviso', 'consuntivo.scostamento': 'avviso',
    'consuntivo.valore': 'avviso', 'valutazione.fasce': 'avviso', 'valutazione.importo': 'avviso', 'valutazione.quote-ccdi': 'avviso',
  },
  piano(ctx, report) {
    const { plan, objectives } = ctx;
    const v = plan.valutazione;
    const starts = (v?.fasce ?? []).map((f) => f.da);
    if (new Set(starts).size !== starts.length) {
      report('valutazione.fasce', ['valutazione', 'fasce'], 'due fasce del sistema di valutazione partono dallo stesso punteggio: conta solo l\'ultima', { hint: 'ogni fascia parte da un punteggio diverso, in ordine crescente' });
    }
    if (v?.fasce && !v.fasce.some((f) => f.da === 0)) {
      report('valutazione.fasce', ['valutazione', 'fasce'], 'le fasce del sistema di valutazione non partono da 0: un punteggio più basso della prima fascia non avrebbe quota', { hint: 'aggiungi { da: 0, quota: 0 }' });
    }
    // Only who has objectives weighted on the result allowance (or by coefficient) gets an amount from it.
    const responsabili = new Set(objectives.filter((p) => p.o.peso?.risultato !== undefined || p.o.peso?.coefficiente !== undefined).map((p) => p.responsabile).filter(Boolean));
    for (const id of Object.keys(v?.importi?.risultato ?? {})) {
      if (responsabili.has(id)) continue;
      report('valutazione.importo', ['valutazione', 'importi', 'risultato'], `«${id}» non è responsabile di obiettivi pesati sull'indennità di risultato: il suo importo non si usa`, { key: id, value: id });
    }
    // The CCDI shares that could be paid at full achievement: more than the fund cannot all be paid.
    const fondo = v?.importi?.fondo_ccdi;
    if (fondo !== undefined) {
      const possible = computeResults(plan, ctx).personale.reduce((acc, s) => acc + s.pesoTotale, 0);
      if (possible > 100 + 1e-9) {
        report('valutazione.quote-ccdi', ['valutazione', 'importi', 'fondo_ccdi'], `le quote CCDI del personale, con tutti gli obiettivi raggiunti, sommano al ${String(Math.round(possible * 100) / 100).replace('.', ',')}% della somma: gli importi sono ridotti in proporzione quando superano la somma`, {
          hint: 'i pesi CCDI sono percentuali della somma destinata alla performance organizzativa, per ogni persona coinvolta',
        });
      }
    }
    // The other rules of results apply once the plan has year-end results (a phase's completion date alone is monitoring).
    if (!hasResults(objectives.map((p) => p.o))) return;
    for (const p of objectives) {
      const a = objectiveAchievement(p.o);
      const where = `l'obiettivo «${p.o.titolo}» (${[p.settore, p.servizio, p.etichetta].filter(Boolean).join(', ')})`;
      p.o.indicatori.forEach((ind, i) => {
        if (typeof ind === 'string' || !ind.consuntivo) return;
        if (targetOf(ind) === undefined) {
          // A value measured with nothing to compare it with counts for nothing: the percentage is needed.
          if (ind.consuntivo.valore === undefined || ind.consuntivo.raggiungimento !== undefined) return;
          report('consuntivo.valore', [...p.path, 'indicatori', i, 'consuntivo', 'valore'], `l'indicatore «${ind.nome}» non ha un target numerico con cui confrontare il valore misurato: indica il raggiungimento in percentuale`, {
            value: String(ind.consuntivo.valore), hint: 'scrivi "raggiungimento: …" nel consuntivo dell\'indicatore (nel foglio dei risultati: la colonna «Raggiungimento %»), oppure dai all\'indicatore il suo target ("target: [24]")',
          });
          return;
        }
        if (indicatorAchievement(ind, p.o.tempi_pagamento === true) !== undefined) return;
        report('consuntivo.valore', [...p.path, 'indicatori', i, 'consuntivo', 'valore'], `il valore dell'indicatore «${ind.nome}» non si confronta con il suo target («${String(targetOf(ind))}»): indica il raggiungimento a mano`, {
          value: String(ind.consuntivo.valore), hint: 'un numero per un target numerico, una data AAAA-MM-GG per una scadenza, sì/no per un target sì/no; altrimenti "raggiungimento: …"',
        });
      });
      if (a.come === 'mancante') {
        report('consuntivo.mancante', p.path, `manca il risultato dell'${where.slice(2)}`, { hint: 'indica "consuntivo" con il raggiungimento (o i valori degli indicatori, le fasi realizzate), oppure "non_valutabile" con il motivo' });
        continue;
      }
      if (a.come === 'manuale' && a.calcolabile && !p.o.consuntivo?.motivazione) {
        report('consuntivo.motivazione', [...p.path, 'consuntivo', 'raggiungimento'], `il raggiungimento dell'${where.slice(2)} è indicato a mano mentre le fasi o gli indicatori lo calcolerebbero: scrivi perché in "motivazione"`);
      }
      // A shortfall is explained by the entity, or by the Nucleo's notes where the Nucleo lowered the entity's own result.
      if (a.finale !== undefined && a.finale < 100 && !p.o.consuntivo?.scostamento && !p.o.consuntivo?.nucleo?.note) {
        report('consuntivo.scostamento', [...p.path, 'consuntivo'], `${where} non è raggiunto per intero (${String(Math.round(a.finale * 100) / 100).replace('.', ',')}%): spiega lo scostamento in "scostamento"`);
      }
    }
  },
});
