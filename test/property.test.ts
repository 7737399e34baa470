/**
 * Property tests: whatever a user (or an editor, or a copy and paste) does to a plan file, reading and checking it
 * never crashes. The example plan (with its long texts trimmed) and the minimal valid plan of the fixtures are
 * mutated thousands of times (about 3,000 runs in all, under 20 s), three ways:
 *   (a) text: characters and lines deleted, inserted, replaced, moved (tabs, quotes, colons, dashes, unicode, NUL…);
 *   (b) data: the example parsed with `yaml`, one or more nodes replaced / deleted / renamed / added with random
 *       values (strings, numbers, negative, NaN, null, lists, maps, huge strings, unicode), stringified again;
 *   (c) bytes: random bytes (invalid UTF-8, BOMs, NUL) written to a file and read with loadPlan.
 * Each run must end with a valid plan (then runChecks must not crash either) or an InputError whose every
 * diagnostic has a code, a line ≥ 1 and a col ≥ 1 inside the file, and a non-empty Italian message. Nothing else:
 * no TypeError, no RangeError, no raw library error.
 *
 * The seed is fixed (override with FC_SEED=…); on failure fast-check prints the seed and the path of the
 * counterexample, which replay it exactly: FC_SEED=<seed> npx vitest run test/property.test.ts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, type Diagnostic } from '../src/plan/diagnostics.js';
import { loadPlan, parsePlan, parseWithSchema } from '../src/plan/load.js';
import { runChecks } from '../src/plan/checks.js';
import { Piano } from '../src/plan/schema.js';

const SEED = Number(process.env.FC_SEED ?? 20240130);
const FILE = 'piano.yaml';

/**
 * The example, with its long Markdown texts cut to their first lines: parsing is what costs (about 6 ms for the
 * full file), and the long texts add nothing to what the mutations exercise. Structure, comments, flow maps,
 * quotes and block scalars are all kept.
 */
const EXAMPLE = trimBlockScalars(readFileSync(join(import.meta.dirname, '../data/casalmorano-2024.yaml'), 'utf8'));
/** The minimal valid plan of the invalid-input fixtures: ten times faster to parse, so many more runs fit. */
const MINIMAL = readFileSync(join(import.meta.dirname, 'fixtures/invalid/_valido.yaml'), 'utf8');
const BASES = [
  { name: "l'esempio", text: EXAMPLE, runs: { text: 200, data: 200 } },
  { name: 'il piano minimo', text: MINIMAL, runs: { text: 1200, data: 1000 } },
];

function trimBlockScalars(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    out.push(lines[i]!);
    const m = /^(\s*)[a-z_]+: [|>]$/.exec(lines[i]!);
    if (!m) continue;
    const indent = m[1]!.length;
    let kept = 0;
    while (i + 1 < lines.length && (lines[i + 1]!.trim() === '' || lines[i + 1]!.search(/\S/) > indent)) {
      i++;
      if (kept++ < 3) out.push(lines[i]!);
    }
  }
  return out.join('\n');
}

const ENGLISH = /\b(Expected|expected|Invalid|invalid|Unexpected|unexpected|Received|received|Required|required|Unrecognized|Source|please|must|should|cannot|Unresolved|Excessive|Nested|Missing|missing|Implicit|allowed)\b/;
const GARBAGE = /undefined|\bNaN\b|Infinity|\[object Object\]|\b\w*Error\b|^\s+at /m;

/**
 * Problems the tool has today, already reported: they are counted (and printed at the end of each property) rather
 * than failing the run, so that the properties keep looking for new ones. Remove an entry when the source is fixed.
 */
const KNOWN: { reason: string; matches: (d: Diagnostic, problem: string, index: number) => boolean }[] = [];
const knownSeen = new Map<string, number>();

