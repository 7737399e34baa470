/**
 * How much of each objective was reached, from the results written in the plan (`consuntivo`),
 * as Comuni compute it for the Relazione sulla performance:
 *
 * - a phase: its `raggiungimento`, else 100% when completed by its planned end (0% after it);
 * - an indicator: its `raggiungimento` given by hand, else from its value and its target for the
 *   plan's year: higher is better min(valore / target, 1), lower is better min(target / valore, 1),
 *   a date on time or not, yes/no;
 * - an objective: given by hand (with its reason), else the weighted mean of its phases when it is
 *   measured by weighted phases (70/20/10 reached 100/100/0 → 90%), else of its indicators (by their
 *   weights, else equal), else of its phases (equal); "non valutabile" objectives are left out of
 *   every score. The Nucleo di Valutazione's percentage, where given, prevails.
 *
 * Pure functions of the data: no rounding here (the documents round what they print).
 */
import type { Fase, Indicatore, Obiettivo } from '../plan/schema.js';
import { measuredByPhases } from '../plan/measure.js';

export type HowMeasured = 'fasi' | 'indicatori' | 'manuale' | 'mancante' | 'non valutabile';

export interface ObjectiveAchievement {
  /** The entity's own percentage (self-assessment): computed, or given by hand. */
  ente?: number;
  /** The Nucleo di Valutazione's percentage, where given. */
  nucleo?: number;
  /** What counts: the Nucleo's, else the entity's. Absent when missing or not assessable. */
  finale?: number;
  come: HowMeasured;
  /** Whether phases or indicators could give the percentage without a hand-written one. */
  calcolabile: boolean;
  /** The reason it is not assessable (`non_valutabile`). */
  motivo?: string;
}

/**
 * A percentage as the documents print it, two decimals: what the Nucleo reads is what decides a band or a
 * gate (79,999… is 80,00; 99,996 is 100,00), and binary fractions (62,8 + 33,1 + …) do not tip a score under it.
 */
export function hundredths(x: number): number {
  return Math.round(x * 100 + 1e-9 * Math.sign(x)) / 100;
}

/** A phase's achievement, or undefined when it has no result. */
export function phaseAchievement(f: Fase): number | undefined {
  if (typeof f === 'string' || !f.consuntivo) return undefined;
  const c = f.consuntivo;
  if (c.raggiungimento !== undefined) return c.raggiungimento;
  if (c.completata_il !== undefined) return f.fine === undefined || c.completata_il <= f.fine ? 100 : 0;
  return undefined;
}

const YES = new Set(['sì', 'si', 'yes', 'vero', 'fatto', 'adottato', 'approvato', 'raggiunto']);
const NO = new Set(['no', 'falso', 'non raggiunto', 'non adottato', 'non approvato']);
const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** "100%", "12,5", "1.234,5", "-4 giorni" → the number, as Italians write it; undefined when the text is not a number. */
export function numberIn(v: string | number): number | undefined {
  if (typeof v === 'number') return v;
  const m = /^\s*([-+\u2212]?[\d.,]*\d)\s*(?:%|[a-zà-ù ]+)?\s*$/i.exec(v);
  if (!m) return undefined;
  let d = m[1]!.replace('\u2212', '-');
  if (/^[-+]?\d{1,3}(\.\d{3})+(,\d+)?$/.test(d)) d = d.replace(/\./g, '').replace(',', '.');
  else if (/^[-+]?\d+,\d+$/.test(d)) d = d.replace(',', '.');
  else if (!/^[-+]?\d+(\.\d+)?$/.test(d)) return undefined;
  return Number(d);
}

/** yes/no written as a value: true, "sì", "no", "adottato"… */
export function yesNo(v: string | number | boolean): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v !== 'string') return undefined;
  const t = v.trim().toLowerCase();
  return YES.has(t) ? true : NO.has(t) ? false : undefined;
}

/** An indicator's target for the plan's first year: the first of its targets per year. */
export function targetOf(ind: Indicatore): string | number | undefined {
  return typeof ind === 'string' ? undefined : ind.target?.[0];
}

/**
 * An indicator's achievement, or undefined when it has no result or its value cannot be compared
 * with its target (then it needs a `raggiungimento` by hand: the check says so).
 */
