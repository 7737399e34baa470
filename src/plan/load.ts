/**
 * Reading a plan: YAML text -> validated `Piano`, or every problem found, each located at
 * file:line:col. YAML syntax errors, schema errors (with Italian messages and "forse
 * intendevi …?" hints for misspelt keys) and references to people missing from the registry
 * are all collected before giving up.
 */
import { dirname, resolve } from 'node:path';
import { readRegularFile } from '../io/files.js';
import { readImage, type ImageFile } from '../io/image.js';
import { parseDocument, visit, isAlias, isMap, isPair, isScalar, isSeq, isCollection, type Document, type Node } from 'yaml';
import { describeChar, forbiddenChar, forbiddenEscape } from './characters.js';
import { Lines, explainYamlErrors } from './yaml-errors.js';
import { z } from 'zod';
import { DECIMALI, Piano } from './schema.js';
import { type Diagnostic, InputError, formatPath, byPosition, shortValue } from './diagnostics.js';
import { closest } from './suggest.js';
import { asArray, asObject, rawObjectivesOf } from './walk.js';
import { expandRecalls, isInherited, type Expanded } from './recall.js';

export { readRegularFile, type ReadProblem } from '../io/files.js';

export interface LoadedPlan {
  plan: Piano;
  file: string;
  /** The file's text (for showing source lines under diagnostics). */
  source: string;
  /** Where a path of the data is written in the file. */
  locate: Locate;
  /** The images the data names (`ente.stemma`), read and checked, by the name written in the data (none for a plan given as text). */
  images?: ReadonlyMap<string, ImageFile>;
}

/** Larger plan files are refused: the biggest real plans are a few hundred kilobytes. */
export const MAX_BYTES = 8 * 1024 * 1024;

/** Reads and validates a plan file; throws InputError with every problem. */
/** `images: false`: the images the data names are not read (a plan kept for comparison, whose documents are not made). */
export function loadPlan(file: string, opts: { images?: boolean } = {}): LoadedPlan {
  const source = readText(file);
  const images = new Map<string, ImageFile>();
  const more = opts.images === false ? checkReferences : (raw: unknown, f: string, at: Locate) => [...checkReferences(raw, f, at), ...readImages(raw, f, at, images)];
  const { data, locate } = parseWithSchema(source, file, Piano, more, undefined, expandRecalls);
  return { plan: data, file, source, locate, images };
}

/**
 * Reads the images the data names (the coat of arms, `ente.stemma`: a path from the plan's own
 * folder) into `into`; each one missing or unusable is an error at its line of the plan.
 */
function readImages(raw: unknown, file: string, locate: Locate, into: Map<string, ImageFile>): Diagnostic[] {
  const name = asObject(asObject(raw).ente).stemma;
  if (typeof name !== 'string' || name.trim() === '') return [];
  const path = resolve(dirname(file), name);
  const { image, problem } = readImage(path);
  if (image) {
    into.set(name, image);
    return [];
  }
  const at = ['ente', 'stemma'];
  return [{
    severity: 'errore', code: problem!.code, file, ...locate(at), path: formatPath(at), value: name,
    message: `lo stemma «${name}»: ${problem!.message}${problem!.missing ? ` (cercato in ${path})` : ''}`,
    // What to write instead, where the message does not already say what to do.
    ...((problem!.code === 'file.lettura' || problem!.code === 'immagine.formato') && { hint: 'indica un file PNG o JPEG, con il percorso a partire dalla cartella del piano (ad esempio stemma.png, accanto al piano)' }),
  }];
}

/** Validates plan text as `loadPlan` does a file (images not read), for the checks; `file` only names the places of problems. */
export function loadPlanText(source: string, file: string): LoadedPlan {
  const { data, locate } = parseWithSchema(source, file, Piano, checkReferences, undefined, expandRecalls);
  return { plan: data, file, source, locate };
}

/** Validates plan text; `file` is only used to name the places of problems. */
export function parsePlan(source: string, file: string): Piano {
  return parseWithSchema(source, file, Piano, checkReferences, undefined, expandRecalls).data;
}

