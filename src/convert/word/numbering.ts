/**
 * How the imported objectives are numbered: the document's numbers ("Obiettivo n. 3") compared
 * with what each `documento.numerazione` would print (restarting in every gruppo, servizio or
 * settore, or one numbering for the plan). The mode that prints most of them by itself wins (the
 * default, gruppo, on a tie), and only the objectives it would number otherwise keep a fixed
 * `numero`: a plan numbered 1, 2 | 3, 4 across servizi gets `numerazione: settore`, so an objective
 * added later is numbered right.
 */
import { rawObjectivesOf } from '../../plan/walk.js';

export type Mode = 'gruppo' | 'servizio' | 'settore' | 'piano';
const MODES: Mode[] = ['gruppo', 'servizio', 'settore', 'piano'];

/** Objectives that need a fixed number under `mode` (the walk of src/plan/walk.ts `numbering`). */
function fixedUnder(data: Record<string, unknown>, mode: Mode, read: (o: Record<string, unknown>) => number | undefined): Record<string, unknown>[] {
  const fixed: Record<string, unknown>[] = [];
  let n = 0;
  let scope: unknown;
  let lastGroup: unknown;
  for (const { obiettivo: o, group: g } of rawObjectivesOf(data)) {
    if (g === lastGroup && scope !== undefined) {
      // same group, same scope
    } else {
      const own = g.segretario ? 'segretario' : mode === 'gruppo' ? (g.gruppo ?? g) : mode === 'servizio' ? (g.servizio ?? g) : mode === 'settore' ? g.centro : 'piano';
      const next = mode === 'piano' ? 'piano' : own;
      if (next !== scope) n = 0;
      scope = next;
      lastGroup = g;
    }
    const r = read(o);
    if (o.comune === true) {
      if (r !== undefined) {
        fixed.push(o);
        n = Math.max(n, r);
      }
      continue;
    }
    if (r !== undefined && r !== n + 1) {
      fixed.push(o);
      n = Math.max(n, r);
    } else n++;
  }
  return fixed;
}

/** The numbering that needs fewest fixed numbers; writes `numero` on those it still needs. */
export function chooseNumbering(data: Record<string, unknown>, read: (o: Record<string, unknown>) => number | undefined): Mode {
  let best: { mode: Mode; fixed: Record<string, unknown>[] } | undefined;
  for (const mode of MODES) {
    const fixed = fixedUnder(data, mode, read);
    if (!best || fixed.length < best.fixed.length) best = { mode, fixed };
  }
  for (const o of best!.fixed) o.numero = read(o);
  return best!.mode;
}