/** `lowerIsBetter`: the polarity when the indicator does not say (the payment-times objective's delay indicator). */
export function indicatorAchievement(ind: Indicatore, lowerIsBetter = false): number | undefined {
  if (typeof ind === 'string' || !ind.consuntivo) return undefined;
  const c = ind.consuntivo;
  if (c.raggiungimento !== undefined) return c.raggiungimento;
  const target = targetOf(ind);
  const value = c.valore;
  if (target === undefined) return undefined;
  // A deadline: the value is the day it happened.
  if (typeof value === 'string' && ISO.test(value) && typeof target === 'string' && ISO.test(target)) return value <= target ? 100 : 0;
  const wanted = yesNo(target);
  const got = yesNo(value);
  // Yes/no against a yes/no target; a yes/no value against a number or a date cannot be compared.
  if (got !== undefined && wanted !== undefined) return got === wanted ? 100 : 0;
  if (typeof value === 'boolean') return undefined;
  const v = numberIn(value);
  const t = numberIn(target);
  if (v === undefined || t === undefined) return undefined;
  if ((ind.polarita ?? (lowerIsBetter ? 'decrescente' : 'crescente')) === 'decrescente') return v <= t ? 100 : t > 0 ? (t / v) * 100 : 0;
  return v >= t ? 100 : t > 0 ? (Math.max(v, 0) / t) * 100 : 0;
}

/** Mean of values by weights (equal when `weights` is absent); undefined if any value is missing. */
function weightedMean(values: (number | undefined)[], weights?: number[]): number | undefined {
  if (values.length === 0 || values.some((v) => v === undefined)) return undefined;
  const w = weights ?? values.map(() => 1);
  const total = w.reduce((a, b) => a + b, 0);
  if (total <= 0) return undefined;
  return values.reduce<number>((acc, v, i) => acc + v! * w[i]!, 0) / total;
}

/** The objective's achievement from its phases or indicators, and how; undefined when it cannot be computed. */
function computed(o: Obiettivo): { value: number; come: 'fasi' | 'indicatori' } | undefined {
  if (measuredByPhases(o)) {
    const v = weightedMean(o.fasi.map(phaseAchievement), o.fasi.map((f) => (typeof f === 'string' ? 0 : f.peso ?? 0)));
    return v === undefined ? undefined : { value: v, come: 'fasi' };
  }
  const measured = o.indicatori.filter((i) => typeof i !== 'string');
  if (measured.length > 0 && measured.some((i) => i.consuntivo)) {
    const weights = measured.every((i) => i.peso !== undefined) ? measured.map((i) => i.peso!) : undefined;
    const v = weightedMean(measured.map((i) => indicatorAchievement(i, o.tempi_pagamento === true)), weights);
    return v === undefined ? undefined : { value: v, come: 'indicatori' };
  }
  const phases = o.fasi.filter((f) => typeof f !== 'string');
  if (phases.length > 0 && phases.length === o.fasi.length && phases.some((f) => f.consuntivo)) {
    const v = weightedMean(phases.map(phaseAchievement));
    return v === undefined ? undefined : { value: v, come: 'fasi' };
  }
  return undefined;
}

export function objectiveAchievement(o: Obiettivo): ObjectiveAchievement {
  const c = o.consuntivo;
  const auto = computed(o);
  const calcolabile = auto !== undefined;
  if (c?.non_valutabile !== undefined) return { come: 'non valutabile', calcolabile, motivo: c.non_valutabile };
  const nucleo = c?.nucleo?.raggiungimento;
  const computedValue = auto?.value;
  const ente = c?.raggiungimento ?? (computedValue === undefined ? undefined : hundredths(computedValue));
  // Given by hand: the entity's, or only the Nucleo's (then it is the result there is).
  const come: HowMeasured = c?.raggiungimento !== undefined || (ente === undefined && nucleo !== undefined) ? 'manuale' : auto ? auto.come : 'mancante';
  const finale = nucleo ?? ente;
  return { ...(ente !== undefined && { ente }), ...(nucleo !== undefined && { nucleo }), ...(finale !== undefined && { finale }), come, calcolabile };
}

/**
 * Whether the plan holds year-end results (then `check` asks for every objective's): an objective's or an
 * indicator's. Phases completed during the year are the monitoring's, not yet the year's results.
 */
export function hasResults(objectives: readonly Obiettivo[]): boolean {
  return objectives.some((o) => o.consuntivo !== undefined || o.indicatori.some((i) => typeof i !== 'string' && i.consuntivo !== undefined));
}
