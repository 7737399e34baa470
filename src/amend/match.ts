/**
 * Which objective of the new plan is which of the old one, so that an amendment can say what
 * changed rather than "one removed, one added". An objective keeps its identity by its `id` where
 * both versions have one (two different ids are two different objectives, whatever their titles).
 * Without ids, by its place (the Segretario, a settore, a servizio) and its title: the word overlap
 * of the titles (Dice coefficient on normalised words, a little of the description's too). A pair
 * found that way and not surely the same objective is marked uncertain, for the prospetto to say so.
 */
import type { Placed } from '../plan/checks.js';
import type { Piano } from '../plan/schema.js';

export interface MatchedPair {
  old: Placed;
  new: Placed;
  /** How the pair was found: the same `id`, or place and title. */
  how: 'id' | 'titolo';
  /** 1 for the same id or the same title in the same place; else the similarity found (0-1). */
  score: number;
  /** Found by similarity and not surely the same objective: the prospetto asks to check it. */
  uncertain: boolean;
}

export interface Matching {
  /** In the new plan's document order. */
  pairs: MatchedPair[];
  /** Objectives of the old plan with no partner, in its order. */
  removed: Placed[];
  /** Objectives of the new plan with no partner, in its order. */
  added: Placed[];
}

/**
 * The servizi renamed between two versions: in the same centro (by id), at the same position, another name,
 * neither name found among the other version's servizi of that centro.
 */
export function renamedServizi(before: Piano, after: Piano): { centro: string; settore: string; prima: string; dopo: string }[] {
  const out: { centro: string; settore: string; prima: string; dopo: string }[] = [];
  for (const c of after.centri) {
    const old = before.centri.find((x) => x.id === c.id);
    if (!old) continue;
    c.servizi.forEach((s, i) => {
      const o = old.servizi[i];
      if (!o || o.nome === s.nome) return;
      if (c.servizi.some((x) => x.nome === o.nome) || old.servizi.some((x) => x.nome === s.nome)) return;
      out.push({ centro: c.id, settore: c.nome, prima: o.nome, dopo: s.nome });
    });
  }
  return out;
}

/** An old objective's place under the new names of renamed servizi. */
export function placeAfterRenames(renames: readonly { centro: string; prima: string; dopo: string }[]): (p: Placed) => string {
  if (!renames.length) return placeKey;
  const map = new Map(renames.map((r) => [`${r.centro}\u0000${r.prima}`, `${r.centro}\u0000${r.dopo}`]));
  return (p) => {
    const k = placeKey(p);
    return map.get(k) ?? k;
  };
}

/** Below this similarity two objectives of the same place are not paired. */
export const MATCH_THRESHOLD = 0.4;
/** From this similarity a pair found by title is taken as sure. */
export const CONFIDENT = 0.8;

/** Where an objective sits, as the identity of a place across versions: the centro's id and the servizio's name. */
export function placeKey(p: Placed): string {
  if (p.segretario) return 'segretario';
  return `${p.centro?.id ?? p.settore}\u0000${p.servizio ?? ''}`;
}

/** `oldPlace`: an old objective's place as the new plan names it (a servizio renamed keeps its objectives in place). */
export function matchObjectives(oldObjs: readonly Placed[], newObjs: readonly Placed[], oldPlace: (p: Placed) => string = placeKey): Matching {
  const pairs: MatchedPair[] = [];
  const oldFree = new Set(oldObjs);
  const newFree = new Set(newObjs);

  // 1. The same id.
  const oldById = new Map(oldObjs.filter((p) => p.o.id !== undefined).map((p) => [p.o.id!, p]));
  for (const n of newObjs) {
    const o = n.o.id !== undefined ? oldById.get(n.o.id) : undefined;
    if (!o) continue;
    pairs.push({ old: o, new: n, how: 'id', score: 1, uncertain: false });
    oldFree.delete(o);
    newFree.delete(n);
  }

  // 2. Place and title, for what is left; two objectives that both have an id are never paired this way.
  const oldIndex = new Map(oldObjs.map((p, i) => [p, i]));
  const newIndex = new Map(newObjs.map((p, i) => [p, i]));
  const candidates: { o: Placed; n: Placed; score: number; same: boolean; title: boolean }[] = [];
  const words = new Map<Placed, { t: string[]; d: string[] }>();
  const wordsOf = (p: Placed) => {
    let w = words.get(p);
    if (!w) words.set(p, (w = { t: normalWords(p.o.titolo), d: normalWords(p.o.descrizione) }));
    return w;
  };
  for (const o of oldFree) {
    for (const n of newFree) {
      if (o.o.id !== undefined && n.o.id !== undefined) continue;
      const a = wordsOf(o);
      const b = wordsOf(n);
      const title = a.t.join(' ') === b.t.join(' ');
      const same = oldPlace(o) === placeKey(n);
      const score = title ? 1 : 0.75 * dice(a.t, b.t) + 0.25 * dice(a.d, b.d);
      // In another place only the same title counts: a servizio's objectives are not compared with every other's.
      if (same ? score >= MATCH_THRESHOLD : title) candidates.push({ o, n, score, same, title });
    }
  }
  // The best first; at equal score the same place, then the nearest in document order: the same data, the same pairs.
  candidates.sort((x, y) => y.score - x.score || Number(y.same) - Number(x.same)
    || Math.abs(oldIndex.get(x.o)! - newIndex.get(x.n)!) - Math.abs(oldIndex.get(y.o)! - newIndex.get(y.n)!)
    || oldIndex.get(x.o)! - oldIndex.get(y.o)! || newIndex.get(x.n)! - newIndex.get(y.n)!);
  for (const c of candidates) {
    if (!oldFree.has(c.o) || !newFree.has(c.n)) continue;
    // Sure: the same title in the same place, or titles (and descriptions) nearly the same there. The same
    // title elsewhere is a move to check: a "Formazione del personale" may be in every settore.
    const uncertain = !(c.same && (c.title || c.score >= CONFIDENT));
    pairs.push({ old: c.o, new: c.n, how: 'titolo', score: round(c.score), uncertain });
    oldFree.delete(c.o);
    newFree.delete(c.n);
  }

  pairs.sort((x, y) => newIndex.get(x.new)! - newIndex.get(y.new)!);
  return { pairs, removed: oldObjs.filter((p) => oldFree.has(p)), added: newObjs.filter((p) => newFree.has(p)) };
}

/** Words that say nothing of an objective's subject. */
const STOP = new Set(
  'a ad al alla alle agli ai all allo anche che chi con d da dal dall dalla dalle dei degli del dell della delle dello di e ed gli i il in l la le lo nel nell nella nelle nei negli o per su sul sull sulla tra fra un una uno'.split(' '),
);

/** "L'Integrazione ANSC: verifica" -> ["integrazione", "ansc", "verifica"]: lower case, no accents, no stop words. */
export function normalWords(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w && !STOP.has(w));
}

/** Dice's coefficient of two lists of words taken as sets: 2|A∩B| / (|A|+|B|); 1 for two empty lists. */
export function dice(a: readonly string[], b: readonly string[]): number {
  const sa = new Set(a);
  const sb = new Set(b);
  if (sa.size + sb.size === 0) return 1;
  let common = 0;
  for (const w of sa) if (sb.has(w)) common++;
  return (2 * common) / (sa.size + sb.size);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