/** Reads a UTF-8 text file, refusing what is not one (binary, UTF-16, too large, not a regular file) with a clear message. */
export function readText(file: string): string {
  const fail = (code: string, message: string): never => {
    throw new InputError([{ severity: 'errore', code, file, line: 1, col: 1, path: '', message }]);
  };
  const read = readRegularFile(file, MAX_BYTES);
  if (read.problem) fail(read.problem.code, read.problem.message);
  const bytes = read.data!;
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    fail('file.codifica', 'il file è in UTF-16: salvalo con la codifica UTF-8 (in Blocco note: "Salva con nome" → Codifica: UTF-8)');
  }
  if (bytes.includes(0)) fail('file.binario', 'il file non è un testo (contiene byte nulli): forse è un documento Word, un PDF o un file compresso');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const before = bytes.subarray(0, bad).toString('utf8');
    const line = before.split('\n').length;
    const col = before.length - before.lastIndexOf('\n');
    throw new InputError([{ severity: 'errore', code: 'file.codifica', file, line, col, path: '', message: 'il file contiene caratteri non validi in UTF-8: salvalo con la codifica UTF-8 (forse è in Windows-1252 / ISO-8859-1)' }]);
  }
}

/** Offset of the first byte that does not belong to a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0) return i;
    for (let k = 1; k < len; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    // Overlong or out-of-range forms that TextDecoder refuses.
    const c1 = bytes[i + 1] ?? 0;
    if ((b === 0xe0 && c1 < 0xa0) || (b === 0xed && c1 > 0x9f) || (b === 0xf0 && c1 < 0x90) || (b === 0xf4 && c1 > 0x8f)) return i;
    i += len;
  }
  return i;
}

export type Locate = (path: readonly PropertyKey[], key?: string) => { line: number; col: number; length?: number };

/** Parses YAML (or JSON, which is YAML) and validates it against a schema, locating every problem. */
export function parseWithSchema<S extends z.ZodType>(
  source: string,
  file: string,
  schema: S,
  moreChecks?: (raw: unknown, file: string, locate: Locate) => Diagnostic[],
  base?: unknown,
  expand?: (raw: unknown, file: string, locate: Locate) => Expanded,
): { data: z.output<S>; locate: Locate } {
  // YAML counts a lone CR as a line break, as CRLF and LF; the yaml library only knows the last two.
  const text = (source.charCodeAt(0) === 0xfeff ? source.slice(1) : source).replace(/\r\n?/g, '\n');
  const lines = new Lines(text);
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => lines.at(offset);
  const diags: Diagnostic[] = [];
  const fail = (code: string, offset: number | undefined, message: string, hint?: string): never => {
    const pos = offset === undefined ? { line: 1, col: 1 } : at(offset);
    throw new InputError([{ severity: 'errore', code, file, ...pos, path: '', message, ...(hint && { hint }) }]);
  };

  if (doc.errors.length) {
    throw new InputError(explainYamlErrors(doc.errors, lines).map((p) => ({ severity: 'errore', file, path: '', ...p })));
  }

  // What toJS() would refuse or mangle, found first so that it can be located.
  const anchors = new Set<string>();
  let aliases = 0;
  let problem: { code: string; offset?: number; message: string; hint?: string } | undefined;
  visit(doc, {
    Node(_key, node) {
      if (problem) return visit.BREAK;
      if (isAlias(node)) {
        aliases++;
        if (!anchors.has(node.source)) {
          problem = { code: 'yaml.missing-anchor', offset: node.range?.[0], message: `riferimento «*${node.source}» a un'ancora «&${node.source}» che non è definita prima`, hint: 'un alias "*nome" può solo ripetere un valore marcato "&nome" più sopra nel file' };
        }
      } else if (node.anchor) anchors.add(node.anchor);
      return undefined;
    },
    Pair(_key, pair) {
      if (!problem && isCollection(pair.key)) {
        problem = { code: 'yaml.chiave-complessa', offset: (pair.key as Node).range?.[0], message: 'una chiave deve essere un testo, non un elenco o un gruppo', hint: 'togli il "?" o le parentesi intorno alla chiave' };
      }
    },
  });
  if (problem) fail(problem.code, problem.offset, problem.message, problem.hint);
  diags.push(...checkNodes(doc, text, file, at));

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // The only refusal left is the guard against alias bombs ("billion laughs").
    let first: number | undefined;
    visit(doc, { Alias(_k, node) { first = node.range?.[0]; return visit.BREAK; } });
    fail('yaml.alias', first, `il file usa troppi riferimenti YAML (alias "*", qui ${aliases} nel testo): espansi supererebbero il limite di 100`, 'scrivi i valori per esteso invece di ripeterli con gli alias');
  }
  if (data === null || data === undefined) {
    fail('file.vuoto', undefined, 'il file è vuoto: scrivi i dati del piano (per iniziare: piao init piano.yaml)');
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    fail('schema.tipo', doc.contents?.range?.[0], 'il file deve contenere un gruppo di campi (ente:, piano:, persone:, centri: …), non un elenco o un testo');
  }

  const locate: Locate = (path, key) => {
    const node = nodeAt(doc, path, key);
    if (!node?.range) return { line: 1, col: 1 };
    const start = at(node.range[0]);
    const end = at(node.range[1]);
    return end.line === start.line && end.col > start.col ? { ...start, length: end.col - start.col } : start;
  };

  // With a base (the default theme), the file holds only what it changes: merged over the base, key by key.
  if (base !== undefined) data = mergeOver(base, data);
  // A plan's recalls of shared objectives become copies; a problem in what a copy inherits is reported at the original.
  const expanded = expand?.(data, file, locate);
  const inherited = expanded?.inherited ?? new Set<string>();
  if (expanded) diags.push(...expanded.diagnostics);
  const result = schema.safeParse(data, { reportInput: true, error: italianMessage });
  if (moreChecks) diags.push(...moreChecks(data, file, locate).filter((d) => !isInherited(inherited, d.path)));
  if (!result.success) {
    for (const issue of flattenIssues(result.error.issues)) {
      if (isInherited(inherited, formatPath(issue.path))) continue;
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          if (key === '__proto__') continue; // reported by checkNodes
          if (isInherited(inherited, formatPath([...issue.path, key]))) continue;
          const comma = decimalComma(doc, issue.path, key);
          if (comma) {
            diags.push({
              severity: 'errore', code: 'schema.chiave-sconosciuta', file, ...at(comma.offset), path: formatPath([...issue.path, key]),
              message: `«${comma.written}» non è un numero: in YAML la virgola separa due valori`, value: comma.written,
              hint: `per i decimali usa il punto: ${comma.written.replace(',', '.')}`,
            });
            continue;
          }
          const known = keysAt(schema, issue.path);
          const hint = closest(key, known);
          diags.push({
            severity: 'errore', code: 'schema.chiave-sconosciuta', file, ...locate(issue.path, key), path: formatPath([...issue.path, key]),
            message: `chiave sconosciuta «${key}»`, value: key,
            hint: hint ? `forse intendevi «${hint}»?` : known.length ? `chiavi ammesse: ${known.join(', ')}` : undefined,
          });
        }
        continue;
      }
      if (issue.code === 'invalid_key') {
        // A key of a record (a person's id) that is not a valid identifier.
        const key = String(issue.path[issue.path.length - 1]);
        const inner = issue.issues[0];
        diags.push({
          severity: 'errore', code: inner ? issueCode(inner) : 'schema.formato', file, ...locate(issue.path.slice(0, -1), key), path: formatPath(issue.path),
          message: `identificativo non valido «${key}»: ${inner?.message ?? 'usa solo lettere minuscole, cifre, "_" e "-"'}`, value: key,
        });
        continue;
      }
      const params = issue.code === 'custom' ? (issue.params as { key?: string; known?: readonly string[] } | undefined) : undefined;
      if (params?.key !== undefined) {
        // A custom check about a key (e.g. an unknown check code in controlli.livelli): point at the key.
        const hint = params.known ? closest(params.key, params.known) : undefined;
        diags.push({
          severity: 'errore', code: issueCode(issue), file, ...locate(issue.path.slice(0, -1), params.key), path: formatPath(issue.path), message: issue.message, value: params.key,
          hint: hint ? `forse intendevi «${hint}»?` : params.known ? `codici ammessi: ${params.known.join(', ')}` : undefined,
        });
        continue;
      }
      const input = (issue as { input?: unknown }).input;
      diags.push({
        severity: 'errore', code: issueCode(issue), file, ...locate(issue.path), path: formatPath(issue.path), message: issue.message,
        ...(input !== undefined && typeof input !== 'object' && { value: shortValue(input) }),
      });
    }
  }
  if (diags.length || !result.success) throw new InputError(diags.sort(byPosition));
  keepWrittenDecimals(doc.contents, result.data);
  expanded?.mark(result.data);
  return { data: result.data, locate };
}

