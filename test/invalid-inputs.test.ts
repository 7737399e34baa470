/**
 * Every bad input gets a located Italian message (issue #3).
 *
 * Each file in test/fixtures/invalid/ is the minimal valid plan (`_valido.yaml`, checked below to pass) with one
 * mistake a real user could make, explained in its first line. For every fixture, `piao check`, `piao check --json`
 * and `piao build` are run in-process and must: exit 1; print the diagnostic at its place as `file:line:col` with
 * its `[code]`; speak Italian (no English, no "undefined"/"NaN"/"[object Object]", no stack trace); write no file.
 *
 * expected.json, for each fixture (convention):
 * - `code`: the diagnostic that must be reported; the test looks at the FIRST diagnostic with this code, in the
 *   order the tool prints them (other diagnostics may come before it, e.g. at the same place);
 * - `line`, `col`: where that diagnostic must point, decided by reading the file, not by running the tool:
 *   the first character of the offending key or value; for a missing closing quote or bracket, the end of the
 *   line where it was opened (where the closing character belongs); for a missing field, the start of the group of
 *   fields it belongs in; for an empty value, just after the colon; for problems of the whole file (empty, binary,
 *   UTF-16, too large), 1:1;
 * - `messaggio`, `suggerimento` (optional): a regular expression the message / the hint must match to be helpful;
 * - `generato`: the file is written by this test into a temporary folder (the 20 MB file is not committed).
 *
 * KNOWN_WRONG lists what the tool gets wrong today, per fixture and per aspect (esito, posizione, messaggio): those
 * tests are `it.todo` with the reason, and the expectation in expected.json stays the correct one. When the source
 * is fixed, remove the entry.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, type CliResult } from './helpers/cli.js';

const DIR = join(import.meta.dirname, 'fixtures/invalid');

interface Expected {
  code: string;
  line: number;
  col: number;
  messaggio?: string;
  suggerimento?: string;
  generato?: boolean;
}

type Aspect = 'esito' | 'posizione' | 'messaggio';

const EXPECTED = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as Record<string, Expected>;

/** What the tool gets wrong today (see the header): the correct expectation stays in expected.json. */
const KNOWN_WRONG: Record<string, Partial<Record<Aspect, string>>> = {};

interface JsonDiagnostic {
  severity: string;
  code: string;
  line: number;
  col: number;
  message: string;
  hint?: string;
  path: string;
}

interface Outcome {
  file: string;
  check: CliResult;
  json: CliResult;
  build: CliResult;
  outDir: string;
}

let tmp: string;
const outcomes = new Map<string, Promise<Outcome>>();

function pathOf(name: string): string {
  return EXPECTED[name]?.generato ? join(tmp, name) : join(DIR, name);
}

