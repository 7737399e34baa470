/**
 * The people a Word document names, collected once: each mention (the centri table, "Responsabile:",
 * staff lists, "Personale coinvolto") read as title, names and role; mentions of one person merged
 * (the same words in another order, with or without title, or one letter apart in one word:
 * "Milanese"/"Milanesi"); name told from surname by common given names (a person written both
 * ways only says where the surname ends, not on which side; when no word is a known given name
 * the reviewer is asked); an id from the surname ("coti_zelati"); and the order the
 * document writes names in (plan-wide and per settore, for `ordine_nomi`).
 */
import { distance } from 'fastest-levenshtein';
import { isFirstName } from './first-names.js';
import type { ImportNote } from '../imported.js';

export type Context = 'responsabili' | 'personale';
export type Order = 'nome_cognome' | 'cognome_nome';

export interface ParsedName {
  titolo?: string;
  words: string[];
  qualifica?: string;
}

const TITLE_RE = /^(?:(?:dott\.?\s?ssa|dott\.?|dr\.?\s?ssa|dr\.?|d\.ssa|geom\.?|ing\.?|arch\.?|avv\.?|rag\.?|sig\.?\s?ra|sig\.?|prof\.?\s?ssa|prof\.?|p\.\s?i\.|per\.\s?ind\.|p\.\s?a\.|ass\.\s?soc\.|m\.llo|isp\.)\s*)+/i;
const WORD_RE = /^[\p{Lu}][\p{L}'’-]*$/u;

/** "Dott.ssa Sonia Pagani", "Milanese Fabiola Ester – Istruttore amministrativo": title, words, role. */
export function parseName(raw: string): ParsedName | undefined {
  let s = raw.replace(/\s+/g, ' ').trim().replace(/[;,.:]+$/, '').trim();
  let qualifica: string | undefined;
  // A role in brackets first: it may hold dashes and commas ("Sara Galli (Istruttore – assistente sociale, part-time)").
  const role = /^([^()]+?)\s*\(([^()]+)\)$/.exec(s) ?? /^(.+?)\s+[–—-]\s+(.+)$/.exec(s);
  if (role) [s, qualifica] = [role[1]!.trim(), role[2]!.trim()];
  const t = TITLE_RE.exec(s);
  const titolo = t ? t[0].trim() : undefined;
  if (t) s = s.slice(t[0].length).trim();
  const words = s.split(' ').filter(Boolean);
  if (words.length < 1 || words.length > 6 || !words.every((w) => WORD_RE.test(w))) return undefined;
  return { titolo, words, ...(qualifica ? { qualifica } : {}) };
}

/** A list of names in one cell or line: "Milanesi Fabiola Ester, Moreni Carla", "… e …", one a line. */
export function splitNames(lines: string[]): string[] {
  return lines.flatMap((l) => outsideBrackets(l, /\s*[,;]\s*|\s+e\s+(?=\p{Lu})|\s*\/\s*/u)).map((s) => s.trim()).filter(Boolean);
}

/** A text split where `separator` matches outside brackets ("A (x, y), B" → "A (x, y)", "B"). */
export function outsideBrackets(text: string, separator: RegExp): string[] {
  const out: string[] = [];
  let start = 0;
  // The depth at each match, counted once along the text (a line of 10,000 names stays linear).
  let depth = 0;
  let counted = 0;
  for (const m of text.matchAll(new RegExp(separator.source, `${separator.flags.replace('g', '')}g`))) {
    for (; counted < m.index!; counted++) depth += text[counted] === '(' ? 1 : text[counted] === ')' ? -1 : 0;
    if (depth > 0) continue;
    out.push(text.slice(start, m.index));
    start = m.index! + m[0].length;
  }
  out.push(text.slice(start));
  return out;
}

interface Mention {
  name: ParsedName;
  raw: string;
  where: string;
  context: Context;
  /** Index of the settore it is in, or -1 outside settori (centri table, Segretario). */
  centro: number;
  /** A place that lists people (centri table, "Responsabile:", staff list): its spelling is preferred. */
  registry: boolean;
  cluster: number;
}

const fold = (w: string) => w.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/’/g, "'");

