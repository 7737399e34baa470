/**
 * From each objective's achievement to each person's score and bonus, by the plan's evaluation
 * system (`valutazione`):
 *
 * - a responsabile's score (and the Segretario's, apart) is the mean of the achievement of their
 *   objectives weighted on the indennità di risultato (or by coefficient), those "non valutabili" or
 *   not relevant to the evaluation (`rilevante_valutazione: false`) left out; the SMVP's bands (`valutazione.fasce`) give the share of the bonus paid;
 * - art. 4-bis D.L. 13/2023: the share tied to the payment-times objective is paid in full when
 *   that objective is met and not at all when it is not (Circolare RGS 1/2024); the rest of the
 *   bonus follows the band of the score on the other objectives;
 * - a missed prerequisite objective (`prerequisito: true`) excludes the bonus of whoever it binds
 *   (the responsabile, and the staff it lists);
 * - each employee's CCDI share is the sum of their objectives' weights × achievement (a weight is a
 *   percentage of the fund for organisational performance, `valutazione.importi.fondo_ccdi`); when the
 *   shares earned add up to more than the fund, every amount is cut in proportion (`riduzioneCcdi`).
 *
 * An objective whose result is not entered yet is neither reached nor missed: the score is the mean
 * over the objectives with a result, and the share paid (and the amount) is not told until every
 * result is in (`mancanti`); the payment-times share is neither paid nor denied.
 *
 * Amounts in euro only where the plan gives them. Nothing is rounded here.
 */
import type { Piano, Valutazione } from '../plan/schema.js';
import { makeContext, type CheckContext, type Placed } from '../plan/checks/rule.js';
import { pesoTipo } from '../render/format.js';
import { hundredths, objectiveAchievement, type ObjectiveAchievement } from './achievement.js';

export interface Scored {
  p: Placed;
  a: ObjectiveAchievement;
  /** Its weight in this score (the objective's risultato, coefficient or CCDI weight). */
  peso: number;
}

export interface PersonScore {
  id: string;
  persona: string;
  segretario: boolean;
  tipo: 'risultato' | 'coefficiente';
  obiettivi: Scored[];
  /** Weighted mean of achievement over the objectives that count (0-100); absent when none has a result. */
  punteggio?: number;
  /** With a payment-times objective: the score on the other objectives, which picks the band. */
  punteggioFascia?: number;
  /** The band of the SMVP reached, where the plan gives bands. */
  fascia?: { da: number; quota: number };
  /** The payment-times objective's share of the bonus (%), and whether it was met (absent: its result is not entered yet). */
  tempiPagamento?: { quota: number; raggiunto?: boolean };
  /** How many of the objectives that count have no result yet: the share and the amount wait for them. */
  mancanti?: number;
  /** Share of the bonus paid (%), where it can be told. */
  quota?: number;
  /** Why nothing is paid: a missed prerequisite. */
  esclusione?: string;
  /** The allowance (euro) and what is paid of it, where the plan gives the amount. */
  importo?: number;
  premio?: number;
}

export interface StaffShare {
  id: string;
  persona: string;
  obiettivi: Scored[];
  /** Sum of the weights (the share of the fund at full achievement, %). */
  pesoTotale: number;
  /** Share of the fund earned (%): Σ weight × achievement. */
  quota: number;
  esclusione?: string;
  premio?: number;
  /** How many of their objectives have no result yet: the amount waits for them. */
  mancanti?: number;
}

export interface Results {
  obiettivi: { p: Placed; a: ObjectiveAchievement }[];
  responsabili: PersonScore[];
  personale: StaffShare[];
  fondoCcdi?: number;
  /** When the shares earned exceed the fund (`quote`, % of it): the factor every CCDI amount is multiplied by. */
  riduzioneCcdi?: { quote: number; fattore: number };
}

/** An objective counts in the scores unless it cannot be assessed or the plan says it is not relevant to the evaluation. */
const counts = (s: { p: Placed; a: ObjectiveAchievement }) => s.a.come !== 'non valutabile' && s.p.o.rilevante_valutazione !== false;

/** A prerequisite (or the payment-times objective) is met only when fully reached, as printed: 100,00%. */
const met = (a: ObjectiveAchievement) => a.finale !== undefined && hundredths(a.finale) >= 100;

/** Money to the cent: the rows of a payout table add up to its total. */
const cents = (x: number) => Math.round(x * 100 + 1e-9 * Math.sign(x)) / 100;

