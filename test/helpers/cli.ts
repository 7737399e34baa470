/**
 * The command line, two ways: `cli` calls `run` in this process (fast: what most tests use);
 * `bin` runs the built `dist/bin.js` as a process of its own (`npm test` builds it first), for
 * what only a real process shows: exit status, the bundle and its precompiled templates, the
 * environment (time zone, locale, a preloaded module).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { run } from '../../src/cli/run.js';

export const ROOT = join(import.meta.dirname, '../..');
export const BIN = join(ROOT, 'dist/bin.js');
/** The built-in example. */
export const EXAMPLE = join(ROOT, 'data/casalmorano-2024.yaml');

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/** `piao <args>` in-process, with what it prints captured. */
export async function cli(args: string[]): Promise<CliResult> {
  let out = '';
  let err = '';
  const code = await run(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

export interface BinOptions {
  /** Added to this process's environment. */
  env?: Record<string, string | undefined>;
  /** Node options before the script, e.g. `['--require', file]`. */
  nodeArgs?: string[];
  cwd?: string;
}

export interface BinResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `node dist/bin.js <args>` as a child process; throws only when the process could not be run. */
export function bin(args: string[], opts: BinOptions = {}): BinResult {
  const r = spawnSync(process.execPath, [...(opts.nodeArgs ?? []), BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...opts.env },
    cwd: opts.cwd,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