/** Same words, maybe one of them one letter apart (long enough to be sure). */
export function alike(a: string[], b: string[]): 'same' | 'fuzzy' | false {
  if (a.length !== b.length) return false;
  const fa = a.map(fold).sort();
  const fb = b.map(fold).sort();
  if (fa.join(' ') === fb.join(' ')) return 'same';
  const restA = [...fa];
  const restB: string[] = [];
  for (const w of fb) {
    const i = restA.indexOf(w);
    if (i >= 0) restA.splice(i, 1);
    else restB.push(w);
  }
  if (restA.length === 1 && restB.length === 1 && restA[0]!.length >= 4 && distance(restA[0]!, restB[0]!) === 1 && !anotherPerson(restA[0]!, restB[0]!)) return 'fuzzy';
  return false;
}

/**
 * Two words one letter apart that name two people, not one person written twice: given names
 * (Mario/Maria, Paolo/Paola, Luigi/Luigia), or words that differ only in a last "a" against "o" or
 * "e", the feminine of a name (Gabriele/Gabriela).
 */
function anotherPerson(a: string, b: string): boolean {
  if (isFirstName(a) || isFirstName(b)) return true;
  if (a.length === b.length && a.slice(0, -1) === b.slice(0, -1)) {
    const ends = [a.at(-1), b.at(-1)].sort().join('');
    if (ends === 'ao' || ends === 'ae') return true;
  }
  return false;
}

/** The words of a name with one left out, and that word with one letter left out (or whole): names one letter apart in one word share one of these. */
function fuzzyKeys(words: string[]): string[] {
  const folded = words.map(fold);
  const keys: string[] = [];
  folded.forEach((w, i) => {
    if (w.length < 3) return;
    const rest = folded.filter((_, k) => k !== i).sort().join(' ');
    const variants = new Set([w]);
    for (let k = 0; k < w.length; k++) variants.add(w.slice(0, k) + w.slice(k + 1));
    for (const v of variants) keys.push(`${folded.length}|${rest}|${v}`);
  });
  return keys;
}

export interface Person {
  titolo?: string;
  nome: string;
  cognome: string;
  qualifica?: string;
}

export interface Registry {
  persone: Record<string, Person>;
  /** The id of each mention handle. */
  idOf: (handle: string) => string;
  orders: { plan: Record<Context, Order>; centri: Map<number, Partial<Record<Context, Order>>> };
  notes: ImportNote[];
  /** YAML comments by path ("persone.milanese"). */
  comments: Record<string, string>;
}

export const HANDLE_PREFIX = '\u0000persona:';

export class People {
  private mentions: Mention[] = [];
  /** Clusters by the sorted folded words of a name, and by fuzzy key (fuzzyKeys). */
  private exact = new Map<string, number>();
  private fuzzy = new Map<string, Set<number>>();
  /** The places each cluster is named at (two names in one list are two people). */
  private places = new Map<number, Set<string>>();
  private clusters = 0;
  private members = new Map<number, Mention[]>();