/** Problems of one diagnostic, as text (empty when it is fine). `lines`: the source the positions refer to, if any. */
function problemsOf(d: Diagnostic, lines: string[] | undefined): string[] {
  const p: string[] = [];
  if (typeof d.code !== 'string' || !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(d.code)) p.push(`code ${JSON.stringify(d.code)}`);
  if (!Number.isInteger(d.line) || d.line < 1) p.push(`line ${d.line}`);
  if (!Number.isInteger(d.col) || d.col < 1) p.push(`col ${d.col}`);
  if (lines !== undefined && Number.isInteger(d.line) && d.line >= 1) {
    const line = lines[d.line - 1];
    if (line === undefined) p.push(`line ${d.line} beyond the ${lines.length} lines of the file`);
    else if (d.col > line.length + 1) p.push(`col ${d.col} beyond the ${line.length} characters of line ${d.line}`);
  }
  if (d.file !== FILE) p.push(`file ${d.file}`);
  if (typeof d.message !== 'string' || d.message.trim() === '') p.push('empty message');
  for (const [what, s] of [['message', d.message], ['hint', d.hint]] as const) {
    if (s === undefined) continue;
    if (GARBAGE.test(s)) p.push(`${what} with leftovers: ${s}`);
    if (ENGLISH.test(s)) p.push(`${what} in English: ${s}`);
  }
  return p;
}

function expectGood(diagnostics: Diagnostic[], text: string | undefined, context: string): void {
  const bad: string[] = [];
  const lines = text?.replace(/^\uFEFF/, '').split('\n');
  diagnostics.forEach((d, i) => {
    for (const p of problemsOf(d, lines)) {
      const known = KNOWN.find((k) => k.matches(d, p, i));
      if (known) knownSeen.set(known.reason, (knownSeen.get(known.reason) ?? 0) + 1);
      else bad.push(`${d.line}:${d.col} [${d.code}] ${p} — ${d.message}`);
    }
  });
  if (bad.length) throw new Error(`${context}:\n${bad.join('\n')}`);
}

/** parsePlan, then (when valid) the same checks as `piao check`, with a LoadedPlan built the way loadPlan builds it. */
function readAndCheck(text: string): 'valid' | 'invalid' {
  try {
    parsePlan(text, FILE);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    expect(e.diagnostics.length, 'InputError without diagnostics').toBeGreaterThan(0);
    expectGood(e.diagnostics, text, 'parsePlan');
    return 'invalid';
  }
  const { data, locate } = parseWithSchema(text, FILE, Piano);
  const result = runChecks({ plan: data, file: FILE, source: text, locate });
  expectGood(result.diagnostics, text, 'runChecks');
  return 'valid';
}

function assertProperty<T>(arb: fc.Arbitrary<T>, predicate: (v: T) => void, numRuns: number): void {
  try {
    fc.assert(fc.property(arb, predicate), { seed: SEED, numRuns, endOnFailure: false });
  } catch (e) {
    // fast-check's report already carries "seed" and "path"; make the seed impossible to miss.
    console.error(`property failed with seed ${SEED} (replay: FC_SEED=${SEED} npx vitest run test/property.test.ts)`);
    throw e;
  }
}

// ---------------------------------------------------------------- (a) text

const PIECES = [
  '\t', '\t\t', '"', "'", ':', ': ', ':  ', '- ', '-', '--- ', '---\n', '...\n', '#', ' #', '{', '}', '[', ']', ',', ', ',
  '&a ', '*a', '*', '&', '!', '!!str ', '!!int ', '!unknown ', '|', '|-\n', '>', '%YAML 1.1\n', '@', '`', '?', '? ', '<<: ',
  '\0', '\n', '\r\n', '\r', '\uFEFF', '\u2028', '\u00a0', 'é', 'à', '€', '😀', '\ud800', ' ', '  ', '~', 'null', '0', '-1', '1e309',
  '.nan', '.inf', '0x1F', '2024-02-31', 'true', 'no', '\\', '\\x', '"\\u00', 'peso: ', 'termine: ', 'id: ', 'responsabile: ',
  'persone:', 'centri:', 'x'.repeat(2000),
];

