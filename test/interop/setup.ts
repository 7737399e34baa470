/**
 * Global setup of the interop suite: the bundles, published once by the real CLI (dist/, built by
 * the npm script): the example's, and a large synthetic plan's.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { BIN, BUNDLE, EXAMPLE, INTEROP, LARGE, LARGE_PLAN } from '../helpers/interop.js';
// @ts-expect-error: the bench's generator is plain JavaScript
import { generateYaml } from '../../bench/generate.mjs';

export default function setup(): void {
  mkdirSync(INTEROP, { recursive: true });
  const env = { ...process.env, TZ: 'Europe/Rome' };
  execFileSync(process.execPath, [BIN, 'publish', EXAMPLE, '--out', BUNDLE], { stdio: 'pipe', env });
  writeFileSync(LARGE_PLAN, generateYaml({ objectives: 700 }));
  execFileSync(process.execPath, [BIN, 'publish', LARGE_PLAN, '--out', LARGE], { stdio: 'pipe', env });
}