  /** Records a mention; returns a handle to put in the data (replaced by the id at the end), or undefined when it is not a name. */
  mention(raw: string, where: string, context: Context, centro: number, registry: boolean): string | undefined {
    const name = parseName(raw);
    if (!name) return undefined;
    const key = `${name.words.length}|${name.words.map(fold).sort().join(' ')}`;
    let cluster = this.exact.get(key);
    if (cluster === undefined) {
      // Only the clusters sharing a fuzzy key are compared (linear in the mentions, not quadratic).
      const candidates = new Set<number>();
      for (const k of fuzzyKeys(name.words)) for (const c of this.fuzzy.get(k) ?? []) candidates.add(c);
      for (const c of [...candidates].sort((x, y) => x - y)) {
        if (this.places.get(c)!.has(where)) continue;
        if (this.members.get(c)!.some((m) => alike(m.name.words, name.words))) {
          cluster = c;
          break;
        }
      }
      if (cluster === undefined) {
        cluster = this.clusters++;
        this.places.set(cluster, new Set());
        this.members.set(cluster, []);
      }
      this.exact.set(key, cluster);
    }
    for (const k of fuzzyKeys(name.words)) {
      const set = this.fuzzy.get(k) ?? new Set<number>();
      set.add(cluster);
      this.fuzzy.set(k, set);
    }
    this.places.get(cluster)!.add(where);
    const m: Mention = { name, raw: raw.replace(/\s+/g, ' ').trim().replace(/[;,.]+$/, ''), where, context, centro, registry, cluster };
    this.mentions.push(m);
    this.members.get(cluster)!.push(m);
    return `${HANDLE_PREFIX}${this.mentions.length - 1}`;
  }