type TextOp =
  | { op: 'delete'; at: number; n: number }
  | { op: 'insert'; at: number; s: string }
  | { op: 'replace'; at: number; s: string }
  | { op: 'deleteLine'; line: number }
  | { op: 'duplicateLine'; line: number }
  | { op: 'swapLines'; a: number; b: number }
  | { op: 'indent'; line: number; by: number }
  | { op: 'insertLine'; line: number; s: string };

const piece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...PIECES) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
);
const pos = fc.nat({ max: 1_000_000 });
const textOp: fc.Arbitrary<TextOp> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: pos, n: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ op: fc.constant('insert' as const), at: pos, s: piece }),
  fc.record({ op: fc.constant('replace' as const), at: pos, s: piece }),
  fc.record({ op: fc.constant('deleteLine' as const), line: pos }),
  fc.record({ op: fc.constant('duplicateLine' as const), line: pos }),
  fc.record({ op: fc.constant('swapLines' as const), a: pos, b: pos }),
  fc.record({ op: fc.constant('indent' as const), line: pos, by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ op: fc.constant('insertLine' as const), line: pos, s: fc.oneof(piece, fc.constantFrom('  - ', 'x: y', '  nome:', '    - id: z', 'segretario: ~')) }),
);

function applyTextOp(text: string, o: TextOp): string {
  const at = (n: number) => (text.length === 0 ? 0 : n % (text.length + 1));
  const lines = text.split('\n');
  const ln = (n: number) => n % lines.length;
  switch (o.op) {
    case 'delete': { const i = at(o.at); return text.slice(0, i) + text.slice(i + o.n); }
    case 'insert': { const i = at(o.at); return text.slice(0, i) + o.s + text.slice(i); }
    case 'replace': { const i = at(o.at); return text.slice(0, i) + o.s + text.slice(i + 1); }
    case 'deleteLine': lines.splice(ln(o.line), 1); break;
    case 'duplicateLine': { const i = ln(o.line); lines.splice(i, 0, lines[i]!); break; }
    case 'swapLines': { const a = ln(o.a), b = ln(o.b); [lines[a], lines[b]] = [lines[b]!, lines[a]!]; break; }
    case 'indent': { const i = ln(o.line); lines[i] = o.by >= 0 ? ' '.repeat(o.by) + lines[i] : lines[i]!.replace(new RegExp(`^ {0,${-o.by}}`), ''); break; }
    case 'insertLine': lines.splice(ln(o.line), 0, o.s); break;
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------- (b) data

type Path = (string | number)[];

function pathsOf(v: unknown, base: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(v)) v.forEach((x, i) => { out.push([...base, i]); pathsOf(x, [...base, i], out); });
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) { out.push([...base, k]); pathsOf(x, [...base, k], out); }
  return out;
}

const KEYS = ['id', 'nome', 'titolo', 'peso', 'termine', 'risultato', 'ccdi', 'coefficiente', 'entro', 'anno', 'dal', 'al', 'giorni', 'mesi', 'evento',
  'responsabile', 'personale', 'persona', 'obiettivi', 'gruppi', 'servizi', 'fasi', 'indicatori', 'target', 'prerequisiti', 'livelli', 'paga_fatture',
  'tempi_pagamento', 'indennita_totale', 'constructor', '__proto__', 'toString', 'hasOwnProperty', '', ' ', 'Nome', 'nme', '5', 'a.b', 'x'.repeat(300)];