/** The decimals a number is written with in the file ("1.125": 3, "30.50": 2, "1e21": 0). */
function writtenFraction(node: { minFractionDigits?: number; source?: string }): number {
  const m = /^[-+]?\d*\.(\d+)$/.exec(node.source ?? '');
  return Math.max(node.minFractionDigits ?? 0, m ? m[1]!.length : 0);
}

/**
 * YAML reads `1.0` as the number 1: the decimals written are lost with it. Walks the YAML
 * nodes and the validated data side by side and, for each number written with decimals,
 * records how many on the object (or list) that holds it (`DECIMALI` in schema.ts), so that
 * the documents print "1,0" where the user wrote 1.0. Only where data and nodes still agree.
 */
export function keepWrittenDecimals(node: unknown, data: unknown): void {
  if (typeof data !== 'object' || data === null) return;
  const at = (child: unknown, key: string | number) => {
    const value = (data as Record<string | number, unknown>)[key];
    const decimals = isScalar(child) && typeof child.value === 'number' && child.value === value ? writtenFraction(child) : 0;
    if (decimals) {
      const target = data as { [DECIMALI]?: Record<string | number, number> };
      target[DECIMALI] = { ...target[DECIMALI], [key]: decimals };
    } else keepWrittenDecimals(child, value);
  };
  if (isMap(node) && !Array.isArray(data)) {
    for (const pair of node.items) if (isScalar(pair.key)) at(pair.value, String(pair.key.value));
  } else if (isSeq(node) && Array.isArray(data)) {
    node.items.forEach((child, i) => at(child, i));
  }
}