  resolve(): Registry {
    const notes: ImportNote[] = [];
    const comments: Record<string, string> = {};
    const clusters = [...this.members.keys()];
    // Each person's spelling (preferred from the registry places), and which of its words are the given names.
    type Split = { canonical: Mention; nomeFirst: boolean; nomeCount: number; known: boolean; boundary?: number };
    const splits = new Map<number, Split>();
    for (const c of clusters) {
      const ms = this.members.get(c)!;
      const spellings = new Map<string, number>();
      for (const m of ms) spellings.set(m.name.words.join(' '), (spellings.get(m.name.words.join(' ')) ?? 0) + 1);
      const count = (m: Mention) => spellings.get(m.name.words.join(' '))!;
      const pool = ms.some((m) => m.registry) ? ms.filter((m) => m.registry) : ms;
      const canonical = [...pool].sort((a, b) => count(b) - count(a))[0]!;
      const a = canonical.name.words.map(fold);
      const n = a.length;
      let split: Split | undefined;
      let boundary: number | undefined;
      // Written both ways: the rotation says where the surname ends.
      for (const m of ms) {
        const b = m.name.words.map(fold);
        for (let k = 1; k < n && !split; k++) {
          const rotated = [...a.slice(k), ...a.slice(0, k)];
          if (alike(rotated, b) && rotated.every((w, i) => w === b[i] || distance(w, b[i]!) <= 1)) {
            // Written both ways: the rotation says where the surname ends, not which side it is on:
            // the given names say that; if they do not, the reviewer does.
            const tailNames = a.slice(k).filter(isFirstName).length;
            const headNames = a.slice(0, k).filter(isFirstName).length;
            if (tailNames > headNames) split = { canonical, nomeFirst: false, nomeCount: n - k, known: true };
            else if (headNames > tailNames) split = { canonical, nomeFirst: true, nomeCount: k, known: true };
            else boundary = k;
          }
        }
      }
      if (!split && n >= 2) {
        const words = canonical.name.words;
        let lead = 0;
        while (lead < n - 1 && isFirstName(words[lead]!)) lead++;
        let trail = 0;
        while (trail < n - 1 && isFirstName(words[n - 1 - trail]!)) trail++;
        if (lead > trail) split = { canonical, nomeFirst: true, nomeCount: lead, known: true };
        else if (trail > lead) split = { canonical, nomeFirst: false, nomeCount: trail, known: true };
      }
      splits.set(c, split ?? { canonical, nomeFirst: true, nomeCount: 1, known: false, boundary });
    }
    // How each mention is written, where its person's split is known.
    const orderOf = (m: Mention): Order | undefined => {
      const s = splits.get(m.cluster)!;
      if (!s.known) return undefined;
      const canon = s.canonical.name.words.map(fold);
      const nome = s.nomeFirst ? canon.slice(0, s.nomeCount) : canon.slice(canon.length - s.nomeCount);
      const words = m.name.words.map(fold);
      if (words.length === canon.length && nome.every((w, i) => w === words[i] || distance(w, words[i]!) <= 1)) return 'nome_cognome';
      return 'cognome_nome';
    };
    const majority = (ms: Mention[], fallback: Order): Order => {
      const votes = ms.map(orderOf).filter((o): o is Order => o !== undefined);
      const nc = votes.filter((o) => o === 'nome_cognome').length;
      const cn = votes.length - nc;
      return nc > cn ? 'nome_cognome' : cn > nc ? 'cognome_nome' : fallback;
    };
    const of = (ctx: Context) => this.mentions.filter((m) => m.context === ctx);
    const outside = of('responsabili').filter((m) => m.centro < 0);
    const plan: Record<Context, Order> = {
      responsabili: majority(outside.length ? outside : of('responsabili'), 'nome_cognome'),
      personale: majority(of('personale'), 'nome_cognome'),
    };
    const centri = new Map<number, Partial<Record<Context, Order>>>();
    for (const i of new Set(this.mentions.map((m) => m.centro).filter((c) => c >= 0))) {
      const own: Partial<Record<Context, Order>> = {};
      for (const ctx of ['responsabili', 'personale'] as const) {
        // A settore's own order needs two names written that way: one is as likely a slip ("Responsabile: Ing. Moretti Stefano").
        const ms = this.mentions.filter((m) => m.centro === i && m.context === ctx);
        const o = ms.map(orderOf).filter((x) => x !== undefined && x !== plan[ctx]).length >= 2 ? majority(ms, plan[ctx]) : plan[ctx];
        if (o !== plan[ctx]) own[ctx] = o;
      }
      if (Object.keys(own).length) centri.set(i, own);
    }
    // The registry: names, ids from surnames, merges noted.
    const persone: Record<string, Person> = {};
    const ids = new Map<number, string>();
    for (const c of clusters) {
      const s = splits.get(c)!;
      const ms = this.members.get(c)!;
      const words = s.canonical.name.words;
      let nomeFirst = s.nomeFirst;
      let nomeCount = s.nomeCount;
      if (!s.known) {
        const ctx = s.canonical.context;
        nomeFirst = (centri.get(s.canonical.centro)?.[ctx] ?? plan[ctx]) === 'nome_cognome';
        if (s.boundary !== undefined) nomeCount = nomeFirst ? s.boundary : words.length - s.boundary;
      }
      const nomeWords = words.length === 1 ? words : nomeFirst ? words.slice(0, nomeCount) : words.slice(words.length - nomeCount);
      const cognomeWords = words.length === 1 ? words : nomeFirst ? words.slice(nomeCount) : words.slice(0, words.length - nomeCount);
      const titles = ms.map((m) => m.name.titolo).filter((t): t is string => !!t);
      // The title most mentions write (a title written once among many mentions without is left to the reviewer's note).
      const titolo = titles.length * 2 >= ms.length ? (s.canonical.name.titolo ?? mostCommon(titles)) : undefined;
      const qualifica = ms.map((m) => m.name.qualifica).find(Boolean);
      const base = slug(cognomeWords.join(' ')) || 'persona';
      let id = base;
      if (Object.hasOwn(persone, id) || RESERVED.has(id)) id = `${base}_${slug(nomeWords.join(' '))}`;
      for (let k = 2; Object.hasOwn(persone, id) || RESERVED.has(id); k++) id = `${base}_${k}`;
      ids.set(c, id);
      persone[id] = { ...(titolo ? { titolo } : {}), nome: nomeWords.join(' '), cognome: cognomeWords.join(' '), ...(qualifica ? { qualifica } : {}) };
      // One name with two roles ("Davide Ferri (Istruttore)", "Davide Ferri (Educatore)"): one person kept, the other role said.
      const roles = ms.filter((m, k) => m.name.qualifica && m.name.qualifica !== qualifica && ms.findIndex((x) => x.name.qualifica === m.name.qualifica) === k);
      if (roles.length) {
        notes.push({ where: roles[0]!.where, severity: 'avviso', message: `«${roles[0]!.raw}»: lo stesso nome è scritto con un'altra qualifica («${qualifica}»); tenuta una sola persona «${id}» con qualifica «${qualifica}», ${roles.map((m) => `«${m.name.qualifica}»`).join(', ')} non riportata: se sono due persone, aggiungi la seconda in "persone" e correggi i riferimenti` });
        comments[`persone.${id}`] = [comments[`persone.${id}`], `Nel documento anche con qualifica ${roles.map((m) => `«${m.name.qualifica}»`).join(', ')}: unita in una persona; controlla.`].filter(Boolean).join('\n');
      }
      const others: Mention[] = [];
      // The same spelling with a role in brackets ("Carla Neri (Operatore esperto)" and "Carla Neri") is not another way of writing the name.
      const spelled = (m: Mention) => [m.name.titolo ?? '', ...m.name.words].join(' ').trim();
      for (const m of ms) if (spelled(m) !== spelled(s.canonical) && !others.some((o) => spelled(o) === spelled(m))) others.push(m);
      if (others.length) {
        const list = others.map((m) => `«${m.raw}» (${m.where.replace(/ «.*$/, '')})`).join('; ');
        // Other words, or the same words in another order, are surely the person; a letter apart is a guess to check.
        const guessed = others.filter((m) => alike(m.name.words, s.canonical.name.words) !== 'same');
        if (guessed.length) {
          notes.push({ where: guessed[0]!.where, severity: 'avviso', message: `nomi uniti nella persona «${id}» (${s.canonical.raw}): scritta anche ${list}; ${guessed.map((m) => `«${m.raw}»`).join(', ')} differisce di una lettera: se è un'altra persona, aggiungila in "persone" e correggi i riferimenti` });
          comments[`persone.${id}`] = `Nel documento scritto anche ${others.map((m) => `«${m.raw}»`).join(', ')}: unito perché differisce di una lettera; controlla che sia la stessa persona.`;
        } else {
          notes.push({ where: others[0]!.where, severity: 'info', message: `nomi uniti nella persona «${id}» (${s.canonical.raw}): scritta anche ${list}` });
          comments[`persone.${id}`] = `Nel documento scritto anche ${others.map((m) => `«${m.raw}»`).join(', ')}: è la stessa persona.`;
        }
      }
      if (!s.known && words.length > 1) {
        notes.push({ where: s.canonical.where, severity: 'avviso', message: `«${s.canonical.raw}»: non è chiaro quale sia il nome e quale il cognome; ho scelto nome «${nomeWords.join(' ')}», cognome «${cognomeWords.join(' ')}»: controlla` });
        comments[`persone.${id}`] = [comments[`persone.${id}`], 'Nome e cognome da controllare: il documento non permette di distinguerli.'].filter(Boolean).join('\n');
      }
      if (words.length === 1) {
        notes.push({ where: s.canonical.where, severity: 'avviso', message: `«${s.canonical.raw}»: c'è una sola parola, usata sia come nome sia come cognome: completa` });
      }
    }
    return {
      persone,
      idOf: (handle) => ids.get(this.mentions[Number(handle.slice(HANDLE_PREFIX.length))]!.cluster)!,
      orders: { plan, centri },
      notes,
      comments,
    };
  }
}

const RESERVED = new Set(Object.getOwnPropertyNames(Object.prototype));

/** "Coti Zelati" → "coti_zelati", "D'Angelo" → "d_angelo", "Pèrez" → "perez". */
export function slug(s: string): string {
  return fold(s).replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').replace(/^(\d)/, 'p$1');
}

function mostCommon(values: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}
