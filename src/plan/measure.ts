/**
 * How an objective is measured, where the checks and the view must agree: by weighted phases, and
 * whether its expected result is given elsewhere than in its own `target`.
 */
import type { Obiettivo } from './schema.js';

/**
 * An objective measured by its phases: every phase has a weight (they sum to 100, checked by
 * `fasi`), so its achievement is the weighted share of phases completed, as large Comuni write it.
 */
export function measuredByPhases(o: Obiettivo): boolean {
  return o.fasi.length > 0 && o.fasi.every((f) => typeof f !== 'string' && f.peso !== undefined);
}

/** Its indicators carry their own targets (per year). */
export function indicatorTargets(o: Obiettivo): boolean {
  return o.indicatori.some((i) => typeof i !== 'string' && (i.target?.length ?? 0) > 0);
}

/** The expected result is given elsewhere than in `target`: in the indicators, or by weighted phases. */
export function targetElsewhere(o: Obiettivo): boolean {
  return indicatorTargets(o) || measuredByPhases(o);
}
