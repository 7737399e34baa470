/**
 * Random valid plans for the generative test, derived from the zod schema (src/plan/schema.ts) so
 * that a field added to the schema is generated without touching this file: every strict object
 * is walked key by key, each optional key present or absent, each type given values within its
 * constraints. Only what zod cannot say is written here: the shapes of texts (scripts, symbols,
 * long words, Markdown), sizes, and a repair pass for what the plan must agree with itself on
 * (people and objective ids, weights summing to their totals, the payment-times objective), so
 * that `check` accepts the plan or only warns. An invalid plan is a bug of this file, not of piao.
 */
import { join } from 'node:path';
import fc from 'fast-check';
import type { z } from 'zod';
import { RULES } from '../../src/plan/checks.js';
import { CHECK_CODES, IsoDate, Peso, PersonId, Piano, RichText, SEVERITY_LEVELS, Termine } from '../../src/plan/schema.js';
import { rawObjectivesOf, type RawObject } from '../../src/plan/walk.js';

type Arb = fc.Arbitrary<unknown>;

const STEMMI = ['stemma.png', 'stemma.jpg'].map((f) => join(import.meta.dirname, '../fixtures/stemma', f));

// ------------------------------------------------------------------------------------ texts

const LATIN = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZàèéìòùÀÈÉÌÒÙçñäöüßÆæøåŁłŠšŽžČčŐőĳœ';
const GREEK = 'αβγδεζηθικλμνξοπρστυφχψωςάέήίόύώΑΒΓΔΘΛΞΠΣΦΨΩ';
const CYRILLIC = 'абвгдежзийклмнопрстуфхцчшщъыьэюяАБВГДЖЗИЛПФЦЧШЩЮЯёЁ';
const SYMBOLS = '→←↑↓↔⇒≥≤≠≈±×÷µΩ€£¥…°³²¹‰§©®™«»“”‘’–—∞√∑∆′″½¼¾¿¡';
const ASCII_MARKS = '<>&"\'`={}[]*_#\\|~$%@!?:;,./()+-^';
const DIGITS = '0123456789';
const COMBINING = ['\u0300', '\u0301', '\u0302', '\u0308', '\u0327', '\u0303'];

const chars = (s: string) => fc.constantFrom(...Array.from(s));
/**
 * One character as a reader sees it: mostly Italian, often another script, a symbol, markup-like ASCII or a
 * letter with a combining accent. GEN_SCRIPTS=latin1 keeps to Latin-1 (a developer's aid: it looks past the
 * letters the PDF's font lacks, to whatever else is lost).
 */
const glyph: fc.Arbitrary<string> = process.env.GEN_SCRIPTS === 'latin1'
  ? fc.oneof({ weight: 12, arbitrary: chars(LATIN.replace(/[^\u0000-\u00ff]/g, '')) }, { weight: 3, arbitrary: chars(DIGITS) }, { weight: 2, arbitrary: chars(ASCII_MARKS) })
  : fc.oneof(
  { weight: 12, arbitrary: chars(LATIN) },
  { weight: 3, arbitrary: chars(DIGITS) },
  { weight: 2, arbitrary: chars(GREEK) },
  { weight: 2, arbitrary: chars(CYRILLIC) },
  { weight: 2, arbitrary: chars(SYMBOLS) },
  { weight: 2, arbitrary: chars(ASCII_MARKS) },
  { weight: 1, arbitrary: fc.tuple(chars('aeiouAEIOUnc'), fc.constantFrom(...COMBINING)).map(([a, b]) => a + b) },
);

const word = (max: number) => fc.string({ unit: glyph, minLength: 1, maxLength: max });
const SEPARATORS = [' ', ' ', ' ', ' ', '  ', '\n', '\t', '\u00a0', ' - ', ', ', '. '];

export interface TextSize {
  /** Most characters of the text (roughly). */
  maxChars: number;
  /** Longest word. */
  maxWord: number;
  /** Whether the empty text is allowed. */
  empty: boolean;
}

