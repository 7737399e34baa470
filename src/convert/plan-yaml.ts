/**
 * A plan's data written as the YAML file a Segretario edits: the keys in the order of the data
 * model (the JSON Schema's order, so a field added to schema.ts takes its place without touching
 * this module), keys the model does not know kept after them, a short Italian comment before each
 * part as in the example, a blank line between parts and between settori, long texts as block
 * scalars. Used wherever piao writes a plan it did not read (`import`, a workbook without its
 * source). Same data → same bytes: no date, no clock, nothing from the machine.
 */
import { Document, isMap, isPair, isScalar, isSeq, parseDocument, Scalar, type Node, type Pair, YAMLMap, YAMLSeq } from 'yaml';
import { jsonSchema } from '../plan/json-schema.js';
import { keepWrittenDecimals } from '../plan/load.js';
import { DECIMALI } from '../plan/schema.js';

export interface PlanYamlOptions {
  /** Comment lines at the top of the file (after the schema line), without "#". */
  header?: string[];
  /** Comments placed before a value, by its path in the data: "persone.milanese", "centri[0].servizi[1]". */
  comments?: Record<string, string>;
  /** Write the editor's schema line (`# yaml-language-server: $schema=./piao.schema.json`); default true. */
  schemaLine?: boolean;
}

/** The comment before each part of the plan, as the example writes them. */
const PART_COMMENTS: Record<string, string> = {
  ente: "L'ente che adotta il piano.",
  piano: 'Il piano: primo anno del triennio, revisione, approvazione.',
  documento: 'Come i documenti presentano i dati: numerazione, ordine dei nomi, etichette.',
  persone: 'Registro delle persone: identificativo (a sinistra) e nome come va stampato.\nOgni persona è scritta una volta sola e richiamata ovunque con il suo identificativo.',
  introduzione: 'Testo introduttivo. Paragrafi separati da una riga vuota; elenchi con "- "; *corsivo*.',
  centri: 'Centri di responsabilità (settori), nell\'ordine della tabella: responsabile, personale, servizi, obiettivi.\ntermine: { entro: AAAA-MM-GG } oppure { anno: 2024 } oppure { giorni: 90, evento: approvazione_piao }.\npeso: { risultato: N } (% dell\'indennità di risultato), { ccdi: N } (% della somma CCDI) o { coefficiente: N }.',
  nota_centri: 'Testo dopo la tabella dei centri di responsabilità.',
  segretario: 'Il Segretario: funzioni e obiettivi, pesati sull\'indennità di risultato.',
  valutazione: 'Regole del sistema di valutazione (fasce) e importi, per i premi calcolati dai risultati.',
  controlli: 'Impostazioni dei controlli di piao check.',
};

type JsonSchema = {
  $ref?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
};

let cachedSchema: { root: JsonSchema; defs: Record<string, JsonSchema> } | undefined;
function schema(): { root: JsonSchema; defs: Record<string, JsonSchema> } {
  if (!cachedSchema) {
    const root = JSON.parse(jsonSchema()) as JsonSchema & { $defs?: Record<string, JsonSchema>; definitions?: Record<string, JsonSchema> };
    cachedSchema = { root, defs: root.$defs ?? root.definitions ?? {} };
  }
  return cachedSchema;
}

