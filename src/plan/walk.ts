/**
 * The plan's hierarchy walked in one place: the Segretario's objectives (if any), then each
 * centro → servizio → gruppo → objectives, in document order, each with its path in the data.
 * Numbering restarts in every group, so the walk hands out groups as well as objectives.
 *
 * The walk tolerates data that has not been validated yet (a missing or mistyped list is an
 * empty one), so that `load.ts` can check references on the raw YAML with the same walk the
 * checks use on the validated plan.
 */
import type { Obiettivo, Piano } from './schema.js';

export type Centro = Piano['centri'][number];
export type Servizio = Centro['servizi'][number];
export type Gruppo = Servizio['gruppi'][number];
export type DataPath = (string | number)[];

/** One list of objectives: a gruppo of a servizio, or the Segretario's own. */
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
