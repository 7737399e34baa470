/**
 * Domain checks on a valid plan: the rules a Segretario and the Nucleo di Valutazione care
 * about, a completeness report against the nine questions of the official guidance, and the
 * summary of weights per person that the staff office needs for the CCDI.
 *
 * The rules are a registry (`RULES`): each one a small named unit in `checks/`, with its stable
 * codes and their default severities, run over a shared context (`checks/rule.ts`). The plan
 * may change any code's severity, or turn it off, in `controlli.livelli`.
 */
import type { Diagnostic } from './diagnostics.js';
import { formatPath } from './diagnostics.js';
import type { LoadedPlan } from './load.js';
import { completeness, type Completeness } from './checks/completeness.js';
import { consuntivo } from './checks/consuntivo.js';
import { daDecidere } from './checks/da-decidere.js';
import { fasi } from './checks/fasi.js';
import { formazione } from './checks/formazione.js';
import { numerazione } from './checks/numerazione.js';
import { senzaObiettivi } from './checks/obiettivi.js';
import { glifi } from './checks/glifi.js';
import { indicatoriMancanti } from './checks/indicatori.js';
import { pesoVuoto, sommaRisultato, sommaSegretario } from './checks/pesi.js';
import { personaleFuoriSettore } from './checks/personale.js';
import { makeContext, type Placed, type RegisteredRule, type Sink } from './checks/rule.js';
import { target } from './checks/target.js';
import { tempiPagamento } from './checks/tempi-pagamento.js';
import { termine } from './checks/termine.js';
import { variazioni } from './checks/variazioni.js';
import type { WeightSummary } from './checks/weights.js';

export { QUESTIONS, type Answer, type Completeness, type CompletenessRow, type QuestionKey } from './checks/completeness.js';
export { isMeasurable } from './checks/target.js';
export type { WeightLine, WeightSummary } from './checks/weights.js';
export type { RegisteredRule, Placed } from './checks/rule.js';
export { otherWeight, paymentTimes, type PaymentTimes } from './checks/tempi-pagamento.js';

/**
 * Every rule, in the order it runs: rules on the whole plan first, then, objective by objective
 * in document order, the rules on one objective. Diagnostics are then sorted by place; two at the
 * same place keep this order.
 */
export const RULES: readonly RegisteredRule[] = [
  senzaObiettivi,
  tempiPagamento,
  sommaSegretario,
  sommaRisultato,
  pesoVuoto,
  personaleFuoriSettore,
  termine,
  target,
  indicatoriMancanti,
  fasi,
  numerazione,
  formazione,
  variazioni,
  consuntivo,
  glifi,
  daDecidere,
];

export interface CheckResult {
  diagnostics: Diagnostic[];
  completezza: Completeness;
  pesi: WeightSummary;
  /** Every objective with its place and label, in document order (the rows of `completezza`). */
  obiettivi: readonly Placed[];
  /** A person's name as the checks print it: a responsabile's (`nome`), a member of staff's (`nomePersonale`). */
  nome(id: string | null | undefined): string;
  nomePersonale(id: string): string;
}

export function runChecks(loaded: LoadedPlan): CheckResult {
  const { plan, file, locate } = loaded;
  const levels = plan.controlli.livelli;
  const diagnostics: Diagnostic[] = [];
  const sink: Sink = (code, severity, path, message, extra) => {
    const level = levels[code] ?? severity;
    if (level === 'no') return;
    const full = extra.key !== undefined ? [...path, extra.key] : path;
    diagnostics.push({
      severity: level, code, file, ...(extra.at ?? (extra.key !== undefined ? locate(path, extra.key) : locate(path))), path: formatPath(full), message,
      ...(extra.value !== undefined && { value: extra.value }), ...(extra.hint !== undefined && { hint: extra.hint }),
    });
  };

  const ctx = makeContext(plan, loaded.source);
  for (const rule of RULES) rule.piano?.(ctx, sink);
  for (const p of ctx.objectives) for (const rule of RULES) rule.obiettivo?.(p, ctx, sink);

  return {
    diagnostics: diagnostics.sort((a, b) => a.line - b.line || a.col - b.col), completezza: completeness(ctx.objectives), pesi: ctx.pesi,
    obiettivi: ctx.objectives, nome: ctx.name, nomePersonale: ctx.staffName,
  };
}
