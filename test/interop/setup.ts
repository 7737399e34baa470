/**
 * Global setup of the interop suite: the bundles, published once by the real CLI (dist/, built by
 * the npm script): the example's, and a large synthetic plan's.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { bin } from '../helpers/cli.js';
import { EXAMPLE, INTEROP, LARGE, LARGE_PLAN, PUBLICATION } from '../helpers/interop.js';
// @ts-expect-error: the bench's generator is plain JavaScript
import { generateYaml } from '../../bench/generate.mjs';

export default function setup(): void {
  mkdirSync(INTEROP, { recursive: true });
  const publish = (plan: string, out: string) => {
    // Published afresh at each run: a publication already there keeps its approved revision's text.
    rmSync(out, { recursive: true, force: true });
    const r = bin(['publish', plan, '--out', out], { env: { TZ: 'Europe/Rome' } });
    if (r.status !== 0) throw new Error(`piao publish ${plan}: ${r.stderr}`);
  };
  publish(EXAMPLE, PUBLICATION);
  writeFileSync(LARGE_PLAN, generateYaml({ objectives: 700 }));
  publish(LARGE_PLAN, LARGE);
}
