/**
 * An objective shared by several settori, written once: in full where it first appears, with an
 * `id`, and elsewhere recalled by that id with only what changes there (its weight, its staff,
 * its phases, its number…):
 *
 *   - richiama: pa-digitale
 *     peso: { risultato: 10 }
 *     personale: [massari]
 *
 * Recalls are expanded on the raw data, before validation: each becomes a full copy of the
 * objective it names (without that objective's `id` and `numero`, which are its own) with the
 * recall's own fields over it, so every later stage sees ordinary objectives and shows the
 * objective in each settore. A problem in what the copy inherits is the original's, reported once,
 * at the original: `inherited` lists the copies' paths that hold inherited values, whose problems
 * the loader leaves out. After validation, `mark` tells each copy which objective it repeats (the
 * open data says so; a number repeated on purpose is not a repeated number) and gives it the
 * decimals its inherited numbers were written with.
 */
import { type Diagnostic, formatPath } from './diagnostics.js';
import { DECIMALI, RICHIAMO } from './schema.js';
import type { Locate } from './load.js';
import { closest } from './suggest.js';
import { asArray, asObject, rawObjectivesOf, type RawObject } from './walk.js';

/** At most this much text repeated by recalls (the largest plan file is 8 MB; real plans a few hundred kilobytes). */
const MAX_COPIED = 4 * 1024 * 1024;

/** The key that makes an objective a recall. */
export const RECALL_KEY = 'richiama';

export interface Expanded {
  data: unknown;
  diagnostics: Diagnostic[];
  /**
   * Formatted paths (formatPath) whose problems are reported elsewhere: inherited values in copies
   * (the original's problems), and a recall naming no objective (its own error says so).
   */
  inherited: Set<string>;
  /** Marks each copy of the validated data with the id it repeats (`RICHIAMO`). */
  mark(valid: unknown): void;
}

export function isRecall(o: unknown): boolean {
  return o !== null && typeof o === 'object' && !Array.isArray(o) && RECALL_KEY in o;
}

