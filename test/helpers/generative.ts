/**
 * The generative test's machinery (test/generative*.test.ts): one plan checked and built with the CLI
 * in-process and its documents read back; fast-check run with a fixed seed and a readable report; a
 * survey mode for developers; the schema coverage of the generated plans.
 *
 * Environment: FC_SEED (default fixed), GEN_RUNS_SMALL / GEN_RUNS_LARGE (plans per property),
 * GEN_SHRINK_MS (time fast-check may spend shrinking a failure; then it reports the smallest failing plan
 * found), GEN_SURVEY=1 (run all plans and list every kind of failure), GEN_SCRIPTS=latin1 (see
 * plan-arbitrary.ts), GEN_TIMING=1 (time spent in check, build and extraction).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify as toYaml } from 'yaml';
import { afterAll } from 'vitest';
import type { z } from 'zod';
import { Piano } from '../../src/plan/schema.js';
import { cli } from './cli.js';
import { docxText, firstDifference, htmlText } from './extract.js';
import { pdfBodyText, theadTexts } from './pdf-body.js';
import { planArbitrary, type Profile } from './plan-arbitrary.js';
import { bare, canonical, missingNeedles, planNeedles } from './plan-content.js';

export const SEED = Number(process.env.FC_SEED ?? 20241101);
/**
 * Plans per run, the small ones in two files of half each (test/generative*.test.ts), one per core.
 * `npm test` checks a sample (40 small, 4 large: ~15 s); `npm run test:generative`, which CI runs,
 * the full 280 + 20 (about a minute and a half on two cores).
 */
export const RUNS = { small: Number(process.env.GEN_RUNS_SMALL ?? 40), large: Number(process.env.GEN_RUNS_LARGE ?? 4) };
/** How long fast-check may spend shrinking a failure (each step is a build) before reporting the smallest plan found. */
const SHRINK_BUDGET_MS = Number(process.env.GEN_SHRINK_MS ?? 60_000);
/** The tests' timeout: generous, so that a slow machine runs every plan rather than fewer. */
export const TIMEOUT_MS = 900_000;

