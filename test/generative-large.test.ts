/**
 * The generative test (test/generative.test.ts) on large plans: few objectives, but each with up to 80
 * phases and 80 indicators, descriptions and targets up to 20,000 characters, words up to 2,000. A file
 * of its own so that vitest runs it beside the small plans, on the other core. Replay a failure with
 *   FC_SEED=<seed> npx vitest run --project unit test/generative-large.test.ts
 */
import { describe, it } from 'vitest';
import { RUNS, TIMEOUT_MS, assertPlans } from './helpers/generative.js';
import { LARGE } from './helpers/plan-arbitrary.js';

describe('every large plan check accepts comes out whole, in every format', () => {
  it(`${RUNS.large} large plans`, async () => {
    await assertPlans(LARGE, RUNS.large);
  }, TIMEOUT_MS);
});
