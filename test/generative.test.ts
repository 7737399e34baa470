/**
 * Nothing is lost (issue 11): random valid plans covering the whole schema (test/helpers/plan-arbitrary.ts
 * derives them from src/plan/schema.ts), each written as YAML, checked and built with the CLI in-process.
 * For every plan:
 *   - `check` accepts it (the generator makes valid plans; a refusal is a generator bug or a check bug)
 *     and `build` agrees with `check`, with no "errore imprevisto";
 *   - the text of the DOCX, the PDF and the HTML contains every text of the plan a reader must find
 *     (each objective's title, description, phases, indicators, target and other rows; headings,
 *     names, the Markdown fields as rendered), in document order;
 *   - the three texts are the same.
 * Two sizes: many small plans (several settori, servizi, gruppi, Segretario or not, every optional field
 * present and absent) and a few large ones (up to 80 phases and 80 indicators, texts up to 20,000
 * characters, words up to 2,000). A last test checks the generator itself: that the plans covered every
 * optional field of the schema both present and absent.
 *
 * The small plans are shared with test/generative-more.test.ts and the large ones run in
 * test/generative-large.test.ts: vitest runs the files side by side, one per core. The seed is
 * fixed (override with FC_SEED=…; runs with GEN_RUNS_SMALL / GEN_RUNS_LARGE, see test/helpers/generative.ts). On failure the
 * report gives the seed, fast-check's replay path, the error and the YAML of the smallest failing plan
 * found (also written to a file whose path is printed): replay with
 *   FC_SEED=<seed> npx vitest run --project unit test/generative.test.ts
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { Piano } from '../src/plan/schema.js';
import { RUNS, TIMEOUT_MS, assertPlans, coverageGaps, seen } from './helpers/generative.js';
import { SMALL } from './helpers/plan-arbitrary.js';

describe('every plan check accepts comes out whole, in every format', () => {
  it(`${Math.ceil(RUNS.small / 2)} small plans (the other half in generative-more.test.ts)`, async () => {
    await assertPlans(SMALL, Math.ceil(RUNS.small / 2));
  }, TIMEOUT_MS);

  it('the generator covers the schema: every optional field both present and absent', () => {
    if (seen.length < 100) return; // too few plans (a short run) to ask for coverage; the 140 of this file are enough
    expect(coverageGaps(Piano as unknown as z.ZodType, seen)).toEqual([]);
  });
});
