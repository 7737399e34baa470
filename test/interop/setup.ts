/** Global setup of the interop suite: the bundle, published once by the real CLI (dist/, built by the npm script). */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { BIN, BUNDLE, EXAMPLE, INTEROP } from '../helpers/interop.js';

export default function setup(): void {
  mkdirSync(INTEROP, { recursive: true });
  execFileSync(process.execPath, [BIN, 'publish', EXAMPLE, '--out', BUNDLE], { stdio: 'pipe', env: { ...process.env, TZ: 'Europe/Rome' } });
}