/** Replaces every recall of the plan by a copy of the objective it names; `data` is changed in place. */
export function expandRecalls(data: unknown, file: string, locate: Locate): Expanded {
  const diagnostics: Diagnostic[] = [];
  const inherited = new Set<string>();
  const placed = rawObjectivesOf(data);
  const recalls = placed.filter((p) => isRecall(p.obiettivo));
  const copies: { path: PropertyKey[]; of: string; from: PropertyKey[] }[] = [];
  const at = (root: unknown, path: PropertyKey[]) => path.reduce<unknown>((cur, key) => (cur as Record<PropertyKey, unknown> | undefined)?.[key], root);
  const mark = (valid: unknown) => {
    for (const c of copies) {
      const o = at(valid, c.path);
      if (!o || typeof o !== 'object') continue;
      Object.defineProperty(o, RICHIAMO, { value: c.of, enumerable: false });
      // The decimals written in the original ("1.0", "33.333") hold for what the copy inherits.
      copyDecimals(at(valid, c.from), o);
    }
  };
  if (recalls.length === 0) return { data, diagnostics, inherited, mark };

  const error = (code: string, path: PropertyKey[], message: string, extra: { value?: string; hint?: string; key?: string } = {}) => {
    const { key, ...rest } = extra;
    diagnostics.push({ severity: 'errore', code, file, ...(key !== undefined ? locate(path, key) : locate(path)), path: formatPath(key !== undefined ? [...path, key] : path), message, ...rest });
  };
  const originals = new Map<string, RawObject>();
  const originalPaths = new Map<string, PropertyKey[]>();
  for (const p of placed) {
    if (!isRecall(p.obiettivo) && typeof p.obiettivo.id === 'string' && !originals.has(p.obiettivo.id)) {
      originals.set(p.obiettivo.id, p.obiettivo);
      originalPaths.set(p.obiettivo.id, p.path);
    }
  }
  const recallIds = new Set(recalls.map((p) => p.obiettivo.id).filter((id): id is string => typeof id === 'string'));

  let copied = 0;
  const sizes = new Map<RawObject, number>();
  const sizeOf = (o: RawObject) => sizes.get(o) ?? (sizes.set(o, JSON.stringify(o).length), sizes.get(o)!);
  for (const { obiettivo: recall, path } of recalls) {
    const target = recall[RECALL_KEY];
    if (typeof target !== 'string' || !originals.has(target)) inherited.add(formatPath(path));
    if (typeof target !== 'string') {
      error('richiamo.obiettivo', [...path, RECALL_KEY], `"${RECALL_KEY}" vuole l'identificativo ("id") di un obiettivo scritto per intero nel piano`);
      continue;
    }
    const original = originals.get(target);
    if (!original) {
      const hint = closest(target, [...originals.keys()]);
      error('richiamo.obiettivo', [...path, RECALL_KEY], recallIds.has(target)
        ? `«${target}» è a sua volta un richiamo: richiama l'obiettivo scritto per intero`
        : `nessun obiettivo scritto per intero ha l'identificativo «${target}»`, {
        value: target, hint: hint ? `forse intendevi «${hint}»?` : 'scrivi l\'obiettivo per intero in un settore, con "id:", e richiamalo negli altri',
      });
      continue;
    }
    // Recalls repeat text: together they may not make the plan much larger than a plan file may be (as YAML aliases may not).
    copied += sizeOf(original);
    if (copied > MAX_COPIED) {
      error('richiamo.troppi', [...path, RECALL_KEY], `i richiami ripetono più di ${MAX_COPIED / 1024 / 1024} MB di testo: il piano diventerebbe troppo grande`, {
        hint: 'scrivi per intero gli obiettivi che cambiano molto, o accorcia il testo di quelli richiamati',
      });
      inherited.add(formatPath(path));
      break;
    }
    const { id: _id, numero: _numero, ...copy0 } = structuredClone(original) as RawObject;
    const { [RECALL_KEY]: _target, ...own } = recall;
    const copy: RawObject = { ...copy0, ...own };
    for (const key of Object.keys(copy)) if (!(key in recall)) inherited.add(formatPath([...path, key]));
    const list = listAt(data, path.slice(0, -1));
    list[path[path.length - 1] as number] = copy;
    copies.push({ path, of: target, from: originalPaths.get(target)! });
  }
  return { data, diagnostics, inherited, mark };
}

/** Whether a diagnostic's formatted path is, or is inside, an inherited value of a copy: its prefixes looked up, not every path. */
export function isInherited(inherited: ReadonlySet<string>, path: string): boolean {
  if (inherited.size === 0) return false;
  if (inherited.has(path)) return true;
  for (let i = 0; i < path.length; i++) {
    if ((path[i] === '.' || path[i] === '[') && inherited.has(path.slice(0, i))) return true;
  }
  return false;
}

/** Copies the decimals recorded on `from` and inside it (`DECIMALI`) to `to` wherever both hold the same value. */
function copyDecimals(from: unknown, to: unknown): void {
  if (!from || !to || typeof from !== 'object' || typeof to !== 'object') return;
  const f = from as Record<PropertyKey, unknown> & { [DECIMALI]?: Record<string | number, number> };
  const t = to as Record<PropertyKey, unknown> & { [DECIMALI]?: Record<string | number, number> };
  for (const [key, n] of Object.entries(f[DECIMALI] ?? {})) {
    if (t[key] === f[key] && t[DECIMALI]?.[key] === undefined) t[DECIMALI] = { ...t[DECIMALI], [key]: n };
  }
  for (const key of Object.keys(f)) if (t[key] !== f[key]) copyDecimals(f[key], t[key]);
}

function listAt(data: unknown, path: readonly PropertyKey[]): unknown[] {
  let cur: unknown = data;
  for (const key of path) cur = typeof key === 'number' ? asArray(cur)[key] : asObject(cur)[key as string];
  return cur as unknown[];
}