/** `ctx`: the checks' context of this plan, when the caller has it already (the rule of `check` does). */
export function computeResults(plan: Piano, ctx: CheckContext = makeContext(plan)): Results {
  const obiettivi = ctx.objectives.map((p) => ({ p, a: objectiveAchievement(p.o) }));
  const valutazione = plan.valutazione;
  const missedPrerequisites = obiettivi.filter(({ p, a }) => p.o.prerequisito && a.come !== 'non valutabile' && !met(a));

  // Whose allowances: the Segretario's objectives apart from those of any settore they head.
  const groups = new Map<string, { id: string; segretario: boolean; tipo: 'risultato' | 'coefficiente'; items: typeof obiettivi }>();
  for (const item of obiettivi) {
    const tipo = pesoTipo(item.p.o.peso);
    if ((tipo !== 'risultato' && tipo !== 'coefficiente') || !item.p.responsabile) continue;
    const id = item.p.segretario ? plan.segretario!.persona : item.p.responsabile;
    const key = `${item.p.segretario ? 's' : 'r'}:${tipo}:${id}`;
    const g = groups.get(key) ?? { id, segretario: item.p.segretario, tipo, items: [] };
    g.items.push(item);
    groups.set(key, g);
  }
  const responsabili = [...groups.values()].map((g) => personScore(g, ctx.name(g.id), valutazione, missedPrerequisites.filter(({ p }) => p.segretario === g.segretario && p.responsabile === g.id)));

  const staff = new Map<string, Scored[]>();
  for (const { p, a } of obiettivi) {
    if (pesoTipo(p.o.peso) !== 'ccdi') continue;
    for (const id of p.o.personale) staff.set(id, [...(staff.get(id) ?? []), { p, a, peso: p.o.peso?.ccdi ?? 0 }]);
  }
  const fondo = valutazione?.importi?.fondo_ccdi;
  const personale = [...staff.entries()].map(([id, items]): StaffShare => {
    const counted = items.filter(counts);
    const missed = missedPrerequisites.find(({ p }) => p.o.personale.includes(id));
    const quota = missed ? 0 : counted.reduce((acc, s) => acc + (s.peso * (s.a.finale ?? 0)) / 100, 0);
    const mancanti = missed ? 0 : counted.filter((s) => s.a.finale === undefined).length;
    return {
      id, persona: ctx.staffName(id), obiettivi: items, pesoTotale: counted.reduce((acc, s) => acc + s.peso, 0), quota,
      ...(missed && { esclusione: `obiettivo prerequisito non raggiunto: «${missed.p.o.titolo}»` }),
      ...(mancanti > 0 && { mancanti }),
    };
  });
  // Shares earned beyond the whole fund cannot all be paid: the amounts are cut in proportion, so the fund is the total.
  const earned = personale.reduce((acc, s) => acc + s.quota, 0);
  const riduzione = earned > 100 ? 100 / earned : undefined;
  if (fondo !== undefined) for (const s of personale) if (!s.mancanti) s.premio = cents((fondo * s.quota * (riduzione ?? 1)) / 100);
  return { obiettivi, responsabili, personale, ...(fondo !== undefined && { fondoCcdi: fondo }), ...(riduzione !== undefined && { riduzioneCcdi: { quote: earned, fattore: riduzione } }) };
}

function personScore(
  g: { id: string; segretario: boolean; tipo: 'risultato' | 'coefficiente'; items: { p: Placed; a: ObjectiveAchievement }[] },
  persona: string,
  valutazione: Valutazione | undefined,
  missed: { p: Placed }[],
): PersonScore {
  const obiettivi: Scored[] = g.items.map(({ p, a }) => ({ p, a, peso: (g.tipo === 'risultato' ? p.o.peso?.risultato : p.o.peso?.coefficiente) ?? 0 }));
  const counted = obiettivi.filter(counts);
  // Scores as printed, two decimals: the band is the one of the score the Nucleo reads.
  // Over the objectives with a result: one not entered yet is neither reached nor missed.
  const score = (xs: Scored[]) => {
    const known = xs.filter((s) => s.a.finale !== undefined);
    const w = known.reduce((acc, s) => acc + s.peso, 0);
    if (w <= 0) return undefined;
    return hundredths(known.reduce((acc, s) => acc + s.peso * s.a.finale!, 0) / w);
  };
  const out: PersonScore = { id: g.id, persona, segretario: g.segretario, tipo: g.tipo, obiettivi };
  const mancanti = counted.filter((s) => s.a.finale === undefined).length;
  if (mancanti > 0) out.mancanti = mancanti;
  const punteggio = score(counted);
  if (punteggio !== undefined) out.punteggio = punteggio;

  const tp = counted.filter((s) => s.p.o.tempi_pagamento && g.tipo === 'risultato');
  const others = counted.filter((s) => !tp.includes(s));
  const total = counted.reduce((acc, s) => acc + s.peso, 0);
  const bandScore = tp.length ? score(others) : punteggio;
  if (tp.length && bandScore !== undefined) out.punteggioFascia = bandScore;
  const fasce = valutazione?.fasce ? [...valutazione.fasce].sort((a, b) => a.da - b.da) : undefined;
  const fascia = fasce && bandScore !== undefined ? [...fasce].reverse().find((f) => bandScore >= f.da) : undefined;
  if (fascia) out.fascia = fascia;
  // Each payment-times objective's share is paid when that objective is met.
  let tpPaid = 0;
  if (tp.length && total > 0) {
    const quota = hundredths((tp.reduce((acc, s) => acc + s.peso, 0) / total) * 100);
    out.tempiPagamento = tp.some((s) => s.a.finale === undefined) ? { quota } : { quota, raggiunto: tp.every((s) => met(s.a)) };
    tpPaid = hundredths((tp.filter((s) => met(s.a)).reduce((acc, s) => acc + s.peso, 0) / total) * 100);
  }

  if (missed.length) {
    out.esclusione = `obiettivo prerequisito non raggiunto: «${missed[0]!.p.o.titolo}»`;
    out.quota = 0;
  } else if (mancanti === 0 && fasce && (fascia || (others.length === 0 && tp.length))) {
    const tpShare = out.tempiPagamento ? out.tempiPagamento.quota : 0;
    out.quota = hundredths(((fascia?.quota ?? 0) * (100 - tpShare)) / 100 + tpPaid);
  }
  const importo = g.segretario ? valutazione?.importi?.segretario : valutazione?.importi?.risultato?.[g.id];
  if (importo !== undefined) {
    out.importo = importo;
    if (out.quota !== undefined) out.premio = cents((importo * out.quota) / 100);
  }
  return out;
}
