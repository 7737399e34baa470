#!/usr/bin/env node
/** Entry point of the `piao` command: runs the CLI and sets the exit code. */
import { run } from './cli.js';

process.exitCode = await run(process.argv.slice(2));