/** Runs check, check --json and build once per fixture (the tests of a fixture share the outcome). */
function outcome(name: string): Promise<Outcome> {
  let p = outcomes.get(name);
  if (!p) {
    p = (async () => {
      const file = pathOf(name);
      const outDir = join(tmp, 'out', name.replace(/[^a-z0-9-]/gi, '_'));
      const check = await cli(['check', file]);
      const json = await cli(['check', file, '--json']);
      const build = await cli(['build', file, '--out', outDir]);
      return { file, check, json, build, outDir };
    })();
    outcomes.set(name, p);
  }
  return p;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** English words that betray a message passed through from a library. */
const ENGLISH = /\b(Expected|expected|Invalid|invalid|Unexpected|unexpected|Received|received|Required|required|Unrecognized|Source|please|must|should|cannot|Unresolved|Excessive|Nested|Missing|missing|Implicit|allowed)\b/;
/** Programming leftovers no user should see. */
const GARBAGE = /undefined|NaN|\[object Object\]|^\s+at |\b\w*Error\b|errore imprevisto/m;
/** At least one Italian word. */
const ITALIAN = /(^|[\s(«"'])(il|la|lo|le|un|una|di|del|della|non|è|in|e|o|serve|manca|usa|per|con|nel|nessun|trovato|chiav[ei]|sconosciut[ao]|file|valore|testo|forse|intendevi|aggiungi\w*|ammess[ei]|viene|dopo)($|[\s,.:;?)»"'])/i;

function expectItalian(text: string, what: string): void {
  expect(text.trim(), `${what} vuoto`).not.toBe('');
  expect(text, `${what} non italiano: ${text}`).not.toMatch(ENGLISH);
  expect(text, `${what} con residui di programma: ${text}`).not.toMatch(GARBAGE);
  expect(text, `${what} senza parole italiane: ${text}`).toMatch(ITALIAN);
}

function diagnosticsOf(o: Outcome): { valido: boolean; diagnostica: JsonDiagnostic[] } {
  return JSON.parse(o.json.out) as { valido: boolean; diagnostica: JsonDiagnostic[] };
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'piao-invalid-'));
  // A valid-looking plan repeated past 20 MB: refused before being read.
  const big = join(tmp, 'file-troppo-grande.yaml');
  const base = readFileSync(join(DIR, '_valido.yaml'), 'utf8');
  const line = "  Testo dell'introduzione ripetuto per riempire il file oltre i venti megabyte.\n";
  writeFileSync(big, `${base}introduzione: |\n${line.repeat(Math.ceil((21 * 1024 * 1024) / line.length))}`);
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('fixtures', () => {
  it('every fixture has an expectation and every expectation a fixture', () => {
    const files = readdirSync(DIR).filter((f) => f !== 'expected.json' && !f.startsWith('_')).sort();
    const committed = Object.entries(EXPECTED).filter(([, e]) => !e.generato).map(([n]) => n).sort();
    expect(files).toEqual(committed);
    expect(Object.keys(EXPECTED).length).toBeGreaterThanOrEqual(40);
    for (const name of Object.keys(KNOWN_WRONG)) expect(EXPECTED, `KNOWN_WRONG: ${name}`).toHaveProperty([name]);
  });

  it('the minimal plan they start from is valid', async () => {
    const r = await cli(['check', join(DIR, '_valido.yaml')]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('Nessun problema trovato.');
  });
});

describe.each(Object.keys(EXPECTED))('%s', (name) => {
  const e = EXPECTED[name]!;
  const known = KNOWN_WRONG[name] ?? {};
  const test = (aspect: Aspect, title: string, fn: () => Promise<void>) =>
    known[aspect] ? it.todo(`${title} — NOTO: ${known[aspect]}`) : it(title, fn);

  test('esito', 'check and build exit 1, no crash, JSON valido: false, no file written', async () => {
    const o = await outcome(name);
    expect(o.check.code, o.check.out + o.check.err).toBe(1);
    expect(o.json.code).toBe(1);
    expect(o.build.code, o.build.out + o.build.err).toBe(1);
    for (const r of [o.check, o.json, o.build]) {
      expect(r.err).not.toMatch(/^\s+at /m);
      expect(r.err).not.toContain('errore imprevisto');
    }
    const j = diagnosticsOf(o);
    expect(j.valido).toBe(false);
    expect(j.diagnostica.some((d) => d.severity === 'errore')).toBe(true);
    expect(!existsSync(o.outDir) || readdirSync(o.outDir, { recursive: true }).length === 0, `scritto in ${o.outDir}`).toBe(true);
    expect(o.build.err).toContain('nessun file è stato scritto');
  });

  test('posizione', `[${e.code}] at ${e.line}:${e.col}`, async () => {
    const o = await outcome(name);
    const j = diagnosticsOf(o);
    const d = j.diagnostica.find((x) => x.code === e.code);
    const all = j.diagnostica.map((x) => `${x.line}:${x.col} [${x.code}]`).join(', ');
    expect(d, `nessuna diagnostica [${e.code}]; trovate: ${all}`).toBeDefined();
    expect({ line: d!.line, col: d!.col }, `trovate: ${all}`).toEqual({ line: e.line, col: e.col });
    // The human report of check and the error list of build show the place and the code on one line.
    const place = new RegExp(`${escape(o.file)}:${e.line}:${e.col}(?!\\d).*\\[${escape(e.code)}\\]`);
    expect(o.check.err).toMatch(place);
    expect(o.build.err).toMatch(place);
  });

  test('messaggio', 'message and hint in Italian, helpful', async () => {
    const o = await outcome(name);
    const j = diagnosticsOf(o);
    for (const d of j.diagnostica) {
      expectItalian(d.message, `messaggio [${d.code}]`);
      if (d.hint !== undefined) expectItalian(d.hint, `suggerimento [${d.code}]`);
    }
    const d = j.diagnostica.find((x) => x.code === e.code) ?? j.diagnostica[0]!;
    if (e.messaggio) expect(d.message).toMatch(new RegExp(e.messaggio, 'i'));
    if (e.suggerimento) expect(d.hint ?? '').toMatch(new RegExp(escape(e.suggerimento)));
    // What the user reads on the terminal, without the file's own name (the fixtures folder is called "invalid").
    for (const text of [o.check.err, o.build.err]) {
      const shown = text.replaceAll(o.file, 'FILE').replace(/\[[a-z0-9.-]+\]/g, '[codice]');
      expect(shown).not.toMatch(GARBAGE);
      expect(shown.split('\n').filter((l) => ENGLISH.test(l) && !/^\s+\d+ \| /.test(l))).toEqual([]);
    }
  });
});