const IDS = ['pagani', 'massari', 'coti_zelati', 'falavigna', 'Pagani', 'pagani ', 'nessuno', 'constructor', '__proto__', 'toString', 'valueOf', '', '-', '1a'];
const often = <T>(arbitrary: fc.Arbitrary<T>) => ({ weight: 8, arbitrary });
const scalar: fc.Arbitrary<unknown> = fc.oneof(
  often(fc.string()),
  often(fc.string({ unit: 'grapheme', maxLength: 20 })),
  often(fc.string({ unit: 'binary', maxLength: 10 })),
  often(fc.integer()),
  often(fc.integer({ min: -1000, max: -1 })),
  often(fc.double()),
  often(fc.constantFrom(0, -0, 1, 30, 100, 100.0001, 2024, 1e21, Number.MAX_SAFE_INTEGER + 2, NaN, Infinity, -Infinity)),
  often(fc.constantFrom(null, true, false)),
  often(fc.constantFrom('2024-02-31', '2024-13-01', '2024-6-30', '30/06/2024', '0000-00-00', '2024-01-30', '2100-12-31', '99999-01-01')),
  often(fc.constantFrom(...IDS)),
  often(fc.constantFrom('approvazione_piao', 'approvazione_bilancio', 'assunzione', 'errore', 'avviso', 'info', 'no', 'grave')),
  // Huge strings are slow to stringify and parse (tens of ms): rarer.
  { weight: 1, arbitrary: fc.constant('x'.repeat(100_000)) },
  { weight: 1, arbitrary: fc.constant('è'.repeat(5000) + '😀'.repeat(5000)) },
);
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('list'), tie('map')),
  list: fc.array(tie('v'), { maxLength: 4 }),
  map: fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 6 })), tie('v'), { maxKeys: 4 }),
})).v;

type DataOp =
  | { op: 'set'; path: number; value: unknown }
  | { op: 'delete'; path: number }
  | { op: 'rename'; path: number; key: string }
  | { op: 'add'; path: number; key: string; value: unknown };

const dataOp: fc.Arbitrary<DataOp> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('set' as const), path: pos, value }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), path: pos }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('rename' as const), path: pos, key: fc.constantFrom(...KEYS) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('add' as const), path: pos, key: fc.constantFrom(...KEYS), value }) },
);

function applyDataOp(root: unknown, o: DataOp): void {
  const paths = pathsOf(root);
  if (paths.length === 0) return;
  const path = paths[o.path % paths.length]!;
  let parent = root as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  switch (o.op) {
    case 'set': parent[last] = o.value; break;
    case 'delete':
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else delete parent[last];
      break;
    case 'rename':
      if (!Array.isArray(parent)) { const v = parent[last]; delete parent[last]; Object.defineProperty(parent, o.key, { value: v, enumerable: true, writable: true, configurable: true }); }
      break;
    case 'add': {
      const target = parent[last];
      if (target !== null && typeof target === 'object' && !Array.isArray(target)) {
        Object.defineProperty(target, o.key, { value: o.value, enumerable: true, writable: true, configurable: true });
      } else if (Array.isArray(target)) target.push(o.value);
      break;
    }
  }
}

const stringifyAs = fc.constantFrom('yaml', 'yaml-quoted', 'yaml-flow', 'json');

function stringify(data: unknown, how: string): string {
  switch (how) {
    case 'json': return JSON.stringify(data, null, 1);
    case 'yaml-quoted': return stringifyYaml(data, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' });
    case 'yaml-flow': return stringifyYaml(data, { collectionStyle: 'flow' });
    default: return stringifyYaml(data);
  }
}

// ---------------------------------------------------------------- (c) bytes

type ByteOp = { op: 'insert' | 'replace'; at: number; bytes: readonly number[] } | { op: 'prefix'; bytes: readonly number[] } | { op: 'truncate'; at: number };

const byteOp: fc.Arbitrary<ByteOp> = fc.oneof(
  fc.record({ op: fc.constantFrom('insert' as const, 'replace' as const), at: pos, bytes: fc.oneof(
    fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 4 }),
    fc.constantFrom([0xe0], [0xe8], [0xf9], [0xc3], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0x00], [0xff, 0xfe], [0xef, 0xbb, 0xbf], [0x0d], [0x92], [0x80]),
  ) }),
  fc.record({ op: fc.constant('prefix' as const), bytes: fc.constantFrom([0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], [0x00, 0x00, 0xfe, 0xff], [0x50, 0x4b, 0x03, 0x04]) }),
  fc.record({ op: fc.constant('truncate' as const), at: pos }),
);