/** The tags of YAML's core schema: anything else (!!binary, !!set, !custom…) is not plan data. */
const CORE_TAGS = new Set(['!', ...['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`)]);

/**
 * What the schema cannot see, located in the YAML: characters no document can hold (also when
 * written as escapes), tags outside the core schema, and the key "__proto__" (which JavaScript
 * objects, and so zod's records, would silently drop).
 */
function checkNodes(doc: Document, text: string, file: string, at: (offset: number) => { line: number; col: number }): Diagnostic[] {
  const out: Diagnostic[] = [];
  const push = (code: string, offset: number, length: number, path: PropertyKey[], message: string, hint: string) =>
    out.push({ severity: 'errore', code, file, ...at(offset), length, path: formatPath(path), message, hint });
  visit(doc, {
    Node(_key, node, ancestors) {
      if (!node.range || isAlias(node)) return;
      const path = dataPath(ancestors, node);
      if (node.tag && !CORE_TAGS.has(node.tag)) {
        const shown = node.tag.replace(/^tag:yaml\.org,2002:/, '!!');
        const bang = text.lastIndexOf(shown, node.range[0]);
        const offset = bang >= 0 && !text.slice(bang, node.range[0]).includes('\n') ? bang : node.range[0];
        push('yaml.tag', offset, shown.length, path, `tag YAML «${shown}» non ammesso: un piano contiene solo testi, numeri, sì/no, date, elenchi e gruppi di campi`, 'togli il tag; se il valore è un testo, scrivilo tra virgolette');
      }
      if (!isScalar(node) || typeof node.value !== 'string') return;
      const bad = forbiddenChar(node.value);
      if (!bad) return;
      // The character itself if it is in the file; else the escape that writes it; else the value.
      const raw = text.slice(node.range[0], node.range[1]);
      const inFile = forbiddenChar(raw);
      const escape = node.type === 'QUOTE_DOUBLE' ? forbiddenEscape(raw) : undefined;
      const where = inFile ? { offset: inFile.index, length: 1 } : (escape ?? { offset: 0, length: 1 });
      push(
        'testo.carattere-non-ammesso', node.range[0] + where.offset, where.length, path,
        `carattere non ammesso ${describeChar(bad.char)}: un documento DOCX, PDF o HTML non può contenerlo`,
        'toglilo (spesso arriva copiando il testo da un altro programma); per andare a capo usa una riga nuova',
      );
    },
    Pair(_key, pair, ancestors) {
      if (!isScalar(pair.key) || pair.key.value !== '__proto__' || !pair.key.range) return;
      push('schema.chiave-riservata', pair.key.range[0], '__proto__'.length, [...dataPath(ancestors, pair), '__proto__'], '«__proto__» è un nome riservato e non può essere usato come chiave', 'scegli un altro nome');
    },
  });
  return out;
}

/** The data path of a node from its ancestors as `visit` gives them ("centri", 0, "nome"). */
function dataPath(ancestors: readonly unknown[], node: unknown): PropertyKey[] {
  const chain = [...ancestors, node];
  const path: PropertyKey[] = [];
  for (let i = 0; i < chain.length - 1; i++) {
    const a = chain[i];
    const next = chain[i + 1];
    if (isSeq(a)) path.push(a.items.indexOf(next as never));
    else if (isPair(a) && a.value === next && isScalar(a.key)) path.push(String(a.key.value));
  }
  return path;
}

/** Stable codes for schema problems (zod's own codes are an implementation detail). */
function issueCode(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return (issue as { input?: unknown }).input === undefined ? 'schema.campo-mancante' : 'schema.tipo';
    case 'too_small': return 'schema.troppo-piccolo';
    case 'too_big': return 'schema.troppo-grande';
    case 'invalid_value': return 'schema.valore-non-ammesso';
    case 'invalid_format': return 'schema.formato';
    case 'invalid_union': return 'schema.forma';
    case 'custom': return (issue.params as { code?: string } | undefined)?.code ?? 'schema.non-valido';
    default: return `schema.${String(issue.code).replaceAll('_', '-')}`;
  }
}

/** A person's name as a key: its words, in lower case and in order, without titles and dots ("Dott. Bianchi Giorgio" → "bianchi giorgio"). */
function nameKey(s: string): string {
  return s.toLowerCase().replace(/[.,;]/g, ' ').split(/\s+/).filter((w) => w && !TITLES.has(w)).sort().join(' ');
}
const TITLES = new Set(['dott', 'dott.ssa', 'dottssa', 'dr', 'geom', 'ing', 'arch', 'rag', 'avv', 'prof', 'sig', 'sig.ra', 'sigra', 'p', 'i', 'ssa']);

/**
 * People ids must exist in the registry; centri and objective ids must be unique; prerequisites
 * must name objectives. Works on the raw data, so that these problems are reported together
 * with the schema's even when other parts of the file are invalid.
 */
function checkReferences(raw: unknown, file: string, locate: Locate): Diagnostic[] {
  const out: Diagnostic[] = [];
  const root = asObject(raw);
  const people = Object.keys(asObject(root.persone));
  const error = (code: string, path: PropertyKey[], message: string) =>
    out.push({ severity: 'errore', code, file, ...locate(path), path: formatPath(path), message });
  // A name typed instead of the id ("Bianchi Giorgio", "Giorgio Bianchi"): the person it names.
  const byName = new Map<string, string>();
  for (const [pid, p] of Object.entries(asObject(root.persone))) {
    const { nome, cognome } = asObject(p);
    if (typeof nome === 'string' && typeof cognome === 'string') byName.set(nameKey(`${nome} ${cognome}`), pid);
  }
  const ref = (id: unknown, path: PropertyKey[]) => {
    if (typeof id !== 'string' || people.includes(id)) return;
    const named = byName.get(nameKey(id)) ?? byName.get(closest(nameKey(id), [...byName.keys()]) ?? '');
    const hint = closest(id, people) ?? named;
    out.push({
      severity: 'errore', code: 'riferimento.persona', file, ...locate(path), path: formatPath(path), value: id,
      message: `«${id}» non è nel registro delle persone`, hint: hint ? `forse intendevi «${hint}»?` : 'aggiungila in "persone"',
    });
  };

  const centri = new Set<string>();
  asArray(root.centri).forEach((c0, ci) => {
    const c = asObject(c0);
    const base: PropertyKey[] = ['centri', ci];
    if (typeof c.id === 'string') {
      if (centri.has(c.id)) error('riferimento.id-duplicato', [...base, 'id'], `l'identificativo «${c.id}» è già usato da un altro centro di responsabilità`);
      centri.add(c.id);
    }
    ref(c.responsabile, [...base, 'responsabile']);
    asArray(c.personale).forEach((p, i) => ref(p, [...base, 'personale', i]));
  });
  if (root.segretario !== undefined) ref(asObject(root.segretario).persona, ['segretario', 'persona']);

  // The first objective in the file keeps its id; a later one with the same id is the duplicate.
  const objectives = rawObjectivesOf(raw)
    .map(({ obiettivo: o, path }) => ({ o, path, at: locate(path) }))
    .sort((a, b) => a.at.line - b.at.line || a.at.col - b.at.col);
  const objectiveIds = new Map<string, string>();
  for (const { o, path } of objectives) {
    ref(o.responsabile, [...path, 'responsabile']);
    asArray(o.personale).forEach((p, i) => ref(p, [...path, 'personale', i]));
    if (typeof o.id !== 'string') continue;
    const previous = objectiveIds.get(o.id);
    if (previous) error('riferimento.id-duplicato', [...path, 'id'], `l'identificativo «${o.id}» è già usato da un altro obiettivo (${previous})`);
    else objectiveIds.set(o.id, formatPath(path));
  }
  for (const { o, path } of objectives) {
    asArray(o.prerequisiti).forEach((id, i) => {
      if (typeof id === 'string' && !objectiveIds.has(id)) error('riferimento.obiettivo', [...path, 'prerequisiti', i], `nessun obiettivo ha l'identificativo «${id}»`);
    });
  }
  return out;
}

/** `{ risultato: 32,5 }` reads as `risultato: 32` and a key `5`: the number written with a decimal comma. */
function decimalComma(doc: Document, path: readonly PropertyKey[], key: string): { offset: number; written: string } | undefined {
  if (!/^\d+$/.test(key)) return undefined;
  const map = doc.getIn(path as unknown[], true);
  if (!isMap(map)) return undefined;
  const i = map.items.findIndex((p) => isScalar(p.key) && String(p.key.value) === key);
  const prev = map.items[i - 1]?.value;
  if (i < 1 || !isScalar(prev) || typeof prev.value !== 'number' || !prev.range) return undefined;
  return { offset: prev.range[0], written: `${String(prev.value)},${key}` };
}

/** The YAML node at a data path (or the key node of `key` inside it); falls back to the nearest existing ancestor. */
function nodeAt(doc: Document, path: readonly PropertyKey[], key?: string): Node | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as unknown[], true) as Node | undefined;
    if (!node || !('range' in node)) continue;
    if (key !== undefined && n === path.length && isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
      if (pair && isScalar(pair.key)) return pair.key;
    }
    // A missing key: the map it belongs in.
    return node;
  }
  return doc.contents ?? undefined;
}