/** A text of words and separators, up to about `maxChars` characters; some words long, up to `maxWord`. */
export function text({ maxChars, maxWord, empty }: TextSize): fc.Arbitrary<string> {
  const shortWord = word(Math.min(12, maxWord));
  const words = maxWord > 12 ? fc.oneof({ weight: 30, arbitrary: shortWord }, { weight: 1, arbitrary: word(maxWord) }) : shortWord;
  const maxWords = Math.max(1, Math.ceil(maxChars / 7));
  const body = fc
    .array(fc.tuple(words, fc.constantFrom(...SEPARATORS)), { minLength: 1, maxLength: maxWords, size: maxWords > 100 ? 'max' : undefined })
    .map((ws) => {
      const s = ws.map(([w, sep]) => w + sep).join('');
      return s.slice(0, Math.max(maxChars, ws[0]![0].length)).trimEnd() || ws[0]![0];
    });
  return empty ? fc.oneof({ weight: 1, arbitrary: fc.constant('') }, { weight: 12, arbitrary: body }) : body;
}

/** Markdown as the rich-text fields take it: paragraphs, "- " lists, *corsivo*, **grassetto**, "> " quotations, escapes, hard breaks. */
export function markdown(size: TextSize): fc.Arbitrary<string> {
  const inline = fc.oneof(
    { weight: 6, arbitrary: text({ ...size, empty: false }) },
    { weight: 1, arbitrary: text({ maxChars: 60, maxWord: 12, empty: false }).map((s) => `*${s.replace(/[*_\s]/g, 'x')}*`) },
    { weight: 1, arbitrary: text({ maxChars: 60, maxWord: 12, empty: false }).map((s) => `**${s.replace(/[*_\s]/g, 'x')}**`) },
    { weight: 1, arbitrary: fc.constantFrom('\\*non corsivo\\*', 'a\\_b', '&amp; &lt;b&gt;', '<script>alert(1)</script>', '`codice`', '# non un titolo') },
  );
  // Markers of Markdown blocks at the start of a line would change the structure: keep generated lines as paragraph text.
  const line = fc.array(inline, { minLength: 1, maxLength: 3 }).map((xs) => xs.join(' ').replace(/^[\s>#*+\-\d=`~|]+/gm, '').replace(/\n/g, ' ').trim() || 'testo');
  const block = fc.oneof(
    { weight: 4, arbitrary: line },
    { weight: 1, arbitrary: fc.array(line, { minLength: 1, maxLength: 5 }).map((items) => items.map((i) => `- ${i}`).join('\n')) },
    { weight: 1, arbitrary: line.map((l) => `> ${l}`) },
    // Lines of one paragraph: a soft break, or a hard break (two spaces at the end of the line).
    { weight: 1, arbitrary: fc.tuple(fc.array(line, { minLength: 2, maxLength: 3 }), fc.boolean()).map(([ls, hard]) => ls.join(hard ? '  \n' : '\n')) },
  );
  return fc.array(block, { minLength: size.empty ? 0 : 1, maxLength: 4 }).map((bs) => bs.join('\n\n'));
}

// ------------------------------------------------------------------------------------ sizes

/** How big a plan gets: list lengths by list name, texts by field. */
export interface Profile {
  name: string;
  /** The test file that runs it (for the replay command in reports). */
  file: string;
  lists: Record<string, number>;
  /** Lists that have at least this many items (beyond what the schema asks). */
  minLists?: Record<string, number>;
  /** The texts of objectives (title, description, phases, indicators, target…). */
  objectiveText: TextSize;
  /** The objective fields given `longText` instead (long texts are what costs: a few fields carry them). */
  longFields: string[];
  longText: TextSize;
  /** Every other text. */
  otherText: TextSize;
}

export const SMALL: Profile = {
  name: 'piccolo',
  file: 'test/generative.test.ts',
  lists: { centri: 3, servizi: 2, gruppi: 2, obiettivi: 2, fasi: 4, indicatori: 4, funzioni: 3, personale: 3, incarichi: 3, convenzione: 3, target: 3, prerequisiti: 2, persone: 6 },
  objectiveText: { maxChars: 200, maxWord: 30, empty: true },
  longFields: ['descrizione'],
  longText: { maxChars: 1_500, maxWord: 200, empty: false },
  otherText: { maxChars: 80, maxWord: 20, empty: true },
};

/** Few objectives, but each as big as the issue asks: 80 phases and indicators, 20,000-character texts, 2,000-character words. */
export const LARGE: Profile = {
  name: 'grande',
  file: 'test/generative-large.test.ts',
  minLists: { servizi: 1, gruppi: 1 },
  lists: { centri: 1, servizi: 1, gruppi: 1, obiettivi: 2, fasi: 80, indicatori: 80, funzioni: 3, personale: 3, incarichi: 3, convenzione: 3, target: 3, prerequisiti: 2, persone: 4 },
  objectiveText: { maxChars: 150, maxWord: 40, empty: true },
  longFields: ['descrizione', 'target'],
  longText: { maxChars: 20_000, maxWord: 2_000, empty: true },
  otherText: { maxChars: 300, maxWord: 2_000, empty: true },
};

// ------------------------------------------------------------------------------------ derivation

/** Placeholders the repair pass turns into real references once the whole plan exists. */
interface PersonRef { __person: number }
interface ObjectiveRef { __obiettivo: number }

const isoDate = fc
  .tuple(fc.integer({ min: 2022, max: 2027 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
  .map(([y, m, d]) => {
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return `${y}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
  });

const percent = fc.oneof(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 100, noNaN: true }).map((x) => Math.round(x * 100) / 100));

/** The deadline: exactly one of its four forms, with or without a note. */
function termine(size: TextSize): Arb {
  const nota = fc.option(text({ ...size, maxChars: Math.min(size.maxChars, 200) }), { nil: undefined });
  const form = fc.oneof(
    isoDate.map((entro) => ({ entro })),
    fc.integer({ min: 2022, max: 2027 }).map((anno) => ({ anno })),
    fc.tuple(isoDate, isoDate).map(([a, b]) => (a <= b ? { dal: a, al: b } : { dal: b, al: a })),
    fc.tuple(fc.constantFrom(...(Termine.shape.evento.unwrap().options as string[])), fc.boolean(), fc.integer({ min: 1, max: 400 })).map(([evento, days, n]) => (days ? { giorni: n, evento } : { mesi: Math.min(n, 120), evento })),
  );
  return fc.tuple(form, nota).map(([f, n]) => (n === undefined ? f : { ...f, nota: n }));
}

/** The weight: one of its kinds (risultato, ccdi, coefficiente), the value given or left blank (~). */
const peso: Arb = fc.oneof(
  fc.option(percent, { nil: null, freq: 6 }).map((risultato) => ({ risultato })),
  fc.option(percent, { nil: null, freq: 6 }).map((ccdi) => ({ ccdi })),
  fc.option(fc.oneof(fc.constantFrom(0.5, 1, 1.2, 1.4, 2), fc.double({ min: 0.01, max: 10, noNaN: true }).map((x) => Math.round(x * 100) / 100 || 1)), { nil: null, freq: 6 }).map((coefficiente) => ({ coefficiente })),
);

/** Levels of the checks: every check code (so a new one is covered), each lowered, kept, or left to its default. */
const livelli: Arb = fc.record(
  Object.fromEntries(CHECK_CODES.map((c) => [c, fc.constantFrom(...SEVERITY_LEVELS.filter((l) => l !== 'errore'))])),
  { requiredKeys: [] },
);

const ID_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789_-';
const identifier = fc.tuple(chars('abcdefghijklmnopqrstuvwxyz'), fc.string({ unit: chars(ID_CHARS), maxLength: 12 })).map(([a, b]) => a + b);

/** `s` is `target`, or made from it by `.meta()` (which clones the schema, keeping a link to its parent). */
function is(s: z.ZodType, target: z.ZodType): boolean {
  for (let x: z.ZodType | undefined = s; x; x = (x as unknown as { _zod: { parent?: z.ZodType } })._zod.parent) if (x === target) return true;
  return false;
}

type Def = { type: string; [k: string]: unknown };
const defOf = (s: z.ZodType): Def => (s as unknown as { def: Def }).def;
const checksOf = (s: z.ZodType) => ((defOf(s).checks as { _zod: { def: Record<string, unknown> } }[] | undefined) ?? []).map((c) => c._zod.def);

/**
 * The arbitrary for one schema node at `path` (keys, with "[]" for list items). The few nodes
 * zod cannot fully describe are given by hand; everything else comes from the schema.
 */
function derive(schema: z.ZodType, path: string[], profile: Profile): Arb {
  const key = path[path.length - 1] ?? '';
  const parent = path[path.length - 2] ?? '';
  const inObjective = path.includes('obiettivi');
  const size = !inObjective ? profile.otherText : profile.longFields.includes(key) && path[path.length - 3] === 'obiettivi' ? profile.longText : profile.objectiveText;

  // Schemas with rules across their fields, or with references: by hand.
  if (is(schema, Termine)) return termine(size);
  if (is(schema, Peso)) return peso;
  if (is(schema, IsoDate)) return isoDate;
  if (is(schema, PersonId)) return fc.nat().map((n): PersonRef => ({ __person: n }));
  if (is(schema, RichText)) return markdown(key === 'introduzione' || key === 'funzioni' ? { ...profile.otherText, maxChars: profile.otherText.maxChars * 4 } : profile.otherText);
  if (key === 'livelli') return livelli;
  if (key === 'totale_risultato' && parent === 'controlli') return fc.option(fc.oneof(fc.constant(100), fc.integer({ min: 1, max: 100 })), { nil: null, freq: 4 });
  if (key === 'soglia_tempi_pagamento') return fc.integer({ min: 0, max: 40 });
  if (key === 'indennita_totale') return fc.integer({ min: 0, max: 100 });
  if (key === 'prerequisiti') return fc.array(fc.nat().map((n): ObjectiveRef => ({ __obiettivo: n })), { maxLength: profile.lists.prerequisiti ?? 2 });
  if (key === 'id') return identifier;
  // The coat of arms is a file: one of the fixtures, by its absolute path (the plan is written elsewhere).
  if (key === 'stemma') return fc.constantFrom(...STEMMI);
  if (key === 'sigla_provincia') return fc.string({ unit: chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ'), minLength: 2, maxLength: 2 });
  if (key === 'anno' && parent === 'piano') return fc.integer({ min: 2022, max: 2026 });

  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'default':
      // An absent key is decided by the enclosing object; here the value itself.
      return derive(def.innerType as z.ZodType, path, profile);
    case 'nullable':
      return fc.option(derive(def.innerType as z.ZodType, path, profile), { nil: null, freq: 4 });
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>;
      const model: Record<string, Arb> = {};
      const required: string[] = [];
      for (const [k, v] of Object.entries(shape)) {
        model[k] = derive(v, [...path, k], profile);
        const t = defOf(v).type;
        if (t !== 'optional' && t !== 'default') required.push(k);
      }
      return fc.record(model, { requiredKeys: required });
    }
    case 'array': {
      const c = checksOf(schema);
      const listName = key === '[]' ? parent : key;
      const min = Math.max((c.find((x) => x.check === 'min_length')?.minimum as number | undefined) ?? 0, profile.minLists?.[listName] ?? 0);
      const schemaMax = c.find((x) => x.check === 'max_length')?.maximum as number | undefined;
      const max = Math.min(schemaMax ?? Infinity, Math.max(min, profile.lists[listName] ?? 3));
      return fc.array(derive(def.element as z.ZodType, [...path, '[]'], profile), { minLength: min, maxLength: max, size: max > 10 ? 'max' : undefined });
    }
    case 'record': {
      const value = derive(def.valueType as z.ZodType, [...path, '[]'], profile);
      return fc.dictionary(identifier, value, { minKeys: 1, maxKeys: profile.lists[key] ?? 4 });
    }
    case 'union':
      return fc.oneof(...(def.options as z.ZodType[]).map((o) => derive(o, path, profile)));
    case 'enum':
      return fc.constantFrom(...((schema as unknown as { options: string[] }).options));
    case 'boolean':
      return fc.boolean();
    case 'number': {
      const n = schema as unknown as { minValue: number | null; maxValue: number | null; isInt: boolean };
      const min = Math.max(n.minValue ?? -1000, -1000);
      const max = Math.min(n.maxValue ?? 1000, 1000);
      const positive = checksOf(schema).some((c) => c.check === 'greater_than' && c.value === 0);
      const ints = fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
      const values = n.isInt ? ints : fc.oneof(ints, fc.double({ min, max, noNaN: true }).map((x) => Math.round(x * 100) / 100));
      return values.filter((x) => x >= min && x <= max && !(positive && x <= 0));
    }
    case 'string': {
      const s = schema as unknown as { minLength: number | null; maxLength: number | null };
      const t = text({ ...size, empty: (s.minLength ?? 0) === 0 && size.empty });
      if (s.maxLength !== null) return fc.string({ unit: glyph, minLength: s.minLength ?? 0, maxLength: s.maxLength });
      return t;
    }
    default:
      throw new Error(`plan-arbitrary: no generator for zod type "${def.type}" at ${path.join('.')}: add one`);
  }
}

// ------------------------------------------------------------------------------------ repair

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Replaces the placeholders of `f`'s kind everywhere in the data. */
function replaceDeep(v: unknown, f: (o: Json) => unknown): unknown {
  if (Array.isArray(v)) return v.map((x) => replaceDeep(x, f)).filter((x) => x !== undefined);
  if (v && typeof v === 'object') {
    const o = v as Json;
    const r = f(o);
    if (r !== o) return r;
    for (const k of Object.keys(o)) o[k] = replaceDeep(o[k], f);
  }
  return v;
}

/** Splits `total` (an integer) into parts proportional to `shares` (all ≥ 0), each an integer, summing to `total` exactly. */
function split(total: number, shares: number[]): number[] {
  const s = shares.map((x) => x + 1);
  const sum = s.reduce((a, b) => a + b, 0);
  const parts = s.map((x) => Math.floor((total * x) / sum));
  parts[parts.length - 1]! += total - parts.reduce((a, b) => a + b, 0);
  return parts;
}

/** The severity a check code has in this plan: its level in `controlli.livelli`, else its default. */
function levelOf(plan: Json): (code: string) => string {
  const defaults = new Map(RULES.flatMap((r) => r.codes.map((c) => [c.code as string, c.severity as string])));
  const levels = obj(obj(plan.controlli).livelli);
  return (code) => (levels[code] as string | undefined) ?? defaults.get(code) ?? 'errore';
}

/**
 * Makes the generated data a plan `check` accepts: references resolved to existing ids, ids
 * unique, and the rules that are errors in this plan satisfied (weights summing to their
 * totals, the payment-times objective where invoices are paid, phases in order with weights summing to 100).
 */
export function repair(data: Json): Json {
  const plan = structuredClone(data);
  // People: placeholders become registry ids.
  const people = Object.keys(obj(plan.persone));
  replaceDeep(plan, (o) => ('__person' in o ? people[(o.__person as number) % people.length] : o));
  // Centri ids unique.
  list(plan.centri).forEach((c, i) => { obj(c).id = `${obj(c).id as string}-${i}`; });
  // Objective ids unique; prerequisites name existing objectives (other than the objective itself).
  const objectives = rawObjectivesOf(plan);
  const ids: string[] = [];
  objectives.forEach(({ obiettivo: o }, i) => {
    if (typeof o.id === 'string') ids.push((o.id = `${o.id}-${i}`));
  });
  for (const { obiettivo: o } of objectives) {
    if (!Array.isArray(o.prerequisiti)) continue;
    o.prerequisiti = ids.length === 0 ? [] : (o.prerequisiti as ObjectiveRef[]).map((r) => ids[r.__obiettivo % ids.length]);
  }

  // Only a prerequisite may go without a weight (schema: peso.mancante).
  for (const { obiettivo: o } of objectives) if (o.peso === undefined && o.prerequisito !== true) o.peso = { ccdi: null };

  // A plan without objectives is an error by default: such a generated plan is a draft that says so.
  if (objectives.length === 0 && levelOf(plan)('piano.senza-obiettivi') === 'errore') {
    const controlli = (plan.controlli = obj(plan.controlli));
    controlli.livelli = { ...obj(controlli.livelli), 'piano.senza-obiettivi': 'avviso' };
  }
  const level = levelOf(plan);
  const isError = (code: string) => level(code) === 'errore';
  const controlli = obj(plan.controlli);
  const totale = controlli.totale_risultato === undefined ? 100 : (controlli.totale_risultato as number | null);
  const soglia = (controlli.soglia_tempi_pagamento as number | undefined) ?? 30;
  const risultatoOf = (o: RawObject) => obj(o.peso).risultato as number | null | undefined;
  const isRisultato = (o: RawObject) => 'risultato' in obj(o.peso);

  // Payment times: whoever pays invoices has an objective on them, weighing at least the threshold.
  const floors = new Map<RawObject, number>();
  if (controlli.tempi_pagamento !== false) {
    list(plan.centri).forEach((c0, ci) => {
      const c = obj(c0);
      if (!c.paga_fatture) return;
      const resp = c.responsabile as string | null;
      if (!resp) {
        if (isError('tempi-pagamento.senza-responsabile')) c.paga_fatture = false;
        return;
      }
      const own = objectives.filter((p) => p.path[1] === ci && p.path[0] === 'centri' && (p.obiettivo.responsabile ?? resp) === resp).map((p) => p.obiettivo);
      let tempi = own.filter((o) => o.tempi_pagamento === true);
      if (tempi.length === 0) {
        if (!isError('tempi-pagamento.mancante')) return;
        if (own.length === 0) { c.paga_fatture = false; return; }
        own[0]!.tempi_pagamento = true;
        tempi = [own[0]!];
      }
      if (!isError('tempi-pagamento.peso') && !isError('tempi-pagamento.tipo-peso')) return;
      const sumWeights = tempi.reduce((s, o) => s + (isRisultato(o) ? (risultatoOf(o) ?? 0) : 0), 0);
      if (sumWeights >= soglia && !(totale !== null && isError('pesi.somma-risultato'))) return;
      if (totale !== null && isError('pesi.somma-risultato') && soglia > totale) { c.paga_fatture = false; return; }
      const first = tempi[0]!;
      if (!isRisultato(first) || risultatoOf(first) === null || (risultatoOf(first) ?? 0) < soglia) first.peso = { risultato: Math.min(100, Math.max(soglia, Math.ceil(risultatoOf(first) ?? 0))) };
      floors.set(first, soglia);
    });
  }

  // Each responsabile's result weights sum to the expected total.
  if (totale !== null && isError('pesi.somma-risultato')) {
    const byPerson = new Map<string, RawObject[]>();
    for (const { obiettivo: o, path } of objectives) {
      if (path[0] !== 'centri' || !isRisultato(o)) continue;
      const resp = (o.responsabile as string | undefined) ?? (obj(list(plan.centri)[path[1] as number]).responsabile as string | null);
      if (resp) byPerson.set(resp, [...(byPerson.get(resp) ?? []), o]);
    }
    for (const mine of byPerson.values()) {
      let floored = mine.filter((o) => floors.has(o));
      if (floored.reduce((s, o) => s + floors.get(o)!, 0) > totale) {
        // Too many payment-times objectives for this person's total: keep the first one's floor only.
        floored = floored.slice(0, 1);
      }
      const given = mine.filter((o) => risultatoOf(o) !== null || floored.includes(o));
      if (given.length === 0) given.push(mine[0]!);
      const rest = totale - floored.reduce((s, o) => s + floors.get(o)!, 0);
      const parts = split(rest, given.map((o) => Math.round(risultatoOf(o) ?? 0)));
      given.forEach((o, i) => { o.peso = { risultato: parts[i]! + (floored.includes(o) ? floors.get(o)! : 0) }; });
    }
  }

  // Phases: each starts before it ends, and their weights, where given, sum to 100.
  for (const { obiettivo: o } of objectives) {
    const fasi = list(o.fasi).filter((f): f is Json => typeof f === 'object' && f !== null);
    for (const f of fasi) {
      if (isError('fasi.date-invertite') && typeof f.inizio === 'string' && typeof f.fine === 'string' && f.inizio > f.fine) [f.inizio, f.fine] = [f.fine, f.inizio];
    }
    const weighted = fasi.filter((f) => typeof f.peso === 'number');
    if (weighted.length && isError('fasi.somma-pesi')) {
      const parts = split(100, weighted.map((f) => Math.round(f.peso as number)));
      weighted.forEach((f, i) => { f.peso = parts[i]; });
    }
  }

  // The Segretario's result weights sum to the declared total allowance.
  const s = plan.segretario === undefined ? undefined : obj(plan.segretario);
  if (s && isError('pesi.somma-segretario')) {
    const mine = list(s.obiettivi).map(obj).filter((o) => isRisultato(o) && risultatoOf(o) !== null);
    if (mine.length === 0) s.indennita_totale = 0;
    else {
      const parts = split(s.indennita_totale as number, mine.map((o) => Math.round(risultatoOf(o) ?? 0)));
      mine.forEach((o, i) => { o.peso = { risultato: parts[i] }; });
    }
  }
  return plan;
}

/** A random valid plan of the given size. */
export function planArbitrary(profile: Profile): fc.Arbitrary<Json> {
  return (derive(Piano, [], profile) as fc.Arbitrary<Json>).map(repair);
}
