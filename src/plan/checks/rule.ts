/**
 * What a domain rule is: a named unit with its stable codes, each code's default severity (a
 * plan may change it in `controlli.livelli`), and a function that looks at the plan (once) or at
 * one objective (for each objective, in document order) and reports what it finds. Rules read a
 * shared context: the plan, every objective with its place and label, names, weights per person.
 */
import type { Severity } from '../diagnostics.js';
import { ruoloSegretario, type CheckCode, type Obiettivo, type Piano } from '../schema.js';
import { objectiveGroups, objectiveNumbers, type Centro, type Gruppo } from '../walk.js';
import { objectiveLabel, registryNames } from '../../render/format.js';
import { weightSummary, type WeightSummary } from './weights.js';

/** One objective with where it sits and how the documents label it. */
export interface Placed {
  o: Obiettivo;
  /** Path of the objective in the data. */
  path: (string | number)[];
  /** "Segretario Comunale" or the centro's name. */
  settore: string;
  servizio?: string;
  centro?: Centro;
  /** The group of the servizio the objective is in (numbering restarts in each). */
  gruppo?: Gruppo;
  /** "Obiettivo n. 2", "Obiettivo comune". */
  etichetta: string;
  /** The objective's own responsabile, or its centro's (the Segretario for hers). */
  responsabile?: string;
  segretario: boolean;
}

export interface CheckContext {
  plan: Piano;
  /** The plan file's text, for rules over what is not data (comments); absent for a plan not read from a file. */
  source?: string;
  /** Every objective, in document order (the Segretario's first). */
  objectives: readonly Placed[];
  /** Weights per person, as the result reports them. */
  pesi: WeightSummary;
  /** A person's name as printed (the id itself if not in the registry), in the plan's order for responsabili; `staffName` for staff. */
  name(id: string | null | undefined): string;
  staffName(id: string): string;
  /** How messages name an objective: «title» (settore, servizio, label). */
  title(p: Placed): string;
}

export interface ReportExtra {
  /** The offending value, shown with the diagnostic. */
  value?: string;
  hint?: string;
  /** Point at this key of the map at `path` (the diagnostic's path then includes it). */
  key?: string;
  /** Point at this place of the file instead (a comment line, which no path reaches). */
  at?: { line: number; col: number };
}

/** Reports one finding of a rule; its severity is the code's default unless the plan overrides it. */
export type Report<C extends CheckCode> = (code: C, path: PropertyKey[], message: string, extra?: ReportExtra) => void;

export interface Rule<C extends CheckCode> {
  /** A short name of the rule (what it checks). */
  name: string;
  /** The codes the rule reports, each with its default severity. */
  codes: { readonly [K in C]: Severity };
  /** Looks at the whole plan, once. */
  piano?(ctx: CheckContext, report: Report<C>): void;
  /** Looks at one objective; called for every objective, in document order. */
  obiettivo?(p: Placed, ctx: CheckContext, report: Report<C>): void;
}

/** Where the runner collects findings: the code, its default severity, and what the rule said. */
export type Sink = (code: CheckCode, severity: Severity, path: PropertyKey[], message: string, extra: ReportExtra) => void;

/** A rule as the registry holds it: its codes erased to `CheckCode`, its report bound to its defaults. */
export interface RegisteredRule {
  name: string;
  codes: readonly { code: CheckCode; severity: Severity }[];
  piano?(ctx: CheckContext, sink: Sink): void;
  obiettivo?(p: Placed, ctx: CheckContext, sink: Sink): void;
}

export function defineRule<C extends CheckCode>(rule: Rule<C>): RegisteredRule {
  const bind = (sink: Sink): Report<C> => (code, path, message, extra = {}) => sink(code, rule.codes[code], path, message, extra);
  const { piano, obiettivo } = rule;
  return {
    name: rule.name,
    codes: (Object.keys(rule.codes) as C[]).map((code) => ({ code, severity: rule.codes[code] })),
    ...(piano && { piano: (ctx: CheckContext, sink: Sink) => piano(ctx, bind(sink)) }),
    ...(obiettivo && { obiettivo: (p: Placed, ctx: CheckContext, sink: Sink) => obiettivo(p, ctx, bind(sink)) }),
  };
}

/** Every objective of the plan, in document order, with its place and its label as printed. */
function placeObjectives(plan: Piano): Placed[] {
  const numbers = objectiveNumbers(plan);
  return objectiveGroups(plan).flatMap((g) => {
    const resp = g.segretario ? plan.segretario?.persona : g.centro?.responsabile;
    const where = g.centro
      ? { settore: g.centro.nome, ...(g.servizio && { servizio: g.servizio.nome }), centro: g.centro, ...(g.gruppo && { gruppo: g.gruppo }), segretario: false }
      : { settore: ruoloSegretario(plan), segretario: true };
    return g.obiettivi.map((o, oi): Placed => {
      const responsabile = o.responsabile ?? resp ?? undefined;
      return { ...where, o, path: [...g.path, oi], etichetta: objectiveLabel(numbers.get(o), o.comune), ...(responsabile && { responsabile }) };
    });
  });
}

/** The context every rule reads, built once per plan. */
export function makeContext(plan: Piano, source?: string): CheckContext {
  // Names as the documents write them (documento.ordine_nomi): responsabili, and staff for the CCDI shares.
  const order = plan.documento.ordine_nomi;
  const names = registryNames(plan.persone, order);
  const name = (id: string | null | undefined) => (id ? names.name(id) : '');
  const { staffName } = names;
  const objectives = placeObjectives(plan);
  const pesi = weightSummary(plan, objectives, name, staffName);
  return { plan, ...(source !== undefined && { source }), objectives, pesi, name, staffName, title: (p) => `«${p.o.titolo}» (${[p.settore, p.servizio, p.etichetta].filter(Boolean).join(', ')})` };
}