/** Union issues carry one list of issues per branch: keep the branch that matches the value's shape best. */
function flattenIssues(issues: z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  const out: z.core.$ZodIssue[] = [];
  for (const issue of issues) {
    if (issue.code === 'invalid_union' && issue.errors.length) {
      const branches = issue.errors.map((errs) => errs.map((e) => ({ ...e, path: [...issue.path, ...e.path] }) as z.core.$ZodIssue));
      // A branch whose only issue is a type mismatch at the root did not match the value's shape.
      const shaped = branches.filter((b) => !(b.length === 1 && b[0]!.code === 'invalid_type' && b[0]!.path.length === issue.path.length));
      const best = (shaped.length ? shaped : branches).reduce((a, b) => (b.length < a.length ? b : a));
      if (shaped.length === 0) {
        out.push({ ...issue, message: `valore non valido: ${describeExpected(branches)}` });
      } else out.push(...flattenIssues(best));
    } else out.push(issue);
  }
  return out;
}

function describeExpected(branches: z.core.$ZodIssue[][]): string {
  const kinds = branches.map((b) => (b[0]?.code === 'invalid_type' ? typeName(b[0].expected) : null)).filter(Boolean);
  return kinds.length ? `serve ${kinds.join(' oppure ')}` : 'forma non riconosciuta';
}