function applyByteOp(buf: Buffer, o: ByteOp): Buffer {
  const i = buf.length === 0 ? 0 : ('at' in o ? o.at % (buf.length + 1) : 0);
  switch (o.op) {
    case 'insert': return Buffer.concat([buf.subarray(0, i), Buffer.from(o.bytes), buf.subarray(i)]);
    case 'replace': return Buffer.concat([buf.subarray(0, i), Buffer.from(o.bytes), buf.subarray(i + o.bytes.length)]);
    case 'prefix': return Buffer.concat([Buffer.from(o.bytes), buf]);
    case 'truncate': return buf.subarray(0, i);
  }
}

// ---------------------------------------------------------------- the properties

describe('reading a plan never crashes', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'piao-property-'));
  });
  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
    if (knownSeen.size) console.info(`known problems met (already reported):\n${[...knownSeen].map(([r, n]) => `  ${n} × ${r}`).join('\n')}`);
  });

  it('the trimmed example the mutations start from is valid', () => {
    expect(readAndCheck(EXAMPLE)).toBe('valid');
    expect(EXAMPLE.split('\n').length).toBeGreaterThan(300);
  });

  it.each(BASES)('(a) text mutations of $name: a valid plan or located Italian diagnostics', ({ text: base, runs }) => {
    const outcomes = { valid: 0, invalid: 0 };
    assertProperty(fc.array(textOp, { minLength: 1, maxLength: 4 }), (ops) => {
      const text = ops.reduce(applyTextOp, base);
      outcomes[readAndCheck(text)]++;
    }, runs.text);
    // Both outcomes occur: the mutations are neither all harmless nor all fatal.
    expect(outcomes.valid).toBeGreaterThan(runs.text / 20);
    expect(outcomes.invalid).toBeGreaterThan(runs.text / 3);
  });

  it.each(BASES)('(b) data mutations of $name: a valid plan or located Italian diagnostics', ({ text: base, runs }) => {
    const original = parseYaml(base) as unknown;
    const outcomes = { valid: 0, invalid: 0 };
    assertProperty(fc.tuple(fc.array(dataOp, { minLength: 1, maxLength: 3 }), stringifyAs), ([ops, how]) => {
      const data = structuredClone(original);
      for (const o of ops) applyDataOp(data, o);
      outcomes[readAndCheck(stringify(data, how))]++;
    }, runs.data);
    expect(outcomes.valid).toBeGreaterThan(runs.data / 20);
    expect(outcomes.invalid).toBeGreaterThan(runs.data / 3);
  });

  it('(c) byte mutations read from a file: a valid plan or located Italian diagnostics', () => {
    const bytes = Buffer.from(readFileSync(join(import.meta.dirname, 'fixtures/invalid/_valido.yaml')));
    let n = 0;
    assertProperty(fc.array(byteOp, { minLength: 1, maxLength: 3 }), (ops) => {
      const buf = ops.reduce(applyByteOp, bytes);
      const file = join(tmp, `p${n++}.yaml`);
      writeFileSync(file, buf);
      let diagnostics: Diagnostic[];
      let text: string | undefined;
      try {
        const loaded = loadPlan(file);
        text = loaded.source;
        diagnostics = runChecks(loaded).diagnostics;
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        diagnostics = e.diagnostics;
        expect(diagnostics.length).toBeGreaterThan(0);
        // Positions refer to the decoded text; when the bytes are not UTF-8 there is no text to compare with.
        text = diagnostics.every((d) => d.code.startsWith('file.')) ? undefined : new TextDecoder().decode(buf);
      }
      expectGood(diagnostics.map((d) => ({ ...d, file: d.file === file ? FILE : d.file })), text, 'loadPlan');
    }, 400);
  });
});
