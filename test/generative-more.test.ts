/**
 * The other half of the small plans of the generative test (test/generative.test.ts), with another
 * seed, in a file of its own so that vitest runs it beside the first half, on the other core. Replay a
 * failure with
 *   FC_SEED=<seed> npx vitest run --project unit test/generative-more.test.ts
 */
import { describe, it } from 'vitest';
import { RUNS, TIMEOUT_MS, assertPlans } from './helpers/generative.js';
import { SMALL } from './helpers/plan-arbitrary.js';

describe('every plan check accepts comes out whole, in every format (second half)', () => {
  it(`${Math.floor(RUNS.small / 2)} small plans`, async () => {
    await assertPlans(SMALL, Math.floor(RUNS.small / 2), 1, 'test/generative-more.test.ts');
  }, TIMEOUT_MS);
});