function typeName(t: string): string {
  return (
    ({ string: 'un testo', number: 'un numero', int: 'un numero intero', boolean: 'sì o no (true / false)', array: 'un elenco', object: 'un gruppo di campi (chiave: valore)', record: 'un gruppo di campi (chiave: valore)', null: 'un valore vuoto (~)' } as Record<string, string>)[t] ?? t
  );
}

function received(input: unknown): string {
  if (input === null) return 'un valore vuoto';
  if (Array.isArray(input)) return 'un elenco';
  if (input instanceof Uint8Array) return 'un valore binario';
  switch (typeof input) {
    case 'string': return `il testo «${input.length > 40 ? input.slice(0, 40) + '…' : input}»`;
    case 'number': return Number.isNaN(input) ? 'il valore .nan (non è un numero)' : Number.isFinite(input) ? `il numero ${input}` : 'il valore .inf (infinito)';
    case 'boolean': return `${input}`;
    case 'object': return 'un gruppo di campi';
    default: return String(typeof input);
  }
}

/** Italian messages for zod's built-in checks (custom messages in the schema take precedence). */
function italianMessage(iss: z.core.$ZodRawIssue): string | undefined {
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined) {
        // The field's name: the place shown is its parent's, where the field should be written.
        const key = iss.path?.[iss.path.length - 1];
        return `manca il campo obbligatorio${typeof key === 'string' ? ` «${key}»` : ''} (serve ${typeName(iss.expected)})`;
      }
      if (iss.expected === 'int') return `serve un numero intero, trovato ${received(iss.input)}`;
      return `serve ${typeName(iss.expected)}, trovato ${received(iss.input)}`;
    case 'too_small':
      if (iss.origin === 'array') return `l'elenco deve avere almeno ${iss.minimum} elementi`;
      if (iss.origin === 'string') return 'il testo non può essere vuoto';
      return iss.inclusive === false ? `il valore deve essere maggiore di ${iss.minimum}` : `il valore deve essere almeno ${iss.minimum}`;
    case 'too_big':
      if (iss.origin === 'array') return `l'elenco può avere al massimo ${iss.maximum} elementi`;
      if (iss.origin === 'string') return `il testo può avere al massimo ${iss.maximum} caratteri`;
      return `il valore può essere al massimo ${iss.maximum}`;
    case 'invalid_value':
      return `valore non ammesso ${received(iss.input)}: usa uno tra ${iss.values.map(String).join(', ')}`;
    case 'invalid_format':
      return `formato non valido per ${received(iss.input)}`;
    case 'not_multiple_of':
      return `il valore deve essere un multiplo di ${iss.divisor}`;
    default:
      return undefined;
  }
}


