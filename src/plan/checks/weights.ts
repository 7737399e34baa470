/** The summary of weights per person that the staff office needs for the CCDI. */
import type { Piano } from '../schema.js';
import { pesoTipo } from '../../render/format.js';
import type { Placed } from './rule.js';

export interface WeightLine {
  settore: string;
  servizio?: string;
  etichetta: string;
  titolo: string;
  /** null: left blank in the plan. */
  peso: number | null;
}

export interface WeightSummary {
  /** Each responsabile's result allowance, split by objective. */
  risultato: { persona: string; id: string; segretario: boolean; /** The Segretario's role as the plan writes it. */ ruolo?: string; obiettivi: WeightLine[]; totale: number; atteso: number | null }[];
  /** Each employee's shares of the CCDI performance fund. */
  ccdi: { persona: string; id: string; obiettivi: WeightLine[]; totale: number }[];
  /** Each responsabile's objectives weighted by coefficient, and their sum. */
  coefficiente: { persona: string; id: string; obiettivi: WeightLine[]; totale: number }[];
}

export function weightSummary(plan: Piano, objectives: readonly Placed[], name: (id: string) => string, staffName: (id: string) => string = name): WeightSummary {
  const line = (p: Placed, peso: number | null): WeightLine => ({ settore: p.settore, ...(p.servizio && { servizio: p.servizio }), etichetta: p.etichetta, titolo: p.o.titolo, peso });
  const risultato: WeightSummary['risultato'] = [];
  if (plan.segretario) {
    const mine = objectives.filter((p) => p.segretario && pesoTipo(p.o.peso) === 'risultato');
    risultato.push({
      persona: name(plan.segretario.persona), id: plan.segretario.persona, segretario: true, ruolo: plan.segretario.ruolo,
      obiettivi: mine.map((p) => line(p, p.o.peso?.risultato ?? null)),
      totale: sum(mine.map((p) => p.o.peso?.risultato ?? 0)), atteso: plan.segretario.indennita_totale,
    });
  }
  const byPerson = new Map<string, Placed[]>();
  for (const p of objectives) {
    if (p.segretario || !p.responsabile || pesoTipo(p.o.peso) !== 'risultato') continue;
    byPerson.set(p.responsabile, [...(byPerson.get(p.responsabile) ?? []), p]);
  }
  for (const [id, mine] of byPerson) {
    risultato.push({
      persona: name(id), id, segretario: false,
      obiettivi: mine.map((p) => line(p, p.o.peso?.risultato ?? null)),
      totale: sum(mine.map((p) => p.o.peso?.risultato ?? 0)), atteso: plan.controlli.totale_risultato,
    });
  }
  const ccdi = new Map<string, WeightLine[]>();
  for (const p of objectives) {
    if (pesoTipo(p.o.peso) !== 'ccdi') continue;
    for (const id of p.o.personale) ccdi.set(id, [...(ccdi.get(id) ?? []), line(p, p.o.peso?.ccdi ?? null)]);
  }
  const coefficiente = new Map<string, WeightLine[]>();
  for (const p of objectives) {
    if (!p.responsabile || pesoTipo(p.o.peso) !== 'coefficiente') continue;
    coefficiente.set(p.responsabile, [...(coefficiente.get(p.responsabile) ?? []), line(p, p.o.peso?.coefficiente ?? null)]);
  }
  return {
    risultato,
    coefficiente: [...coefficiente.entries()].map(([id, obiettivi]) => ({ persona: name(id), id, obiettivi, totale: sum(obiettivi.map((o) => o.peso ?? 0)) })),
    ccdi: [...ccdi.entries()].map(([id, obiettivi]) => ({ persona: staffName(id), id, obiettivi, totale: sum(obiettivi.map((o) => o.peso ?? 0)) })),
  };
}

/** A sum of weights, rounded to the thousandth (so that 33.33 + 33.33 + 33.34 is 100). */
export function sum(xs: number[]): number {
  return Math.round(xs.reduce((a, b) => a + b, 0) * 1000) / 1000;
}
