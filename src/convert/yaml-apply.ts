/**
 * New plan data written back into the plan file it came from, changing only what changed: the
 * file's YAML document is edited node by node (yaml's Document API), so that comments, key order,
 * quoting and flow style of everything unchanged stay as the Segretario wrote them. A list whose
 * items were moved (objectives moved between servizi, settori reordered) names each item's origin
 * (its path in the old data), so the item keeps its own node and comments where it goes. Unchanged
 * data gives the file back byte for byte.
 */
import { isMap, isPair, isScalar, isSeq, parseDocument, Pair, Scalar, type Document, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { diffArrays } from 'diff';
import { ordered } from './plan-yaml.js';

/** Where an object of the new data came from: its path in the old data ("centri[0].servizi[1]"). */
export type Origins = WeakMap<object, string>;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Same data, whatever the order of keys (symbols, such as the written decimals, not compared). */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => sameData(v, b[i]));
  if (isObject(a)) {
    if (!isObject(b)) return false;
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => sameData(a[k], b[k]));
  }
  return false;
}

function parsePath(path: string): (string | number)[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]!));
}

function valueAt(root: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>((cur, k) => (cur as Record<string | number, unknown> | undefined)?.[k], root);
}

/** `source` (the plan file's text, whose data is `oldData`) with `newData` applied (see the module's comment). */
export function applyData(source: string, oldData: unknown, newData: unknown, origins: Origins): string {
  if (sameData(oldData, newData)) return source;
  const doc = parseDocument(source, { uniqueKeys: true });
  // Every origin resolved before anything changes.
  const from = new Map<string, { node: unknown; old: unknown }>();
  const collect = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(collect);
    else if (isObject(v)) {
      const o = origins.get(v);
      if (o !== undefined && !from.has(o)) from.set(o, { node: doc.getIn(parsePath(o), true), old: valueAt(oldData, parsePath(o)) });
      Object.values(v).forEach(collect);
    }
  };
  collect(newData);
  const apply = (node: unknown, old: unknown, neu: unknown, canon: unknown, key?: string): unknown => {
    if (node !== undefined && sameData(old, neu)) return node;
    if (isObject(neu)) {
      // A new map (where there was none, or something else) is filled like an old one, so that what it holds
      // that came from elsewhere (an objective moved into a new list) keeps its own node.
      const map = (isMap(node) ? node : carry(doc.createNode({}) as YAMLMap, node)) as YAMLMap;
      if (!isMap(node) && key !== undefined && FLOW_KEYS.has(key)) map.flow = true;
      // A comment at the end of a one-line map (`peso: { ccdi: ~ } # non indicato`) spoke of what it held.
      if (isMap(node) && node.flow) node.comment = null;
      const keyOf = (p: unknown) => String(((p as Pair).key as Scalar).value);
      map.items = map.items.filter((p) => neu[keyOf(p)] !== undefined);
      const order = Object.keys(isObject(canon) ? canon : neu);
      for (const k of Object.keys(neu)) {
        if (neu[k] === undefined) continue;
        const c = isObject(canon) ? canon[k] : undefined;
        const o = isObject(old) ? old[k] : undefined;
        const pair = map.items.find((p) => keyOf(p) === k);
        if (pair) pair.value = apply(pair.value, o, neu[k], c, k) as Node;
        else {
          const after = map.items.findIndex((p) => order.indexOf(keyOf(p)) > order.indexOf(k));
          const added = new Pair(doc.createNode(k), apply(undefined, undefined, neu[k], c, k));
          if (after < 0) map.items.push(added);
          else map.items.splice(after, 0, added);
        }
      }
      return map;
    }
    if (Array.isArray(neu)) {
      const seq = (isSeq(node) ? node : carry(doc.createNode([]) as YAMLSeq, node)) as YAMLSeq;
      const moved = neu.some((v) => isObject(v) && origins.has(v));
      const canonItems = Array.isArray(canon) ? canon : [];
      const items = seq.items;
      seq.items = neu.map((v, i) => {
        const o = isObject(v) ? origins.get(v) : undefined;
        const at = o !== undefined ? from.get(o) : undefined;
        if (at && at.node !== undefined) {
          from.delete(o!); // one place only: a second copy is made afresh
          return apply(at.node, at.old, v, canonItems[i]);
        }
        if (!moved && i < items.length) return apply(items[i], Array.isArray(old) ? old[i] : undefined, v, canonItems[i]);
        return apply(undefined, undefined, v, canonItems[i]);
      }) as Node[];
      return seq;
    }
    if (isScalar(node) && node.value === neu) return node;
    return carry(create(doc, neu), node);
  };
  const options = { lineWidth: 0, nullStr: '~' };
  const before = parseDocument(source, { uniqueKeys: true }).toString(options);
  doc.contents = apply(doc.contents, oldData, newData, ordered(newData)) as typeof doc.contents;
  const after = doc.toString(options);
  const merged = keepSourceLines(source, before, after);
  // The source's lines are only trusted where they give the same data as the library's text.
  if (merged === after) return after;
  const check = parseDocument(merged);
  return check.errors.length === 0 && sameData(check.toJS(), parseDocument(after).toJS()) ? merged : after;
}

/**
 * The yaml library writes an unchanged document almost, not exactly, as it was written (spaces in
 * flow collections, a comment's indentation). The lines the edit did not touch are taken from the
 * source itself: the diff between the library's text before and after the edit, applied line by line
 * (when the library's text has the source's lines, one for one).
 */
function keepSourceLines(source: string, before: string, after: string): string {
  const src = source.split('\n');
  const old = before.split('\n');
  if (src.length !== old.length) return after;
  const out: string[] = [];
  let i = 0;
  for (const part of diffArrays(old, after.split('\n'))) {
    if (part.added) out.push(...part.value);
    else if (part.removed) i += part.value.length;
    else {
      out.push(...src.slice(i, i + part.value.length));
      i += part.value.length;
    }
  }
  return out.join('\n');
}

/** Written on one line, as the example and the comments of a plan file write them: `termine: { anno: 2024 }`. */
const FLOW_KEYS = new Set(['termine', 'peso']);

/** A new scalar node for a value; a multi-line text as a literal block. */
function create(doc: Document, value: unknown): Node {
  const node = doc.createNode(value) as Node;
  if (isScalar(node) && typeof node.value === 'string' && node.value.includes('\n')) node.type = Scalar.BLOCK_LITERAL;
  return node;
}

/**
 * `node` with the comments of the node it replaces, but the one at the end of its line: that one
 * spoke of the value that was there ("# peso non indicato nel piano originale") and would now be wrong.
 */
function carry<N extends Node>(node: N, replaced: unknown): N {
  if (replaced && typeof replaced === 'object' && !isPair(replaced)) {
    const r = replaced as Node & { commentBefore?: string | null; comment?: string | null; spaceBefore?: boolean };
    const n = node as Node & { commentBefore?: string | null; comment?: string | null; spaceBefore?: boolean };
    if (r.commentBefore) n.commentBefore = r.commentBefore;
    if (r.comment && !isScalar(r) && !(isMap(r) || isSeq(r) ? (r as YAMLMap).flow : false)) n.comment = r.comment;
    if (r.spaceBefore) n.spaceBefore = r.spaceBefore;
  }
  return node;
}