/** The keys an object schema accepts at a data path (for "did you mean" hints). */
export function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let cur: z.core.$ZodType | undefined = unwrap(schema);
  for (const p of path) {
    if (!cur) return [];
    const def = cur._zod.def as unknown as Record<string, unknown> & { type: string };
    if (def.type === 'object') cur = unwrap((def.shape as Record<string, z.core.$ZodType>)[String(p)]);
    else if (def.type === 'array') cur = unwrap(def.element as z.core.$ZodType);
    else if (def.type === 'record') cur = unwrap(def.valueType as z.core.$ZodType);
    else return [];
  }
  const def = cur?._zod.def as { type: string; shape?: Record<string, unknown> } | undefined;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

function unwrap(s: z.core.$ZodType | undefined): z.core.$ZodType | undefined {
  let cur = s;
  for (;;) {
    if (!cur) return cur;
    const def = cur._zod.def as unknown as { type: string; innerType?: z.core.$ZodType; in?: z.core.$ZodType; options?: z.core.$ZodType[] };
    if (def.innerType) cur = def.innerType;
    else if (def.type === 'pipe' && def.in) cur = def.in;
    else if (def.type === 'union' && def.options) cur = def.options.find((o) => (o._zod.def as { type: string }).type === 'object') ?? def.options[0];
    else return cur;
  }
}

/** `over` merged into `base`: objects key by key (recursively), anything else (lists too) replaced. */
export function mergeOver(base: unknown, over: unknown): unknown {
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!isObject(base) || !isObject(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (k === '__proto__') continue;
    out[k] = Object.hasOwn(base, k) ? mergeOver(base[k], v) : v;
  }
  return out;
}
