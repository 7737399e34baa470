/**
 * The plan's hierarchy walked in one place: the Segretario's objectives (if any), then each
 * centro → its own objectives (a settore without servizi), then servizio → gruppo → objectives, in
 * document order, each with its path in the data.
 * Numbering restarts in every group, so the walk hands out groups as well as objectives.
 *
 * The walk tolerates data that has not been validated yet (a missing or mistyped list is an
 * empty one), so that `load.ts` can check references on the raw YAML with the same walk the
 * checks use on the validated plan.
 */
import { recalledFrom, type Obiettivo, type Piano } from './schema.js';

export type Centro = Piano['centri'][number];
export type Servizio = Centro['servizi'][number];
export type Gruppo = Servizio['gruppi'][number];
export type DataPath = (string | number)[];

/** One list of objectives: a gruppo of a servizio, a centro's own, or the Segretario's own. */
export interface ObjectiveGroup<O = Obiettivo, C = Centro, S = Servizio, G = Gruppo> {
  obiettivi: O[];
  /** Path of the list, e.g. `['centri', 1, 'servizi', 0, 'gruppi', 0, 'obiettivi']`. */
  path: DataPath;
  segretario: boolean;
  /** Where the group sits (none for the Segretario's objectives). */
  centro?: C;
  servizio?: S;
  gruppo?: G;
}

/** One objective with its place. */
export interface PlacedObjective<O = Obiettivo, C = Centro, S = Servizio, G = Gruppo> {
  obiettivo: O;
  /** Path of the objective, e.g. `['segretario', 'obiettivi', 2]`. */
  path: DataPath;
  /** Position in its group (0-based). */
  indice: number;
  group: ObjectiveGroup<O, C, S, G>;
}

/** Raw YAML data: an object whose fields are not known to have their types yet. */
export type RawObject = Record<string, unknown>;

/** Every group of objectives of a validated plan, in document order (the Segretario's first). */
export function objectiveGroups(plan: Piano): ObjectiveGroup[] {
  // A validated plan has every list the walk reads, so the walk returns the plan's own objects.
  return groupsIn(plan) as unknown as ObjectiveGroup[];
}

/** Every objective of a validated plan, in document order (the Segretario's first). */
export function objectivesOf(plan: Piano): PlacedObjective[] {
  return objectiveGroups(plan).flatMap(place);
}

/** The same walk over data not validated yet: what is not a list or an object is skipped. */
export function rawObjectivesOf(data: unknown): PlacedObjective<RawObject, RawObject, RawObject, RawObject>[] {
  return groupsIn(data).flatMap(place);
}

function place<O, C, S, G>(group: ObjectiveGroup<O, C, S, G>): PlacedObjective<O, C, S, G>[] {
  return group.obiettivi.map((obiettivo, indice) => ({ obiettivo, path: [...group.path, indice], indice, group }));
}

function groupsIn(data: unknown): ObjectiveGroup<RawObject, RawObject, RawObject, RawObject>[] {
  const root = asObject(data);
  const out: ObjectiveGroup<RawObject, RawObject, RawObject, RawObject>[] = [];
  if (root.segretario !== undefined && root.segretario !== null) {
    out.push({ obiettivi: asArray(asObject(root.segretario).obiettivi).map(asObject), path: ['segretario', 'obiettivi'], segretario: true });
  }
  asArray(root.centri).forEach((c, ci) => {
    const centro = asObject(c);
    const own = asArray(centro.obiettivi);
    if (own.length) out.push({ obiettivi: own.map(asObject), path: ['centri', ci, 'obiettivi'], segretario: false, centro });
    asArray(centro.servizi).forEach((s, si) => {
      const servizio = asObject(s);
      asArray(servizio.gruppi).forEach((g, gi) => {
        const gruppo = asObject(g);
        const path = ['centri', ci, 'servizi', si, 'gruppi', gi, 'obiettivi'];
        out.push({ obiettivi: asArray(gruppo.obiettivi).map(asObject), path, segretario: false, centro, servizio, gruppo });
      });
    });
  });
  return out;
}

export function asObject(v: unknown): RawObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as RawObject) : {};
}

export function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/**
 * Each objective's number, as the document prints it ("Obiettivo n. 3"), by the plan's
 * `documento.numerazione`: restarting in every gruppo (the seed), servizio or settore, or one
 * numbering for the whole plan (the Segretario's objectives, first, included; otherwise they have their own).
 * An objective with `numero` has that number and the next ones go on from it, or from the highest
 * number so far (a prerequisite "n. 0" first: then 1, 2…; after n. 2: then 3); a shared one
 * (`comune`) without `numero` has none: "Obiettivo comune".
 */
export function objectiveNumbers(plan: Piano): Map<Obiettivo, number | undefined> {
  return new Map(numbering(plan).map((x) => [x.o, x.numero]));
}

/** The objectives that share a number with an earlier one of the same numbering (an explicit `numero` repeated). */
export function repeatedNumbers(plan: Piano): { o: Obiettivo; numero: number }[] {
  const seen = new Set<string>();
  const out: { o: Obiettivo; numero: number }[] = [];
  const numbers = numbering(plan);
  const byId = new Map(numbers.filter((n) => n.o.id !== undefined).map((n) => [n.o.id!, n.numero]));
  for (const { o, numero, ambito } of numbers) {
    if (numero === undefined) continue;
    // A shared objective recalled in another settore with the number it has where it is written in full: on purpose.
    const of = recalledFrom(o);
    if (of !== undefined && byId.get(of) === numero) continue;
    const key = `${ambito}:${numero}`;
    if (seen.has(key)) out.push({ o, numero });
    seen.add(key);
  }
  return out;
}

function numbering(plan: Piano): { o: Obiettivo; numero: number | undefined; ambito: number }[] {
  const mode = plan.documento.numerazione;
  const out: { o: Obiettivo; numero: number | undefined; ambito: number }[] = [];
  let n = 0;
  let ambito = -1;
  let scope: unknown;
  for (const g of objectiveGroups(plan)) {
    // A centro's own objectives (no servizio, no gruppo) are a numbering of their own but with "settore" and "piano".
    const own = g.segretario ? 'segretario' : mode === 'gruppo' ? (g.gruppo ?? g) : mode === 'servizio' ? (g.servizio ?? g) : mode === 'settore' ? g.centro : 'piano';
    const next = mode === 'piano' ? 'piano' : own;
    if (next !== scope) {
      n = 0;
      ambito++;
    }
    scope = next;
    for (const o of g.obiettivi) {
      // An objective's own number is its label; the next ones go on from the highest so far, so a
      // prerequisite "n. 0" after "n. 2" does not make the next one "n. 1" again.
      if (o.numero !== undefined) n = Math.max(n, o.numero);
      else if (!o.comune) n++;
      out.push({ o, numero: o.numero ?? (o.comune ? undefined : n), ambito });
    }
  }
  return out;
}