const work = mkdtempSync(join(tmpdir(), 'piao-generative-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Json = Record<string, unknown>;
/** Every plan generated, for the coverage test. */
export const seen: Json[] = [];
let counter = 0;
const timing = { check: 0, build: 0, extract: 0, n: 0 };
afterAll(() => { if (process.env.GEN_TIMING) console.log(timing); });

/** Check and build one plan; throw (with a readable message) on the first broken promise. */
export async function checkAndBuild(plan: Json): Promise<void> {
  seen.push(plan);
  const parsed = Piano.safeParse(plan);
  if (!parsed.success) throw new Error(`BUG DEL GENERATORE (piano non valido per lo schema): ${parsed.error.message.slice(0, 2000)}`);

  const dir = join(work, String(counter++));
  mkdirSync(dir);
  try {
    const file = join(dir, 'piano.yaml');
    writeFileSync(file, toYaml(plan));
    const t0 = performance.now();
    const checked = await cli(['check', file]);
    const t1 = performance.now();
    const built = await cli(['build', file, '--out', join(dir, 'out')]);
    const t2 = performance.now();
    for (const [cmd, r] of [['check', checked], ['build', built]] as const) {
      if (/errore imprevisto/.test(r.err)) throw new Error(`${cmd}: errore imprevisto\n${r.err.slice(0, 2000)}`);
    }
    if ((checked.code === 0) !== (built.code === 0)) {
      throw new Error(`check e build non concordano: check ${checked.code}, build ${built.code}: ${built.err.split('\n')[0]}\n${built.err.slice(0, 3000)}`);
    }
    if (checked.code !== 0) throw new Error(`check rifiuta un piano valido (bug del generatore o di check): exit ${checked.code}\n${(checked.out + checked.err).slice(0, 3000)}`);

    const out = join(dir, 'out');
    const html = readFileSync(join(out, 'piano.html'), 'utf8');
    const texts = {
      docx: canonical(docxText(readFileSync(join(out, 'piano.docx')))),
      // Header rows repeated at the top of a page by a card taller than a page are left out.
      pdf: canonical(await pdfBodyText(readFileSync(join(out, 'piano.pdf')), theadTexts(html))),
      html: canonical(htmlText(html)),
    };
    const t3 = performance.now();
    timing.check += t1 - t0; timing.build += t2 - t1; timing.extract += t3 - t2; timing.n++;
    const needles = planNeedles(plan);
    const problems: string[] = [];
    for (const format of ['docx', 'pdf', 'html'] as const) {
      for (const m of missingNeedles(texts[format], needles).slice(0, 5)) {
        problems.push(`${format}: ${m.how} ${m.needle.where} «${m.needle.text.slice(0, 120)}${m.needle.text.length > 120 ? '…' : ''}»`);
      }
    }
    const pdfHtml = firstDifference(bare(texts.pdf), bare(texts.html));
    const docxHtml = firstDifference(bare(texts.docx), bare(texts.html));
    if (pdfHtml) problems.push(`pdf ≠ html ${pdfHtml}`);
    if (docxHtml) problems.push(`docx ≠ html ${docxHtml}`);
    if (problems.length) throw new Error(problems.join('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A developer's aid (GEN_SURVEY=1): run every plan without stopping at the first failure, group the
 * failures by kind (the problem lines with texts and indices blanked) and print, for each kind, how many
 * plans showed it and the shortest of them as YAML. One failing property shows one bug; this shows them all.
 */
async function surveyPlans(profile: Profile, numRuns: number, seed: number): Promise<void> {
  const kinds = new Map<string, { count: number; yaml: string; message: string }>();
  await fc.check(fc.asyncProperty(planArbitrary(profile), async (plan) => {
    try {
      await checkAndBuild(plan);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const yaml = toYaml(plan);
      const lines = message.split('\n').filter((l) => /^(pdf|docx|html|check|build|BUG)/.test(l));
      for (const key of new Set(lines.map((l) => l.replace(/«[^»]*»?/g, '«…»').replace(/\[\d+\]/g, '[]').replace(/ at \d+:.*/, '').slice(0, 160)))) {
        const k = kinds.get(key);
        if (!k) kinds.set(key, { count: 1, yaml, message });
        else { k.count++; if (yaml.length < k.yaml.length) Object.assign(k, { yaml, message }); }
      }
    }
  }), { seed, numRuns });
  const folder = join(tmpdir(), `piao-survey-${profile.name}-${seed}`);
  mkdirSync(folder, { recursive: true });
  [...kinds].sort((a, b) => b[1].count - a[1].count).forEach(([key, k], i) => {
    writeFileSync(join(folder, `${i}.yaml`), k.yaml);
    console.log(`\n=== ${k.count} × ${key}\n${k.message.slice(0, 1500)}\n--- piano: ${join(folder, `${i}.yaml`)} (${k.yaml.length} caratteri)\n${k.yaml.slice(0, 3000)}`);
  });
}

/** fc.check with the fixed seed; on failure, a report with the seed, the path and the counterexample's YAML. */
/**
 * `offset`: each test file of one profile adds its own to the seed, so that files running side by
 * side (one per core) check different plans; `file`, the test file, for the replay command.
 */
export async function assertPlans(profile: Profile, numRuns: number, offset = 0, file = profile.file): Promise<void> {
  const seed = SEED + offset;
  if (process.env.GEN_SURVEY) return surveyPlans(profile, numRuns, seed);
  // Shrinking builds plan after plan: past its budget, every further candidate is let pass, so that
  // fast-check ends with the smallest failing plan found so far (a real failure, merely less shrunk).
  let failedAt: number | undefined;
  let budgetSpent = false;
  const details = await fc.check(fc.asyncProperty(planArbitrary(profile), async (plan) => {
    if (failedAt !== undefined && performance.now() - failedAt > SHRINK_BUDGET_MS) {
      budgetSpent = true;
      return;
    }
    try {
      await checkAndBuild(plan);
    } catch (e) {
      failedAt ??= performance.now();
      throw e;
    }
  }), { seed, numRuns });
  if (!details.failed) return;
  const plan = (details.counterexample as [Json] | null)?.[0];
  const yaml = plan === undefined ? '(nessun controesempio)' : toYaml(plan);
  const saved = join(tmpdir(), `piao-generative-${profile.name}-${seed}.yaml`);
  if (plan !== undefined) writeFileSync(saved, yaml);
  const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  throw new Error(
    `piani ${profile.name}: fallito dopo ${details.numRuns} piani e ${details.numShrinks} riduzioni${budgetSpent ? ` (riduzione fermata dopo ${SHRINK_BUDGET_MS / 1000} s)` : ''}\n` +
      `seed ${seed}, path "${details.counterexamplePath}": replay con FC_SEED=${SEED} npx vitest run --project unit ${file}\n` +
      `errore:\n${error}\n` +
      `piano minimo trovato (anche in ${saved}):\n${yaml.length > 6000 ? `${yaml.slice(0, 6000)}\n… (${yaml.length} caratteri)` : yaml}`,
  );
}

// ------------------------------------------------------------------------------------ coverage

type Def = { type: string; [k: string]: unknown };
export type { Json };
const defOf = (s: z.ZodType): Def => (s as unknown as { def: Def }).def;

/**
 * The optional keys of the schema (walked from its zod definition, so new fields count), each with
 * whether some generated object had it and some lacked it. Lists as "path: presente|assente".
 */
export function coverageGaps(schema: z.ZodType, plans: Json[]): string[] {
  const present = new Map<string, boolean[]>();
  const note = (path: string, has: boolean) => {
    const v = present.get(path) ?? [false, false];
    v[has ? 0 : 1] = true;
    present.set(path, v);
  };
  const visit = (s: z.ZodType, value: unknown, path: string) => {
    const def = defOf(s);
    switch (def.type) {
      case 'optional': case 'default': case 'nullable':
        if (value !== undefined && value !== null) visit(def.innerType as z.ZodType, value, path);
        return;
      case 'object': {
        if (!value || typeof value !== 'object') return;
        for (const [k, v] of Object.entries(def.shape as Record<string, z.ZodType>)) {
          const t = defOf(v).type;
          if (t === 'optional' || t === 'default') note(`${path}.${k}`, k in (value as Json));
          visit(v, (value as Json)[k], `${path}.${k}`);
        }
        return;
      }
      case 'array':
        for (const x of Array.isArray(value) ? value : []) visit(def.element as z.ZodType, x, `${path}[]`);
        return;
      case 'record':
        for (const x of Object.values((value as Json) ?? {})) visit(def.valueType as z.ZodType, x, `${path}{}`);
        return;
      case 'union':
        // Visit with every option that is an object: their optional keys are noted where the value fits.
        for (const o of def.options as z.ZodType[]) if ((o as unknown as { safeParse(v: unknown): { success: boolean } }).safeParse(value).success) visit(o, value, path);
        return;
      default:
    }
  };
  for (const p of plans) visit(schema, p, '');
  return [...present].flatMap(([path, [yes, no]]) => [...(yes ? [] : [`${path}: mai presente`]), ...(no ? [] : [`${path}: mai assente`])]);
}
