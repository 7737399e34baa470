/**
 * What a command is (its usage, options and `run`), and the error for wrong usage: the
 * commands in `commands/` and the dispatcher in `run.ts` both depend on this module, and on
 * nothing of each other.
 */
import type { ParseArgsConfig } from 'node:util';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

/** Wrong usage of a command: exit code 2, with the command's usage. */
export class UsageError extends Error {}

export interface Command {
  /** The full usage text, in Italian. */
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Runs with parsed arguments; returns the exit code. Throws InputError (exit 1) or UsageError (exit 2). */
  run(values: Record<string, string | boolean | undefined>, positionals: string[], io: Io): Promise<number>;
}