/** The schemas a value may match at a place (references followed, unions flattened). */
function branches(s: JsonSchema | undefined, defs: Record<string, JsonSchema>, depth = 0): JsonSchema[] {
  if (!s || depth > 20) return [];
  if (s.$ref) return branches(defs[s.$ref.replace(/^#\/(\$defs|definitions)\//, '')], defs, depth + 1);
  const alternatives = [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])];
  if (alternatives.length > 0) return [s, ...alternatives.flatMap((a) => branches(a, defs, depth + 1))];
  return [s];
}

/** The object schema that knows most of an object's keys (a detailed phase rather than its text form). */
function objectSchema(value: Record<string, unknown>, s: JsonSchema | undefined, defs: Record<string, JsonSchema>): JsonSchema | undefined {
  let best: JsonSchema | undefined;
  let bestScore = -1;
  for (const b of branches(s, defs)) {
    if (!b.properties && !b.additionalProperties) continue;
    const score = b.properties ? Object.keys(value).filter((k) => k in b.properties!).length : 0;
    if (score > bestScore) [best, bestScore] = [b, score];
  }
  return best;
}

function childSchema(s: JsonSchema | undefined, key: string | number, defs: Record<string, JsonSchema>): JsonSchema | undefined {
  for (const b of branches(s, defs)) {
    if (typeof key === 'number' && b.items) return b.items;
    if (typeof key === 'string' && b.properties?.[key]) return b.properties[key];
    if (typeof key === 'string' && typeof b.additionalProperties === 'object') return b.additionalProperties;
  }
  return undefined;
}

/** `value` with every object's keys in the model's order (unknown keys after, as they were). */
export function ordered(value: unknown, s: JsonSchema | undefined = schema().root, defs = schema().defs): unknown {
  if (Array.isArray(value)) return value.map((v, i) => ordered(v, childSchema(s, i, defs), defs));
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const os = objectSchema(obj, s, defs);
  const known = os?.properties ? Object.keys(os.properties).filter((k) => k in obj) : [];
  const rest = Object.keys(obj).filter((k) => !known.includes(k));
  const out: Record<string | symbol, unknown> = Object.fromEntries([...known, ...rest].map((k) => [k, ordered(obj[k], os ? childSchema(os, k, defs) : undefined, defs)]));
  if ((obj as { [DECIMALI]?: unknown })[DECIMALI]) out[DECIMALI] = (obj as { [DECIMALI]?: unknown })[DECIMALI];
  return out;
}

/**
 * A plan file's data as written (no defaults, recalls not expanded), with the decimals each
 * number was written with (`DECIMALI`), so that `planToYaml` writes 1.0 back as 1.0. The text
 * must be valid YAML: callers read a plan that `piao check` accepts, or one piao wrote.
 */
export function readPlanData(text: string): Record<string, unknown> {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const data = doc.toJS({ maxAliasCount: -1 }) as Record<string, unknown>;
  keepWrittenDecimals(doc.contents, data);
  return data;
}

/** Writes a plan's data as a commented YAML file (see the module's comment). */
export function planToYaml(data: Record<string, unknown>, options: PlanYamlOptions = {}): string {
  const value = ordered(data);
  const doc = new Document(value);
  const root = doc.contents as YAMLMap;
  writtenDecimals(root, value);
  for (const [i, pair] of root.items.entries()) {
    const key = String((pair.key as Scalar).value);
    const comment = PART_COMMENTS[key];
    if (comment) (pair.key as Scalar).commentBefore = ` ${comment.split('\n').join('\n ')}`;
    if (i > 0) (pair.key as Scalar).spaceBefore = true;
    if (key === 'centri' && isSeq(pair.value)) {
      for (const [j, item] of pair.value.items.entries()) if (j > 0) (item as Node).spaceBefore = true;
    }
  }
  for (const [path, comment] of Object.entries(options.comments ?? {})) {
    const node = nodeAt(doc, path);
    if (node) node.commentBefore = [node.commentBefore, ...comment.split('\n').map((l) => ` ${l}`)].filter(Boolean).join('\n');
  }
  blockScalars(root);
  const head = [
    ...(options.schemaLine === false ? [] : ['# yaml-language-server: $schema=./piao.schema.json']),
    ...(options.header ?? []).map((l) => (l === '' ? '#' : `# ${l}`)),
  ];
  const body = doc.toString({ lineWidth: 0, indentSeq: true, nullStr: '~' });
  return `${head.length > 0 ? `${head.join('\n')}\n\n` : ''}${body}`;
}

/** Numbers written with decimals ("1.0") keep them: the `DECIMALI` the reader or an importer recorded. */
function writtenDecimals(node: unknown, value: unknown): void {
  if (value === null || typeof value !== 'object') return;
  const decimals = (value as { [DECIMALI]?: Record<string | number, number> })[DECIMALI] ?? {};
  const at = (child: unknown, key: string | number) => {
    const n = decimals[key];
    if (n && isScalar(child) && typeof child.value === 'number') child.minFractionDigits = n;
    else writtenDecimals(child, (value as Record<string | number, unknown>)[key]);
  };
  if (isMap(node)) for (const pair of node.items) at(pair.value, String((pair.key as Scalar).value));
  else if (isSeq(node)) node.items.forEach((child, i) => at(child, i));
}

/** Multi-line texts as literal blocks ("|"), the way a person writes them. */
function blockScalars(node: unknown): void {
  if (isMap(node) || isSeq(node)) {
    for (const item of (node as YAMLMap | YAMLSeq).items) blockScalars(isPair(item) ? (item as Pair).value : item);
  } else if (isScalar(node) && typeof node.value === 'string' && node.value.includes('\n')) {
    node.type = Scalar.BLOCK_LITERAL;
  }
}

/** The node to comment at a path: a map entry's key (so the comment sits above "key:"), or a list item. */
function nodeAt(doc: Document, path: string): (Node & { commentBefore?: string | null }) | undefined {
  const parts = [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]!));
  if (parts.length === 0) return undefined;
  const parentPath = parts.slice(0, -1);
  const last = parts.at(-1)!;
  const parent = parentPath.length === 0 ? doc.contents : doc.getIn(parentPath, true);
  if (isMap(parent)) {
    const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === last);
    return pair ? (pair.key as Node) : undefined;
  }
  if (isSeq(parent) && typeof last === 'number') return parent.items[last] as Node | undefined;
  return undefined;
}
